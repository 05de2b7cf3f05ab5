//===- TypeMatcher.cpp - Address-taken functions by the type of a call ----===//

#include "stackbudget/TypeMatcher.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

using namespace llvm;

namespace stackbudget {

TypeMatcher TypeMatcher::build(
    const ReadResult &In, function_ref<TargetRef(StringRef, StringRef)> RefIn,
    bool TrustObjectsWithoutFacts, bool ExportsErased) {
  TypeMatcher M;
  std::map<TargetRef, uint32_t> &Index = M.Index;
  auto Add = [&](TargetRef Ref, uint32_t Sig, std::optional<uint32_t> CType,
                 bool Unanalyzed, bool OnlyExported) {
    auto [It, New] = Index.try_emplace(Ref, M.Functions.size());
    if (New) {
      M.Functions.emplace_back();
      M.Functions.back().Ref = std::move(Ref);
      M.Functions.back().Sig = Sig;
    }
    Taken &T = M.Functions[It->second];
    // An address taken without a C type (an unprototyped declaration, an
    // assembly symbol, a TU whose casts nobody saw) may be called as any.
    if (!CType || Unanalyzed)
      T.Opaque = true;
    bool ExportOnly = OnlyExported && ExportsErased;
    T.ExportOnly = New ? ExportOnly : T.ExportOnly && ExportOnly;
    if (CType)
      T.CTypes.push_back(*CType);
  };

  // Conversions of function-pointer values between C types, and to types
  // that are not function pointers (To empty).
  std::map<uint32_t, std::set<std::optional<uint32_t>>> ValueConversions;
  std::vector<std::pair<TargetRef, std::optional<uint32_t>>> FnConversions;
  std::set<uint32_t> Reinterpreted;
  for (const ObjectFacts &O : In.Objects) {
    std::set<std::string> Unanalyzed;
    for (const ModuleFacts &Mod : O.Modules) {
      if (!Mod.Conversions) {
        // Its conversions back from void * are not seen either.
        M.AllReinterpreted = true;
        Unanalyzed.insert(Mod.TU);
        continue;
      }
      for (const TypeConversion &C : *Mod.Conversions) {
        if (!C.Function.empty())
          FnConversions.push_back({RefIn(Mod.TU, C.Function), C.ToType});
        else if (C.FromType)
          ValueConversions[*C.FromType].insert(C.ToType);
        else if (C.ToType)
          Reinterpreted.insert(*C.ToType);
      }
    }
    for (const FunctionFacts &F : O.Functions)
      if (F.AddressTaken)
        Add(RefIn(F.TU, F.Name), F.SignatureId, F.CTypeId,
            Unanalyzed.count(F.TU) != 0, F.AddressOnlyExported);
    for (const ModuleFacts &Mod : O.Modules)
      for (const AddressTakenDecl &D : Mod.AddressTakenDecls)
        Add(RefIn(Mod.TU, D.Name), D.SignatureId, D.CTypeId,
            Unanalyzed.count(Mod.TU) != 0, /*OnlyExported=*/false);
  }
  // C built without the plugin may convert a void * back to anything; so
  // may assembly, unless trusted like its stores (IndirectResolver.h).
  for (const ObjectInventory &Inv : In.Inventory)
    if (!TrustObjectsWithoutFacts && !Inv.HasFactsSection &&
        !Inv.FunctionsWithoutFacts.empty())
      M.AllReinterpreted = true;

  for (const auto &[Ref, To] : FnConversions) {
    auto It = Index.find(Ref);
    if (It == Index.end())
      continue; // converted but never emitted: it cannot be called
    Taken &T = M.Functions[It->second];
    if (To)
      T.CTypes.push_back(*To);
    else
      T.Erased = true;
  }

  // Every type a value can be converted to, to a fixed point: from a
  // function's own types, and from the types a non-function value is
  // converted into.
  auto Close = [&](std::set<uint32_t> &Seen) {
    bool Erased = false;
    std::vector<uint32_t> Work(Seen.begin(), Seen.end());
    while (!Work.empty()) {
      uint32_t Ty = Work.back();
      Work.pop_back();
      auto It = ValueConversions.find(Ty);
      if (It == ValueConversions.end())
        continue;
      for (const std::optional<uint32_t> &To : It->second) {
        if (!To)
          Erased = true;
        else if (Seen.insert(*To).second)
          Work.push_back(*To);
      }
    }
    return Erased;
  };
  for (Taken &T : M.Functions) {
    std::set<uint32_t> Seen(T.CTypes.begin(), T.CTypes.end());
    if (Close(Seen))
      T.Erased = true;
    T.CTypes.assign(Seen.begin(), Seen.end());
  }
  Close(Reinterpreted);
  M.Reinterpreted.assign(Reinterpreted.begin(), Reinterpreted.end());

  for (uint32_t I = 0; I < M.Functions.size(); ++I) {
    Taken &T = M.Functions[I];
    if (T.Erased && M.AllReinterpreted)
      T.Opaque = true;
    M.BySig[T.Sig].push_back(I);
    if (T.Opaque)
      M.OpaqueBySig[T.Sig].push_back(I);
    else if (T.Erased)
      M.ErasedBySig[T.Sig].push_back(I);
    // Erased and opaque ones too: a type it was cast to may lower to
    // another signature than its own.
    for (uint32_t Ty : T.CTypes)
      if (!T.ExportOnly || T.Opaque || M.isReinterpreted(Ty))
        M.ByCType[Ty].push_back(I);
  }
  return M;
}

bool TypeMatcher::isReinterpreted(uint32_t CType) const {
  return AllReinterpreted || llvm::binary_search(Reinterpreted, CType);
}

std::vector<TargetRef> TypeMatcher::candidates(const CallFact &C) const {
  const CallDetails &D = C.details();
  std::vector<uint32_t> Found;
  auto Take = [&](const DenseMap<uint32_t, std::vector<uint32_t>> &Map,
                  uint32_t Key) {
    auto It = Map.find(Key);
    if (It != Map.end())
      append_range(Found, It->second);
  };
  if (!D.CTypeIds.empty()) {
    for (uint32_t Id : D.CTypeIds)
      Take(ByCType, Id);
    bool Reinterprets =
        any_of(D.CTypeIds, [&](uint32_t Id) { return isReinterpreted(Id); });
    for (uint32_t Sig : D.SignatureIds) {
      Take(OpaqueBySig, Sig);
      if (Reinterprets)
        Take(ErasedBySig, Sig);
    }
  } else {
    for (uint32_t Sig : D.SignatureIds)
      Take(BySig, Sig);
  }
  std::vector<TargetRef> Out;
  Out.reserve(Found.size());
  for (uint32_t I : Found)
    Out.push_back(Functions[I].Ref);
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

std::vector<TargetRef> TypeMatcher::candidatesOfType(uint32_t CType) const {
  std::vector<TargetRef> Out;
  if (auto It = ByCType.find(CType); It != ByCType.end())
    for (uint32_t I : It->second)
      Out.push_back(Functions[I].Ref);
  if (isReinterpreted(CType))
    for (const Taken &T : Functions)
      if (T.Erased && !T.Opaque)
        Out.push_back(T.Ref);
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

std::optional<std::vector<uint32_t>>
TypeMatcher::callTypesOf(const TargetRef &F,
                         const std::set<uint32_t> &UntypedCallSigs) const {
  auto It = Index.find(F);
  if (It == Index.end())
    return std::nullopt;
  const Taken &T = Functions[It->second];
  if (T.Opaque || UntypedCallSigs.count(T.Sig))
    return std::nullopt;
  if (!T.Erased)
    return T.CTypes;
  std::vector<uint32_t> Types;
  std::set_union(T.CTypes.begin(), T.CTypes.end(), Reinterpreted.begin(),
                 Reinterpreted.end(), std::back_inserter(Types));
  return Types;
}

static SmallVector<uint32_t, 4> sortedSignatures(const CallFact &C) {
  ArrayRef<uint32_t> Ids = C.details().SignatureIds;
  SmallVector<uint32_t, 4> Sigs(Ids.begin(), Ids.end());
  llvm::sort(Sigs);
  Sigs.erase(std::unique(Sigs.begin(), Sigs.end()), Sigs.end());
  return Sigs;
}

std::string TypeMatcher::key(const CallFact &C) {
  std::string Key;
  raw_string_ostream OS(Key);
  for (uint32_t Id : C.details().CTypeIds)
    OS << "ctype " << format_hex(Id, 10) << ' ';
  for (uint32_t S : sortedSignatures(C))
    OS << "signature " << format_hex(S, 10) << ' ';
  OS << "via " << C.details().Via;
  return Key;
}

std::string TypeMatcher::describe(const CallFact &C) {
  std::string Desc;
  raw_string_ostream OS(Desc);
  if (ArrayRef<uint32_t> Ids = C.details().CTypeIds; !Ids.empty()) {
    OS << (Ids.size() == 1 ? "C type" : "C types");
    ListSeparator Sep(",");
    for (uint32_t Id : Ids)
      OS << Sep << ' ' << format_hex(Id, 10);
    return Desc;
  }
  OS << "signature";
  ListSeparator Sep(",");
  for (uint32_t S : sortedSignatures(C))
    OS << Sep << ' ' << format_hex(S, 10);
  return Desc;
}

} // namespace stackbudget

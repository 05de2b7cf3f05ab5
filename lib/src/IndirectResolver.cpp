//===- IndirectResolver.cpp - The targets of every indirect call ----------===//

#include "stackbudget/IndirectResolver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace llvm;

namespace stackbudget {

const char *resolutionMethodName(ResolutionMethod M) {
  switch (M) {
  case ResolutionMethod::Annotation:
    return "annotation";
  case ResolutionMethod::StaticCall:
    return "static-call";
  case ResolutionMethod::Field:
    return "field";
  case ResolutionMethod::Type:
    return "type";
  }
  llvm_unreachable("bad resolution method");
}

namespace {

constexpr StringLiteral TrampolinePrefix = "__SCT__";
constexpr StringLiteral KeyPrefix = "__SCK__";

std::string where(const SourceLoc &L) {
  return L.File + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

std::string fieldName(const FieldRef &F) {
  if (!F.Name.empty())
    return F.Record + "::" + F.Name;
  return F.Record + "+" + std::to_string(F.Offset);
}

} // namespace

/// (TU, name) of every local function, to tell a `static` target from a
/// global one of the same name.
static std::set<std::pair<std::string, std::string>>
localFunctions(const ReadResult &In) {
  std::set<std::pair<std::string, std::string>> Out;
  for (const ObjectFacts &O : In.Objects)
    for (const FunctionFacts &F : O.Functions)
      if (F.Link == Linkage::Local)
        Out.insert({F.TU, F.Name});
  return Out;
}

TargetRef IndirectResolver::refIn(StringRef TU, StringRef Name) const {
  if (Locals.count({TU.str(), Name.str()}))
    return {Name.str(), TU.str()};
  return {Name.str(), ""};
}

Expected<IndirectResolver>
IndirectResolver::build(const ReadResult &In, const Annotations *A,
                        bool TrustObjectsWithoutFacts) {
  IndirectResolver R;
  R.In = &In;
  R.A = A;
  R.Locals = localFunctions(In);
  if (A)
    R.ExclusionUsed.assign(A->Exclusions.size(), false);

  R.Types = TypeMatcher::build(In, [&R](StringRef TU, StringRef Name) {
    return R.refIn(TU, Name);
  });
  bool AnyModule = false;
  R.FieldsComplete = true;
  for (const ObjectFacts &O : In.Objects) {
    for (const ModuleFacts &M : O.Modules) {
      AnyModule = true;
      for (const StaticCallFact &S : M.StaticCalls) {
        if (S.Key.empty()) {
          R.AllStaticCallsUnknown = S.Unknown + " (" + where(S.Loc) + ")";
          continue;
        }
        StaticKey &K = R.StaticCalls[S.Key];
        for (const std::string &T : S.Targets)
          K.Targets.insert(R.refIn(M.TU, T));
        if (!S.Unknown.empty() && K.Unknown.empty())
          K.Unknown = S.Unknown + (S.Loc.isValid() ? " at " + where(S.Loc)
                                                   : std::string());
        if (S.TrampolineSignature && K.TrampolineType.SignatureIds.empty()) {
          K.TrampolineType.CTypeId = S.TrampolineType;
          K.TrampolineType.SignatureIds = {S.TrampolineSignature};
        }
      }
      if (!M.Fields) {
        if (R.FieldsComplete)
          R.MissingFieldsTU = M.TU;
        R.FieldsComplete = false;
        continue;
      }
      for (const FieldStore &S : M.Fields->Stores)
        R.Stores[{S.Field.Record, S.Field.Offset}].insert(
            R.refIn(M.TU, S.Function));
      for (const FieldEscape &E : M.Fields->Escapes)
        R.Escaped.try_emplace(
            {E.Field.Record, E.Field.Offset},
            E.Reason + (E.Loc.isValid() ? " at " + where(E.Loc) : ""));
      for (const std::string &F : M.Fields->FreeFunctions)
        R.Free.insert(R.refIn(M.TU, F));
    }
  }
  // An object without any facts (C built without the plugin) may store
  // into fields too. Assembly inside objects that have facts is not
  // counted (docs/indirect-calls.md).
  for (const ObjectInventory &Inv : In.Inventory)
    if (!TrustObjectsWithoutFacts && !Inv.HasFactsSection &&
        !Inv.FunctionsWithoutFacts.empty() && R.FieldsComplete) {
      R.FieldsComplete = false;
      R.MissingFieldsTU = Inv.Origin;
    }
  if (!AnyModule)
    R.FieldsComplete = false;
  return std::move(R);
}

Expected<IndirectResolver>
IndirectResolver::build(const ReadResult &In, const Annotations *A,
                        const ResolverOptions &Opts) {
  Expected<IndirectResolver> R = build(In, A, Opts.TrustObjectsWithoutFacts);
  if (!R || !Opts.ClosedWorld)
    return R;
  if (!R->FieldsComplete) {
    std::string Msg = "closed world needs struct-field facts from every TU; ";
    if (R->MissingFieldsTU.empty())
      Msg += "no input has any facts";
    else if (llvm::any_of(In.Inventory, [&](const ObjectInventory &Inv) {
               return !Inv.HasFactsSection && Inv.Origin == R->MissingFieldsTU;
             }))
      Msg += "'" + R->MissingFieldsTU +
             "' has no facts at all (built without -fplugin=stackbudget.so? "
             "if it is assembly, --trust-objects-without-facts assumes it "
             "stores no function into a struct member)";
    else
      Msg += "'" + R->MissingFieldsTU +
             "' has none (built without -fplugin=stackbudget.so?)";
    return createStringError(inconvertibleErrorCode(), Msg);
  }
  R->ClosedWorld = true;
  return R;
}

std::optional<Resolution>
IndirectResolver::resolve(const FunctionFacts &Caller, const CallFact &C,
                          unsigned Ordinal, bool UseAnnotations,
                          bool UseFields) const {
  if (UseAnnotations && A) {
    const IndirectTargets *Found = nullptr;
    // A site named in its function beats a field or global named anywhere.
    for (const IndirectTargets &T : A->Indirect)
      if (!T.Function.empty() && T.Function == Caller.Name &&
          (T.TU.empty() || T.TU == Caller.TU) &&
          annotationMatchesCall(T, C, Ordinal)) {
        Found = &T;
        break;
      }
    if (!Found)
      for (const IndirectTargets &T : A->Indirect)
        if (T.Function.empty() && annotationMatchesCall(T, C, Ordinal)) {
          Found = &T;
          break;
        }
    if (Found) {
      Resolution R;
      R.Method = ResolutionMethod::Annotation;
      for (const std::string &Name : Found->Targets)
        R.Targets.push_back(refIn(Caller.TU, Name));
      llvm::sort(R.Targets);
      R.Key = "annotation " + where(Found->Loc) + " " + Caller.TU + " via " +
              C.Via;
      R.Description = "annotation at " + where(Found->Loc);
      return R;
    }
  }
  if (C.Kind != CallKind::Indirect)
    return std::nullopt;

  Resolution R;
  if (!UseFields) {
    R.FallbackReason = "struct-field refinement is off";
  } else if (!C.Field) {
    R.FallbackReason = "the callee is not loaded from a struct field";
  } else if (!FieldsComplete) {
    R.FallbackReason = "TU '" + MissingFieldsTU +
                       "' has no struct-field facts (built without the "
                       "front-end half of the plugin)";
  } else if (auto E = Escaped.find({C.Field->Record, C.Field->Offset});
             E != Escaped.end()) {
    R.FallbackReason =
        "field '" + fieldName(*C.Field) + "' escapes: " + E->second;
  } else {
    R.Method = ResolutionMethod::Field;
    std::set<TargetRef> Targets;
    auto S = Stores.find({C.Field->Record, C.Field->Offset});
    if (S != Stores.end())
      Targets = S->second;
    for (TargetRef &T : Types.candidates(C))
      if (Free.count(T))
        Targets.insert(std::move(T));
    R.Targets.assign(Targets.begin(), Targets.end());
    R.Key = "field " + C.Field->Record + "+" +
            std::to_string(C.Field->Offset) + " " + TypeMatcher::key(C);
    R.Description = "field '" + fieldName(*C.Field) + "'";
    return R;
  }
  R.Method = ResolutionMethod::Type;
  R.Targets = Types.candidates(C);
  R.Key = "type " + TypeMatcher::key(C);
  R.Description = TypeMatcher::describe(C);
  return R;
}

std::optional<Resolution>
IndirectResolver::resolveStaticCall(StringRef Callee, std::string *Why) const {
  if (!Callee.starts_with(TrampolinePrefix))
    return std::nullopt;
  std::string Key = (KeyPrefix + Callee.drop_front(TrampolinePrefix.size())).str();
  auto Fail = [&](std::string Reason) -> std::optional<Resolution> {
    if (Why)
      *Why = std::move(Reason);
    return std::nullopt;
  };
  if (!AllStaticCallsUnknown.empty())
    return Fail(AllStaticCallsUnknown);
  auto It = StaticCalls.find(Key);
  if (It == StaticCalls.end())
    return Fail("no TU defines the static call key '" + Key + "'");
  StringRef Name = Callee.drop_front(TrampolinePrefix.size());
  const StaticKey &K = It->second;
  if (!K.Unknown.empty()) {
    if (K.TrampolineType.SignatureIds.empty())
      return Fail(K.Unknown + "; no TU declares the trampoline's type");
    // Every target static_call_update installs has the trampoline's type
    // (the macro assigns it to a `typeof(&trampoline)` first).
    Resolution R;
    R.Method = ResolutionMethod::Type;
    std::set<TargetRef> Targets(K.Targets.begin(), K.Targets.end());
    for (TargetRef &T : Types.candidates(K.TrampolineType))
      Targets.insert(std::move(T));
    R.Targets.assign(Targets.begin(), Targets.end());
    R.Key = "static call " + Key + " " + TypeMatcher::key(K.TrampolineType);
    R.Description = "static call '" + Name.str() + "' (" + K.Unknown +
                    ") by " + TypeMatcher::describe(K.TrampolineType);
    R.FallbackReason = K.Unknown;
    return R;
  }
  Resolution R;
  R.Method = ResolutionMethod::StaticCall;
  R.Targets.assign(It->second.Targets.begin(), It->second.Targets.end());
  R.Key = "static call " + Key;
  R.Description = "static call '" + Name.str() + "'";
  return R;
}

bool IndirectResolver::isExcluded(StringRef Caller, StringRef Target) const {
  if (!A)
    return false;
  for (size_t I = 0; I < A->Exclusions.size(); ++I) {
    const Exclusion &E = A->Exclusions[I];
    if (E.To == Target && (E.From.empty() || E.From == Caller)) {
      ExclusionUsed[I] = true;
      return true;
    }
  }
  return false;
}

Error IndirectResolver::checkExclusions() const {
  if (!A)
    return Error::success();
  std::string Errors;
  for (size_t I = 0; I < A->Exclusions.size(); ++I) {
    if (ExclusionUsed[I])
      continue;
    const Exclusion &E = A->Exclusions[I];
    if (!Errors.empty())
      Errors += '\n';
    Errors += where(E.Loc) + ": error: stale annotation: no call " +
              (E.From.empty() ? std::string() : "from '" + E.From + "' ") +
              "to '" + E.To + "'";
  }
  if (Errors.empty())
    return Error::success();
  return createStringError(inconvertibleErrorCode(), Errors);
}

unsigned PrecisionFigures::percentile(double Fraction) const {
  if (PerSite.empty())
    return 0;
  std::vector<unsigned> Sorted = PerSite;
  llvm::sort(Sorted);
  size_t Rank = static_cast<size_t>(std::ceil(Fraction * Sorted.size()));
  return Sorted[std::min(Sorted.size(), std::max<size_t>(Rank, 1)) - 1];
}

IndirectResolverFn resolverCallback(const IndirectResolver &R) {
  return [&R](const FunctionFacts &Caller, const CallFact &C,
              unsigned Ordinal) -> std::optional<ResolvedTargets> {
    std::optional<Resolution> Found;
    if (C.Kind == CallKind::Direct)
      Found = R.resolveStaticCall(C.Callee);
    else
      Found = R.resolve(Caller, C, Ordinal);
    if (!Found)
      return std::nullopt;
    ResolvedTargets T;
    for (const TargetRef &Ref : Found->Targets)
      T.Targets.push_back({Ref.Name, Ref.TU});
    T.Key = Found->Key;
    T.Description = Found->Description;
    T.ByType = Found->Method == ResolutionMethod::Type;
    // Every TU's stores, address-taken functions and static-call updates
    // are known: nothing can be called here. An annotation's empty set is
    // the user's word, not a fact of the program.
    T.NoTargetInProgram = R.closedWorld() && Found->Targets.empty() &&
                          Found->Method != ResolutionMethod::Annotation;
    return T;
  };
}

IndirectResolver::Figures IndirectResolver::precision() const {
  Figures Out;
  auto Count = [](PrecisionFigures &P, size_t N) {
    P.PerSite.push_back(N);
    ++P.Sites;
    P.Empty += N == 0;
    P.TotalCandidates += N;
    P.MaxCandidates = std::max<unsigned>(P.MaxCandidates, N);
  };
  for (const ObjectFacts &O : In->Objects)
    for (const FunctionFacts &F : O.Functions) {
      unsigned Ordinal = 0;
      for (const CallFact &C : F.Calls) {
        if (!isUnresolvedCall(C))
          continue;
        if (C.Kind == CallKind::Indirect) {
          Count(Out.Type, Types.candidates(C).size());
          Count(Out.Field, resolve(F, C, Ordinal, false, true)->Targets.size());
          Count(Out.Annotated,
                resolve(F, C, Ordinal, true, true)->Targets.size());
        }
        ++Ordinal;
      }
    }
  return Out;
}

} // namespace stackbudget

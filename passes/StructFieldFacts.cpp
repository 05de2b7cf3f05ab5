//===- StructFieldFacts.cpp - Which struct field holds which function -----===//

#include "StructFieldFacts.h"
#include "CTypeFacts.h"
#include "StaticCallFacts.h"
#include "SymbolName.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GetElementPtrTypeIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Mangler.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"

#include <array>
#include <set>

using namespace llvm;

namespace stackbudget {

static constexpr StringLiteral CallFieldMD = "stackbudget.field";
static constexpr StringLiteral ModuleFieldsMD = "stackbudget.fields";
static constexpr StringLiteral CallParamMD = "stackbudget.param";

std::string fieldRecordName(StringRef IRName) {
  if (!IRName.consume_front("struct."))
    return ""; // unions (type punning) and literal structs are not refined
  // LLVM renames a second type of the same name "foo.1"; C names have no dot.
  StringRef Base = IRName.split('.').first;
  if (Base.empty() || Base == "anon")
    return "";
  return Base.str();
}

namespace {

/// Whether \p ST is an unnamed struct or union (`%struct.anon`,
/// `%union.anon`), which a named struct's member may be.
bool isUnnamedRecord(const StructType *ST) {
  if (!ST->hasName())
    return true;
  StringRef Name = ST->getName();
  return (Name.consume_front("struct.") || Name.consume_front("union.")) &&
         Name.split('.').first == "anon";
}

/// The field \p Ptr points to when it is a GEP with constant member indices
/// whose last struct step lands on a pointer member of a named struct, or
/// on a member of an unnamed struct or union nested in one (an anonymous
/// union: then the front end must know the member, \p KnownNested).
std::optional<FieldRef>
fieldOfAddress(const Value *Ptr, const DataLayout &DL,
               function_ref<bool(const FieldRef &)> KnownNested) {
  const auto *GEP = dyn_cast<GEPOperator>(Ptr);
  if (!GEP)
    return std::nullopt;
  StructType *Named = nullptr;
  uint64_t Offset = 0;
  bool AfterStruct = false, Nested = false;
  bool First = true;
  for (gep_type_iterator It = gep_type_begin(GEP), E = gep_type_end(GEP);
       It != E; ++It) {
    if (First) {
      First = false;
      continue; // the first index steps over whole objects
    }
    const auto *Idx = dyn_cast<ConstantInt>(It.getOperand());
    if (!Idx)
      return std::nullopt;
    if (StructType *ST = It.getStructTypeOrNull()) {
      uint64_t At =
          DL.getStructLayout(ST)->getElementOffset(Idx->getZExtValue());
      if (Named && AfterStruct && isUnnamedRecord(ST)) {
        Offset += At;
        Nested = true;
      } else {
        Named = ST;
        Offset = At;
        Nested = false;
      }
      AfterStruct = true;
      continue;
    }
    // An array or vector step after the member: an element of an array of
    // function pointers, not refined.
    AfterStruct = false;
  }
  if (!Named || !AfterStruct || !Named->hasName())
    return std::nullopt;
  Type *Result = GEP->getResultElementType();
  if (!Result->isPointerTy()) {
    // A member of an anonymous union is at its start.
    auto *U = dyn_cast<StructType>(Result);
    if (!U || !isUnnamedRecord(U))
      return std::nullopt;
    Nested = true;
  }
  std::string Record = fieldRecordName(Named->getName());
  if (Record.empty())
    return std::nullopt;
  FieldRef F{std::move(Record), Offset, ""};
  if (Nested && !KnownNested(F))
    return std::nullopt;
  return F;
}

/// The field \p Ptr points to when it is a constant offset into a global
/// of a named struct type: clang folds `x86_init.timers.setup()` into
/// `load (getelementptr i8, @x86_init, 56)`, whose struct is gone, but the
/// global's own type still lays it out. Only named structs are walked
/// (never a union, nor the literal struct of a padded initializer, which
/// may stand for one).
std::optional<FieldRef> fieldOfGlobalOffset(const Value *Ptr,
                                            const DataLayout &DL) {
  APInt Offset(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
  const Value *Base = Ptr->stripAndAccumulateConstantOffsets(
      DL, Offset, /*AllowNonInbounds=*/true);
  const auto *GV = dyn_cast<GlobalVariable>(Base);
  if (!GV || Offset.isNegative())
    return std::nullopt;
  uint64_t Off = Offset.getZExtValue();
  Type *T = GV->getValueType();
  StructType *Record = nullptr;
  uint64_t RecordOffset = 0;
  while (!T->isPointerTy()) {
    if (auto *ST = dyn_cast<StructType>(T)) {
      if (ST->isOpaque() || !ST->hasName() ||
          fieldRecordName(ST->getName()).empty())
        return std::nullopt;
      const StructLayout *SL = DL.getStructLayout(ST);
      if (Off >= SL->getSizeInBytes())
        return std::nullopt;
      Record = ST;
      RecordOffset = Off;
      unsigned I = SL->getElementContainingOffset(Off);
      Off -= SL->getElementOffset(I);
      T = ST->getElementType(I);
    } else if (auto *AT = dyn_cast<ArrayType>(T)) {
      uint64_t Size = DL.getTypeAllocSize(AT->getElementType());
      if (!Size)
        return std::nullopt;
      Off %= Size;
      T = AT->getElementType();
      // An element of an array of pointers is not a member.
      Record = nullptr;
    } else {
      return std::nullopt;
    }
  }
  if (!Record || Off != 0)
    return std::nullopt;
  return FieldRef{fieldRecordName(Record->getName()), RecordOffset, ""};
}

MDString *str(LLVMContext &Ctx, StringRef S) { return MDString::get(Ctx, S); }

Metadata *u64(LLVMContext &Ctx, uint64_t V) {
  return ConstantAsMetadata::get(
      ConstantInt::get(Type::getInt64Ty(Ctx), V));
}

std::optional<uint64_t> readU64(const MDOperand &Op) {
  if (auto *C = mdconst::dyn_extract_or_null<ConstantInt>(Op))
    return C->getZExtValue();
  return std::nullopt;
}

StringRef readStr(const MDOperand &Op) {
  if (const auto *S = dyn_cast_or_null<MDString>(Op))
    return S->getString();
  return "";
}

const Function *readFunction(const MDOperand &Op) {
  if (auto *C = mdconst::dyn_extract_or_null<Constant>(Op))
    return dyn_cast<Function>(C->stripPointerCasts());
  return nullptr;
}

/// The TU a symbol of \p M is local to at the start of the pipeline ("" for
/// a global symbol), so that two `static` functions of one name in two TUs
/// stay apart even once -flto merges the modules.
std::string localTU(const GlobalValue &GV) {
  return GV.hasLocalLinkage() ? GV.getParent()->getSourceFileName() : "";
}

std::string localTU(const Module &M, StringRef Symbol) {
  const GlobalValue *GV = M.getNamedValue(Symbol);
  return GV ? localTU(*GV) : "";
}

/// A slot as metadata: a field by record, offset and name; a global by
/// reference (so renames under LTO follow it; null when it is not
/// emitted); a parameter by its function's name and TU, which outlive the
/// function once it is inlined everywhere.
MDNode *slotMD(Module &M, const ValueSlot &S) {
  LLVMContext &Ctx = M.getContext();
  switch (S.K) {
  case ValueSlot::Kind::Field:
    return MDNode::get(Ctx, {str(Ctx, "field"), str(Ctx, S.Field.Record),
                             u64(Ctx, S.Field.Offset),
                             str(Ctx, S.Field.Name)});
  case ValueSlot::Kind::Global: {
    auto *GV = dyn_cast_or_null<GlobalVariable>(M.getNamedValue(S.Symbol));
    if (!GV)
      return nullptr;
    return MDNode::get(Ctx, {str(Ctx, "global"), ValueAsMetadata::get(GV)});
  }
  case ValueSlot::Kind::Param:
  case ValueSlot::Kind::Local:
  case ValueSlot::Kind::CallArg:
    return MDNode::get(Ctx, {str(Ctx, S.K == ValueSlot::Kind::Param ? "param"
                                      : S.K == ValueSlot::Kind::Local
                                          ? "local"
                                          : "call_arg"),
                             str(Ctx, S.Symbol),
                             str(Ctx, localTU(M, S.Symbol)),
                             u64(Ctx, S.Index)});
  }
  llvm_unreachable("bad slot kind");
}

/// The slot \p MD names, read back at codegen; nullopt for a global the
/// optimizer deleted.
std::optional<ValueSlot> readSlot(const Metadata *MD) {
  const auto *N = dyn_cast_or_null<MDNode>(MD);
  if (!N || N->getNumOperands() == 0)
    return std::nullopt;
  StringRef Kind = readStr(N->getOperand(0));
  if (Kind == "field" && N->getNumOperands() == 4) {
    std::optional<uint64_t> Off = readU64(N->getOperand(2));
    if (!Off)
      return std::nullopt;
    return ValueSlot::field({readStr(N->getOperand(1)).str(), *Off,
                             readStr(N->getOperand(3)).str()});
  }
  if (Kind == "global" && N->getNumOperands() == 2) {
    auto *GV = mdconst::dyn_extract_or_null<GlobalVariable>(N->getOperand(1));
    if (!GV)
      return std::nullopt;
    return ValueSlot::global(symbolName(*GV), localTU(*GV));
  }
  if ((Kind == "param" || Kind == "local" || Kind == "call_arg") &&
      N->getNumOperands() == 4) {
    std::optional<uint64_t> Index = readU64(N->getOperand(3));
    if (!Index)
      return std::nullopt;
    ValueSlot S = ValueSlot::param(readStr(N->getOperand(1)).str(),
                                   static_cast<unsigned>(*Index),
                                   readStr(N->getOperand(2)).str());
    if (Kind == "local")
      S.K = ValueSlot::Kind::Local;
    if (Kind == "call_arg")
      S.K = ValueSlot::Kind::CallArg;
    return S;
  }
  return std::nullopt;
}

SourceLoc readLoc(const MDNode &N, unsigned First) {
  SourceLoc L;
  L.File = readStr(N.getOperand(First)).str();
  L.Line = readU64(N.getOperand(First + 1)).value_or(0);
  L.Column = readU64(N.getOperand(First + 2)).value_or(0);
  return L;
}

} // namespace

PreservedAnalyses TagStructFieldsPass::run(Module &M,
                                           ModuleAnalysisManager &) {
  LLVMContext &Ctx = M.getContext();
  const DataLayout &DL = M.getDataLayout();
  for (Function &F : M)
    for (BasicBlock &BB : F)
      for (Instruction &I : BB) {
        auto *CB = dyn_cast<CallBase>(&I);
        if (!CB || !CB->isIndirectCall() || CB->isInlineAsm())
          continue;
        // A call through a parameter, by the location the front end saw it
        // at (as C types are, CTypeFacts.h).
        if (const DILocation *L = CB->getDebugLoc().get()) {
          auto It = Facts->ParamCalls.find({L->getLine(), L->getColumn()});
          if (It != Facts->ParamCalls.end() && all_equal(It->second) &&
              It->second.front())
            CB->setMetadata(CallParamMD, slotMD(M, *It->second.front()));
        }
        const auto *Load =
            dyn_cast<LoadInst>(CB->getCalledOperand()->stripPointerCasts());
        if (!Load)
          continue;
        std::optional<FieldRef> Field = fieldOfAddress(
            Load->getPointerOperand(), DL, [&](const FieldRef &F) {
              return Facts->FieldNames.count({F.Record, F.Offset}) != 0;
            });
        if (!Field)
          Field = fieldOfGlobalOffset(Load->getPointerOperand(), DL);
        if (!Field)
          continue;
        auto Name = Facts->FieldNames.find({Field->Record, Field->Offset});
        if (Name != Facts->FieldNames.end())
          Field->Name = Name->second;
        CB->setMetadata(CallFieldMD,
                        MDNode::get(Ctx, {str(Ctx, Field->Record),
                                          u64(Ctx, Field->Offset),
                                          str(Ctx, Field->Name)}));
      }

  if (!Facts->Complete)
    return PreservedAnalyses::all();
  NamedMDNode *Out = M.getOrInsertNamedMetadata(ModuleFieldsMD);
  Out->addOperand(MDNode::get(Ctx, {str(Ctx, "complete")}));
  // A function or global the TU names but never emits (an unused static
  // one) has no IR; it cannot be called or read, so it is left out.
  auto FunctionMD = [&](StringRef Symbol) -> Metadata * {
    GlobalValue *GV = M.getNamedValue(Symbol);
    if (!GV || !isa<Function>(GV))
      return nullptr;
    return ValueAsMetadata::get(GV);
  };
  auto Loc = [&](const SourceLoc &L) -> std::array<Metadata *, 3> {
    return {str(Ctx, L.File), u64(Ctx, L.Line), u64(Ctx, L.Column)};
  };
  auto Add = [&](StringRef Kind, ArrayRef<Metadata *> Ops) {
    SmallVector<Metadata *, 8> All{str(Ctx, Kind)};
    All.append(Ops.begin(), Ops.end());
    Out->addOperand(MDNode::get(Ctx, All));
  };
  for (const SlotStore &S : Facts->Stores)
    if (Metadata *Fn = FunctionMD(S.Function))
      if (MDNode *Slot = slotMD(M, S.Slot))
        Add("store", {Slot, Fn});
  for (const SlotEscape &E : Facts->Escapes)
    if (MDNode *Slot = slotMD(M, E.Slot)) {
      auto L = Loc(E.Loc);
      Add(E.Exported ? "export-escape" : "escape",
          {Slot, str(Ctx, E.Reason), L[0], L[1], L[2]});
    }
  // A header's inline function that this TU does not emit has no body in
  // the program from here: its parameters' uses are not this TU's to tell.
  auto Emitted = [&](const ValueSlot &S) {
    if (!S.isVariable())
      return true;
    const Function *F = M.getFunction(S.Symbol);
    return F && !F->isDeclaration();
  };
  for (const SlotFlow &F : Facts->Flows) {
    if (!Emitted(F.From))
      continue;
    MDNode *From = slotMD(M, F.From), *To = slotMD(M, F.To);
    if (!To) // a global that is not emitted: nothing to copy
      continue;
    auto L = Loc(F.Loc);
    if (!From) // a global the IR does not name as the front end does
      Add("escape", {To, str(Ctx, "written from a global the IR does not "
                                  "name '" + F.From.Symbol + "'"),
                     L[0], L[1], L[2]});
    else
      Add("flow", {From, To, L[0], L[1], L[2]});
  }
  for (const ParamUse &U : Facts->Params)
    if (!Emitted(U.Param))
      continue;
    else if (MDNode *Slot = slotMD(M, U.Param)) {
      auto L = Loc(U.Loc);
      Add("param", {Slot, str(Ctx, U.Leak), L[0], L[1], L[2]});
    }
  for (const std::string &G : Facts->Globals)
    if (MDNode *Slot = slotMD(M, ValueSlot::global(G)))
      Add("global", {Slot});
  for (const std::string &Free : Facts->FreeFunctions)
    if (Metadata *Fn = FunctionMD(Free))
      Add("free", {Fn});
  // Only metadata changed.
  return PreservedAnalyses::all();
}

std::optional<FieldRef> calleeField(const CallBase &CB) {
  const MDNode *MD = CB.getMetadata(CallFieldMD);
  if (!MD || MD->getNumOperands() != 3)
    return std::nullopt;
  std::optional<uint64_t> Offset = readU64(MD->getOperand(1));
  StringRef Record = readStr(MD->getOperand(0));
  if (!Offset || Record.empty())
    return std::nullopt;
  return FieldRef{Record.str(), *Offset, readStr(MD->getOperand(2)).str()};
}

bool IndirectCallFields::Source::operator==(const Source &O) const {
  bool SameField = Field.has_value() == O.Field.has_value() &&
                   (!Field || (Field->Record == O.Field->Record &&
                               Field->Offset == O.Field->Offset));
  return SameField && Slot == O.Slot && Param == O.Param;
}

/// The global a pointer points into: the variable itself or an element.
static const GlobalVariable *globalOfAddress(const Value *Ptr) {
  Ptr = Ptr->stripPointerCasts();
  while (const auto *GEP = dyn_cast<GEPOperator>(Ptr))
    Ptr = GEP->getPointerOperand()->stripPointerCasts();
  return dyn_cast<GlobalVariable>(Ptr);
}

IndirectCallFields::Source IndirectCallFields::sourceOf(const CallBase &CB) {
  Source S;
  S.Field = calleeField(CB);
  const Value *Callee = CB.getCalledOperand()->stripPointerCasts();
  if (const auto *A = dyn_cast<Argument>(Callee))
    S.Param = A->getArgNo();
  if (const MDNode *P = CB.getMetadata(CallParamMD))
    S.Slot = readSlot(P);
  else if (const auto *L = dyn_cast<LoadInst>(Callee))
    if (const GlobalVariable *GV = globalOfAddress(L->getPointerOperand()))
      S.Slot = ValueSlot::global(symbolName(*GV), localTU(*GV));
  return S;
}

IndirectCallFields::IndirectCallFields(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB) {
      const auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->isIndirectCall())
        continue;
      const DILocation *L = CB->getDebugLoc().get();
      if (!L)
        continue;
      Source S = sourceOf(*CB);
      auto [It, New] = ByLoc.try_emplace(L, S);
      if (!New && It->second && !(*It->second == S))
        It->second.reset();
    }
}

void IndirectCallFields::describe(const DILocation *Loc, CallFact &C) const {
  if (!Loc)
    return;
  auto It = ByLoc.find(Loc);
  if (It == ByLoc.end() || !It->second)
    return;
  CallDetails &D = C.editDetails();
  D.Field = It->second->Field;
  D.CalleeSlot = It->second->Slot;
  D.CalleeParam = It->second->Param;
}

void IndirectCallFields::describe(const CallBase &CB, CallFact &C) {
  Source S = sourceOf(CB);
  CallDetails &D = C.editDetails();
  D.Field = S.Field;
  D.CalleeSlot = S.Slot;
  D.CalleeParam = S.Param;
}

bool usedAsAddress(const Value *C, unsigned Depth) {
  for (const User *U : C->users()) {
    if (const auto *CB = dyn_cast<CallBase>(U))
      if (CB->getCalledOperand() == C)
        continue;
    if (const auto *GV = dyn_cast<GlobalVariable>(U))
      if (GV->getSection().starts_with(".discard"))
        continue;
    if (isa<Constant>(U) && !isa<GlobalValue>(U) && Depth < 4 &&
        !usedAsAddress(U, Depth + 1))
      continue;
    return true;
  }
  return false;
}

void readModuleIndirectFacts(const Module &M, ModuleFacts &Facts) {
  Facts.StaticCalls = collectStaticCalls(M);
  readTypeConversions(M, Facts);
  const NamedMDNode *In = M.getNamedMetadata(ModuleFieldsMD);
  if (!In)
    return;
  // Under LTO one module holds many TUs. A function whose address is taken
  // in the IR but that no analyzed TU stored into a field (a TU compiled
  // without the front-end half took it) is made free, so that it stays a
  // candidate of every field of its type (docs/indirect-calls.md).
  FieldFacts Fields;
  for (const MDNode *N : In->operands()) {
    if (N->getNumOperands() == 0)
      continue;
    StringRef Kind = readStr(N->getOperand(0));
    unsigned Ops = N->getNumOperands();
    std::optional<ValueSlot> Slot =
        Ops > 1 ? readSlot(N->getOperand(1).get()) : std::nullopt;
    if (Kind == "store" && Ops == 3 && Slot) {
      if (const Function *Fn = readFunction(N->getOperand(2)))
        Fields.Stores.push_back({std::move(*Slot), symbolName(*Fn)});
    } else if ((Kind == "escape" || Kind == "export-escape") && Ops == 6 &&
               Slot) {
      Fields.Escapes.push_back({std::move(*Slot),
                                readStr(N->getOperand(2)).str(),
                                readLoc(*N, 3), Kind == "export-escape"});
    } else if (Kind == "flow" && Ops == 6 && Slot) {
      // A flow out of a global the optimizer deleted carries nothing.
      if (std::optional<ValueSlot> To = readSlot(N->getOperand(2).get()))
        Fields.Flows.push_back(
            {std::move(*Slot), std::move(*To), readLoc(*N, 3)});
    } else if (Kind == "param" && Ops == 6 && Slot) {
      Fields.Params.push_back({std::move(*Slot),
                               readStr(N->getOperand(2)).str(),
                               readLoc(*N, 3)});
    } else if (Kind == "global" && Ops == 2 && Slot) {
      Fields.Globals.push_back(std::move(*Slot));
    } else if (Kind == "free" && Ops == 2) {
      if (const Function *Fn = readFunction(N->getOperand(1)))
        Fields.FreeFunctions.push_back(symbolName(*Fn));
    }
  }
  std::set<std::string> Accounted;
  for (const SlotStore &S : Fields.Stores)
    Accounted.insert(S.Function);
  Accounted.insert(Fields.FreeFunctions.begin(), Fields.FreeFunctions.end());
  for (const Function &F : M)
    if (!F.isIntrinsic() &&
        F.hasAddressTaken(nullptr, /*IgnoreCallbackUses=*/false,
                          /*IgnoreAssumeLikeCalls=*/true,
                          /*IgnoreLLVMUsed=*/true) &&
        usedAsAddress(&F) && !Accounted.count(symbolName(F)))
      Fields.FreeFunctions.push_back(symbolName(F));
  llvm::sort(Fields.FreeFunctions);
  Fields.FreeFunctions.erase(
      std::unique(Fields.FreeFunctions.begin(), Fields.FreeFunctions.end()),
      Fields.FreeFunctions.end());
  Facts.Fields = std::move(Fields);
}

} // namespace stackbudget

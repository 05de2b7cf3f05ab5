//===- StructFieldFacts.cpp - Which struct field holds which function -----===//

#include "StructFieldFacts.h"
#include "CTypeFacts.h"
#include "StaticCallFacts.h"
#include "SymbolName.h"

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

#include <set>

using namespace llvm;

namespace stackbudget {

static constexpr StringLiteral CallFieldMD = "stackbudget.field";
static constexpr StringLiteral ModuleFieldsMD = "stackbudget.fields";

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

/// The field \p Ptr points to when it is a GEP with constant member indices
/// whose last struct step lands on a pointer member of a named struct.
std::optional<FieldRef> fieldOfAddress(const Value *Ptr, const DataLayout &DL) {
  const auto *GEP = dyn_cast<GEPOperator>(Ptr);
  if (!GEP)
    return std::nullopt;
  StructType *Innermost = nullptr;
  uint64_t Offset = 0;
  bool AfterStruct = false;
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
      Innermost = ST;
      Offset = DL.getStructLayout(ST)->getElementOffset(Idx->getZExtValue());
      AfterStruct = true;
      continue;
    }
    // An array or vector step after the member: an element of an array of
    // function pointers, not refined.
    AfterStruct = false;
  }
  if (!Innermost || !AfterStruct || !GEP->getResultElementType()->isPointerTy())
    return std::nullopt;
  if (!Innermost->hasName())
    return std::nullopt;
  std::string Record = fieldRecordName(Innermost->getName());
  if (Record.empty())
    return std::nullopt;
  return FieldRef{std::move(Record), Offset, ""};
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
        const auto *Load =
            dyn_cast<LoadInst>(CB->getCalledOperand()->stripPointerCasts());
        if (!Load)
          continue;
        std::optional<FieldRef> Field =
            fieldOfAddress(Load->getPointerOperand(), DL);
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
  // A function the TU names but never emits (an unused static one) has no
  // IR; it cannot be called, so it is left out.
  auto FunctionMD = [&](StringRef Symbol) -> Metadata * {
    GlobalValue *GV = M.getNamedValue(Symbol);
    if (!GV || !isa<Function>(GV))
      return nullptr;
    return ValueAsMetadata::get(GV);
  };
  for (const FieldStore &S : Facts->Stores)
    if (Metadata *Fn = FunctionMD(S.Function))
      Out->addOperand(MDNode::get(
          Ctx, {str(Ctx, "store"), str(Ctx, S.Field.Record),
                u64(Ctx, S.Field.Offset), str(Ctx, S.Field.Name), Fn}));
  for (const FieldEscape &E : Facts->Escapes)
    Out->addOperand(MDNode::get(
        Ctx, {str(Ctx, "escape"), str(Ctx, E.Field.Record),
              u64(Ctx, E.Field.Offset), str(Ctx, E.Field.Name),
              str(Ctx, E.Reason), str(Ctx, E.Loc.File), u64(Ctx, E.Loc.Line),
              u64(Ctx, E.Loc.Column)}));
  for (const std::string &Free : Facts->FreeFunctions)
    if (Metadata *Fn = FunctionMD(Free))
      Out->addOperand(MDNode::get(Ctx, {str(Ctx, "free"), Fn}));
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
  return SameField && Global == O.Global && Param == O.Param;
}

IndirectCallFields::Source IndirectCallFields::sourceOf(const CallBase &CB) {
  Source S;
  S.Field = calleeField(CB);
  const Value *Callee = CB.getCalledOperand()->stripPointerCasts();
  if (const auto *A = dyn_cast<Argument>(Callee))
    S.Param = A->getArgNo();
  if (const auto *L = dyn_cast<LoadInst>(Callee))
    if (const auto *GV = dyn_cast<GlobalVariable>(
            L->getPointerOperand()->stripPointerCasts()))
      S.Global = symbolName(*GV);
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
  C.Field = It->second->Field;
  C.CalleeGlobal = It->second->Global;
  C.CalleeParam = It->second->Param;
}

void IndirectCallFields::describe(const CallBase &CB, CallFact &C) {
  Source S = sourceOf(CB);
  C.Field = S.Field;
  C.CalleeGlobal = S.Global;
  C.CalleeParam = S.Param;
}

/// Whether \p C (a function or a constant built on it) is used anywhere but
/// as a callee or in a global of a ".discard.*" section, which never reaches
/// the linked program (the kernel's __ADDRESSABLE behind EXPORT_SYMBOL).
static bool usedAsAddress(const Value *C, unsigned Depth = 0) {
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
    if (Kind == "store" && N->getNumOperands() == 5) {
      const Function *Fn = readFunction(N->getOperand(4));
      std::optional<uint64_t> Off = readU64(N->getOperand(2));
      if (!Fn || !Off)
        continue;
      Fields.Stores.push_back({{readStr(N->getOperand(1)).str(), *Off,
                                readStr(N->getOperand(3)).str()},
                               symbolName(*Fn)});
    } else if (Kind == "escape" && N->getNumOperands() == 8) {
      FieldEscape E;
      E.Field.Record = readStr(N->getOperand(1)).str();
      E.Field.Offset = readU64(N->getOperand(2)).value_or(0);
      E.Field.Name = readStr(N->getOperand(3)).str();
      E.Reason = readStr(N->getOperand(4)).str();
      E.Loc.File = readStr(N->getOperand(5)).str();
      E.Loc.Line = readU64(N->getOperand(6)).value_or(0);
      E.Loc.Column = readU64(N->getOperand(7)).value_or(0);
      Fields.Escapes.push_back(std::move(E));
    } else if (Kind == "free" && N->getNumOperands() == 2) {
      if (const Function *Fn = readFunction(N->getOperand(1)))
        Fields.FreeFunctions.push_back(symbolName(*Fn));
    }
  }
  std::set<std::string> Accounted;
  for (const FieldStore &S : Fields.Stores)
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

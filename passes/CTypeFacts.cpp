//===- CTypeFacts.cpp - C function types of functions and indirect calls --===//

#include "CTypeFacts.h"
#include "SymbolName.h"
#include "TypeIds.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Mangler.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {

static constexpr StringLiteral ConversionsMD = "stackbudget.conversions";

namespace {

MDNode *idNode(LLVMContext &Ctx, uint32_t Id) {
  return MDNode::get(Ctx, ConstantAsMetadata::get(
                              ConstantInt::get(Type::getInt32Ty(Ctx), Id)));
}

/// An optional id as metadata: the constant, or an empty string for none.
Metadata *optionalId(LLVMContext &Ctx, std::optional<uint32_t> Id) {
  if (!Id)
    return MDString::get(Ctx, "");
  return ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(Ctx), *Id));
}

std::optional<uint32_t> readOptionalId(const MDOperand &Op) {
  if (auto *C = mdconst::dyn_extract_or_null<ConstantInt>(Op))
    return static_cast<uint32_t>(C->getZExtValue());
  return std::nullopt;
}

Metadata *u64(LLVMContext &Ctx, uint64_t V) {
  return ConstantAsMetadata::get(ConstantInt::get(Type::getInt64Ty(Ctx), V));
}

StringRef readStr(const MDOperand &Op) {
  if (const auto *S = dyn_cast_or_null<MDString>(Op))
    return S->getString();
  return "";
}

unsigned readUnsigned(const MDOperand &Op) {
  if (auto *C = mdconst::dyn_extract_or_null<ConstantInt>(Op))
    return C->getZExtValue();
  return 0;
}

} // namespace

PreservedAnalyses TagCTypesPass::run(Module &M, ModuleAnalysisManager &) {
  if (!Facts->Complete)
    return PreservedAnalyses::all();
  LLVMContext &Ctx = M.getContext();
  for (Function &F : M) {
    auto It = Facts->FunctionTypes.find(F.getName().str());
    if (It != Facts->FunctionTypes.end())
      F.setMetadata(CTypeMD, idNode(Ctx, It->second));
  }
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->isIndirectCall() || CB->isInlineAsm())
        continue;
      const DILocation *L = CB->getDebugLoc().get();
      if (!L)
        continue;
      auto It = Facts->CallTypes.find({L->getLine(), L->getColumn()});
      if (It == Facts->CallTypes.end())
        continue;
      // Calls of different types (or one without a prototype) at one
      // location cannot be told apart: leave them to the signature.
      const std::vector<uint32_t> &Ids = It->second;
      if (Ids.front() != 0 && all_equal(Ids))
        CB->setMetadata(CTypeMD, idNode(Ctx, Ids.front()));
      // clang emits a call through an unprototyped pointer as a variadic
      // call; the function it reaches is not variadic.
      if (is_contained(Ids, 0u) && CB->getFunctionType()->isVarArg())
        CB->setMetadata(UnprototypedCallMD, MDNode::get(Ctx, {}));
    }

  NamedMDNode *Out = M.getOrInsertNamedMetadata(ConversionsMD);
  Out->addOperand(MDNode::get(Ctx, MDString::get(Ctx, "complete")));
  for (const TypeConversion &C : Facts->Conversions) {
    Metadata *Source;
    if (!C.Function.empty()) {
      // A function the TU names but never emits cannot be called.
      GlobalValue *GV = M.getNamedValue(C.Function);
      if (!GV || !isa<Function>(GV))
        continue;
      Source = ValueAsMetadata::get(GV);
    } else {
      Source = optionalId(Ctx, C.FromType);
    }
    Out->addOperand(MDNode::get(
        Ctx, {MDString::get(Ctx, C.Function.empty() ? "type" : "fn"), Source,
              optionalId(Ctx, C.ToType), MDString::get(Ctx, C.Loc.File),
              u64(Ctx, C.Loc.Line), u64(Ctx, C.Loc.Column)}));
  }
  // Only metadata changed.
  return PreservedAnalyses::all();
}

void readTypeConversions(const Module &M, ModuleFacts &Facts) {
  const NamedMDNode *In = M.getNamedMetadata(ConversionsMD);
  if (!In)
    return;
  std::vector<TypeConversion> Out;
  for (const MDNode *N : In->operands()) {
    if (N->getNumOperands() != 6)
      continue;
    TypeConversion C;
    StringRef Kind = readStr(N->getOperand(0));
    if (Kind == "fn") {
      auto *V = dyn_cast_or_null<ValueAsMetadata>(N->getOperand(1).get());
      const auto *F =
          V ? dyn_cast<Function>(V->getValue()->stripPointerCasts()) : nullptr;
      if (!F)
        continue;
      C.Function = symbolName(*F);
    } else if (Kind == "type") {
      C.FromType = readOptionalId(N->getOperand(1));
    } else {
      continue;
    }
    C.ToType = readOptionalId(N->getOperand(2));
    C.Loc.File = readStr(N->getOperand(3)).str();
    C.Loc.Line = readUnsigned(N->getOperand(4));
    C.Loc.Column = readUnsigned(N->getOperand(5));
    Out.push_back(std::move(C));
  }
  Facts.Conversions = std::move(Out);
}

} // namespace stackbudget

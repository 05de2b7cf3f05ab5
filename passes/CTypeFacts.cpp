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

#include <set>
#include <tuple>

using namespace llvm;

namespace stackbudget {

static constexpr StringLiteral ConversionsMD = "stackbudget.conversions";
static constexpr StringLiteral CallTypesMD = "stackbudget.calltypes";

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
  // (signature, C type or none, unprototyped) of every indirect call.
  std::set<std::tuple<uint32_t, std::optional<uint32_t>, bool>> Table;
  for (Function &F : M)
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->isIndirectCall() || CB->isInlineAsm())
        continue;
      uint32_t Sig = signatureId(CB->getFunctionType());
      const DILocation *L = CB->getDebugLoc().get();
      auto It = L ? Facts->CallTypes.find({L->getLine(), L->getColumn()})
                  : Facts->CallTypes.end();
      if (It == Facts->CallTypes.end()) {
        Table.insert({Sig, std::nullopt, false});
        continue;
      }
      // The call is one of those at its location.
      for (uint32_t Id : It->second)
        Table.insert({Sig, Id ? std::optional<uint32_t>(Id) : std::nullopt,
                      Id == 0});
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

  NamedMDNode *Types = M.getOrInsertNamedMetadata(CallTypesMD);
  for (const auto &[Sig, Id, NoProto] : Table) {
    SmallVector<Metadata *, 2> Ops{ConstantAsMetadata::get(
        ConstantInt::get(Type::getInt32Ty(Ctx), Sig))};
    if (NoProto)
      Ops.push_back(MDString::get(Ctx, "noproto"));
    else if (Id)
      Ops.push_back(ConstantAsMetadata::get(
          ConstantInt::get(Type::getInt32Ty(Ctx), *Id)));
    Types->addOperand(MDNode::get(Ctx, Ops));
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

namespace stackbudget {

CallTypeTable::CallTypeTable(const Module &M) {
  const NamedMDNode *In = M.getNamedMetadata(CallTypesMD);
  if (!In)
    return;
  for (const MDNode *N : In->operands()) {
    if (N->getNumOperands() == 0)
      continue;
    auto *SigC = mdconst::dyn_extract_or_null<ConstantInt>(N->getOperand(0));
    if (!SigC)
      continue;
    uint32_t Sig = SigC->getZExtValue();
    if (N->getNumOperands() == 2 && readStr(N->getOperand(1)) == "noproto") {
      Unprototyped.insert(Sig);
      Untyped.insert(Sig);
    } else if (std::optional<uint32_t> Id =
                   N->getNumOperands() == 2 ? readOptionalId(N->getOperand(1))
                                            : std::nullopt) {
      Types[Sig].push_back(*Id);
    } else {
      Untyped.insert(Sig);
    }
  }
  for (auto &[Sig, Ids] : Types) {
    llvm::sort(Ids);
    Ids.erase(std::unique(Ids.begin(), Ids.end()), Ids.end());
  }
}

ArrayRef<uint32_t> CallTypeTable::typesOf(uint32_t Sig) const {
  if (Untyped.count(Sig))
    return {};
  auto It = Types.find(Sig);
  if (It == Types.end())
    return {};
  return It->second;
}

} // namespace stackbudget

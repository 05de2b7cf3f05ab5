//===- IRFactsRecorder.cpp - Facts a function's IR can tell ---------------===//

#include "IRFactsRecorder.h"
#include "AsmCallFacts.h"
#include "BackendFactsFromIR.h"
#include "CTypeFacts.h"
#include "DynamicAllocaBound.h"
#include "IRFunctionHeader.h"
#include "StructFieldFacts.h"
#include "SymbolName.h"
#include "TypeIds.h"

#include "stackbudget/AsmCallScanner.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace stackbudget {
namespace {

AsmDialect moduleAsmDialect(const Module &M) {
  return asmDialectFor(Triple(M.getTargetTriple()));
}

/// The call arguments that asm operands $0, $1, ... name: outputs returned
/// by value have no argument, indirect outputs and inputs take the next one.
SmallVector<const Value *, 8> asmOperandValues(const CallBase &CB,
                                               const InlineAsm &IA) {
  SmallVector<const Value *, 8> Values;
  unsigned Arg = 0;
  for (const InlineAsm::ConstraintInfo &C : IA.ParseConstraints()) {
    if (C.Type == InlineAsm::isClobber || C.Type == InlineAsm::isLabel)
      continue;
    if (C.Type == InlineAsm::isOutput && !C.isIndirect) {
      Values.push_back(nullptr);
      continue;
    }
    Values.push_back(Arg < CB.arg_size() ? CB.getArgOperand(Arg) : nullptr);
    ++Arg;
  }
  return Values;
}

void addInlineAsmCalls(const CallBase &CB, const InlineAsm &IA,
                       AsmDialect Dialect, const SourceFiles &Files,
                       FunctionFacts &Facts) {
  std::vector<AsmCall> Calls = scanAsmCalls(IA.getAsmString(), Dialect);
  if (Calls.empty())
    return;
  SmallVector<const Value *, 8> Operands = asmOperandValues(CB, IA);
  for (const AsmCall &AC : Calls) {
    const Value *Op = AC.OperandNo && *AC.OperandNo < Operands.size()
                          ? Operands[*AC.OperandNo]
                          : nullptr;
    AsmCallOperand Operand;
    if (const auto *Imm = Op ? dyn_cast<ConstantInt>(Op) : nullptr)
      Operand.Immediate = Imm->getSExtValue();
    else if (const auto *GV = Op ? dyn_cast<GlobalValue>(Op->stripPointerCasts())
                                 : nullptr)
      Operand.Global = symbolName(*GV);
    if (std::optional<CallFact> C =
            asmCallFact(AC, Operand, Files.loc(CB.getDebugLoc())))
      Facts.Calls.push_back(std::move(*C));
  }
}

/// Memory intrinsics become a libcall unless the backend expands them
/// inline; the IR cannot tell which, so they count as possible calls (an
/// over-estimate, never a missed frame).
std::optional<StringRef> memIntrinsicLibcall(const IntrinsicInst &II) {
  switch (II.getIntrinsicID()) {
  case Intrinsic::memcpy:
  case Intrinsic::memcpy_inline:
    return StringRef("memcpy");
  case Intrinsic::memmove:
    return StringRef("memmove");
  case Intrinsic::memset:
  case Intrinsic::memset_inline:
    return StringRef("memset");
  default:
    return std::nullopt;
  }
}

void addCall(const CallBase &CB, const CallTypeTable &Table,
             const SourceFiles &Files, FunctionFacts &Facts) {
  CallFact C;
  C.Loc = Files.loc(CB.getDebugLoc());
  // Only a musttail call is sure to become a jump; `tail` is a hint the
  // backend may ignore, and calling a jump a call over-estimates safely.
  C.IsTail = CB.isMustTailCall();

  if (const auto *IA = dyn_cast<InlineAsm>(CB.getCalledOperand())) {
    // The IR's asm template is the text the MachineInstr carries too, so
    // both recorders read the same pushes from it.
    AsmDialect Dialect = moduleAsmDialect(*CB.getModule());
    Facts.Parts.AsmStack =
        std::max(Facts.Parts.AsmStack,
                 scanAsmStackBytes(IA->getAsmString(), Dialect));
    addInlineAsmCalls(CB, *IA, Dialect, Files, Facts);
    return;
  }
  if (const auto *II = dyn_cast<IntrinsicInst>(&CB)) {
    if (std::optional<StringRef> Libcall = memIntrinsicLibcall(*II)) {
      C.Kind = CallKind::Direct;
      C.Origin = CallOrigin::Libcall;
      C.Callee = Libcall->str();
      Facts.Calls.push_back(std::move(C));
    }
    return;
  }
  const Value *Callee = CB.getCalledOperand()->stripPointerCasts();
  if (const auto *GV = dyn_cast<GlobalValue>(Callee)) {
    C.Kind = CallKind::Direct;
    C.Callee = symbolName(*GV);
    Facts.Calls.push_back(std::move(C));
    return;
  }
  C.Kind = CallKind::Indirect;
  SmallVector<uint32_t, 2> Sigs = callSignatureIds(CB, &Table);
  C.editDetails().SignatureIds.assign(Sigs.begin(), Sigs.end());
  // The struct field, global or parameter the callee comes from.
  IndirectCallFields::describe(CB, C);
  C.editDetails().CTypeIds = cTypeIds(CB, Table);
  Facts.Calls.push_back(std::move(C));
}

} // namespace

FunctionFacts collectIRFunctionFacts(const Function &F,
                                     const CallTypeTable &Table,
                                     const SourceFiles &Files) {
  FunctionFacts Facts = collectFunctionHeader(F, RecorderKind::IR, Files);
  if (hasDynamicAllocas(F)) {
    MaybeAlign StackAlign = F.getParent()->getDataLayout().getStackAlignment();
    if (StackAlign)
      boundDynamicAllocas(F, *StackAlign, Files, Facts);
    else
      Facts.Dynamic = DynamicFrame{"the data layout names no stack alignment"};
  }
  // What only the machine code would show, bounded from the IR.
  FrameParts Beyond = boundBeyondFrameFromIR(F);
  Facts.Parts.RedZone = Beyond.RedZone;
  Facts.Parts.Realign = Beyond.Realign;
  Facts.Parts.CallArgs = Beyond.CallArgs;
  addFentryCall(F, Facts);
  addBackendCallsFromIR(F, Facts);
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (const auto *CB = dyn_cast<CallBase>(&I))
        addCall(*CB, Table, Files, Facts);
  return Facts;
}

} // namespace stackbudget

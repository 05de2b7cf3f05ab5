//===- BackendFactsFromIR.cpp - What the backend will add, told by the IR -===//

#include "BackendFactsFromIR.h"

#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace stackbudget {

namespace {

CallFact backendCall(StringRef Callee, CallOrigin Origin, bool IsTail) {
  CallFact C;
  C.Kind = CallKind::Direct;
  C.Origin = Origin;
  C.Callee = Callee.str();
  C.IsTail = IsTail;
  return C;
}

/// The x86-64 SysV ABI's 128-byte area below the stack pointer.
constexpr uint64_t RedZoneSize = 128;
/// Argument registers: x86-64 SysV passes 6 integers and 8 SSE values in
/// registers, AAPCS64 8 integers (x0-x7) and 8 FP/SIMD values (v0-v7).
constexpr unsigned X86IntegerArgRegisters = 6, AArch64IntegerArgRegisters = 8,
                   VectorArgRegisters = 8;

/// The bytes the arguments of \p CB take on the stack (x86-64 SysV, and
/// AAPCS64 with its eight integer registers): what does not fit the
/// integer and vector argument registers, by-value aggregates, and every
/// type the classification here does not know (x87 long double, wide
/// vectors, first-class aggregates), in 8-byte slots. An over-estimate
/// where the real classification puts something in registers that is
/// counted here.
uint64_t stackArgumentBytes(const CallBase &CB, const DataLayout &DL,
                            unsigned IntegerArgRegisters) {
  const unsigned SSEArgRegisters = VectorArgRegisters;
  unsigned IntRegs = 0, SSERegs = 0;
  uint64_t Bytes = 0;
  for (unsigned I = 0, E = CB.arg_size(); I != E; ++I) {
    Type *T = CB.getArgOperand(I)->getType();
    if (Type *ByVal = CB.getParamByValType(I)) {
      Bytes += alignTo(DL.getTypeAllocSize(ByVal).getKnownMinValue(), 8);
      continue;
    }
    uint64_t Size = DL.getTypeAllocSize(T).getKnownMinValue();
    if (T->isIntegerTy() || T->isPointerTy()) {
      unsigned Regs = std::max<uint64_t>(1, divideCeil(Size, 8));
      if (Size <= 16 && IntRegs + Regs <= IntegerArgRegisters) {
        IntRegs += Regs;
        continue;
      }
    } else if (T->isHalfTy() || T->isBFloatTy() || T->isFloatTy() ||
               T->isDoubleTy() || T->isFP128Ty() ||
               (T->isVectorTy() && Size <= 16)) {
      if (SSERegs < SSEArgRegisters) {
        ++SSERegs;
        continue;
      }
    }
    Bytes += alignTo(Size, 8);
  }
  return Bytes;
}

/// Whether the call \p CB leaves a function that X86 may treat as a leaf,
/// using the red zone: X86 does so only in a function that adjusts no
/// stack for a call. A call stays a call unless it is marked `tail`: the
/// backend tail-calls only those, also where the result reaches the `ret`
/// through a phi (block placement and tail duplication move the call).
bool mayLeaveALeaf(const CallBase &CB) {
  const auto *CI = dyn_cast<CallInst>(&CB);
  return CI && CI->isTailCall();
}

} // namespace

void addFentryCall(const Function &F, FunctionFacts &Facts) {
  if (F.getFnAttribute("fentry-call").getValueAsString() == "true")
    Facts.Calls.push_back(
        backendCall("__fentry__", CallOrigin::Fentry, /*IsTail=*/false));
  // -fpatchable-function-entry=N[,M] (arm64's ftrace): N NOPs at the entry,
  // which ftrace patches at run time into a call of its trampoline
  // (`mov x9, x30; bl ftrace_caller`, arch/arm64/kernel/ftrace.c). No call
  // is in the machine code, so the one the kernel patches in is recorded,
  // under the name of the mechanism; `notrace` sets N to 0.
  unsigned NopCount = 0;
  if (!F.getFnAttribute("patchable-function-entry")
           .getValueAsString()
           .getAsInteger(10, NopCount) &&
      NopCount > 0)
    Facts.Calls.push_back(backendCall(PatchableEntryHook, CallOrigin::Fentry,
                                      /*IsTail=*/false));
}

void addBackendCallsFromIR(const Function &F, FunctionFacts &Facts) {
  if (F.hasFnAttribute(Attribute::StackProtect) ||
      F.hasFnAttribute(Attribute::StackProtectStrong) ||
      F.hasFnAttribute(Attribute::StackProtectReq))
    Facts.Calls.push_back(
        backendCall("__stack_chk_fail", CallOrigin::Libcall, false));
  if (F.hasFnAttribute(Attribute::FnRetThunkExtern))
    Facts.Calls.push_back(
        backendCall("__x86_return_thunk", CallOrigin::Libcall, true));
  bool Seen[4] = {};
  for (const Instruction &I : instructions(F)) {
    const auto *BO = dyn_cast<BinaryOperator>(&I);
    if (!BO || !BO->getType()->isIntegerTy(128))
      continue;
    static constexpr std::pair<Instruction::BinaryOps, const char *> Libcalls[] =
        {{Instruction::SDiv, "__divti3"},
         {Instruction::UDiv, "__udivti3"},
         {Instruction::SRem, "__modti3"},
         {Instruction::URem, "__umodti3"}};
    for (unsigned K = 0; K < 4; ++K)
      if (BO->getOpcode() == Libcalls[K].first && !Seen[K]) {
        Seen[K] = true;
        Facts.Calls.push_back(
            backendCall(Libcalls[K].second, CallOrigin::Libcall, false));
      }
  }
}

FrameParts boundBeyondFrameFromIR(const Function &F) {
  FrameParts P;
  Triple T(F.getParent()->getTargetTriple());
  bool X86 = T.getArch() == Triple::x86_64;
  if (!X86 && !T.isAArch64())
    return P;
  const DataLayout &DL = F.getParent()->getDataLayout();
  // The SysV ABI's and AAPCS64's; the backend's stack alignment is the
  // same unless the module overrides it, which the realignment test below
  // then sees.
  constexpr uint64_t StackAlign = 16;
  // An intrinsic may become no call at all; inline asm is no call to X86.
  bool Dynamic = false, MayBeLeaf = true;
  uint64_t MaxAlign = 0, MaxArgs = 0;
  for (const Instruction &I : instructions(F)) {
    if (const auto *AI = dyn_cast<AllocaInst>(&I)) {
      Dynamic |= !AI->isStaticAlloca();
      MaxAlign = std::max<uint64_t>(MaxAlign, AI->getAlign().value());
    }
    // A vector value wider than the stack alignment is spilled to a slot of
    // its own alignment, which makes the prologue realign.
    if (I.getType()->isVectorTy())
      MaxAlign =
          std::max<uint64_t>(MaxAlign, DL.getPrefTypeAlign(I.getType()).value());
    if (const auto *CB = dyn_cast<CallBase>(&I))
      if (!isa<IntrinsicInst>(CB) && !CB->isInlineAsm()) {
        MaxArgs = std::max(
            MaxArgs, stackArgumentBytes(*CB, DL,
                                        X86 ? X86IntegerArgRegisters
                                            : AArch64IntegerArgRegisters));
        MayBeLeaf &= mayLeaveALeaf(*CB);
      }
  }
  // AArch64 Linux has no red zone (AArch64FrameLowering::canUseRedZone is
  // off unless -aarch64-redzone).
  if (X86 && !F.hasFnAttribute(Attribute::NoRedZone) && !Dynamic &&
      MayBeLeaf)
    P.RedZone = RedZoneSize;
  // The LLVM 22 recorder's bound (FrameCallRecorder.cpp, realignBytes):
  // each of two roundings adds at most MaxAlign - 8.
  bool Realigns = MaxAlign > StackAlign || F.hasFnAttribute("stackrealign");
  MaxAlign = std::max(MaxAlign, StackAlign);
  if (Realigns && MaxAlign > 8)
    P.Realign = 2 * (MaxAlign - 8);
  // Pushed arguments move the stack pointer below the frame by at most the
  // largest call's stack arguments, rounded up to the stack alignment.
  // AArch64 reserves the outgoing area in the frame unless the function
  // has variable-sized objects (AArch64FrameLowering::hasReservedCallFrame).
  if (X86 || Dynamic)
    P.CallArgs = alignTo(MaxArgs, StackAlign);
  return P;
}

} // namespace stackbudget

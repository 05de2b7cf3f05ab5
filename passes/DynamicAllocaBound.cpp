//===- DynamicAllocaBound.cpp - Bound a function's dynamic allocations ----===//

#include "DynamicAllocaBound.h"
#include "SourcePaths.h"

#include "llvm/Analysis/CFG.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/KnownBits.h"

using namespace llvm;

namespace stackbudget {

/// A dynamic allocation that may be larger than this is treated as
/// unbounded: no stack is that large, so such a "bound" would prove nothing.
static constexpr uint64_t MaxDynamicBound = 1 << 20;

static bool inCycle(const BasicBlock &BB) {
  for (const BasicBlock *Succ : successors(&BB))
    if (isPotentiallyReachable(Succ, &BB))
      return true;
  return false;
}

bool hasDynamicAllocas(const Function &F) {
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB)
      if (const auto *AI = dyn_cast<AllocaInst>(&I))
        if (!AI->isStaticAlloca())
          return true;
  return false;
}

void boundDynamicAllocas(const Function &F, Align StackAlign,
                         const SourceFiles &Files, FunctionFacts &Facts) {
  DynamicFrame &D = Facts.Dynamic.emplace();
  const DataLayout &DL = F.getParent()->getDataLayout();
  uint64_t Total = 0;
  bool Found = false;
  for (const BasicBlock &BB : F)
    for (const Instruction &I : BB) {
      const auto *AI = dyn_cast<AllocaInst>(&I);
      if (!AI || AI->isStaticAlloca())
        continue;
      Found = true;
      std::string Where;
      if (const DILocation *L = AI->getDebugLoc().get())
        Where = (" at " + Files.path(*L) + ":" + Twine(L->getLine()) + ":" +
                 Twine(L->getColumn()))
                    .str();
      if (inCycle(BB)) {
        D.Reason = "dynamic allocation in a loop" + Where;
        return;
      }
      KnownBits Known = computeKnownBits(AI->getArraySize(), DL);
      APInt Max = Known.getMaxValue();
      uint64_t Elem = DL.getTypeAllocSize(AI->getAllocatedType());
      if (Max.getActiveBits() > 32 ||
          Max.getZExtValue() * Elem > MaxDynamicBound) {
        D.Reason = "dynamic allocation of unbounded size" + Where;
        return;
      }
      uint64_t Bytes = alignTo(Max.getZExtValue() * Elem, StackAlign);
      if (AI->getAlign() > StackAlign)
        Bytes += AI->getAlign().value();
      Total += Bytes;
    }
  if (!Found) {
    D.Reason = "variable-sized stack object with no dynamic alloca in the IR";
    return;
  }
  Facts.Parts.DynamicBound = Total;
}

} // namespace stackbudget

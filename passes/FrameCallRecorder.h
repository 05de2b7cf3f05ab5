//===- FrameCallRecorder.h - Record frames and calls as emitted -----------===//

#ifndef STACKBUDGET_FRAMECALLRECORDER_H
#define STACKBUDGET_FRAMECALLRECORDER_H

namespace llvm {
class Pass;
} // namespace llvm

namespace stackbudget {

/// The MachineFunction pass to insert after PrologEpilogInserter.
llvm::Pass *createFrameCallRecorderPass();

} // namespace stackbudget

#endif // STACKBUDGET_FRAMECALLRECORDER_H

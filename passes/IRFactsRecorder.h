//===- IRFactsRecorder.h - Facts a function's IR can tell ------------------===//
//
// On LLVM 19 a plugin cannot run a MachineFunction pass, so everything but the
// frame size is read from the IR after optimization, right before codegen:
// direct calls, indirect calls with their signature (and KCFI) ids, calls
// written in inline asm, dynamic allocas, linkage, address-taken-ness and
// locations. What only machine code shows (libcalls the backend adds, the
// __fentry__ hook, retpoline thunks, which calls become tail jumps) is not
// there; every record says so with RecorderKind::IR (docs/llvm19.md).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_IRFACTSRECORDER_H
#define STACKBUDGET_IRFACTSRECORDER_H

#include "stackbudget/Facts.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace stackbudget {

class CallTypeTable;
class SourceFiles;

/// The facts of one defined function, frame left at 0 (the backend fills
/// it); \p CallTypes (CTypeFacts.h) and \p Files (SourcePaths.h) are its
/// module's, read once per module.
FunctionFacts collectIRFunctionFacts(const llvm::Function &F,
                                     const CallTypeTable &CallTypes,
                                     const SourceFiles &Files);


} // namespace stackbudget

#endif // STACKBUDGET_IRFACTSRECORDER_H

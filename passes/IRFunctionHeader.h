//===- IRFunctionHeader.h - The facts both recorders read from the IR -----===//
//
// A function's record has two halves: its frame and calls, which each
// recorder reads its own way (the LLVM 22 MachineFunction pass from machine
// code, the LLVM 19 recorder from the backend's stack-size diagnostic and
// the IR), and everything else, which the IR tells both alike: name, TU,
// linkage, address-taken-ness, type ids, source attributes and location.
// The second half and the module's own record are built here, once.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_IRFUNCTIONHEADER_H
#define STACKBUDGET_IRFUNCTIONHEADER_H

#include "SourcePaths.h"

#include "stackbudget/Facts.h"

namespace llvm {
class DebugLoc;
class Function;
class GlobalValue;
class Module;
} // namespace llvm

namespace stackbudget {

Linkage linkageOf(const llvm::GlobalValue &GV);

/// Whether something other than a direct call uses \p F's address.
bool isAddressTaken(const llvm::Function &F);

/// A defined function's record without frame and calls, its file named as
/// \p Files names it; a malformed source attribute is an error diagnosed
/// in \p F's context.
FunctionFacts collectFunctionHeader(const llvm::Function &F,
                                    RecorderKind Recorder,
                                    const SourceFiles &Files);

/// The TU's own record: source, triple, address-taken declarations,
/// aliases, the front end's struct-field and C-type facts, static calls.
ModuleFacts collectModuleFacts(const llvm::Module &M, RecorderKind Recorder);

} // namespace stackbudget

#endif // STACKBUDGET_IRFUNCTIONHEADER_H

//===- BackendFactsFromIR.h - What the backend will add, told by the IR ---===//
//
// Some of what the backend adds to a function is already decided in its IR:
// the __fentry__ hook (-pg -mfentry), the stack protector's failure call,
// the return thunk, the libcalls of 128-bit division. Both recorders read
// the hook from here. The LLVM 19 recorder, which never sees machine code,
// also takes from here sound upper bounds of the bytes beyond the frame the
// LLVM 22 recorder reads from the MachineFunction (red zone, realignment,
// pushed call arguments), and the backend's calls; each errs high, never
// low (docs/llvm19.md).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_BACKENDFACTSFROMIR_H
#define STACKBUDGET_BACKENDFACTSFROMIR_H

#include "stackbudget/Facts.h"

namespace llvm {
class Function;
} // namespace llvm

namespace stackbudget {

/// The callee of the call ftrace patches into a function's
/// -fpatchable-function-entry NOPs (CallOrigin::Fentry): no symbol of that
/// name exists, a profile `frames` entry gives what the trampoline uses.
inline constexpr const char *PatchableEntryHook = "__patchable_function_entry";

/// The entry hooks of ftrace, as calls of CallOrigin::Fentry: -pg -mfentry's
/// `call __fentry__` before the prologue (FEntryInserter adds it after both
/// recorders run; the function attribute is its trace), and the call
/// patched into -fpatchable-function-entry's NOPs.
void addFentryCall(const llvm::Function &F, FunctionFacts &Facts);

/// The calls the x86-64 backend adds that the IR implies: __stack_chk_fail
/// under a stack protector attribute, `jmp __x86_return_thunk` for every
/// return under fn_ret_thunk_extern, and __divti3 & co. for 128-bit
/// division. Each is listed whether or not the backend ends up emitting it.
void addBackendCallsFromIR(const llvm::Function &F, FunctionFacts &Facts);

/// Upper bounds of the red zone, realignment and pushed call arguments,
/// from the IR alone (x86-64 SysV).
FrameParts boundBeyondFrameFromIR(const llvm::Function &F);

} // namespace stackbudget

#endif // STACKBUDGET_BACKENDFACTSFROMIR_H

//===- MachineCodeFrames.h - Frames and calls read from machine code ------===//
//
// A function without facts (assembly, or C built without the plugin) is read
// from its machine code in the object: the check disassembles the bytes of
// its symbol with LLVM's MC disassembler, follows every direct branch inside
// it with the stack depth at each instruction (pushes, pops, `sub`/`add`/
// `lea` on %rsp, `enter`/`leave` and a frame pointer set from %rsp), and
// takes its callees from the object's relocations. The result is a
// FunctionFacts record with RecorderKind::MachineCode that enters the call
// graph like a recorded one; what the reading cannot follow stays unknown,
// with its reason and place: FunctionFacts::FrameUnknown for the frame;
// for an indirect call or jump an asm call without a target (CallKind::Asm,
// Reason, Via for a retpoline thunk), which an `index` annotation
// resolves; for a jump to where no function starts a CallKind::Unknown
// call.
//
// Only ELF x86-64 is read; other objects add nothing (their functions stay
// "no-facts"). See docs/check.md, "Functions without facts".
//
// This is the only part of the analysis library that needs the X86 target's
// MC layer; it is its own library (stackbudget_machinecode) so that the
// plugin, which binds to the LLVM of its host, does not link it. The tools
// hand readMachineCodeFacts to the reader (ReadOptions, FactsReader.h).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_MACHINECODEFRAMES_H
#define STACKBUDGET_MACHINECODEFRAMES_H

#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"

#include "llvm/Support/Error.h"

namespace llvm::object {
class ObjectFile;
} // namespace llvm::object

namespace stackbudget {

/// Adds to \p Into a RecorderKind::MachineCode record for every function
/// that \p Inv lists without facts and that \p Obj defines. An object that
/// is not ELF x86-64, or whose target this LLVM cannot disassemble, adds
/// nothing. Errors are the object's own
/// (unreadable sections or symbols); what the disassembly cannot follow is
/// never an error but an unknown in the record.
llvm::Error readMachineCodeFacts(const llvm::object::ObjectFile &Obj,
                                 const ObjectInventory &Inv,
                                 ObjectFacts &Into);

} // namespace stackbudget

#endif // STACKBUDGET_MACHINECODEFRAMES_H

//===- LinkTimeCheck.h - The whole-program check inside an LTO link -------===//
//
// ld.lld --load-pass-plugin=stackbudget.so, with STACKBUDGET_OPTIONS=check
// (docs/lto.md). The recorder runs in every LTO codegen of the link: the
// full-LTO module (and its partitions) and each ThinLTO backend, in parallel
// threads. Each record it writes into a module is also handed to a
// process-wide, thread-safe collector. When the process shuts down, after
// lld has written the output, the collector joins the records with the
// facts of the link's non-bitcode inputs (LinkInputs.h) and runs the check
// once, on the whole program.
//
// Why at shutdown: lld offers a plugin no hook after LTO, and it leaves
// through lld::exitLld, which runs llvm_shutdown() and then _exit(): plain
// static destructors and atexit handlers never run, ManagedStatic
// destructors do (and also when lld returns from main under LLD_IN_TEST).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LINKTIMECHECK_H
#define STACKBUDGET_LINKTIMECHECK_H

#include "llvm/ADT/StringRef.h"

namespace llvm {
class Module;
} // namespace llvm

namespace stackbudget {

/// Called by the recorder with every complete record it adds to \p M (the
/// module record first). Keeps a copy when this process is a linker and the
/// check is on; does nothing otherwise. Thread-safe.
void noteEmittedRecord(const llvm::Module &M, llvm::StringRef Record);

/// The LLVM 19 recorder writes a function's record before codegen and learns
/// its frame while the backend works on the function (StackSizeDiagnostics.h).
/// Notes the record of \p Key (the function) in \p M's codegen unit, or
/// replaces the one noted before; an empty \p Record withdraws it (the
/// function was deleted before codegen). The module record must have been
/// noted first, with noteEmittedRecord. Thread-safe.
void noteReplaceableRecord(const llvm::Module &M, const void *Key,
                           llvm::StringRef Record);

/// Codegen of this link that no recorder observes (LLVM 19: full-LTO
/// partitions); the check then fails with \p Why rather than check a part
/// of the program. Thread-safe.
void noteUnobservedCodegen(llvm::StringRef Why);

/// Whether this process is a linker (argv[0] names one: ld.lld, ld...), as
/// opposed to clang. Decided once, thread-safely.
bool inLinkerProcess();

} // namespace stackbudget

#endif // STACKBUDGET_LINKTIMECHECK_H

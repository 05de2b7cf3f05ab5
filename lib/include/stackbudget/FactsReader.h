//===- FactsReader.h - Read facts from objects, archives and ld -r output -===//

#ifndef STACKBUDGET_FACTSREADER_H
#define STACKBUDGET_FACTSREADER_H

#include "stackbudget/Facts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <functional>
#include <vector>

namespace llvm::object {
class ObjectFile;
class ELFSymbolRef;
} // namespace llvm::object

namespace stackbudget {

/// A defined symbol that starts code a call or a jump may reach: a function
/// (STT_FUNC), or a sized symbol of no type in an executable section, which
/// is what the kernel's SYM_CODE_START/SYM_CODE_END give entry code that does
/// not follow the C calling convention (asm_exc_*, entry_SYSCALL_64). A label
/// of no size inside other code is not one.
bool isCodeSymbol(const llvm::object::ELFSymbolRef &Sym);

/// What one input contributes besides its records: where facts are missing.
struct ObjectInventory {
  std::string Origin;
  bool HasFactsSection = false;
  /// Functions (isCodeSymbol) the object defines without a facts record:
  /// assembly, or code built without the plugin.
  std::vector<std::string> FunctionsWithoutFacts;
  /// Symbols that code of those functions refers to (a relocation inside
  /// one, such as ret_from_fork_asm's `call ret_from_fork`): called, or
  /// their address taken, with arguments no recorder saw.
  std::vector<std::string> ReferencedWithoutFacts;
  /// Symbols of no type and no size inside code (the kernel's
  /// SYM_INNER_LABEL, a label in inline asm): a jump or a pointer to one
  /// lands in the middle of other code, not at a function.
  std::vector<std::string> CodeLabels;
};

struct ReadResult {
  std::vector<ObjectFacts> Objects;
  std::vector<ObjectInventory> Inventory;
};

/// Reads the functions an object defines without facts from their machine
/// code, adding records to the object's facts (readMachineCodeFacts,
/// MachineCodeFrames.h).
using MachineCodeReaderFn = std::function<llvm::Error(
    const llvm::object::ObjectFile &, const ObjectInventory &, ObjectFacts &)>;

struct ReadOptions {
  /// Called for every object after its facts are read; none when empty
  /// (the plugin, which does not link the MC disassembler, passes none).
  MachineCodeReaderFn MachineCode;
};

/// Reads every relocatable object in \p Path (an ELF object, an `ld -r`
/// output, or an archive of them, thin archives included). Bitcode is
/// rejected with an explanation: its facts exist only after LTO codegen.
llvm::Error readFactsFile(llvm::StringRef Path, ReadResult &Into,
                          const ReadOptions &Opts = ReadOptions());

/// readFactsFile() of every path, on the threads of llvm::parallel's
/// strategy, appended to \p Into in the order of \p Paths; the error is the
/// first path's that fails, as in a loop over them.
llvm::Error readFactsFiles(llvm::ArrayRef<std::string> Paths, ReadResult &Into,
                           const ReadOptions &Opts = ReadOptions());

/// The same for a buffer already in memory; \p Origin names it in errors.
llvm::Error readFactsBuffer(llvm::MemoryBufferRef Buffer,
                            llvm::StringRef Origin, ReadResult &Into,
                            const ReadOptions &Opts = ReadOptions());

} // namespace stackbudget

#endif // STACKBUDGET_FACTSREADER_H

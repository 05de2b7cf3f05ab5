//===- LinkInputs.h - What the running link reads and writes -------------===//
//
// Inside ld.lld the plugin sees the modules LTO compiles, but not the other
// inputs of the link (assembly objects, objects built without LTO). lld
// gives a plugin no access to its inputs, so they are read from the
// process's own command line (/proc/self/cmdline, response files expanded)
// with the GNU ld syntax lld accepts.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LINKINPUTS_H
#define STACKBUDGET_LINKINPUTS_H

#include "stackbudget/FactsReader.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace stackbudget {

struct LinkCommandLine {
  /// argv[0] as given.
  std::string Program;
  /// Files named as inputs, in order: plain paths and -l libraries found
  /// in the -L directories. Unreadable or non-ELF/non-archive files are
  /// sorted out when they are read.
  std::vector<std::string> Inputs;
  /// -l names that no -L directory holds as a static archive.
  std::vector<std::string> MissingLibraries;
  std::string Output = "a.out";
  bool Relocatable = false;
  /// An LTO cache (--thinlto-cache-dir, cache-dir=): cached modules are not
  /// compiled in this process, so their facts are out of reach.
  bool UsesLTOCache = false;
  /// --thinlto-index-only: no codegen happens in this link.
  bool IndexOnly = false;
  /// --lto-partitions=N: full-LTO codegen runs in N modules, each in a
  /// fresh LLVMContext.
  unsigned LTOPartitions = 1;
};

/// True when \p Program (argv[0]) names a linker: ld, ld.lld, ld.lld-22,
/// lld, ld.gold... as opposed to clang, opt or llc.
bool isLinkerProgram(llvm::StringRef Program);

/// Parses a GNU ld / ld.lld command line (response files already expanded).
LinkCommandLine parseLinkCommandLine(llvm::ArrayRef<std::string> Args);

/// The command line of this process.
llvm::Expected<LinkCommandLine> readOwnLinkCommandLine();

/// Reads the facts of the non-bitcode inputs: ELF objects, and the ELF
/// members of archives (all of them, as `stackbudget check` does; bitcode
/// members are compiled in this process and recorded there).
llvm::Error readNonBitcodeInputs(const LinkCommandLine &Link,
                                 ReadResult &Into, unsigned &FilesRead);

} // namespace stackbudget

#endif // STACKBUDGET_LINKINPUTS_H

//===- SourcePaths.h - File names of debug locations, as the compile saw them -===//
//
// Clang stores a file given by absolute path as a directory (the longest
// prefix it shares with the working directory) and a file name relative to
// it: /work/src/a.c compiled in /work/build is ("/work", "src/a.c"). Taken
// alone, that name points nowhere. SourceFiles gives the name back in the
// form a reader (and clang's own source manager) can open: the spelling of
// clang's own diagnostics where the clang half wrote it into the module
// (writeFileSpellings, at the start of the IR pipeline; it travels with the
// IR into LTO links); otherwise the debug-info name, relative names
// relative to the compilation directory kept as they are.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_SOURCEPATHS_H
#define STACKBUDGET_SOURCEPATHS_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class DebugLoc;
class DICompileUnit;
class DIFile;
class DILocation;
class DIScope;
class Module;
} // namespace llvm

namespace stackbudget {

/// The name clang's diagnostics give the file debug info names by a
/// directory and a file name; empty for a file the compile did not read.
using FileSpeller = llvm::function_ref<std::optional<std::string>(
    llvm::StringRef Directory, llvm::StringRef File)>;

/// Records, in \p M, \p Spell's name of every file \p M's debug info names
/// (a named metadata table of DIFile and spelling).
void writeFileSpellings(llvm::Module &M, FileSpeller Spell);

/// The file names of one module's debug locations.
class SourceFiles {
public:
  /// Reads \p M's spellings (none when no clang half wrote them).
  explicit SourceFiles(const llvm::Module &M);

  /// The file of \p Scope: its spelling, else relative names stay relative
  /// when they are relative to the compilation directory (as the user
  /// spelled them); a name relative to any other directory is joined to it.
  std::string path(const llvm::DIScope &Scope,
                   const llvm::DICompileUnit *Unit) const;
  /// The same for the file of a debug location.
  std::string path(const llvm::DILocation &Loc) const;
  /// The file, line and column of an instruction's debug location.
  SourceLoc loc(const llvm::DebugLoc &DL) const;

private:
  llvm::DenseMap<const llvm::DIFile *, std::string> Spellings;
};

} // namespace stackbudget

#endif // STACKBUDGET_SOURCEPATHS_H

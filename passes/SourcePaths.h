//===- SourcePaths.h - File names of debug locations, as the compile saw them -===//
//
// Clang stores a file given by absolute path as a directory (the longest
// prefix it shares with the working directory) and a file name relative to
// it: /work/src/a.c compiled in /work/build is ("/work", "src/a.c"). Taken
// alone, that name points nowhere. These helpers give the name back in the
// form a reader (and clang's own source manager) can open: with the front
// end of the plugin, the spelling of clang's own diagnostics
// (sourceFileSpeller(), RecorderHooks.h); without it (pass plugin alone,
// LTO link), the debug-info name, relative names relative to the
// compilation directory kept as they are.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_SOURCEPATHS_H
#define STACKBUDGET_SOURCEPATHS_H

#include <string>

namespace llvm {
class DILocation;
class DIScope;
class DICompileUnit;
} // namespace llvm

namespace stackbudget {

/// The file of \p Scope: relative names stay relative when they are
/// relative to the compilation directory (as the user spelled them); a name
/// relative to any other directory is joined to it.
std::string sourcePath(const llvm::DIScope &Scope,
                       const llvm::DICompileUnit *Unit);

/// The same for the file of a debug location.
std::string sourcePath(const llvm::DILocation &Loc);

} // namespace stackbudget

#endif // STACKBUDGET_SOURCEPATHS_H

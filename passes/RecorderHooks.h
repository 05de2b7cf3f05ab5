//===- RecorderHooks.h - What the clang plugin lends the recorder ---------===//
//
// The recorder runs in codegen, where clang's AST and diagnostics engine are
// out of reach. When the .so is loaded with -fplugin, the plugin installs
// these hooks so that findings are reported at the function's definition
// with clang's diagnostics and files keep the spelling of clang's own
// diagnostics. Without them (pass plugin, LTO link) the recorder falls back
// to debug locations and the LLVMContext's diagnostic handler. A
// definition's line and column come to the recorder in the IR, as a
// function attribute (IRSourceAttributes.h), in every one of those doors.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_RECORDERHOOKS_H
#define STACKBUDGET_RECORDERHOOKS_H

#include "stackbudget/Facts.h"
#include "stackbudget/FrameFinding.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

/// The clang plugin installs a reporter that speaks through clang's
/// diagnostics engine at the function's definition; without it (pass plugin,
/// LTO link) the recorder reports through the LLVMContext.
using FrameFindingReporter = std::function<void(const FrameFinding &)>;
// Exported: the clang half of the plugin (stackbudget-clang.so, see
// plugin/ClangCompanion.cpp) installs the hooks from another .so.
#pragma GCC visibility push(default)
void setFrameFindingReporter(FrameFindingReporter R);
const FrameFindingReporter &frameFindingReporter();
#pragma GCC visibility pop

/// A path of direct calls inside one TU that already exceeds a budget
/// (stackbudget/TranslationUnitCheck.h): the warning at the entry's
/// definition and one note per hop, in the words of the link-time check.
struct PathFindingNote {
  SourceLoc Loc;
  std::string Text;
};
struct PathFinding {
  std::string Symbol;
  SourceLoc Loc;
  /// "stack path from 'f' may use N bytes, over ..." without the rule name.
  std::string Text;
  bool IsError = false;
  std::vector<PathFindingNote> Notes;
};
using PathFindingReporter = std::function<void(const PathFinding &)>;
#pragma GCC visibility push(default)
void setPathFindingReporter(PathFindingReporter R);
const PathFindingReporter &pathFindingReporter();
#pragma GCC visibility pop

/// The name of a source file as clang's own diagnostics spell it (as the
/// file was given on the command line or found through the include path),
/// for a file that debug info names by \p Directory and \p File (both
/// possibly rewritten by -fdebug-prefix-map); empty for a file this
/// compile did not read. The front end installs it so that every location
/// of one file has one spelling (docs/check.md, "File names").
using SourceFileSpeller = std::function<std::optional<std::string>(
    llvm::StringRef Directory, llvm::StringRef File)>;
#pragma GCC visibility push(default)
void setSourceFileSpeller(SourceFileSpeller S);
const SourceFileSpeller &sourceFileSpeller();
#pragma GCC visibility pop

} // namespace stackbudget

#endif // STACKBUDGET_RECORDERHOOKS_H

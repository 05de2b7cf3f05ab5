//===- RecorderHooks.h - What the clang plugin lends the recorder ---------===//
//
// The recorder runs in codegen, where clang's source manager is out of
// reach. When the .so is loaded with -fplugin, the plugin installs this
// hook so that files keep the spelling of clang's own diagnostics; without
// it (pass plugin, LTO link) the recorder uses debug info's. Findings go
// out as LLVM diagnostics (RecorderFinding.h), and a definition's line and
// column come in the IR, as a function attribute (IRSourceAttributes.h),
// in every one of those doors.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_RECORDERHOOKS_H
#define STACKBUDGET_RECORDERHOOKS_H

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <optional>
#include <string>

namespace stackbudget {

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

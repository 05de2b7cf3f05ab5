//===- LocatedError.h - An error that points at a place in an input -------===//
//
// Errors in a profile, an annotation file or a function's definition read
// like a compiler's, "file:line:col: error: message", so editors and CI
// jump to them; every other error is the tool's own and its printer gives
// it a prefix ("stackbudget: error: ..."). The difference is the error's
// type, not its text: printErrors() asks each error of a joined list what
// it is.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LOCATEDERROR_H
#define STACKBUDGET_LOCATEDERROR_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace llvm {
class SMDiagnostic;
} // namespace llvm

namespace stackbudget {

class LocatedError : public llvm::ErrorInfo<LocatedError> {
public:
  static char ID;

  /// \p Excerpt, if any, follows the message on lines of its own (the
  /// source line and caret of a YAML parser diagnostic).
  LocatedError(SourceLoc Loc, std::string Message, std::string Excerpt = {})
      : Loc(std::move(Loc)), Message(std::move(Message)),
        Excerpt(std::move(Excerpt)) {}

  /// "file:line:col: error: message", then the excerpt.
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

  const SourceLoc &loc() const { return Loc; }
  /// The message without the place.
  llvm::StringRef text() const { return Message; }

private:
  SourceLoc Loc;
  std::string Message;
  std::string Excerpt;
};

/// "file:line:col" (the column even when 0, as every caller has one), or
/// "file" for a place that is a whole file (line 0).
std::string where(const SourceLoc &L);

/// An error at \p L; an error without a place when \p L names no file.
llvm::Error errorAt(const SourceLoc &L, const llvm::Twine &Msg);

/// A parser's diagnostic (llvm::yaml's) as an error at its place, the
/// source line and caret it prints kept as the excerpt.
llvm::Error errorFromDiagnostic(const llvm::SMDiagnostic &D);

/// Prints every error of \p E on lines of its own: a LocatedError as it
/// logs itself, any other through \p Unlocated (which adds the tool's
/// prefix).
void printErrors(llvm::raw_ostream &OS, llvm::Error E,
                 llvm::function_ref<void(llvm::StringRef Msg)> Unlocated);

} // namespace stackbudget

#endif // STACKBUDGET_LOCATEDERROR_H

//===- YAMLSupport.h - What every YAML reader of the library shares -------===//
//
// The profile and the annotation files are read with llvm::yaml. Both need
// the same three things, kept here once:
//  - the file:line:col of the node being mapped (LocationContext, locOf),
//    so that cross-checks made after the parse can point at an entry;
//  - validation that never runs on a failed parse (ValidatedMapping):
//    yaml::Input calls MappingTraits<T>::validate() even after a syntax
//    error, and reporting a validation error then dereferences the null
//    node the failed parse left behind (a crash in yaml::Input::setError
//    with LLVM 19 and 22);
//  - one driver (readYAML) that turns each of yaml::Input's diagnostics
//    into a LocatedError.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LIB_YAMLSUPPORT_H
#define STACKBUDGET_LIB_YAMLSUPPORT_H

#include "stackbudget/Facts.h"
#include "stackbudget/LocatedError.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

#include <string>

namespace stackbudget {

/// Turns the positions llvm::yaml hands out into file:line:col. The buffer
/// is registered (without copying) in a SourceMgr of its own, so a pointer
/// into the text yaml::Input parses maps to its line and column.
class YAMLLocationContext {
public:
  explicit YAMLLocationContext(llvm::MemoryBufferRef Buffer)
      : Path(Buffer.getBufferIdentifier().str()) {
    SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBuffer(Buffer, false),
                          llvm::SMLoc());
  }

  SourceLoc locOf(llvm::yaml::IO &IO) {
    if (IO.outputting())
      return SourceLoc();
    return locOf(static_cast<llvm::yaml::Input &>(IO).getCurrentNode());
  }

  /// The location of the node being read, for ScalarTraits::input (which
  /// gets the context but not the IO); set by readYAML.
  SourceLoc currentLoc() const {
    return In ? locOf(In->getCurrentNode()) : SourceLoc();
  }
  void setInput(const llvm::yaml::Input *Input) { In = Input; }

private:
  SourceLoc locOf(const llvm::yaml::Node *N) const {
    SourceLoc L;
    if (!N)
      return L;
    llvm::SMLoc Start = N->getSourceRange().Start;
    if (!Start.isValid() || !SM.FindBufferContainingLoc(Start))
      return L;
    auto [Line, Col] = SM.getLineAndColumn(Start);
    L.File = Path;
    L.Line = Line;
    L.Column = Col;
    return L;
  }

  llvm::SourceMgr SM;
  std::string Path;
  const llvm::yaml::Input *In = nullptr;
};

/// The location of the node \p IO is mapping; empty without a context.
inline SourceLoc yamlLocOf(llvm::yaml::IO &IO) {
  auto *Ctx = static_cast<YAMLLocationContext *>(IO.getContext());
  return Ctx ? Ctx->locOf(IO) : SourceLoc();
}

/// Base of the MappingTraits of every validated YAML mapping: Traits
/// defines `static std::string check(T &)` (empty: valid), and it runs only
/// when the parse has not failed. yaml::IO has no error() in LLVM 19, so
/// the input is asked directly; these mappings are only ever read.
template <typename Traits, typename T> struct ValidatedMapping {
  static std::string validate(llvm::yaml::IO &IO, T &Value) {
    if (IO.outputting() || static_cast<llvm::yaml::Input &>(IO).error())
      return "";
    return Traits::check(Value);
  }
};

/// Parses \p Buffer into \p Out. Syntax errors, unknown keys, wrong types
/// and failed checks are yaml::Input's own diagnostics, one LocatedError
/// each (with the parser's excerpt of the line), or "file: error: malformed
/// <What>" when yaml::Input said nothing.
template <typename T>
llvm::Error readYAML(llvm::MemoryBufferRef Buffer, T &Out,
                     llvm::StringRef What) {
  YAMLLocationContext Ctx(Buffer);
  llvm::Error Diags = llvm::Error::success();
  auto Collect = [](const llvm::SMDiagnostic &D, void *Sink) {
    auto &All = *static_cast<llvm::Error *>(Sink);
    All = llvm::joinErrors(std::move(All), errorFromDiagnostic(D));
  };
  llvm::yaml::Input In(Buffer, &Ctx, Collect, &Diags);
  Ctx.setInput(&In);
  In >> Out;
  if (!In.error()) {
    llvm::consumeError(std::move(Diags));
    return llvm::Error::success();
  }
  if (Diags)
    return Diags;
  return errorAt(SourceLoc{Buffer.getBufferIdentifier().str(), 0, 0},
                 "malformed " + What);
}

} // namespace stackbudget

#endif // STACKBUDGET_LIB_YAMLSUPPORT_H

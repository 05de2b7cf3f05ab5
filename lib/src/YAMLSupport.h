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
//  - one driver (readYAML) that turns yaml::Input's diagnostics into an
//    Error that starts with "file:line:col: error:".
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_LIB_YAMLSUPPORT_H
#define STACKBUDGET_LIB_YAMLSUPPORT_H

#include "stackbudget/Facts.h"

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

/// "file:line:col".
inline std::string where(const SourceLoc &L) {
  return L.File + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

/// "file:line:col: error: Msg".
inline llvm::Error errorAt(const SourceLoc &L, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 where(L) + ": error: " + Msg.str());
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
/// and failed checks are one Error of yaml::Input's own diagnostics
/// ("file:line:col: error: ..."), or "file: error: malformed <What>" when
/// yaml::Input said nothing.
template <typename T>
llvm::Error readYAML(llvm::MemoryBufferRef Buffer, T &Out,
                     llvm::StringRef What) {
  YAMLLocationContext Ctx(Buffer);
  std::string Diags;
  auto Collect = [](const llvm::SMDiagnostic &D, void *Sink) {
    llvm::raw_string_ostream OS(*static_cast<std::string *>(Sink));
    D.print(nullptr, OS, /*ShowColors=*/false);
  };
  llvm::yaml::Input In(Buffer, &Ctx, Collect, &Diags);
  Ctx.setInput(&In);
  In >> Out;
  if (!In.error())
    return llvm::Error::success();
  std::string Msg = llvm::StringRef(Diags).rtrim().str();
  if (Msg.empty())
    Msg = Buffer.getBufferIdentifier().str() + ": error: malformed " +
          What.str();
  return llvm::createStringError(In.error(), Msg);
}

} // namespace stackbudget

#endif // STACKBUDGET_LIB_YAMLSUPPORT_H

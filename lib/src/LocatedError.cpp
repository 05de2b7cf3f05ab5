//===- LocatedError.cpp - An error that points at a place in an input -----===//

#include "stackbudget/LocatedError.h"

#include "llvm/Support/SourceMgr.h"

using namespace llvm;

namespace stackbudget {

char LocatedError::ID;

std::string where(const SourceLoc &L) {
  if (L.Line == 0)
    return L.File;
  return L.File + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Column);
}

void LocatedError::log(raw_ostream &OS) const {
  OS << where(Loc) << ": error: " << Message;
  if (!Excerpt.empty())
    OS << '\n' << Excerpt;
}

Error errorAt(const SourceLoc &L, const Twine &Msg) {
  if (L.File.empty())
    return createStringError(inconvertibleErrorCode(), Msg);
  return make_error<LocatedError>(L, Msg.str());
}

Error errorFromDiagnostic(const SMDiagnostic &D) {
  // The excerpt is what SMDiagnostic prints after its first line, so the
  // caret and ranges stay the parser's own.
  std::string Printed;
  raw_string_ostream OS(Printed);
  D.print(nullptr, OS, /*ShowColors=*/false);
  StringRef Excerpt = StringRef(Printed).split('\n').second.rtrim('\n');
  SourceLoc L{D.getFilename().str(),
              D.getLineNo() > 0 ? unsigned(D.getLineNo()) : 0,
              D.getColumnNo() >= 0 ? unsigned(D.getColumnNo()) + 1 : 0};
  return make_error<LocatedError>(std::move(L), D.getMessage().str(),
                                  Excerpt.str());
}

void printErrors(raw_ostream &OS, Error E,
                 function_ref<void(StringRef Msg)> Unlocated) {
  handleAllErrors(
      std::move(E), [&](const LocatedError &L) {
        L.log(OS);
        OS << '\n';
      },
      [&](const ErrorInfoBase &Other) { Unlocated(Other.message()); });
}

} // namespace stackbudget

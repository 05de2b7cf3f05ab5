//===- PathCheck.cpp - stackbudget-path -----------------------------------===//

#include "PathCheck.h"

#include "ReportSource.h"

#include "stackbudget/FindingText.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::stackbudget_tidy {

PathCheck::PathCheck(StringRef Name, ClangTidyContext *Context)
    : ReportCheck(Name, Context),
      WarnUnknown(Options.get("WarnUnknown", false)) {}

void PathCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ReportCheck::storeOptions(Opts);
  Options.store(Opts, "WarnUnknown", WarnUnknown);
}

namespace {

/// Where a hop's note goes when its location is in the checked file.
SourceLocation locationInMainFile(const ::stackbudget::SourceLoc &L,
                                  const SourceManager &SM) {
  if (!L.isValid())
    return SourceLocation();
  FileID Main = SM.getMainFileID();
  SourceLocation Line = SM.translateLineCol(Main, L.Line, L.Column ? L.Column
                                                                   : 1);
  // translateLineCol clamps to the end of the file; a location in another
  // file with the same line number is told apart by the name.
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(Main);
  if (!FE)
    return SourceLocation();
  StringRef Name = FE->getName();
  StringRef File = L.File;
  if (Name != File && !Name.ends_with("/" + File.str()) &&
      !File.ends_with("/" + Name.str()))
    return SourceLocation();
  return Line;
}

} // namespace

void PathCheck::checkDefinition(const FunctionDecl &FD,
                                const ::stackbudget::CheckResult &R,
                                const SourceManager &SM, StringRef BuildDir) {

  for (const ::stackbudget::EntryReport &E : R.Entries) {
    bool Over = E.OverBudget;
    if (!Over && !(WarnUnknown && E.Unknown))
      continue;
    // The first reported path through this function, at its deepest hop
    // there (a function can appear twice on a path through recursion).
    const ::stackbudget::PathReport *OnPath = nullptr;
    const ::stackbudget::HopReport *Here = nullptr;
    for (const ::stackbudget::PathReport &P : E.Paths) {
      for (const ::stackbudget::HopReport &H : P.Hops)
        if (sameLocation(H.Loc, FD, SM, BuildDir))
          Here = &H;
      if (Here) {
        OnPath = &P;
        break;
      }
    }
    if (!Here)
      continue;

    std::string Finding = Over ? ::stackbudget::pathFindingText(E)
                               : ::stackbudget::unknownFindingText(E);
    // The entry gets the words of the GCC-style warning; a function
    // further down says where on the path it stands first.
    if (Here == &OnPath->Hops.front())
      diag(FD.getLocation(), "%0") << Finding;
    else
      diag(FD.getLocation(), "'%0' frame %1%2, total %3 here: %4")
          << Here->Function << std::to_string(Here->Parts.own())
          << (Here->FrameUnknown ? " + unknown" : "")
          << std::to_string(Here->Total) << Finding;

    unsigned Elsewhere = 0;
    for (const ::stackbudget::HopReport &H : OnPath->Hops) {
      SourceLocation L =
          locationInMainFile(::stackbudget::hopLocation(H), SM);
      if (L.isInvalid()) {
        ++Elsewhere;
        continue;
      }
      diag(L, "%0", DiagnosticIDs::Note) << ::stackbudget::hopText(H, R);
    }
    if (Elsewhere)
      diag(FD.getLocation(),
           "%0 more hop%s0 of this path in other files; the path ends in "
           "'%1' at total %2",
           DiagnosticIDs::Note)
          << Elsewhere << OnPath->Hops.back().Function
          << std::to_string(OnPath->Hops.back().Total);
  }
}

} // namespace clang::tidy::stackbudget_tidy

//===- ReportSource.cpp - The report a clang-tidy check reads -------------===//

#include "ReportSource.h"

#include "stackbudget/ReportReader.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <mutex>

using namespace llvm;

namespace clang::tidy::stackbudget_tidy {

namespace {

std::string absolute(StringRef Path, StringRef BuildDir) {
  SmallString<256> P;
  if (!sys::path::is_absolute(Path) && !BuildDir.empty())
    sys::path::append(P, BuildDir, Path);
  else
    P = Path;
  sys::fs::make_absolute(P);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

/// Loaded reports by path and modification time: clang-tidy runs every
/// check on every file of a run, and a kernel report is large.
struct Cache {
  std::mutex Lock;
  struct Slot {
    sys::TimePoint<> Modified;
    std::shared_ptr<const ::stackbudget::CheckResult> Result;
    std::string Problem;
  };
  StringMap<Slot> Slots;
};

Cache &cache() {
  static Cache C;
  return C;
}

} // namespace

LoadedReport loadReport(StringRef Option, StringRef BuildDir,
                        StringRef MainFile) {
  LoadedReport Out;
  if (!Option.empty()) {
    Out.Path = absolute(Option, BuildDir);
  } else {
    // The compile command's directory, then its parents: a CMake build
    // compiles in subdirectories of the directory holding the report.
    SmallString<256> Dir(absolute(BuildDir.empty() ? "." : BuildDir, ""));
    while (!Dir.empty()) {
      SmallString<256> Candidate(Dir);
      sys::path::append(Candidate, DefaultReportName);
      if (sys::fs::exists(Candidate)) {
        Out.Path = std::string(Candidate);
        break;
      }
      StringRef Parent = sys::path::parent_path(Dir);
      if (Parent == Dir)
        break;
      Dir = Parent;
    }
  }
  sys::fs::file_status ReportStatus;
  if (Out.Path.empty() || sys::fs::status(Out.Path, ReportStatus) ||
      !sys::fs::exists(ReportStatus)) {
    Out.Problem = "missing";
    return Out;
  }

  sys::fs::file_status SourceStatus;
  if (!sys::fs::status(absolute(MainFile, BuildDir), SourceStatus))
    Out.Stale = ReportStatus.getLastModificationTime() <
                SourceStatus.getLastModificationTime();

  Cache &C = cache();
  std::lock_guard<std::mutex> Guard(C.Lock);
  Cache::Slot &S = C.Slots[Out.Path];
  if ((!S.Result && S.Problem.empty()) ||
      S.Modified != ReportStatus.getLastModificationTime()) {
    S.Modified = ReportStatus.getLastModificationTime();
    S.Result.reset();
    S.Problem.clear();
    Expected<::stackbudget::CheckResult> R =
        ::stackbudget::readJSONReport(Out.Path);
    if (R)
      S.Result = std::make_shared<::stackbudget::CheckResult>(std::move(*R));
    else
      S.Problem = toString(R.takeError());
  }
  Out.Result = S.Result;
  Out.Problem = S.Problem;
  return Out;
}

std::string reportProblemText(const LoadedReport &R, StringRef BuildDir,
                              StringRef MainFile) {
  if (R.Problem == "missing") {
    if (!R.Path.empty())
      return "stackbudget report '" + R.Path +
             "' does not exist; run 'stackbudget check --json " + R.Path +
             " ...' after the build";
    return std::string("no stackbudget report: no ") + DefaultReportName +
           " in '" + absolute(BuildDir.empty() ? "." : BuildDir, "") +
           "' or its parents; run 'stackbudget check --json "
           "<build-dir>/" + DefaultReportName +
           " ...' after the build, or set the ReportPath option";
  }
  if (!R.Problem.empty())
    return "cannot use the stackbudget report: " + R.Problem;
  if (R.Stale)
    return "stackbudget report '" + R.Path + "' is older than '" +
           MainFile.str() +
           "'; its numbers are from the last checked build: rebuild and "
           "rerun 'stackbudget check'";
  return "";
}

bool isCheckedDefinition(const FunctionDecl &FD, const SourceManager &SM) {
  return FD.isThisDeclarationADefinition() && FD.getLocation().isValid() &&
         SM.isInMainFile(SM.getExpansionLoc(FD.getLocation()));
}

bool sameLocation(const ::stackbudget::SourceLoc &L, const FunctionDecl &FD,
                  const SourceManager &SM, StringRef BuildDir) {
  if (!L.isValid())
    return false;
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(FD.getLocation()));
  if (P.isInvalid() || P.getLine() != L.Line ||
      (L.Column && P.getColumn() != L.Column))
    return false;
  if (StringRef(P.getFilename()) == L.File)
    return true;
  std::string A = absolute(L.File, BuildDir);
  std::string B = absolute(P.getFilename(), BuildDir);
  if (A == B)
    return true;
  SmallString<256> RA, RB;
  return !sys::fs::real_path(A, RA) && !sys::fs::real_path(B, RB) && RA == RB;
}

} // namespace clang::tidy::stackbudget_tidy

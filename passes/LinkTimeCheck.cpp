//===- LinkTimeCheck.cpp - The whole-program check inside an LTO link -----===//

#include "LinkTimeCheck.h"
#include "LinkInputs.h"
#include "RecorderOptions.h"

#include "stackbudget/Check.h"
#include "stackbudget/CheckSession.h"
#include "stackbudget/FactsFormat.h"
#include "stackbudget/LocatedError.h"
#include "stackbudget/Report.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ManagedStatic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <string>
#include <vector>

using namespace llvm;

namespace stackbudget {
namespace {

/// The records one codegen wrote: one module of a ThinLTO backend, or the
/// full-LTO module (or one of its partitions).
struct CodegenUnit {
  std::string ModuleId;
  /// The records, concatenated as in a facts section.
  std::string Bytes;
  /// Records that may still be replaced (LLVM 19: the frame arrives during
  /// codegen), by function, in the order first noted; empty when withdrawn.
  MapVector<const void *, std::string> Replaceable;

  /// All records of the unit, as in a facts section.
  std::string section() const {
    std::string S = Bytes;
    for (const auto &KV : Replaceable)
      S += KV.second;
    return S;
  }
};

class LinkTimeCollector {
public:
  /// Runs at llvm_shutdown(), after lld has written the output.
  ~LinkTimeCollector() { finish(); }

  void add(const Module &M, StringRef Record);
  void replace(const Module &M, const void *Key, StringRef Record);
  void unobserved(StringRef Why) {
    std::lock_guard<std::mutex> Guard(Lock);
    if (Unobserved.empty())
      Unobserved = Why.str();
  }

private:
  void finish();
  bool check(raw_ostream &Err);

  std::mutex Lock;
  std::vector<CodegenUnit> Units;
  /// The unit each module being compiled writes to. A module record starts
  /// a unit, so a Module address reused by a later backend starts afresh.
  DenseMap<const Module *, size_t> Open;
  /// Why some codegen of the link was not recorded; empty if none.
  std::string Unobserved;
};

ManagedStatic<LinkTimeCollector> Collector;

/// The check is on, and this process is a linker (in clang, `check` in a
/// shared STACKBUDGET_OPTIONS is ignored). Decided once, thread-safely.
bool collecting() {
  static const bool On = [] {
    // An invalid STACKBUDGET_OPTIONS is reported by the recorder.
    if (Error E = loadOptionsFromEnvironment()) {
      consumeError(std::move(E));
      return false;
    }
    if (!recorderOptions().LinkCheck)
      return false;
    return inLinkerProcess();
  }();
  return On;
}

void LinkTimeCollector::add(const Module &M, StringRef Record) {
  // Each codegen writes its module's block first (the LLVM 22 recorder: the
  // only one), so a block starts a unit: a module at the address of an
  // earlier one is another module.
  std::lock_guard<std::mutex> Guard(Lock);
  Units.push_back({M.getModuleIdentifier(), Record.str(), {}});
  Open.insert_or_assign(&M, Units.size() - 1);
}

void LinkTimeCollector::replace(const Module &M, const void *Key,
                                StringRef Record) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Open.find(&M);
  if (It == Open.end()) {
    Units.push_back({M.getModuleIdentifier(), std::string(), {}});
    It = Open.insert_or_assign(&M, Units.size() - 1).first;
  }
  Units[It->second].Replaceable[Key] = Record.str();
}

void LinkTimeCollector::finish() {
  raw_ostream &Err = errs();
  if (check(Err))
    return;
  // Fail the link. lld has exited its own logic already (its exit status
  // is decided), so leave the way lld does, without further cleanup, and
  // take the output away so that make does not see it as up to date.
  Expected<LinkCommandLine> L = readOwnLinkCommandLine();
  if (L && sys::fs::exists(L->Output) && !sys::fs::is_directory(L->Output)) {
    sys::fs::remove(L->Output);
    Err << "stackbudget: error: removed the output " << L->Output
        << " of the failed check\n";
  }
  outs().flush();
  Err.flush();
  sys::Process::Exit(1, /*NoCleanup=*/true);
}

/// Runs the check; false when the link must fail.
bool LinkTimeCollector::check(raw_ostream &Err) {
  const RecorderOptions &Opts = recorderOptions();
  auto Fail = [&](const Twine &Msg) {
    Err << "stackbudget: error: " << Msg << "\n";
    return false;
  };

  Expected<LinkCommandLine> Link = readOwnLinkCommandLine();
  if (!Link)
    return Fail(toString(Link.takeError()));
  // lld failed before writing the output (undefined symbols, ...) and has
  // said why; a check of what it got so far would only add noise.
  if (!sys::fs::exists(Link->Output))
    return true;
  if (Link->IndexOnly) {
    Err << "stackbudget: note: no check in a --thinlto-index-only link: "
           "codegen happens in the distributed backends\n";
    return true;
  }

  ReadResult Input;
  unsigned FunctionRecords = 0;
  for (const CodegenUnit &U : Units) {
    ObjectFacts O;
    O.Origin = "LTO codegen of " + U.ModuleId;
    if (Error E = decodeSection(U.section(), O))
      return Fail(toString(std::move(E)));
    FunctionRecords += O.Functions.size();
    Input.Inventory.push_back({O.Origin, /*HasFactsSection=*/true, {}, {}, {}});
    Input.Objects.push_back(std::move(O));
  }
  unsigned FilesRead = 0;
  if (Error E = readNonBitcodeInputs(*Link, Input, FilesRead))
    return Fail(toString(std::move(E)));

  if (Opts.LinkStats)
    Err << "stackbudget: link-time check: " << Units.size()
        << " LTO codegen units, " << FunctionRecords
        << " function records; " << FilesRead
        << " non-bitcode input objects\n";
  for (const std::string &Lib : Link->MissingLibraries)
    Err << "stackbudget: warning: -l" << Lib
        << ": no static archive found in the -L directories; its "
           "functions are unknown to the check\n";
  if (Link->UsesLTOCache) {
    // A cached module is not compiled, so its records never reach us: the
    // check would silently miss its functions.
    return Fail("the link uses an LTO cache (--thinlto-cache-dir / "
                "cache-dir=); modules taken from it are not compiled in this "
                "process and their facts cannot be checked; link without "
                "the cache or run 'stackbudget check' on the output");
  }

  if (!Unobserved.empty())
    return Fail(Unobserved);

  // The session of `stackbudget check`, so that both print one report.
  SessionConfig Config;
  Config.ProfilePath = Opts.LinkProfile;
  Config.StackSize = Opts.LinkStackSize;
  Config.AnnotationFiles = Opts.LinkAnnotations;
  Config.TopPaths = Opts.LinkTopPaths;
  Config.ClosedWorld = Opts.LinkClosedWorld;
  Config.TrustObjectsWithoutFacts = Opts.LinkTrustObjectsWithoutFacts;
  auto FailWith = [&](Error E) {
    // An error in an input reads "file:line:col: error: ..."; any other is
    // the tool's own.
    printErrors(Err, std::move(E), [&](StringRef Msg) { Fail(Msg); });
    return false;
  };
  Expected<CheckSession> Session = CheckSession::open(Input, Config);
  if (!Session)
    return FailWith(Session.takeError());
  Expected<CheckResult> Result = Session->run();
  if (!Result)
    return FailWith(Result.takeError());

  DiagnosticOptions DO;
  DO.BudgetIsError = Opts.Error;
  DO.UnknownIsError = Opts.LinkErrorOnUnknown;
  printDiagnostics(Err, *Result, DO);

  if (!Opts.LinkReport.empty()) {
    std::error_code EC;
    raw_fd_ostream Out(Opts.LinkReport, EC, sys::fs::OF_None);
    if (EC)
      return Fail(Opts.LinkReport + ": " + EC.message());
    writeJSONReport(Out, *Result);
  }

  const CheckSummary &S = Result->Summary;
  if ((Opts.Error || Opts.LinkErrorOnUnknown) &&
      (S.OverBudget || S.FrameFindings))
    return false;
  if (Opts.LinkErrorOnUnknown && S.UnknownEntries)
    return false;
  return true;
}

} // namespace

void noteEmittedRecord(const Module &M, StringRef Record) {
  if (collecting())
    Collector->add(M, Record);
}

void noteReplaceableRecord(const Module &M, const void *Key,
                           StringRef Record) {
  if (collecting())
    Collector->replace(M, Key, Record);
}

void noteUnobservedCodegen(StringRef Why) {
  if (collecting())
    Collector->unobserved(Why);
}

bool inLinkerProcess() {
  static const bool IsLinker = [] {
    Expected<LinkCommandLine> L = readOwnLinkCommandLine();
    if (!L) {
      consumeError(L.takeError());
      return false;
    }
    return isLinkerProgram(L->Program);
  }();
  return IsLinker;
}

} // namespace stackbudget

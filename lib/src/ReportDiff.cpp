//===- ReportDiff.cpp - What a patch did to the stack paths ---------------===//
//
// Functions and entries are matched by name and TU (two static functions of
// the same name stay apart). Causes are read off the new worst path: every
// hop is compared with the old report's function table (frame grew, or the
// function is new), every call with the calls of the old worst path.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/ReportDiff.h"
#include "stackbudget/FindingText.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <set>
#include <tuple>

using namespace llvm;

namespace stackbudget {
namespace {

std::string key(StringRef TU, StringRef Function) {
  return (TU + Twine('\0') + Function).str();
}

/// The worst path's hops as caller -> callee keys.
StringSet<> callsOf(const EntryReport &E) {
  StringSet<> Calls;
  if (E.Paths.empty())
    return Calls;
  const std::vector<HopReport> &Hops = E.Paths.front().Hops;
  for (size_t I = 1; I < Hops.size(); ++I)
    Calls.insert(key(Hops[I - 1].TU, Hops[I - 1].Function) + '\0' +
                 key(Hops[I].TU, Hops[I].Function));
  return Calls;
}

void findCauses(EntryChange &C, const EntryReport *Old, const EntryReport &New,
                const StringMap<const FunctionReport *> &OldFunctions) {
  if (New.Paths.empty())
    return;
  StringSet<> OldCalls;
  if (Old)
    OldCalls = callsOf(*Old);
  const std::vector<HopReport> &Hops = New.Paths.front().Hops;
  for (size_t I = 0; I < Hops.size(); ++I) {
    const HopReport &H = Hops[I];
    auto It = OldFunctions.find(key(H.TU, H.Function));
    // A hop's own bytes against the old function's, both FrameParts::own().
    if (It == OldFunctions.end()) {
      GrowthCause G;
      G.What = GrowthCause::NewFunction;
      G.Function = H.Function;
      G.TU = H.TU;
      G.After = H.Parts.own();
      G.Loc = H.Loc;
      C.Causes.push_back(G);
    } else {
      const FunctionReport &F = *It->second;
      uint64_t OldOwn = F.Parts.own();
      if (H.Parts.own() > OldOwn) {
        GrowthCause G;
        G.What = GrowthCause::FrameGrew;
        G.Function = H.Function;
        G.TU = H.TU;
        G.Before = OldOwn;
        G.After = H.Parts.own();
        G.Loc = H.Loc;
        C.Causes.push_back(G);
      }
    }
    if (I == 0 || !Old)
      continue;
    const HopReport &Caller = Hops[I - 1];
    std::string Call = key(Caller.TU, Caller.Function) + '\0' +
                       key(H.TU, H.Function);
    if (OldCalls.contains(Call))
      continue;
    GrowthCause G;
    G.What = GrowthCause::NewCall;
    G.Function = H.Function;
    G.TU = H.TU;
    G.Caller = Caller.Function;
    G.Loc = H.CallLoc.isValid() ? H.CallLoc : H.Loc;
    C.Causes.push_back(G);
  }
}

using EntryKey = std::tuple<std::string, std::string, std::string>;

EntryKey entryKey(const EntryReport &E) {
  return {E.Stack, E.Function, E.TU};
}

} // namespace

ReportDiff diffReports(const CheckResult &Before, const CheckResult &After) {
  ReportDiff D;
  std::map<EntryKey, const EntryReport *> OldEntries;
  for (const EntryReport &E : Before.Entries)
    OldEntries[entryKey(E)] = &E;
  StringMap<const FunctionReport *> OldFunctions;
  for (const FunctionReport &F : Before.Functions)
    if (F.HasFacts)
      OldFunctions[key(F.TU, F.Name)] = &F;

  size_t Matched = 0;
  for (const EntryReport &E : After.Entries) {
    auto It = OldEntries.find(entryKey(E));
    const EntryReport *Old = It == OldEntries.end() ? nullptr : It->second;
    if (Old)
      ++Matched;
    bool Grew = !Old || E.Bytes > Old->Bytes || (E.Unknown && !Old->Unknown);
    if (!Grew) {
      if (E.Bytes < Old->Bytes)
        ++D.Shrank;
      else
        ++D.Unchanged;
      continue;
    }
    EntryChange C;
    C.Function = E.Function;
    C.TU = E.TU;
    C.Stack = E.Stack;
    C.Loc = E.Loc;
    C.NewEntry = !Old;
    C.Before = Old ? Old->Bytes : 0;
    C.After = E.Bytes;
    C.BeforeUnknown = Old && Old->Unknown;
    C.AfterUnknown = E.Unknown;
    C.Budget = E.Budget;
    C.WasOverBudget = Old && Old->OverBudget;
    C.IsOverBudget = E.OverBudget;
    findCauses(C, Old, E, OldFunctions);
    if (C.newlyOverBudget())
      ++D.NewlyOverBudget;
    if (C.newlyUnknown())
      ++D.NewlyUnknown;
    D.Grew.push_back(std::move(C));
  }
  D.Removed = OldEntries.size() - Matched;

  std::set<std::pair<std::string, std::string>> OldFindings;
  for (const FrameFinding &F : Before.FrameFindings)
    OldFindings.insert({F.TU, F.Function});
  for (const FrameFinding &F : After.FrameFindings)
    if (!OldFindings.count({F.TU, F.Function}))
      D.NewFrameFindings.push_back(F);
  return D;
}

void printReportDiff(raw_ostream &OS, const ReportDiff &D,
                     const DiffPrintOptions &Opts) {
  for (const FrameFinding &F : D.NewFrameFindings) {
    printLocPrefix(OS, F.Loc);
    OS << (Opts.BudgetIsError ? "error" : "warning") << ": stack frame of '"
       << F.Function << "' is now " << F.Frame << " bytes, over the "
       << F.Limit << "-byte frame budget [stackbudget-frame]\n";
  }
  for (const EntryChange &C : D.Grew) {
    printLocPrefix(OS, C.Loc);
    OS << (C.newlyOverBudget() && Opts.BudgetIsError ? "error" : "warning")
       << ": ";
    std::string After = (C.AfterUnknown ? "at least " : "") +
                        std::to_string(C.After);
    if (C.NewEntry) {
      OS << "new stack path from '" << C.Function << "' on stack '" << C.Stack
         << "' uses " << After << " bytes";
    } else {
      OS << "stack path from '" << C.Function << "' on stack '" << C.Stack
         << "' grew ";
      if (C.After > C.Before)
        OS << "by " << C.After - C.Before << " bytes ";
      OS << "from " << (C.BeforeUnknown ? "at least " : "") << C.Before
         << " to " << After;
      if (C.newlyUnknown())
        OS << " plus an unknown amount";
    }
    OS << " (budget " << C.Budget;
    if (C.newlyOverBudget())
      OS << ", newly exceeded";
    else if (C.IsOverBudget)
      OS << ", already exceeded";
    OS << ") [stackbudget-diff]\n";
    for (const GrowthCause &G : C.Causes) {
      printLocPrefix(OS, G.Loc);
      OS << "note: ";
      switch (G.What) {
      case GrowthCause::FrameGrew:
        OS << "frame of '" << G.Function << "' grew from " << G.Before
           << " to " << G.After << " (+" << G.After - G.Before << ")\n";
        break;
      case GrowthCause::NewFunction:
        OS << "'" << G.Function << "' is new, frame " << G.After << '\n';
        break;
      case GrowthCause::NewCall:
        OS << "'" << G.Caller << "' calls '" << G.Function
           << "', a call the old worst path did not make\n";
        break;
      }
    }
  }
  OS << "stackbudget diff: " << D.Grew.size() << " path"
     << (D.Grew.size() == 1 ? "" : "s") << " grew (" << D.NewlyOverBudget
     << " newly over budget, " << D.NewlyUnknown << " newly unknown), "
     << D.Shrank << " shrank, " << D.Unchanged << " unchanged, " << D.Removed
     << " removed; " << D.NewFrameFindings.size()
     << " new frame finding" << (D.NewFrameFindings.size() == 1 ? "" : "s")
     << '\n';
}

} // namespace stackbudget

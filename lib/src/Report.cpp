//===- Report.cpp - Print a check result ----------------------------------===//

#include "stackbudget/Report.h"
#include "stackbudget/FindingText.h"
#include "stackbudget/ParallelWork.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <tuple>

using namespace llvm;

namespace stackbudget {
namespace {

void printHop(raw_ostream &OS, const HopReport &H, const CheckResult &R) {
  printLocPrefix(OS, hopLocation(H));
  OS << "note: " << hopText(H, R) << '\n';
}

void printPath(raw_ostream &OS, const PathReport &P, const CheckResult &R) {
  for (const HopReport &H : P.Hops)
    printHop(OS, H, R);
}

void printUnknowns(raw_ostream &OS, const EntryReport &E, const CheckResult &R,
                   const DiagnosticOptions &Opts) {
  size_t Shown = 0;
  for (uint32_t Index : E.Unknowns) {
    if (Shown == Opts.MaxUnknownNotes)
      break;
    const UnknownReport &U = R.Unknowns[Index];
    printLocPrefix(OS, unknownLocation(U));
    OS << "note: " << unknownNoteText(U) << '\n';
    ++Shown;
  }
  if (E.Unknowns.size() > Shown || E.UnknownsTruncated)
    OS << "note: " << E.Unknowns.size() - Shown
       << (E.UnknownsTruncated ? " or more" : "")
       << " more unknowns; see the JSON report (--json)\n";
}

} // namespace

void printDiagnostics(raw_ostream &OS, const CheckResult &R,
                      const DiagnosticOptions &Opts) {
  const char *BudgetLevel = Opts.BudgetIsError ? "error" : "warning";
  const char *UnknownLevel = Opts.UnknownIsError ? "error" : "warning";
  for (const FrameFinding &F : R.FrameFindings) {
    printLocPrefix(OS, F.Loc);
    OS << BudgetLevel << ": stack frame of '" << F.Function << "' is "
       << F.Frame << " bytes, over the " << F.Limit
       << "-byte frame budget [stackbudget-frame]\n";
  }
  // One finding per entry and stack: over budget, the path warning with
  // its hops and then its unknowns; otherwise, when unknown, the unknown
  // warning with its unknowns.
  for (const EntryReport &E : R.Entries) {
    if (E.OverBudget) {
      printLocPrefix(OS, E.Loc);
      OS << (E.Unknown && Opts.UnknownIsError ? "error" : BudgetLevel) << ": "
         << pathFindingText(E) << " [stackbudget-path]\n";
      for (size_t I = 0; I < E.Paths.size(); ++I) {
        if (I) {
          printLocPrefix(OS, E.Loc);
          OS << "note: path " << I + 1 << " of " << E.Paths.size()
             << " from '" << E.Function << "' uses " << E.Paths[I].Bytes
             << " bytes\n";
        }
        printPath(OS, E.Paths[I], R);
      }
      if (E.Unknown)
        printUnknowns(OS, E, R, Opts);
    } else if (E.Unknown && Opts.WarnUnknown) {
      printLocPrefix(OS, E.Loc);
      OS << UnknownLevel << ": " << unknownFindingText(E)
         << " [stackbudget-unknown]\n";
      printUnknowns(OS, E, R, Opts);
    }
  }
  for (const NoTargetReport &T : R.NoTargetCalls) {
    printLocPrefix(OS, T.Loc);
    OS << "note: in '" << T.Function << "': " << T.Message
       << "; it adds nothing (closed world) [stackbudget-no-target]\n";
  }
  printSummary(OS, R);
}

void printSummary(raw_ostream &OS, const CheckResult &R) {
  const CheckSummary &S = R.Summary;
  OS << "stackbudget: " << S.Entries << " entr" << (S.Entries == 1 ? "y" : "ies")
     << " on " << R.Stacks.size() << " stack" << (R.Stacks.size() == 1 ? "" : "s")
     << ": " << S.OverBudget << " over budget, " << S.UnknownEntries
     << " unknown; " << S.Functions << " function"
     << (S.Functions == 1 ? "" : "s");
  if (S.MachineCode)
    OS << " (" << S.MachineCode << " from machine code)";
  OS << ", " << S.Externals
     << " without facts, " << S.Edges << " edge" << (S.Edges == 1 ? "" : "s")
     << ", " << S.Cycles << " cycle"
     << (S.Cycles == 1 ? "" : "s") << " (" << S.UnboundedCycles
     << " unbounded";
  if (S.ClosedFormCycles)
    OS << ", " << S.ClosedFormCycles << " closed-form";
  OS << "), " << S.UnknownSources << " unknown source"
     << (S.UnknownSources == 1 ? "" : "s");
  if (R.ClosedWorld)
    OS << "; closed world: " << S.NoTargetCalls << " call"
       << (S.NoTargetCalls == 1 ? "" : "s")
       << " with no target in the whole program";
  OS << '\n';
  printVerdict(OS, R);
}

void printVerdict(raw_ostream &OS, const CheckResult &R) {
  for (const ClassReport &C : R.Classes) {
    const EntryTally &T = C.Tally;
    OS << "stackbudget: class '"
       << (C.Class.empty() ? StringRef("uncalled") : StringRef(C.Class))
       << "' on stack '" << C.Stack << "' (budget " << C.Budget
       << " bytes): " << T.Entries << (T.Entries == 1 ? " entry, " : " entries, ")
       << T.finite() << " finite, " << T.Unknown << " unknown, "
       << T.OverBudget << " over budget; ";
    if (T.FiniteEntry.empty())
      OS << "no finite bound\n";
    else
      OS << "worst finite bound " << T.FiniteBytes << " bytes in '"
         << T.FiniteEntry << "'\n";
  }
  for (const StackReport &S : R.Stacks) {
    if (!S.Tally.Entries)
      continue;
    OS << "stackbudget: stack '" << S.Name << "' (" << S.Size
       << " bytes): smallest size proven sufficient: ";
    if (std::optional<uint64_t> Smallest = S.smallestProven())
      OS << *Smallest << " bytes (worst entry '" << S.Tally.WorstEntry
         << "' " << S.Tally.WorstBytes << " + " << S.Size - S.Budget
         << " reserved)\n";
    else if (S.Tally.Unknown)
      OS << "none (" << S.Tally.Unknown
         << (S.Tally.Unknown == 1 ? " entry" : " entries")
         << " with an unknown bound)\n";
    else
      OS << "none (entries of class '" << S.NestingClass
         << "' can begin on top of the others, and nothing bounds how many "
            "pile up)\n";
  }
}

Expected<FitRequest> parseFitRequest(StringRef Text, const CheckResult &R) {
  StringRef Name, Bytes;
  std::tie(Name, Bytes) = Text.split('=');
  FitRequest F;
  F.Stack = Name.str();
  if (Bytes.empty() || Bytes.getAsInteger(0, F.Size) || !F.Size)
    return createStringError(inconvertibleErrorCode(),
                             "--fit '" + Text +
                                 "': expected stack=bytes with a positive "
                                 "number of bytes");
  if (llvm::none_of(R.Stacks,
                    [&](const StackReport &S) { return S.Name == Name; })) {
    std::string Known;
    ListSeparator Sep(", ");
    for (const StackReport &S : R.Stacks)
      Known += (Twine(Sep) + "'" + S.Name + "'").str();
    return createStringError(inconvertibleErrorCode(),
                             "--fit '" + Text + "': no stack '" + Name +
                                 "' in the profile (it has " + Known + ")");
  }
  return F;
}

void printFit(raw_ostream &OS, const CheckResult &R, const FitRequest &F,
              const DiagnosticOptions &Opts) {
  const StackReport &S = *llvm::find_if(
      R.Stacks, [&](const StackReport &X) { return X.Name == F.Stack; });
  uint64_t Reserved = S.Size - S.Budget;
  uint64_t Budget = F.Size > Reserved ? F.Size - Reserved : 0;
  std::vector<const EntryReport *> Over, Unknown;
  for (const EntryReport &E : R.Entries)
    if (E.Stack == F.Stack) {
      if (E.Unknown)
        Unknown.push_back(&E);
      else if (E.Bytes > Budget)
        Over.push_back(&E);
    }
  auto Worst = [](const EntryReport *X, const EntryReport *Y) {
    return std::make_tuple(Y->Bytes, X->Function, X->TU) <
           std::make_tuple(X->Bytes, Y->Function, Y->TU);
  };
  llvm::sort(Over, Worst);
  llvm::sort(Unknown, Worst);
  OS << "stackbudget: fit of stack '" << F.Stack << "' in " << F.Size
     << " bytes (" << Budget << " after " << Reserved << " reserved): "
     << Over.size() << (Over.size() == 1 ? " entry does" : " entries do")
     << " not fit, " << Unknown.size()
     << (Unknown.size() == 1 ? " entry cannot" : " entries cannot")
     << " be shown to fit\n";
  for (const EntryReport *E : Over) {
    printLocPrefix(OS, E->Loc);
    OS << "note: stack path from '" << E->Function << "' uses " << E->Bytes
       << " bytes, over " << Budget << " [stackbudget-fit]\n";
    if (!E->Paths.empty())
      printPath(OS, E->Paths.front(), R);
  }
  for (const EntryReport *E : Unknown) {
    printLocPrefix(OS, E->Loc);
    OS << "note: stack path from '" << E->Function << "' uses at least "
       << E->Bytes << " bytes plus an unknown amount; it cannot be shown to "
       << "fit in " << Budget << " [stackbudget-fit]\n";
    printUnknowns(OS, *E, R, Opts);
  }
}

namespace {

void writeTally(json::OStream &J, const EntryTally &T) {
  J.attribute("entries", int64_t(T.Entries));
  J.attribute("over_budget", int64_t(T.OverBudget));
  J.attribute("unknown", int64_t(T.Unknown));
  J.attribute("worst_entry", T.WorstEntry);
  J.attribute("worst_bytes", int64_t(T.WorstBytes));
  J.attribute("worst_unknown", T.WorstUnknown);
  if (!T.FiniteEntry.empty()) {
    J.attribute("finite_worst_entry", T.FiniteEntry);
    J.attribute("finite_worst_bytes", int64_t(T.FiniteBytes));
  }
}

void writeLoc(json::OStream &J, StringRef Key, const SourceLoc &L) {
  J.attributeBegin(Key);
  if (!L.isValid()) {
    J.value(nullptr);
  } else {
    J.object([&] {
      J.attribute("file", L.File);
      J.attribute("line", L.Line);
      J.attribute("column", L.Column);
    });
  }
  J.attributeEnd();
}

/// An optional number is the number or null.
template <typename T>
void writeOptional(json::OStream &J, StringRef Key,
                   const std::optional<T> &V) {
  if (V)
    J.attribute(Key, int64_t(*V));
  else
    J.attribute(Key, nullptr);
}

/// Spelled as in the facts ("recorder", FactsFormat.h), absent for the
/// MachineFunction recorder.
void writeRecorder(json::OStream &J, RecorderKind K) {
  if (K != RecorderKind::Machine)
    J.attribute("recorder", recorderKindName(K));
}

void writeHop(json::OStream &J, const HopReport &H) {
  J.object([&] {
    J.attribute("function", H.Function);
    J.attribute("tu", H.TU);
    writeLoc(J, "loc", H.Loc);
    J.attribute("edge", hopEdgeName(H.Edge));
    writeLoc(J, "call_loc", H.CallLoc);
    J.attribute("frame", int64_t(H.Parts.own()));
    J.attribute("static_frame", int64_t(H.Parts.Frame));
    writeBeyondFrame(J, H.Parts);
    J.attribute("dynamic_bound", int64_t(H.Parts.DynamicBound));
    J.attribute("frame_unknown", H.FrameUnknown);
    writeRecorder(J, H.Recorder);
    J.attribute("call_overhead", int64_t(H.CallOverhead));
    J.attribute("total", int64_t(H.Total));
    J.attribute("candidates", int64_t(H.Candidates));
    J.attribute("via", H.Via);
    writeOptional(J, "cycle", H.Cycle);
    J.attribute("cycle_bytes", int64_t(H.CycleBytes));
  });
}

void writeEntry(json::OStream &J, const EntryReport &E) {
  J.object([&] {
    J.attribute("function", E.Function);
    J.attribute("tu", E.TU);
    writeLoc(J, "loc", E.Loc);
    J.attribute("class", E.Class);
    J.attribute("stack", E.Stack);
    J.attribute("budget", int64_t(E.Budget));
    J.attribute("source_budget", E.SourceBudget);
    J.attribute("bytes", int64_t(E.Bytes));
    J.attribute("unknown", E.Unknown);
    J.attribute("over_budget", E.OverBudget);
    J.attributeArray("paths", [&] {
      for (const PathReport &P : E.Paths)
        J.object([&] {
          J.attribute("bytes", int64_t(P.Bytes));
          J.attribute("unknown", P.Unknown);
          J.attributeArray("hops", [&] {
            for (const HopReport &H : P.Hops)
              writeHop(J, H);
          });
        });
    });
    J.attribute("unknowns_truncated", E.UnknownsTruncated);
    J.attributeArray("unknowns", [&] {
      for (uint32_t Index : E.Unknowns)
        J.value(int64_t(Index));
    });
  });
}

void writeStack(json::OStream &J, const StackReport &S) {
  J.object([&] {
    J.attribute("name", S.Name);
    J.attribute("size", int64_t(S.Size));
    J.attributeArray("reserved", [&] {
      for (const Reservation &Res : S.Reserved)
        J.object([&] {
          J.attribute("bytes", int64_t(Res.Bytes));
          J.attribute("why", Res.Why);
        });
    });
    J.attribute("budget", int64_t(S.Budget));
    writeTally(J, S.Tally);
    if (!S.NestingClass.empty())
      J.attribute("nesting_class", S.NestingClass);
    if (std::optional<uint64_t> Smallest = S.smallestProven())
      J.attribute("smallest_proven", int64_t(*Smallest));
  });
}

void writeFunction(json::OStream &J, const FunctionReport &F) {
  J.object([&] {
    J.attribute("name", F.Name);
    J.attribute("tu", F.TU);
    J.attribute("origin", F.Origin);
    J.attribute("linkage", F.Linkage);
    writeLoc(J, "loc", F.Loc);
    J.attribute("has_facts", F.HasFacts);
    J.attribute("frame", int64_t(F.Parts.Frame));
    writeBeyondFrame(J, F.Parts);
    J.attribute("dynamic_bound", int64_t(F.Parts.DynamicBound));
    J.attribute("frame_unknown", F.FrameUnknown);
    writeRecorder(J, F.Recorder);
    J.attribute("depth", int64_t(F.Depth));
    J.attribute("depth_unknown", F.DepthUnknown);
    writeOptional(J, "cycle", F.Cycle);
  });
}

void writeCycle(json::OStream &J, const CycleReport &C) {
  J.object([&] {
    J.attribute("id", int64_t(C.Id));
    std::optional<uint64_t> Largest;
    J.attributeArray("members", [&] {
      for (size_t I = 0; I < C.Members.size(); ++I)
        J.object([&] {
          J.attribute("function", C.Members[I]);
          J.attribute("tu", C.MemberTUs[I]);
          writeOptional(J, "max_depth", C.MemberBounds[I]);
          if (C.MemberBounds[I])
            Largest = std::max(Largest.value_or(0), *C.MemberBounds[I]);
        });
    });
    writeLoc(J, "loc", C.Loc);
    J.attribute("trip_bytes", int64_t(C.TripBytes));
    writeOptional(J, "max_depth", Largest);
    if (C.Method)
      J.attribute("method", cycleMethodName(*C.Method));
    J.attribute("bytes", int64_t(C.Bytes));
    J.attribute("unknown", C.Unknown);
    J.attribute("unbounded", C.Unbounded);
  });
}

void writeUnknown(json::OStream &J, size_t Index, const UnknownReport &U) {
  J.object([&] {
    J.attribute("index", int64_t(Index));
    J.attribute("kind", unknownKindName(U.Kind));
    J.attribute("function", U.Function);
    J.attribute("tu", U.TU);
    J.attribute("symbol", U.Symbol);
    J.attribute("message", U.Message);
    writeLoc(J, "loc", U.Loc);
    J.attribute("caller", U.Caller);
    writeLoc(J, "call_site", U.CallSite);
  });
}

void writeSummary(json::OStream &J, const CheckSummary &S) {
  J.attributeObject("summary", [&] {
    J.attribute("functions", int64_t(S.Functions));
    J.attribute("externals", int64_t(S.Externals));
    J.attribute("edges", int64_t(S.Edges));
    J.attribute("entries", int64_t(S.Entries));
    J.attribute("over_budget", int64_t(S.OverBudget));
    J.attribute("unknown_entries", int64_t(S.UnknownEntries));
    J.attribute("cycles", int64_t(S.Cycles));
    J.attribute("unbounded_cycles", int64_t(S.UnboundedCycles));
    J.attribute("closed_form_cycles", int64_t(S.ClosedFormCycles));
    J.attribute("unknown_sources", int64_t(S.UnknownSources));
    J.attribute("frame_findings", int64_t(S.FrameFindings));
    J.attribute("no_target_calls", int64_t(S.NoTargetCalls));
    J.attribute("machine_code", int64_t(S.MachineCode));
  });
}

/// The report's indentation step.
constexpr unsigned ReportIndent = 2;

/// A buffered stream into a string that indents every line after the
/// first by \p Indent: an array item written by a json::OStream of its own
/// (which starts at column 0) as it would be inside the array. JSON text
/// holds no raw newline but between tokens, which is where the indentation
/// goes.
class IndentedStringStream : public raw_ostream {
public:
  IndentedStringStream(std::string &Out, StringRef Indent)
      : Out(Out), Indent(Indent) {}
  ~IndentedStringStream() override { flush(); }

private:
  void write_impl(const char *Ptr, size_t Size) override {
    StringRef Rest(Ptr, Size);
    for (size_t NL; (NL = Rest.find('\n')) != StringRef::npos;) {
      Out.append(Rest.data(), NL + 1);
      Out.append(Indent.data(), Indent.size());
      Rest = Rest.drop_front(NL + 1);
    }
    Out.append(Rest.data(), Rest.size());
  }
  uint64_t current_pos() const override { return Out.size(); }

  std::string &Out;
  StringRef Indent;
};

/// Writes \p Count items into the array \p J is writing, item I by
/// WriteItem(Item, I). A whole kernel's report has 10^5 entries and 10^6
/// functions: with threads, the items are rendered on llvm::parallel's threads
/// (ParallelWork.h), a window at a time, each by a json::OStream of its
/// own, indented to the array's \p Depth (its items' nesting), and written
/// in order, so that the bytes are those of writing them one by one.
template <typename WriteFn>
void writeItemsInParallel(json::OStream &J, size_t Count, unsigned Depth,
                          WriteFn WriteItem) {
  if (!parallelWorkEnabled()) {
    for (size_t I = 0; I < Count; ++I)
      WriteItem(J, I);
    return;
  }
  constexpr size_t Window = 1024;
  std::string Indent(Depth * ReportIndent, ' ');
  std::vector<std::string> Rendered;
  for (size_t Begin = 0; Begin < Count; Begin += Window) {
    size_t N = std::min(Window, Count - Begin);
    // The strings keep their capacity from window to window.
    Rendered.resize(N);
    for (std::string &Item : Rendered)
      Item.clear();
    forEachItem(N, [&](size_t I) {
      IndentedStringStream OS(Rendered[I], Indent);
      json::OStream Item(OS, ReportIndent);
      WriteItem(Item, Begin + I);
    });
    for (const std::string &Item : Rendered)
      J.rawValue(Item);
  }
}

} // namespace

void writeJSONReport(raw_ostream &OS, const CheckResult &R) {
  json::OStream J(OS, ReportIndent);
  J.object([&] {
    J.attribute("version", int64_t(ReportVersion));
    J.attribute("profile", R.ProfilePath);
    J.attribute("call_overhead", int64_t(R.CallOverhead));
    J.attribute("closed_world", R.ClosedWorld);
    J.attributeArray("stacks", [&] {
      for (const StackReport &S : R.Stacks)
        writeStack(J, S);
    });
    J.attributeArray("classes", [&] {
      for (const ClassReport &C : R.Classes)
        J.object([&] {
          J.attribute("class", C.Class);
          J.attribute("stack", C.Stack);
          J.attribute("budget", int64_t(C.Budget));
          writeTally(J, C.Tally);
        });
    });
    // Items of the top-level object's arrays are at depth 2.
    J.attributeArray("entries", [&] {
      writeItemsInParallel(J, R.Entries.size(), 2,
                           [&](json::OStream &Item, size_t I) {
                             writeEntry(Item, R.Entries[I]);
                           });
    });
    J.attributeArray("functions", [&] {
      writeItemsInParallel(J, R.Functions.size(), 2,
                           [&](json::OStream &Item, size_t I) {
                             writeFunction(Item, R.Functions[I]);
                           });
    });
    J.attributeArray("cycles", [&] {
      for (const CycleReport &C : R.Cycles)
        writeCycle(J, C);
    });
    J.attributeArray("unknowns", [&] {
      for (size_t I = 0; I < R.Unknowns.size(); ++I)
        writeUnknown(J, I, R.Unknowns[I]);
    });
    J.attributeArray("frame_findings", [&] {
      for (const FrameFinding &F : R.FrameFindings)
        J.object([&] {
          J.attribute("function", F.Function);
          J.attribute("tu", F.TU);
          writeLoc(J, "loc", F.Loc);
          J.attribute("frame", int64_t(F.Frame));
          J.attribute("limit", int64_t(F.Limit));
        });
    });
    J.attributeArray("no_target_calls", [&] {
      for (const NoTargetReport &T : R.NoTargetCalls)
        J.object([&] {
          J.attribute("function", T.Function);
          J.attribute("tu", T.TU);
          J.attribute("message", T.Message);
          writeLoc(J, "loc", T.Loc);
        });
    });
    writeSummary(J, R.Summary);
  });
  OS << '\n';
}

void writeBeyondFrame(json::OStream &J, const FrameParts &P) {
  J.attribute("red_zone", int64_t(P.RedZone));
  J.attribute("realign", int64_t(P.Realign));
  J.attribute("call_args", int64_t(P.CallArgs));
  J.attribute("asm_stack", int64_t(P.AsmStack));
}

} // namespace stackbudget

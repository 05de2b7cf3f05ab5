//===- Dot.cpp - Graphviz DOT drawing of an entry's worst paths -----------===//

#include "stackbudget/Dot.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

using namespace llvm;

namespace stackbudget {
namespace {

/// A DOT quoted string: only '"' and '\' need escaping; "\n" is written
/// by the caller as a label line break.
std::string quote(StringRef S) {
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + '"';
}

std::string locText(const SourceLoc &L) {
  if (!L.isValid())
    return "";
  return L.File + ":" + std::to_string(L.Line);
}

std::string edgeVerb(const HopReport &H) {
  if (H.Edge == HopEdge::CycleExit)
    return "leaves cycle";
  if (H.Cycle)
    return "recursion +" + std::to_string(H.CycleBytes);
  std::string V = isTailCall(H.Edge) ? "tail call" : "call";
  if (isIndirectCall(H.Edge))
    V = "indirect " + V + " (" + std::to_string(H.Candidates) +
        " candidate" + (H.Candidates == 1 ? "" : "s") + ")";
  else if (isAsmCall(H.Edge))
    V = "asm " + V;
  return V + " +" + std::to_string(H.CallOverhead);
}

void writeEntryGraph(raw_ostream &OS, const EntryReport &E) {
  OS << "digraph " << quote("stackbudget " + E.Function + " on " + E.Stack)
     << " {\n";
  std::string Title = "'" + E.Function + "' on stack '" + E.Stack + "': " +
                      (E.Unknown ? "at least " : "") +
                      std::to_string(E.Bytes) + " of " +
                      std::to_string(E.Budget) + " bytes" +
                      (E.OverBudget ? ", over budget" : "");
  OS << "  label=" << quote(Title) << ";\n  labelloc=t;\n"
     << "  node [shape=box, fontname=\"monospace\"];\n"
     << "  edge [fontname=\"monospace\"];\n";

  // Nodes: one per function (name and TU) in order of first appearance.
  StringMap<unsigned> Ids;
  auto IdOf = [&](const HopReport &H) {
    auto [It, New] = Ids.try_emplace(H.TU + '\0' + H.Function, Ids.size());
    if (New) {
      std::string Label =
          H.Function + "\\nframe " + std::to_string(H.Parts.own()) +
          (H.Recorder == RecorderKind::MachineCode ? " from machine code"
                                                    : "") +
          (H.FrameUnknown ? " + unknown" : "");
      if (H.Loc.isValid())
        Label += "\\n" + locText(H.Loc);
      OS << "  n" << It->second << " [label=\"";
      // The label carries "\n" line breaks: escape only quotes here.
      for (char C : Label)
        OS << (C == '"' ? "\\\"" : std::string(1, C));
      OS << "\"";
      if (H.FrameUnknown)
        OS << ", style=dashed";
      // The entry of the worst path: red, with the bytes of the call into it.
      if (&H == &E.Paths.front().Hops.front())
        OS << ", color=red, penwidth=2, xlabel="
           << quote("entry, total " + std::to_string(H.Total));
      OS << "];\n";
    }
    return It->second;
  };

  for (size_t P = 0; P < E.Paths.size(); ++P) {
    const PathReport &Path = E.Paths[P];
    if (Path.Hops.empty())
      continue;
    unsigned Prev = IdOf(Path.Hops.front());
    for (size_t H = 1; H < Path.Hops.size(); ++H) {
      const HopReport &Hop = Path.Hops[H];
      unsigned Cur = IdOf(Hop);
      std::string Label = edgeVerb(Hop) + ", total " +
                          std::to_string(Hop.Total);
      if (E.Paths.size() > 1)
        Label = "path " + std::to_string(P + 1) + ": " + Label;
      OS << "  n" << Prev << " -> n" << Cur << " [label=" << quote(Label);
      if (isTailCall(Hop.Edge))
        OS << ", style=dashed";
      if (P == 0)
        OS << ", color=red, penwidth=2";
      OS << "];\n";
      Prev = Cur;
    }
  }
  OS << "}\n";
}

} // namespace

Error writeDot(raw_ostream &OS, const CheckResult &R, const DotOptions &Opts) {
  unsigned Written = 0;
  std::vector<std::string> OtherStacks;
  for (const EntryReport &E : R.Entries) {
    if (E.Function != Opts.Entry)
      continue;
    if (!Opts.Stack.empty() && E.Stack != Opts.Stack) {
      OtherStacks.push_back(E.Stack);
      continue;
    }
    writeEntryGraph(OS, E);
    ++Written;
  }
  if (Written)
    return Error::success();
  std::string Msg = "no entry '" + Opts.Entry + "'";
  if (!Opts.Stack.empty())
    Msg += " on stack '" + Opts.Stack + "'";
  if (!OtherStacks.empty()) {
    Msg += " (it runs on";
    for (const std::string &S : OtherStacks)
      Msg += " '" + S + "'";
    Msg += ")";
  }
  return createStringError(inconvertibleErrorCode(), "%s", Msg.c_str());
}

} // namespace stackbudget

//===- FindingText.cpp - The words of a finding ---------------------------===//
//
// Kept word for word equal to printDiagnostics() in Report.cpp; the lit
// tests of each format check the same sentences.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/FindingText.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

void printLocPrefix(raw_ostream &OS, const SourceLoc &L) {
  if (!L.isValid())
    return;
  OS << L.File << ':' << L.Line;
  if (L.Column)
    OS << ':' << L.Column;
  OS << ": ";
}

void printBeyondFrame(raw_ostream &OS, const FrameParts &P) {
  if (P.RedZone)
    OS << " + red zone " << P.RedZone;
  if (P.Realign)
    OS << " + realignment " << P.Realign;
  if (P.CallArgs)
    OS << " + pushed arguments " << P.CallArgs;
  if (P.AsmStack)
    OS << " + inline asm " << P.AsmStack;
}

std::string pathFindingText(const EntryReport &E) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "stack path from '" << E.Function << "' may use "
     << (E.Unknown ? "at least " : "") << E.Bytes << " bytes, over the "
     << E.Budget;
  if (E.SourceBudget)
    OS << "-byte stack_budget of '" << E.Function << "'";
  else
    OS << "-byte budget of stack '" << E.Stack << "'";
  return S;
}

std::string unknownFindingText(const EntryReport &E) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "stack path from '" << E.Function << "' may use " << E.Bytes
     << " bytes plus an unknown amount (" << E.Unknowns.size()
     << (E.UnknownsTruncated ? " or more" : "") << " unknown"
     << (E.Unknowns.size() == 1 ? "" : "s") << "); ";
  if (E.SourceBudget)
    OS << "its stack_budget is ";
  else
    OS << "the budget of stack '" << E.Stack << "' is ";
  OS << E.Budget << " bytes";
  return S;
}

std::string frameFindingText(const FrameFinding &F) {
  std::string S;
  raw_string_ostream OS(S);
  OS << "stack frame of '" << F.Function << "' is " << F.Frame
     << " bytes, over the " << F.Limit << "-byte frame budget";
  return S;
}

static void printFrame(raw_ostream &OS, const HopReport &H) {
  OS << "frame " << H.Parts.own();
  if (H.Parts.beyondFrame()) {
    OS << " (" << H.Parts.Frame;
    printBeyondFrame(OS, H.Parts);
    if (H.Parts.DynamicBound)
      OS << " + dynamic " << H.Parts.DynamicBound;
    OS << ')';
  }
  if (H.Recorder == RecorderKind::MachineCode)
    OS << " from machine code";
  if (H.FrameUnknown)
    OS << " + unknown";
  OS << ", total " << H.Total;
}

static void printMemberBounds(raw_ostream &OS, const CycleReport &C) {
  constexpr size_t Shown = 3;
  size_t Bounded = 0;
  for (size_t I = 0; I < C.MemberBounds.size(); ++I) {
    if (!C.MemberBounds[I])
      continue;
    if (Bounded < Shown) {
      OS << (Bounded ? ", '" : " where '") << C.Members[I] << "'"
         << (Bounded ? "" : " is active") << " at most " << *C.MemberBounds[I]
         << (*C.MemberBounds[I] == 1 ? " time" : " times");
    }
    ++Bounded;
  }
  if (Bounded > Shown)
    OS << " and " << Bounded - Shown << " more bounded";
  if (C.Method)
    OS << " ("
       << (*C.Method == CycleMethod::ClosedForm ? "closed form" : "exact")
       << ')';
}

void printCycleHop(raw_ostream &OS, const HopReport &H, const CycleReport &C) {
  OS << (H.Edge == HopEdge::Entry ? "'" + H.Function + "'"
                                 : "calls '" + H.Function + "'")
     << " in a cycle of " << C.Members.size() << " function"
     << (C.Members.size() == 1 ? "" : "s");
  if (C.Unbounded)
    OS << " with no depth bound (counted once)";
  else
    printMemberBounds(OS, C);
  OS << ": recursion adds " << H.CycleBytes << ", total " << H.Total;
}

std::string hopText(const HopReport &H, const CheckResult &R) {
  std::string S;
  raw_string_ostream OS(S);
  if (H.Cycle && *H.Cycle < R.Cycles.size()) {
    printCycleHop(OS, H, R.Cycles[*H.Cycle]);
    return S;
  }
  StringRef Verb = isTailCall(H.Edge) ? "tail-calls" : "calls";
  if (H.Edge == HopEdge::Entry)
    OS << "'" << H.Function << "' ";
  else if (H.Edge == HopEdge::CycleExit)
    OS << "leaves the cycle from '" << H.Function << "' ";
  else if (H.Candidates) {
    OS << Verb << " indirectly";
    if (!H.Via.empty() && H.Function != H.Via)
      OS << " through '" << H.Via << "'";
    if (H.Function == H.Via)
      OS << " through thunk '" << H.Via << "' ";
    else
      OS << " (" << H.Candidates << " candidate"
         << (H.Candidates == 1 ? "" : "s") << ", worst '" << H.Function
         << "') ";
  } else {
    OS << Verb << " '" << H.Function << "'"
       << (isAsmCall(H.Edge) ? " from inline asm " : " ");
  }
  printFrame(OS, H);
  return S;
}

const SourceLoc &hopLocation(const HopReport &H) {
  return H.CallLoc.isValid() ? H.CallLoc : H.Loc;
}

std::string unknownNoteText(const UnknownReport &U) {
  std::string Text = "unknown: " + U.Message;
  if (!U.Loc.isValid() && !U.Caller.empty())
    Text += " (called from '" + U.Caller + "')";
  return Text + " [" + unknownKindName(U.Kind) + "]";
}

const SourceLoc &unknownLocation(const UnknownReport &U) {
  return U.Loc.isValid() ? U.Loc : U.CallSite;
}

} // namespace stackbudget

//===- FindingText.h - The words of a finding, shared by every format ----===//
//
// SARIF results, clang-tidy warnings and DOT labels say the same things as
// the GCC-style diagnostics of Report.h: the same message for a finding and
// the same note for a hop, so a developer recognises a finding whichever
// door it came through.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FINDINGTEXT_H
#define STACKBUDGET_FINDINGTEXT_H

#include "stackbudget/Check.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace stackbudget {

/// "stack path from 'f' may use N bytes, over the B-byte budget of stack
/// 'task'" (no rule name: each format adds it its own way).
std::string pathFindingText(const EntryReport &E);

/// "stack path from 'f' may use N bytes plus an unknown amount (K unknowns);
/// the budget of stack 'task' is B bytes".
std::string unknownFindingText(const EntryReport &E);

/// "stack frame of 'f' is N bytes, over the L-byte frame budget".
std::string frameFindingText(const FrameFinding &F);

/// The note of one hop: "calls 'g' frame 408, total 640", "'f' frame 216,
/// total 224", "calls indirectly (3 candidates, worst 'h') frame ...".
std::string hopText(const HopReport &H, const CheckResult &R);

/// The note of a hop into cycle \p C: "calls 'pong' in a cycle of 2
/// functions where 'ping' is active at most 3 times (exact): recursion adds
/// B, total T", or "... with no depth bound (counted once): ...".
void printCycleHop(llvm::raw_ostream &OS, const HopReport &H,
                   const CycleReport &C);

/// "file:line:col: " in front of a GCC-style message; nothing for an
/// invalid location, no column when it has none.
void printLocPrefix(llvm::raw_ostream &OS, const SourceLoc &L);

/// " + red zone 16 + realignment 112 + pushed arguments 32 + inline asm
/// 40": what a frame holds beyond the number -fstack-usage prints, each
/// part only when not 0.
/// The dynamic allocation is not among them: the hop text and `facts`
/// word it differently.
void printBeyondFrame(llvm::raw_ostream &OS, const FrameParts &P);

/// Where a hop's note points: the call site, else the callee's definition.
const SourceLoc &hopLocation(const HopReport &H);

/// The note of an unknown an entry reaches: "unknown: 'g' is not defined in
/// the inputs ... (called from 'f') [no-facts]".
std::string unknownNoteText(const UnknownReport &U);

/// Where an unknown's note points: its own location, else the call of it
/// (UnknownReport::CallSite).
const SourceLoc &unknownLocation(const UnknownReport &U);

} // namespace stackbudget

#endif // STACKBUDGET_FINDINGTEXT_H

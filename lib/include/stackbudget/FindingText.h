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

/// Where a hop's note points: the call site, else the callee's definition.
const SourceLoc &hopLocation(const HopReport &H);

} // namespace stackbudget

#endif // STACKBUDGET_FINDINGTEXT_H

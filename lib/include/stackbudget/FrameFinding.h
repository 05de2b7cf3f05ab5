//===- FrameFinding.h - A frame over the frame limit ----------------------===//
//
// One finding type for a function whose own frame (with its dynamic bound)
// is over the profile's or the recorder's frame limit (-Wframe-larger-than
// for the whole program, docs/options.md): the recorder reports it at
// compile time through clang's diagnostics (passes/FrameLimitReport.h), the
// check lists it in its result (Check.h), and every printer words it with
// frameFindingText() (FindingText.h).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FRAMEFINDING_H
#define STACKBUDGET_FRAMEFINDING_H

#include "stackbudget/Facts.h"

#include <cstdint>
#include <string>

namespace stackbudget {

struct FrameFinding {
  /// The function's symbol.
  std::string Function;
  std::string TU;
  SourceLoc Loc;
  /// Frame and dynamic bound, the bytes compared with Limit.
  uint64_t Frame = 0;
  uint64_t Limit = 0;
  /// At compile time only: the IR name when it differs from the symbol
  /// (foo.constprop.0), for finding the definition, and whether the
  /// recorder runs in error mode.
  std::string IRName;
  bool IsError = false;
};

} // namespace stackbudget

#endif // STACKBUDGET_FRAMEFINDING_H

//===- Dot.h - Graphviz DOT drawing of an entry's worst paths -------------===//
//
// One digraph per entry (and stack): a node per function on the reported
// paths with its frame, an edge per hop labelled with how the call was made,
// the bytes the call added and the running total after the callee. The
// worst path is drawn in red. Render with `dot -Tsvg`.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_DOT_H
#define STACKBUDGET_DOT_H

#include "stackbudget/Check.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace stackbudget {

struct DotOptions {
  /// The entry function to draw.
  std::string Entry;
  /// Its stack; empty draws the entry on every stack it runs on.
  std::string Stack;
};

/// Writes the graph; an error when no entry matches (listing the entries
/// of that name on other stacks, if any).
llvm::Error writeDot(llvm::raw_ostream &OS, const CheckResult &R,
                     const DotOptions &Opts);

} // namespace stackbudget

#endif // STACKBUDGET_DOT_H

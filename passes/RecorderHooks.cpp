//===- RecorderHooks.cpp - What the clang plugin lends the recorder -------===//

#include "RecorderHooks.h"

namespace stackbudget {

static SourceFileSpeller &spellerSlot() {
  static SourceFileSpeller S;
  return S;
}

void setSourceFileSpeller(SourceFileSpeller S) { spellerSlot() = std::move(S); }

const SourceFileSpeller &sourceFileSpeller() { return spellerSlot(); }

} // namespace stackbudget

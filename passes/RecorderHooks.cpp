//===- RecorderHooks.cpp - What the clang plugin lends the recorder -------===//

#include "RecorderHooks.h"

namespace stackbudget {

static FrameFindingReporter &reporterSlot() {
  static FrameFindingReporter R;
  return R;
}

void setFrameFindingReporter(FrameFindingReporter R) {
  reporterSlot() = std::move(R);
}

const FrameFindingReporter &frameFindingReporter() { return reporterSlot(); }

static PathFindingReporter &pathReporterSlot() {
  static PathFindingReporter R;
  return R;
}

void setPathFindingReporter(PathFindingReporter R) {
  pathReporterSlot() = std::move(R);
}

const PathFindingReporter &pathFindingReporter() { return pathReporterSlot(); }

static SourceFileSpeller &spellerSlot() {
  static SourceFileSpeller S;
  return S;
}

void setSourceFileSpeller(SourceFileSpeller S) { spellerSlot() = std::move(S); }

const SourceFileSpeller &sourceFileSpeller() { return spellerSlot(); }

} // namespace stackbudget

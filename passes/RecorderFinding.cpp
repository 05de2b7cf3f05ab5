//===- RecorderFinding.cpp - The recorder's findings as LLVM diagnostics --===//

#include "RecorderFinding.h"

#include "llvm/IR/DiagnosticPrinter.h"

using namespace llvm;

namespace stackbudget {

int recorderFindingKind() {
  static const int Kind = getNextAvailablePluginDiagnosticKind();
  return Kind;
}

void RecorderFinding::print(DiagnosticPrinter &DP) const {
  if (Loc.isValid()) {
    DP << Loc.File << ":" << Loc.Line;
    if (Loc.Column)
      DP << ":" << Loc.Column;
    DP << ": ";
  }
  DP << Text << ruleSuffix();
}

} // namespace stackbudget

//===- Commands.h - Subcommands of the stackbudget tool -------------------===//

#ifndef STACKBUDGET_TOOLS_COMMANDS_H
#define STACKBUDGET_TOOLS_COMMANDS_H

#include "stackbudget/CheckSession.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace stackbudget {

bool isFactsCommand();
int runFactsCommand();
bool isCheckCommand();
int runCheckCommand();
bool isIndirectCommand();
int runIndirectCommand();
bool isRankCommand();
int runRankCommand();
bool isSarifCommand();
int runSarifCommand();
bool isDotCommand();
int runDotCommand();
bool isDiffCommand();
int runDiffCommand();

/// Prints \p E on stderr (as it is when it already reads
/// "file:line:col: error: ...") and returns exit status 1.
int reportError(llvm::Error E);

/// A check session that has run.
struct CheckRun {
  CheckSession Session;
  CheckResult Result;
};

/// How `check` and `rank` start, so that rank ranks what check reports:
/// reads the facts of \p Inputs into \p R and runs the check session on
/// them with what the command line chose (profile, stack size,
/// annotations, paths per entry, closed world).
llvm::Expected<CheckRun> readAndCheck(llvm::ArrayRef<std::string> Inputs,
                                      const SessionConfig &Config,
                                      ReadResult &R);

} // namespace stackbudget

#endif // STACKBUDGET_TOOLS_COMMANDS_H

//===- Commands.h - Subcommands of the stackbudget tool -------------------===//

#ifndef STACKBUDGET_TOOLS_COMMANDS_H
#define STACKBUDGET_TOOLS_COMMANDS_H

#include "stackbudget/CallGraph.h"
#include "stackbudget/CheckSession.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>

namespace stackbudget {

/// The category of every option of every subcommand: `--help` shows these
/// (and LLVM's generic --help/--version), none of the options the LLVM
/// libraries the tool links register.
llvm::cl::OptionCategory &toolOptions();

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
bool isRuntimeCommand();
int runRuntimeCommand();
bool isPrefixSymbolsCommand();
int runPrefixSymbolsCommand();

/// Prints \p E on stderr (as it is when it already reads
/// "file:line:col: error: ...") and returns exit status 1.
int reportError(llvm::Error E);

/// A check session that has run.
struct CheckRun {
  CheckSession Session;
  CheckResult Result;

  /// The call graph the check walked, for commands that look further into
  /// it (rank, runtime).
  llvm::Expected<CallGraph> graph(const ReadResult &R) const;
};

/// The options of a check session on the command line of \p Sub (`check`,
/// `rank`), so that both commands take them alike: profile, annotations,
/// stack size, closed world.
struct SessionOptions {
  explicit SessionOptions(llvm::cl::SubCommand &Sub);
  llvm::cl::opt<std::string> ProfilePath;
  llvm::cl::list<std::string> AnnotationPaths;
  llvm::cl::opt<uint64_t> StackSize;
  llvm::cl::opt<bool> ClosedWorld;
  llvm::cl::opt<bool> TrustObjectsWithoutFacts;
  llvm::cl::opt<uint64_t> CycleSearchSteps;
  llvm::cl::opt<unsigned> Threads;
  /// The session they choose (and the process's threads), with \p TopPaths
  /// worst paths per entry.
  SessionConfig config(unsigned TopPaths) const;
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

//===- stackbudget.cpp - The stackbudget command-line tool ----------------===//
//
// stackbudget facts [--json] FILE...   show recorded facts
// stackbudget check [options] FILE...   check worst stack paths (CheckCommand.cpp)
// stackbudget indirect [options] FILE... indirect-call candidates (IndirectCommand.cpp)
// stackbudget rank [options] FILE...     what to annotate next (RankCommand.cpp)
// stackbudget sarif REPORT.json          SARIF 2.1.0 of a report (SarifCommand.cpp)
// stackbudget dot --entry F REPORT.json   DOT of an entry's paths (DotCommand.cpp)
// stackbudget diff OLD.json NEW.json      paths a patch grew (DiffCommand.cpp)
// stackbudget runtime [options] FILE...  a kernel's own stack figures (RuntimeCommand.cpp)
// stackbudget prefix-symbols ...         objcopy's symbol prefix, on the facts (PrefixSymbolsCommand.cpp)
//
// Each subcommand lives in its own file and registers its options in its
// own cl::SubCommand, in the category toolOptions(); --help of every
// subcommand shows only those.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/LocatedError.h"
#include "stackbudget/ParallelWork.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

int stackbudget::reportError(Error E) {
  // An error in an input reads "file:line:col: error: ..."; any other is
  // the tool's own.
  printErrors(errs(), std::move(E), [](StringRef Msg) {
    WithColor::error(errs(), "stackbudget") << Msg << '\n';
  });
  return 1;
}

cl::OptionCategory &stackbudget::toolOptions() {
  static cl::OptionCategory Category("stackbudget options");
  return Category;
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  // The tool's loops over inputs, notes and entries use threads
  // (`--threads`); the plugin's stay on clang's or ld.lld's thread.
  stackbudget::enableParallelWork();
  // libLLVM registers hundreds of options (AMDGPU, Polly, ...) at the top
  // level; a subcommand's --help lists the top level's options too.
  for (cl::SubCommand *Sub : cl::getRegisteredSubcommands())
    cl::HideUnrelatedOptions(stackbudget::toolOptions(), *Sub);
  cl::ParseCommandLineOptions(argc, argv,
                              "stackbudget: whole-program stack checking\n");
  if (stackbudget::isFactsCommand())
    return stackbudget::runFactsCommand();
  if (stackbudget::isCheckCommand())
    return stackbudget::runCheckCommand();
  if (stackbudget::isIndirectCommand())
    return stackbudget::runIndirectCommand();
  if (stackbudget::isRankCommand())
    return stackbudget::runRankCommand();
  if (stackbudget::isSarifCommand())
    return stackbudget::runSarifCommand();
  if (stackbudget::isDotCommand())
    return stackbudget::runDotCommand();
  if (stackbudget::isDiffCommand())
    return stackbudget::runDiffCommand();
  if (stackbudget::isRuntimeCommand())
    return stackbudget::runRuntimeCommand();
  if (stackbudget::isPrefixSymbolsCommand())
    return stackbudget::runPrefixSymbolsCommand();
  WithColor::error(errs(), "stackbudget")
      << "no subcommand given; see 'stackbudget --help'\n";
  return 1;
}

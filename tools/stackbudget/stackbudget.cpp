//===- stackbudget.cpp - The stackbudget command-line tool ----------------===//
//
// stackbudget facts [--json] FILE...   show recorded facts
// stackbudget check [options] FILE...   check worst stack paths (CheckCommand.cpp)
//
// Each subcommand lives in its own file and registers its options in its
// own cl::SubCommand.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "stackbudget: whole-program stack checking\n");
  if (stackbudget::isFactsCommand())
    return stackbudget::runFactsCommand();
  if (stackbudget::isCheckCommand())
    return stackbudget::runCheckCommand();
  if (stackbudget::isIndirectCommand())
    return stackbudget::runIndirectCommand();
  WithColor::error(errs(), "stackbudget")
      << "no subcommand given; see 'stackbudget --help'\n";
  return 1;
}

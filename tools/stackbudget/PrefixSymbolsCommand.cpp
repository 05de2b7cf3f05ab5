//===- PrefixSymbolsCommand.cpp - `stackbudget prefix-symbols` ------------===//
//
// stackbudget prefix-symbols --prefix P --output NOTE OBJECT
//
// What `objcopy --prefix-symbols=P` did to OBJECT's symbols, done to its
// facts (FactsRename.h): writes the facts section, every symbol name
// prefixed, to NOTE, for `objcopy --update-section .note.stackbudget=NOTE`
// (kbuild/stackbudget-objcopy). An object without facts writes no NOTE.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/FactsRename.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand
    PrefixCmd("prefix-symbols",
              "Prefix every symbol name of an object's facts, as objcopy "
              "--prefix-symbols does to its symbols");
static cl::opt<std::string> Input(cl::Positional, cl::Required,
                                  cl::desc("<object>"), cl::sub(PrefixCmd),
                                  cl::cat(toolOptions()));
static cl::opt<std::string> Prefix("prefix", cl::Required,
                                   cl::desc("The prefix objcopy added"),
                                   cl::value_desc("P"), cl::sub(PrefixCmd),
                                   cl::cat(toolOptions()));
static cl::opt<std::string>
    Output("output", cl::Required,
           cl::desc("Where to write the renamed facts section"),
           cl::value_desc("file"), cl::sub(PrefixCmd), cl::cat(toolOptions()));

bool isPrefixSymbolsCommand() { return static_cast<bool>(PrefixCmd); }

int runPrefixSymbolsCommand() {
  ReadResult R;
  if (Error E = readFactsFile(Input, R))
    return reportError(std::move(E));
  if (R.Objects.size() != 1)
    return reportError(createStringError(
        inconvertibleErrorCode(),
        Input + ": an object file, not an archive, is what objcopy renames"));
  if (!R.Inventory[0].HasFactsSection)
    return 0;
  ObjectFacts &Facts = R.Objects[0];
  prefixSymbols(Facts, Prefix);
  std::string Note =
      encodeFactsNote(encodeBlock(Facts.Modules, Facts.Functions));
  std::error_code EC;
  raw_fd_ostream OS(Output, EC);
  if (EC)
    return reportError(createStringError(EC, Output + ": " + EC.message()));
  OS << Note;
  return 0;
}

} // namespace stackbudget

//===- FactsReencode.cpp - An object's facts as this build would write them -===//
//
// Reads the facts of a relocatable object (a whole kernel's `ld -r` output)
// and writes each TU's records again as one block in one note, as the LLVM
// 22 recorder does, with this build's encoder. It prints the section's
// bytes before and after, so a change of the facts format can be measured
// on a whole kernel without rebuilding it (docs/performance.md, "Facts
// size"). The object is not changed.
//
//   stackbudget-facts-reencode OBJECT
//
//===----------------------------------------------------------------------===//

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace stackbudget;

static cl::opt<std::string> Input(cl::Positional, cl::Required,
                                  cl::desc("<object>"));

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::ParseCommandLineOptions(argc, argv,
                              "the facts section of an object, re-encoded");
  ReadResult R;
  if (Error E = readFactsFile(Input, R)) {
    WithColor::error() << toString(std::move(E)) << "\n";
    return 1;
  }
  size_t Blocks = 0, Bytes = 0;
  for (const ObjectFacts &O : R.Objects) {
    // A TU's module record and its functions, in the order read.
    MapVector<StringRef, std::pair<std::vector<ModuleFacts>,
                                   std::vector<FunctionFacts>>>
        ByTU;
    for (const ModuleFacts &M : O.Modules)
      ByTU[M.TU].first.push_back(M);
    for (const FunctionFacts &F : O.Functions)
      ByTU[F.TU].second.push_back(F);
    for (auto &[TU, Records] : ByTU) {
      Bytes += encodeFactsNote(encodeBlock(Records.first, Records.second))
                   .size();
      ++Blocks;
    }
  }
  outs() << Input << ": " << Blocks << " TU blocks, " << Bytes
         << " bytes of facts as this build writes them (facts version "
         << FactsVersion << ")\n";
  return 0;
}

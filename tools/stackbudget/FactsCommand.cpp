//===- FactsCommand.cpp - `stackbudget facts`: show recorded facts --------===//
//
// stackbudget facts [--json] FILE...
//
// Prints the facts carried by objects, `ld -r` outputs and archives, as a
// table for people or as JSON for scripts. Inputs without a facts section are
// listed with the functions they define, since those will be unknowns.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/FindingText.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand FactsCmd("facts", "Show the facts recorded in objects");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(FactsCmd), cl::cat(toolOptions()));
static cl::opt<bool> AsJSON("json", cl::desc("Print JSON instead of a table"),
                            cl::sub(FactsCmd), cl::cat(toolOptions()));

static void printLoc(raw_ostream &OS, const SourceLoc &L) {
  if (!L.isValid())
    return;
  OS << " at " << L.File << ':' << L.Line;
  if (L.Column)
    OS << ':' << L.Column;
}

static void printCall(raw_ostream &OS, const CallFact &C) {
  OS << "    " << (C.IsTail ? "tail " : "");
  switch (C.Kind) {
  case CallKind::Direct:
    OS << "call " << C.Callee;
    break;
  case CallKind::Indirect:
    OS << "indirect call";
    for (uint32_t Id : C.CTypeIds)
      OS << " ctype " << format_hex(Id, 10);
    for (uint32_t Sig : C.SignatureIds)
      OS << " sig " << format_hex(Sig, 10);
    if (!C.Via.empty())
      OS << " via " << C.Via;
    break;
  case CallKind::Asm:
    OS << "asm call " << (C.Callee.empty() ? "<unknown>" : C.Callee);
    break;
  case CallKind::Unknown:
    OS << "unknown call";
    break;
  }
  if (C.Origin != CallOrigin::IR && C.Origin != CallOrigin::Thunk)
    OS << " (" << callOriginName(C.Origin) << ")";
  printLoc(OS, C.Loc);
  if (!C.Reason.empty())
    OS << ": " << C.Reason;
  OS << '\n';
}

static void printTable(raw_ostream &OS, const ReadResult &R) {
  for (size_t I = 0; I < R.Objects.size(); ++I) {
    const ObjectFacts &Obj = R.Objects[I];
    const ObjectInventory &Inv = R.Inventory[I];
    OS << Obj.Origin << ": ";
    if (!Inv.HasFactsSection)
      OS << "no stackbudget facts";
    else
      OS << Obj.Functions.size() << " functions";
    // LLVM 19 (docs/llvm19.md): never let IR calls pass for machine calls.
    size_t FromIR = count_if(Obj.Functions, [](const FunctionFacts &F) {
      return F.Recorder == RecorderKind::IR;
    });
    if (FromIR)
      OS << " (" << FromIR
         << " with calls from IR, LLVM 19: backend-added calls not listed, "
            "tail calls listed as calls)";
    OS << '\n';
    for (const FunctionFacts &F : Obj.Functions) {
      OS << "  " << F.Name << " (" << linkageName(F.Link);
      if (F.Loc.isValid()) {
        OS << ", " << F.Loc.File << ':' << F.Loc.Line;
        if (F.Loc.Column)
          OS << ':' << F.Loc.Column;
      }
      OS << ") frame " << F.Frame;
      printBeyondFrame(OS, F.RedZone, F.Realign, F.CallArgs, F.AsmStack);
      if (F.Dynamic) {
        if (F.Dynamic->Bound)
          OS << " + dynamic, bounded by " << *F.Dynamic->Bound;
        else
          OS << " + dynamic, unbounded (" << F.Dynamic->Reason << ")";
      }
      // Which id indirect calls find it by (TypeMatcher.h).
      if (F.AddressTaken) {
        OS << ", address taken, ";
        if (F.CTypeId)
          OS << "ctype " << format_hex(*F.CTypeId, 10);
        else
          OS << "no C type (sig " << format_hex(F.SignatureId, 10) << ')';
      }
      OS << '\n';
      for (const CallFact &C : F.Calls)
        printCall(OS, C);
    }
    for (const std::string &Name : Inv.FunctionsWithoutFacts)
      OS << "  " << Name << " (no facts: frame unknown)\n";

  }
}

static void printJSON(raw_ostream &OS, const ReadResult &R) {
  json::Array Objects;
  for (size_t I = 0; I < R.Objects.size(); ++I) {
    const ObjectFacts &Obj = R.Objects[I];
    json::Array Modules, Functions, Missing;
    for (const ModuleFacts &M : Obj.Modules)
      Modules.push_back(toJSON(M));
    for (const FunctionFacts &F : Obj.Functions)
      Functions.push_back(toJSON(F));
    for (const std::string &Name : R.Inventory[I].FunctionsWithoutFacts)
      Missing.push_back(Name);
    Objects.push_back(json::Object{
        {"origin", Obj.Origin},
        {"has_facts", R.Inventory[I].HasFactsSection},
        {"modules", std::move(Modules)},
        {"functions", std::move(Functions)},
        {"functions_without_facts", std::move(Missing)}});
  }
  OS << formatv("{0:2}", json::Value(json::Object{
                             {"version", FactsVersion},
                             {"objects", std::move(Objects)}}))
     << '\n';
}

bool isFactsCommand() { return static_cast<bool>(FactsCmd); }

int runFactsCommand() {
  ReadResult R;
  for (const std::string &Path : Inputs)
    if (Error E = readFactsFile(Path, R)) {
      WithColor::error(errs(), "stackbudget") << toString(std::move(E)) << '\n';
      return 1;
    }
  if (AsJSON)
    printJSON(outs(), R);
  else
    printTable(outs(), R);
  return 0;
}

} // namespace stackbudget

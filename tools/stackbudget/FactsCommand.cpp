//===- FactsCommand.cpp - `stackbudget facts`: show recorded facts --------===//
//
// stackbudget facts [--json] [--top N] FILE...
//
// Prints the facts carried by objects, `ld -r` outputs and archives, as a
// table for people or as JSON for scripts. Inputs without a facts section are
// listed with the functions they define, since those will be unknowns.
// With --top N: the N largest frames across all inputs, largest first, with
// what each holds beyond the -fstack-usage number (what checkstack.pl and
// stack_size try to show; docs/facts-format.md, "Frame listing").
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/FindingText.h"
#include "stackbudget/Report.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

static cl::SubCommand FactsCmd("facts", "Show the facts recorded in objects");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(FactsCmd), cl::cat(toolOptions()));
static cl::opt<bool> AsJSON("json", cl::desc("Print JSON instead of a table"),
                            cl::sub(FactsCmd), cl::cat(toolOptions()));
static cl::opt<unsigned>
    Top("top",
        cl::desc("List the N largest frames across all inputs, largest "
                 "first (0: every frame)"),
        cl::value_desc("N"), cl::sub(FactsCmd), cl::cat(toolOptions()));

static void printLoc(raw_ostream &OS, const SourceLoc &L) {
  if (!L.isValid())
    return;
  OS << " at " << L.File << ':' << L.Line;
  if (L.Column)
    OS << ':' << L.Column;
}

static void printCall(raw_ostream &OS, const CallFact &C) {
  const CallDetails &D = C.details();
  OS << "    " << (C.IsTail ? "tail " : "");
  switch (C.Kind) {
  case CallKind::Direct:
    OS << "call " << C.Callee;
    break;
  case CallKind::Indirect:
    OS << "indirect call";
    for (uint32_t Id : D.CTypeIds)
      OS << " ctype " << format_hex(Id, 10);
    for (uint32_t Sig : D.SignatureIds)
      OS << " sig " << format_hex(Sig, 10);
    if (!D.Via.empty())
      OS << " via " << D.Via;
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
  if (!D.Reason.empty())
    OS << ": " << D.Reason;
  OS << '\n';
}

/// " frame 24 + red zone 8 + dynamic, bounded by 1024": the frame and
/// every part beyond it, as the table and the frame listing show them.
static void printFrameParts(raw_ostream &OS, const FunctionFacts &F) {
  OS << " frame " << F.Parts.Frame;
  printBeyondFrame(OS, F.Parts);
  if (F.Dynamic) {
    if (F.Dynamic->bounded())
      OS << " + dynamic, bounded by " << F.Parts.DynamicBound;
    else
      OS << " + dynamic, unbounded (" << F.Dynamic->Reason << ")";
  }
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
         << " with calls from IR, LLVM 19: backend-added calls only as the IR implies them, "
            "tail calls listed as calls)";
    OS << '\n';
    for (const FunctionFacts &F : Obj.Functions) {
      OS << "  " << F.Name << " (" << linkageName(F.Link);
      if (F.Loc.isValid()) {
        OS << ", " << F.Loc.File << ':' << F.Loc.Line;
        if (F.Loc.Column)
          OS << ':' << F.Loc.Column;
      }
      OS << ")";
      printFrameParts(OS, F);
      if (F.ReturnAddressSlot)
        OS << ", return address saved at entry-" << *F.ReturnAddressSlot;
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

/// The version of `facts --top --json` (docs/facts-format.md).
constexpr unsigned FrameListVersion = 1;

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

namespace {
/// One definition in the frame listing.
struct ListedFrame {
  const FunctionFacts *F;
  const ObjectFacts *Obj;
};
} // namespace

/// Every definition with facts, largest own stack use first; ties by
/// frame, then name, TU and input, so the order does not depend on the
/// order of the inputs.
static std::vector<ListedFrame> largestFrames(const ReadResult &R,
                                              unsigned N) {
  std::vector<ListedFrame> All;
  for (const ObjectFacts &Obj : R.Objects)
    for (const FunctionFacts &F : Obj.Functions)
      All.push_back({&F, &Obj});
  llvm::sort(All, [](const ListedFrame &X, const ListedFrame &Y) {
    return std::make_tuple(Y.F->Parts.own(), Y.F->Parts.Frame, StringRef(X.F->Name),
                           StringRef(X.F->TU), StringRef(X.Obj->Origin)) <
           std::make_tuple(X.F->Parts.own(), X.F->Parts.Frame, StringRef(Y.F->Name),
                           StringRef(Y.F->TU), StringRef(Y.Obj->Origin));
  });
  if (N && All.size() > N)
    All.resize(N);
  return All;
}

static size_t functionsWithoutFacts(const ReadResult &R) {
  size_t N = 0;
  for (const ObjectInventory &Inv : R.Inventory)
    N += Inv.FunctionsWithoutFacts.size();
  return N;
}

static size_t functionsWithFacts(const ReadResult &R) {
  size_t N = 0;
  for (const ObjectFacts &Obj : R.Objects)
    N += Obj.Functions.size();
  return N;
}

static void printFrameList(raw_ostream &OS, const ReadResult &R, unsigned N) {
  std::vector<ListedFrame> List = largestFrames(R, N);
  OS << "stackbudget: " << List.size() << " largest of "
     << functionsWithFacts(R) << " frames ("
     << functionsWithoutFacts(R) << " functions without facts not listed); "
     << "bytes = frame (-fstack-usage) + what it leaves out\n";
  for (const ListedFrame &L : List) {
    const FunctionFacts &F = *L.F;
    OS << format("%8llu", static_cast<unsigned long long>(F.Parts.own()))
       << "  " << F.Name;
    printLoc(OS, F.Loc);
    OS << " (" << L.Obj->Origin << "):";
    printFrameParts(OS, F);
    OS << '\n';
  }
}

static void printFrameListJSON(raw_ostream &OS, const ReadResult &R,
                               unsigned N) {
  json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("version", int64_t(FrameListVersion));
    J.attribute("functions", int64_t(functionsWithFacts(R)));
    J.attribute("functions_without_facts", int64_t(functionsWithoutFacts(R)));
    J.attributeArray("frames", [&] {
      for (const ListedFrame &L : largestFrames(R, N)) {
        const FunctionFacts &F = *L.F;
        J.object([&] {
          J.attribute("function", F.Name);
          J.attribute("tu", F.TU);
          J.attribute("origin", L.Obj->Origin);
          J.attributeBegin("loc");
          if (F.Loc.isValid())
            J.object([&] {
              J.attribute("file", F.Loc.File);
              J.attribute("line", F.Loc.Line);
              J.attribute("column", F.Loc.Column);
            });
          else
            J.value(nullptr);
          J.attributeEnd();
          J.attribute("bytes", int64_t(F.Parts.own()));
          J.attribute("frame", int64_t(F.Parts.Frame));
          writeBeyondFrame(J, F.Parts);
          J.attributeBegin("dynamic");
          if (F.Dynamic)
            J.object([&] {
              if (F.Dynamic->bounded())
                J.attribute("bound", int64_t(F.Parts.DynamicBound));
              else
                J.attribute("bound", nullptr);
              J.attribute("reason", F.Dynamic->Reason);
            });
          else
            J.value(nullptr);
          J.attributeEnd();
        });
      }
    });
  });
  OS << '\n';
}

bool isFactsCommand() { return static_cast<bool>(FactsCmd); }

int runFactsCommand() {
  ReadResult R;
  if (Error E = readFactsFiles(Inputs, R))
    return reportError(std::move(E));
  if (Top.getNumOccurrences() && AsJSON)
    printFrameListJSON(outs(), R, Top);
  else if (Top.getNumOccurrences())
    printFrameList(outs(), R, Top);
  else if (AsJSON)
    printJSON(outs(), R);
  else
    printTable(outs(), R);
  return 0;
}

} // namespace stackbudget

//===- IndirectCommand.cpp - `stackbudget indirect`: candidate sets -------===//
//
// stackbudget indirect [--annotations F]... [--sites] [--closed-world]
//                      [--trust-objects-without-facts] INPUT...
//
// Resolves every indirect call of a program three ways and prints how many
// candidates each call has: by type matching alone, with struct-field
// refinement, and with the annotations too (docs/indirect-calls.md). With
// --sites, every call is listed with its exact candidate set under each
// method and, where refinement did not apply, the reason. Static calls
// (`__SCT__*` trampolines) are listed with their targets.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"

#include "stackbudget/Annotations.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/IndirectResolver.h"
#include "stackbudget/MachineCodeFrames.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;

namespace stackbudget {

static cl::SubCommand
    IndirectCmd("indirect",
                "Candidates of every indirect call, by resolution method");
static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<object|archive>..."),
                                    cl::sub(IndirectCmd), cl::cat(toolOptions()));
static cl::list<std::string>
    AnnotationPaths("annotations",
                    cl::desc("Annotation file (docs/annotations-format.md)"),
                    cl::value_desc("file"), cl::sub(IndirectCmd), cl::cat(toolOptions()));
static cl::opt<bool> ListSites("sites",
                               cl::desc("List every call with its candidates"),
                               cl::sub(IndirectCmd), cl::cat(toolOptions()));

static cl::opt<bool> TrustObjectsWithoutFacts(
    "trust-objects-without-facts",
    cl::desc("Assume objects without facts (assembly) store no function "
             "into a struct member, instead of turning field refinement off"),
    cl::sub(IndirectCmd), cl::cat(toolOptions()));

static cl::opt<bool> ClosedWorld(
    "closed-world",
    cl::desc("The inputs are the whole program: count the calls with no "
             "target in it (docs/indirect-calls.md)"),
    cl::sub(IndirectCmd), cl::cat(toolOptions()));

bool isIndirectCommand() { return static_cast<bool>(IndirectCmd); }

static void printTargets(raw_ostream &OS, StringRef Method,
                         const std::vector<TargetRef> &Targets) {
  OS << "  " << Method << " (" << Targets.size() << "):";
  for (const TargetRef &T : Targets)
    OS << ' ' << T.Name;
  OS << '\n';
}

static void printFigures(raw_ostream &OS, StringRef Method,
                         const PrecisionFigures &P) {
  OS << "  " << left_justify(Method, 10) << " mean "
     << format("%.2f", P.mean()) << ", median " << P.percentile(0.5)
     << ", p99 " << P.percentile(0.99) << ", max " << P.MaxCandidates << ", "
     << P.Empty << " without candidates\n";
}

int runIndirectCommand() {
  // As `check` reads them, so that the sites of functions read from their
  // machine code are listed (and an `index` annotation can name them).
  ReadResult R;
  ReadOptions Reading;
  Reading.MachineCode = readMachineCodeFacts;
  if (Error E = readFactsFiles(Inputs, R, Reading))
    return reportError(std::move(E));

  Annotations A;
  for (const std::string &Path : AnnotationPaths) {
    Expected<Annotations> Loaded = loadAnnotations(Path);
    if (!Loaded)
      return reportError(Loaded.takeError());
    A.append(std::move(*Loaded));
  }
  // Entries are checked against the profile by `stackbudget check`.
  if (Error E = validateAnnotations(A, R, [](StringRef) { return true; }))
    return reportError(std::move(E));

  ResolverOptions ROpts;
  ROpts.TrustObjectsWithoutFacts = TrustObjectsWithoutFacts;
  ROpts.ClosedWorld = ClosedWorld;
  Expected<IndirectResolver> Resolver = IndirectResolver::build(R, &A, ROpts);
  if (!Resolver)
    return reportError(Resolver.takeError());

  raw_ostream &OS = outs();
  std::set<std::string> StaticCalls;
  for (const ObjectFacts &O : R.Objects)
    for (const FunctionFacts &F : O.Functions) {
      unsigned Ordinal = 0;
      for (const CallFact &C : F.Calls) {
        if (C.Kind == CallKind::Direct && StringRef(C.Callee).starts_with("__SCT__"))
          StaticCalls.insert(C.Callee);
        if (!isUnresolvedCall(C))
          continue;
        unsigned Index = Ordinal++;
        if (!ListSites)
          continue;
        OS << (C.Kind == CallKind::Asm ? "asm call " : "indirect call ")
           << Index << " in '" << F.Name << "'";
        if (C.Loc.isValid())
          OS << " at " << C.Loc.File << ':' << C.Loc.Line << ':'
             << C.Loc.Column;
        const CallDetails &D = C.details();
        if (D.Field)
          OS << " through field '" << D.Field->Record
             << (D.Field->Name.empty() ? "+" + std::to_string(D.Field->Offset)
                                       : "::" + D.Field->Name)
             << "'";
        if (D.CalleeSlot)
          OS << " through " << slotName(*D.CalleeSlot);
        else if (D.CalleeParam)
          OS << " through parameter " << *D.CalleeParam;
        OS << '\n';
        if (C.Kind == CallKind::Indirect) {
          std::optional<Resolution> Type =
              Resolver->resolve(F, C, Index, false, false);
          std::optional<Resolution> Field =
              Resolver->resolve(F, C, Index, false, true);
          printTargets(OS, "type", Type->Targets);
          if (Field->Method == ResolutionMethod::Field)
            printTargets(OS, "field", Field->Targets);
          else
            OS << "  field: falls back to type: " << Field->FallbackReason
               << '\n';
        }
        std::optional<Resolution> Annotated =
            Resolver->resolve(F, C, Index, true, true);
        if (Annotated && Annotated->Method == ResolutionMethod::Annotation)
          printTargets(OS, "annotation", Annotated->Targets);
        else if (!Annotated)
          OS << "  unknown: "
             << (C.details().Reason.empty() ? "no annotation"
                                            : C.details().Reason)
             << '\n';
      }
    }

  for (const std::string &Tramp : StaticCalls) {
    std::string Why;
    std::optional<Resolution> S = Resolver->resolveStaticCall(Tramp, &Why);
    OS << "static call '" << StringRef(Tramp).drop_front(7) << "'";
    if (!S) {
      OS << ": unknown: " << Why << '\n';
      continue;
    }
    OS << " (" << S->Targets.size() << "):";
    for (const TargetRef &T : S->Targets)
      OS << ' ' << T.Name;
    OS << '\n';
  }

  IndirectResolver::Figures Fig = Resolver->precision();
  OS << "indirect call sites: " << Fig.Type.Sites << '\n';
  if (!Resolver->fieldsComplete())
    OS << "struct-field facts missing: field refinement falls back to type "
          "matching\n";
  OS << "candidates per site:\n";
  printFigures(OS, "type", Fig.Type);
  printFigures(OS, "field", Fig.Field);
  printFigures(OS, "annotated", Fig.Annotated);
  if (Resolver->closedWorld())
    OS << "closed world: " << Fig.Annotated.Empty << " site"
       << (Fig.Annotated.Empty == 1 ? "" : "s")
       << " with no target in the whole program (they add nothing)\n";
  return 0;
}

} // namespace stackbudget

//===- TranslationUnitCheck.cpp - Path findings one TU proves alone -------===//

#include "stackbudget/TranslationUnitCheck.h"
#include "stackbudget/Check.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/FindingText.h"

#include "llvm/ADT/STLExtras.h"


using namespace llvm;

namespace stackbudget {

static bool isKnownDirect(const CallFact &C) {
  if (C.Kind == CallKind::Direct)
    return true;
  return C.Kind == CallKind::Asm && !C.Callee.empty();
}

ObjectFacts directCallsOnly(const ObjectFacts &TU) {
  ObjectFacts Out = TU;
  for (FunctionFacts &F : Out.Functions)
    llvm::erase_if(F.Calls,
                   [](const CallFact &C) { return !isKnownDirect(C); });
  return Out;
}

Expected<std::vector<TranslationUnitFinding>>
checkTranslationUnit(const ObjectFacts &TU, const Profile &WholeProgram) {
  // What the profile says about the rest of the program cannot be checked
  // here: recursion bounds name cycles of other TUs (runCheck calls them
  // stale), and frames given for assembly are upper bounds, not bytes a path
  // is known to use.
  Profile P = WholeProgram;
  P.Recursion.clear();
  P.Frames.clear();
  P.FrameLimit.reset();
  P.AnnotationFiles.clear();

  ReadResult Input;
  Input.Objects.push_back(directCallsOnly(TU));
  Input.Inventory.push_back({TU.Origin, /*HasFactsSection=*/true, {}, {}, {}});
  CheckOptions Opts;
  Opts.TopPaths = 1;
  Expected<CheckResult> R = runCheck(Input, P, Opts);
  if (!R)
    return R.takeError();
  const CheckResult &Result = *R;

  std::vector<TranslationUnitFinding> Findings;
  for (const EntryReport &E : Result.Entries) {
    if (!E.OverBudget || E.Paths.empty())
      continue;
    const PathReport &Worst = E.Paths.front();
    if (any_of(Worst.Hops, [](const HopReport &H) { return H.Cycle; }))
      continue;
    TranslationUnitFinding F;
    F.Function = E.Function;
    F.Loc = E.Loc;
    F.Bytes = E.Bytes;
    F.Text = pathFindingText(E);
    for (const HopReport &H : Worst.Hops)
      F.Notes.push_back({hopLocation(H), hopText(H, Result)});
    Findings.push_back(std::move(F));
  }
  llvm::sort(Findings, [](const TranslationUnitFinding &A,
                          const TranslationUnitFinding &B) {
    if (A.Bytes != B.Bytes)
      return A.Bytes > B.Bytes;
    return A.Function < B.Function;
  });
  return Findings;
}

} // namespace stackbudget

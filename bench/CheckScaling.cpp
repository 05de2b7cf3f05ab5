//===- CheckScaling.cpp - Time the whole-program check on synthetic facts -===//
//
// bench/stackbudget-check-scaling [MAX_FUNCTIONS]
//
// Builds kernel-like synthetic programs (3 calls per function on average:
// mostly direct, 5% indirect through 40 signatures, 2% tail calls, calls
// into assembly without facts, one large cycle and many small ones, 5% of
// functions entries) of growing size and times each phase of runCheck plus
// the JSON report. Linear growth shows as a constant time per function.
// Deterministic: the same seed gives the same program.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Check.h"
#include "stackbudget/Report.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <random>

using namespace llvm;
using namespace stackbudget;

static ReadResult makeProgram(unsigned N, unsigned Seed) {
  std::mt19937 Rng(Seed);
  auto Pick = [&](unsigned Bound) {
    return std::uniform_int_distribution<unsigned>(0, Bound - 1)(Rng);
  };
  ReadResult R;
  constexpr unsigned PerObject = 500;
  for (unsigned Base = 0; Base < N; Base += PerObject) {
    ObjectFacts &O = R.Objects.emplace_back();
    O.Origin = "obj" + std::to_string(Base / PerObject) + ".o";
    ModuleFacts M;
    M.TU = "tu" + std::to_string(Base / PerObject) + ".c";
    M.Triple = "x86_64-unknown-linux-gnu";
    O.Modules.push_back(M);
    ObjectInventory &Inv = R.Inventory.emplace_back();
    Inv.Origin = O.Origin;
    Inv.HasFactsSection = true;
    for (unsigned I = Base; I < std::min(N, Base + PerObject); ++I) {
      FunctionFacts F;
      F.Name = "f" + std::to_string(I);
      F.TU = M.TU;
      F.Parts.Frame = 8 * (1 + Pick(40));
      F.SignatureId = Pick(40);
      F.AddressTaken = Pick(10) == 0;
      F.Loc = {M.TU, I - Base + 1, 1};
      unsigned Calls = Pick(7); // 3 on average
      for (unsigned C = 0; C < Calls; ++C) {
        CallFact CF;
        CF.Loc = {M.TU, I - Base + 1, 3 + C};
        unsigned Kind = Pick(100);
        if (Kind < 5) {
          CF.Kind = CallKind::Indirect;
          CF.SignatureIds = {unsigned(Pick(40))};
        } else if (Kind < 6) {
          CF.Kind = CallKind::Direct;
          CF.Callee = "asm_helper" + std::to_string(Pick(50));
        } else {
          CF.Kind = CallKind::Direct;
          CF.IsTail = Kind < 8;
          // Mostly "downward" calls (acyclic layers); 1% go back up and
          // form cycles, as the kernel's reclaim/scheduler cycles do.
          unsigned Target = Pick(100) == 0 ? Pick(I + 1)
                                           : I + 1 + Pick(std::max(1u, N / 50));
          if (Target >= N)
            continue;
          CF.Callee = "f" + std::to_string(Target);
        }
        F.Calls.push_back(std::move(CF));
      }
      O.Functions.push_back(std::move(F));
    }
  }
  return R;
}

int main(int Argc, char **Argv) {
  unsigned Max = Argc > 1 ? std::stoul(Argv[1]) : 200000;
  Profile P = defaultProfile(16384);
  P.Entries.push_back({"bench", "task", {"f*0"}, "", /*Nests=*/false, {}});
  P.UncalledFunctionsAreEntries = false;
  outs() << "functions  edges     entries  cycles  largest  build+check  "
            "json     us/function\n";
  for (unsigned N = Max / 8; N <= Max; N *= 2) {
    ReadResult R = makeProgram(N, 42);
    using Clock = std::chrono::steady_clock;
    auto T0 = Clock::now();
    Expected<CheckResult> C = runCheck(R, P, CheckOptions());
    if (!C) {
      errs() << toString(C.takeError()) << '\n';
      return 1;
    }
    auto T1 = Clock::now();
    std::string JSON;
    raw_string_ostream OS(JSON);
    writeJSONReport(OS, *C);
    auto T2 = Clock::now();
    size_t Largest = 0;
    for (const CycleReport &Cy : C->Cycles)
      Largest = std::max(Largest, Cy.Members.size());
    double Check = std::chrono::duration<double>(T1 - T0).count();
    double Json = std::chrono::duration<double>(T2 - T1).count();
    outs() << format("%-10u %-9u %-8u %-7u %-8zu %8.3f s   %6.3f s  %6.2f\n",
                     N, C->Summary.Edges, C->Summary.Entries,
                     C->Summary.Cycles, Largest, Check, Json,
                     1e6 * Check / N);
  }
  return 0;
}

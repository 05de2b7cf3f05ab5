//===- CheckPhases.h - Where the time of a whole-program check goes -------===//
//
// `stackbudget check --time-phases` and bench/CheckScaling.cpp split a check
// into the phases below, so that a slow check says which part to fix; this
// enum and checkPhaseName() are the only list of them.
//
// A PhaseClock charges the time between two switches to the phase that was
// running. Phases nest (the graph build asks the resolver about every call),
// and the inner one takes its time out of the outer one, so the rows add up
// to the total. The process's peak RSS is sampled only when an outermost
// phase ends: getrusage() per resolved call would cost more than the call.
//
//   PhaseClock Clock;
//   {
//     PhaseScope Read(&Clock, CheckPhase::ReadFacts);
//     ...
//   }
//   Clock.print(errs());
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CHECKPHASES_H
#define STACKBUDGET_CHECKPHASES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace stackbudget {

/// In the order a check runs them; Other is whatever runs outside them.
enum class CheckPhase : unsigned {
  ReadFacts,
  LoadProfile,
  ResolveIndirect,
  BuildGraph,
  PathWalk,
  Report,
  Other,
};
constexpr unsigned NumCheckPhases = unsigned(CheckPhase::Other) + 1;

inline llvm::StringRef checkPhaseName(CheckPhase P) {
  switch (P) {
  case CheckPhase::ReadFacts:
    return "read facts";
  case CheckPhase::LoadProfile:
    return "load profile and annotations";
  case CheckPhase::ResolveIndirect:
    return "resolve indirect calls";
  case CheckPhase::BuildGraph:
    return "build graph";
  case CheckPhase::PathWalk:
    return "path walk";
  case CheckPhase::Report:
    return "report";
  case CheckPhase::Other:
    return "other";
  }
  return "other";
}

/// Peak resident set size of the process so far, in KiB (Linux ru_maxrss).
inline long peakRSSKiB() {
  struct rusage U;
  return getrusage(RUSAGE_SELF, &U) == 0 ? U.ru_maxrss : 0;
}

class PhaseClock {
public:
  PhaseClock() : Last(Clock::now()) {}

  CheckPhase current() const { return Current; }

  /// Charges the time since the last switch to the running phase and runs
  /// \p P from now on; \p SampleMemory records the peak RSS against the
  /// phase that ends.
  void switchTo(CheckPhase P, bool SampleMemory) {
    Clock::time_point Now = Clock::now();
    unsigned I = unsigned(Current);
    Seconds[I] += std::chrono::duration<double>(Now - Last).count();
    if (SampleMemory)
      PeakKiB[I] = std::max(PeakKiB[I], peakRSSKiB());
    Last = Now;
    Current = P;
  }

  double seconds(CheckPhase P) const { return Seconds[unsigned(P)]; }
  /// The process's peak RSS when \p P last ended (0: never sampled).
  long peakKiB(CheckPhase P) const { return PeakKiB[unsigned(P)]; }

  /// One row per phase that ran, then the total, to \p OS.
  void print(llvm::raw_ostream &OS) {
    switchTo(Current, /*SampleMemory=*/true);
    double Total = 0;
    // LLVM 19's format() cannot store array arguments: pass pointers.
    const char *Heading[] = {"phase", "seconds", "peak RSS (MiB)"};
    OS << llvm::format("%-30s %10s %16s\n", Heading[0], Heading[1],
                       Heading[2]);
    for (unsigned I = 0; I < NumCheckPhases; ++I) {
      Total += Seconds[I];
      if (Seconds[I] == 0 && PeakKiB[I] == 0)
        continue;
      OS << llvm::format("%-30s %10.3f %16.1f\n",
                         checkPhaseName(CheckPhase(I)).str().c_str(),
                         Seconds[I], PeakKiB[I] / 1024.0);
    }
    const char *TotalRow = "total";
    OS << llvm::format("%-30s %10.3f %16.1f\n", TotalRow, Total,
                       peakRSSKiB() / 1024.0);
  }

private:
  friend class PhaseScope;
  using Clock = std::chrono::steady_clock;
  Clock::time_point Last;
  CheckPhase Current = CheckPhase::Other;
  unsigned Depth = 0;
  std::array<double, NumCheckPhases> Seconds{};
  std::array<long, NumCheckPhases> PeakKiB{};
};

/// Runs the enclosing scope in phase \p P of \p C; a null clock costs a
/// branch.
class PhaseScope {
public:
  PhaseScope(PhaseClock *C, CheckPhase P) : C(C) {
    if (!C)
      return;
    Prev = C->current();
    C->switchTo(P, /*SampleMemory=*/C->Depth++ == 0);
  }
  ~PhaseScope() {
    if (C)
      C->switchTo(Prev, /*SampleMemory=*/--C->Depth == 0);
  }
  PhaseScope(const PhaseScope &) = delete;
  PhaseScope &operator=(const PhaseScope &) = delete;

private:
  PhaseClock *C;
  CheckPhase Prev = CheckPhase::Other;
};

} // namespace stackbudget

#endif // STACKBUDGET_CHECKPHASES_H

//===- CheckScaling.cpp - Time the whole-program check on synthetic facts -===//
//
// bench/stackbudget-check-scaling [--functions N] [--calls C] [--series]
//                                 [--report FILE] [--jobs N]
//
// Builds a kernel-like synthetic program (N functions, default 10^6, and C
// calls per function on average, default 10: mostly direct, 1% indirect
// through 40 C types, 2% tail calls, 1% into assembly without facts, 1% back
// up the call chain, which makes one large cycle and many small ones; one
// function in 4000 has its address taken, one in 10 is an entry), encodes
// every object's facts with the real encoder (FactsFormat.h) and runs the
// check the way `stackbudget check` does: decode the sections, open a
// CheckSession (profile, indirect resolution), build the graph, walk the
// paths, write the JSON report. It prints the time and the peak RSS of each
// phase (CheckPhases.h) and the targets of issue 13: <= 10 s and <= 4 GB for
// 10^6 functions and 10^7 call edges.
//
// The program is generated and encoded one object at a time, so that only
// the encoded sections, as in an object file, are alive when the check
// starts: the peak RSS is the check's, not the generator's.
//
// --series also runs N/8, N/4 and N/2 first: linear growth shows as a
// constant time per function. Deterministic: the same seed gives the same
// program, bytes and report.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/Check.h"
#include "stackbudget/CheckPhases.h"
#include "stackbudget/CheckSession.h"
#include "stackbudget/FactsFormat.h"
#include "stackbudget/ParallelWork.h"
#include "stackbudget/Report.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Parallel.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <random>

using namespace llvm;
using namespace stackbudget;

static cl::opt<unsigned> NumFunctions("functions",
                                      cl::desc("Functions in the program"),
                                      cl::init(1000000));
static cl::opt<unsigned> CallsPerFunction("calls",
                                          cl::desc("Calls per function on "
                                                   "average"),
                                          cl::init(10));
static cl::opt<std::string>
    ReportPath("report",
               cl::desc("Where the JSON report goes (default /dev/null)"),
               cl::init("/dev/null"));
// Not --threads: libLLVM registers an option of that name at the top level.
static cl::opt<unsigned>
    Threads("jobs",
            cl::desc("Threads, as `stackbudget check --threads` (default: "
                     "one per core)"),
            cl::init(0));
static cl::opt<bool> Series("series",
                            cl::desc("Run N/8, N/4 and N/2 functions first"));

namespace {

constexpr unsigned PerObject = 500;
constexpr unsigned Signatures = 40;

/// One encoded object: its name and the bytes of its facts section.
struct EncodedObject {
  std::string Origin;
  std::string Section;
};

// Facts version 5 and later put a TU in one block with its string table
// (encodeBlock); version 4 writes one JSON record per module and function.
// Both are what the recorder writes, so the bench follows the format.
template <typename Mods, typename Fns>
auto encodeObject(const Mods &M, const Fns &F, int)
    -> decltype(encodeBlock(M, F)) {
  return encodeBlock(M, F);
}
template <typename Mods, typename Fns>
std::string encodeObject(const Mods &M, const Fns &F, long) {
  std::string Bytes;
  for (const ModuleFacts &Mod : M)
    Bytes += encodeRecord(Mod);
  for (const FunctionFacts &Fn : F)
    Bytes += encodeRecord(Fn);
  return Bytes;
}

ObjectFacts makeObject(unsigned Base, unsigned N, std::mt19937 &Rng) {
  auto Pick = [&](unsigned Bound) {
    return std::uniform_int_distribution<unsigned>(0, Bound - 1)(Rng);
  };
  ObjectFacts O;
  O.Origin = "obj" + std::to_string(Base / PerObject) + ".o";
  ModuleFacts M;
  M.TU = "tu" + std::to_string(Base / PerObject) + ".c";
  M.Triple = "x86_64-unknown-linux-gnu";
  O.Modules.push_back(M);
  for (unsigned I = Base; I < std::min(N, Base + PerObject); ++I) {
    FunctionFacts F;
    F.Name = "f" + std::to_string(I);
    F.TU = M.TU;
    F.Parts.Frame = 8 * (1 + Pick(40));
    F.SignatureId = Pick(Signatures);
    F.AddressTaken = Pick(4000) == 0;
    F.Loc = {M.TU, I - Base + 1, 1};
    unsigned Calls = Pick(2 * CallsPerFunction + 1);
    for (unsigned C = 0; C < Calls; ++C) {
      CallFact CF;
      CF.Loc = {M.TU, I - Base + 1, 3 + C};
      unsigned Kind = Pick(100);
      if (Kind < 1) {
        CF.Kind = CallKind::Indirect;
        CF.editDetails().SignatureIds = {unsigned(Pick(Signatures))};
      } else if (Kind < 2) {
        CF.Kind = CallKind::Direct;
        CF.Callee = "asm_helper" + std::to_string(Pick(50));
      } else {
        CF.Kind = CallKind::Direct;
        CF.IsTail = Kind < 4;
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
  return O;
}

std::vector<EncodedObject> makeEncodedProgram(unsigned N, unsigned Seed) {
  std::mt19937 Rng(Seed);
  std::vector<EncodedObject> Out;
  for (unsigned Base = 0; Base < N; Base += PerObject) {
    ObjectFacts O = makeObject(Base, N, Rng);
    Out.push_back({O.Origin, encodeObject(ArrayRef<ModuleFacts>(O.Modules),
                                          ArrayRef<FunctionFacts>(O.Functions),
                                          0)});
  }
  return Out;
}

double secondsSince(std::chrono::steady_clock::time_point T0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T0)
      .count();
}

struct RunFigures {
  unsigned Functions = 0;
  uint64_t Calls = 0;
  unsigned Edges = 0;
  unsigned Cycles = 0;
  size_t Largest = 0;
  uint64_t FactsBytes = 0;
  double Encode = 0;
  double Check = 0;
};

Expected<RunFigures> runOnce(unsigned N, StringRef ProfilePath,
                             PhaseClock &Clock) {
  RunFigures Fig;
  Fig.Functions = N;
  auto T0 = std::chrono::steady_clock::now();
  std::vector<EncodedObject> Encoded = makeEncodedProgram(N, 42);
  Fig.Encode = secondsSince(T0);
  // The generator is no phase of the check.
  Clock = PhaseClock();
  for (const EncodedObject &E : Encoded)
    Fig.FactsBytes += E.Section.size();

  auto T1 = std::chrono::steady_clock::now();
  ReadResult R;
  {
    PhaseScope Read(&Clock, CheckPhase::ReadFacts);
    // As readFactsFiles() reads the inputs of `stackbudget check`: each
    // into a slot of its own, on llvm::parallel's threads.
    R.Objects.resize(Encoded.size());
    R.Inventory.resize(Encoded.size());
    if (Error Err = forEachItemOrError(Encoded.size(), [&](size_t I) {
          EncodedObject &E = Encoded[I];
          R.Objects[I].Origin = E.Origin;
          R.Inventory[I].Origin = E.Origin;
          R.Inventory[I].HasFactsSection = true;
          Error Decoded = decodeSection(E.Section, R.Objects[I]);
          // An object's bytes are not needed once read.
          std::string().swap(E.Section);
          return Decoded;
        }))
      return std::move(Err);
  }
  for (const ObjectFacts &O : R.Objects)
    for (const FunctionFacts &F : O.Functions)
      Fig.Calls += F.Calls.size();

  SessionConfig Config;
  Config.ProfilePath = ProfilePath.str();
  Config.Phases = &Clock;
  Expected<CheckSession> S = CheckSession::open(R, Config);
  if (!S)
    return S.takeError();
  Expected<CheckResult> C = S->run();
  if (!C)
    return C.takeError();
  {
    // As `stackbudget check --json FILE` writes it: through a buffered
    // file stream (an unbuffered string stream would time the string's
    // growth, and hold the whole report in memory).
    PhaseScope Report(&Clock, CheckPhase::Report);
    std::error_code EC;
    raw_fd_ostream OS(ReportPath, EC);
    if (EC)
      return createStringError(EC, ReportPath + ": " + EC.message());
    writeJSONReport(OS, *C);
  }
  Fig.Check = secondsSince(T1);
  Fig.Edges = C->Summary.Edges;
  Fig.Cycles = C->Summary.Cycles;
  for (const CycleReport &Cy : C->Cycles)
    Fig.Largest = std::max(Fig.Largest, Cy.Members.size());
  return Fig;
}

/// The entries of the program: one function in ten (f*0), on one stack.
Expected<std::string> writeProfile() {
  SmallString<128> Path;
  int FD;
  if (std::error_code EC =
          sys::fs::createTemporaryFile("check-scaling", "yaml", FD, Path))
    return createStringError(EC, "cannot create the profile: " + EC.message());
  raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << "version: 1\n"
        "stacks:\n"
        "  - name: task\n"
        "    size: 16384\n"
        "entries:\n"
        "  - class: bench\n"
        "    stack: task\n"
        "    functions: ['f*0']\n";
  return std::string(Path);
}

} // namespace

int main(int Argc, char **Argv) {
  cl::ParseCommandLineOptions(Argc, Argv,
                              "Time the whole-program check on a synthetic "
                              "program\n");
  enableParallelWork();
  if (Threads)
    parallel::strategy = hardware_concurrency(Threads);
  Expected<std::string> ProfilePath = writeProfile();
  if (!ProfilePath) {
    errs() << toString(ProfilePath.takeError()) << '\n';
    return 1;
  }
  std::vector<unsigned> Sizes = {NumFunctions};
  if (Series)
    Sizes = {NumFunctions / 8, NumFunctions / 4, NumFunctions / 2,
             NumFunctions};

  outs() << "functions  calls      edges      cycles  largest  facts MB  "
            "encode s  check s  us/function\n";
  PhaseClock Last;
  RunFigures Fig;
  for (unsigned N : Sizes) {
    PhaseClock Clock;
    Expected<RunFigures> F = runOnce(N, *ProfilePath, Clock);
    if (!F) {
      errs() << toString(F.takeError()) << '\n';
      sys::fs::remove(*ProfilePath);
      return 1;
    }
    Fig = *F;
    Last = Clock;
    outs() << format("%-10u %-10llu %-10u %-7u %-8zu %8.1f  %8.3f  %7.3f  "
                     "%6.2f\n",
                     Fig.Functions, (unsigned long long)Fig.Calls, Fig.Edges,
                     Fig.Cycles, Fig.Largest, Fig.FactsBytes / 1e6, Fig.Encode,
                     Fig.Check, 1e6 * Fig.Check / Fig.Functions);
  }
  sys::fs::remove(*ProfilePath);

  outs() << "\nphases of the last run (facts version " << FactsVersion
         << "; peak RSS is the process's when the phase ended):\n";
  Last.print(outs());

  // The targets are for 10^6 functions and 10^7 call edges; at another
  // size the figures are printed without a verdict.
  double PeakMiB = peakRSSKiB() / 1024.0;
  outs() << "\ntarget (10^6 functions, 10^7 edges)  measured      target    "
            "missed by\n";
  auto Row = [&](const char *What, double Got, double Target,
                 const char *Unit) {
    outs() << format("%-36s %8.2f %-4s %6.0f %-4s ", What, Got, Unit, Target,
                     Unit);
    if (Got <= Target)
      outs() << "met\n";
    else
      outs() << format("%.2f %s (x%.2f)\n", Got - Target, Unit, Got / Target);
  };
  if (Fig.Functions != 1000000)
    outs() << "(not the target's size: " << Fig.Functions << " functions)\n";
  Row("check time (read .. report)", Fig.Check, 10, "s");
  Row("peak RSS", PeakMiB, 4096, "MiB");
  return 0;
}

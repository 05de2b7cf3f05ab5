//===- RuntimeCrossCheck.h - A running kernel's stack against the proof ---===//
//
// Compares what a kernel measured on its own task stack (KernelStackLog.h)
// with the static facts and bounds of the same vmlinux: each row of the
// stack tracer's deepest trace against the function's recorded frame plus
// the call overhead, each hop against the call graph, each entry on the
// trace against its proven bound, and the stack's observed maximum against
// the smallest size proven sufficient. An observation above what the facts
// claim is an under-estimate of the tool: reported, never clamped.
// docs/runtime.md has the rules.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_RUNTIMECROSSCHECK_H
#define STACKBUDGET_RUNTIMECROSSCHECK_H

#include "stackbudget/CallGraph.h"
#include "stackbudget/Check.h"
#include "stackbudget/KernelStackLog.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

/// What the kernel measured.
struct RuntimeObservations {
  /// The stack tracer's deepest trace; empty when not given.
  std::vector<TracerRow> Trace;
  /// `stack_max_size`.
  std::optional<uint64_t> TracerMax;
  /// CONFIG_DEBUG_STACK_USAGE records.
  std::vector<StackDepthRecord> DepthRecords;
};

/// Where the stack tracer finds the return addresses it measures rows by
/// (kernel/trace/trace_stack.c check_stack()), which the target decides.
enum class TracerLayout {
  /// x86-64: each call pushes its return address right above the callee's
  /// frame, so row I holds its own function's frame and that slot; row 0
  /// is the `__fentry__` call's slot (and what the trampoline saved).
  PushedReturnAddress,
  /// arm64: the callee saves the return address in its frame record,
  /// inside its frame (FunctionFacts::ReturnAddressSlot), and the tracer
  /// shifts the depths by one row (ARCH_FTRACE_SHIFT_STACK_TRACER): row I's
  /// Depth is the slot where row I's function saved its return address
  /// (row 0: ftrace_caller's record of it), so row I spans its caller's
  /// frame between the two slots.
  FrameRecord,
};

enum class RowVerdict {
  /// Observed bytes within the static frame plus call overhead.
  Fits,
  /// Above its frame, by no more than the rows below it are short: the
  /// tracer matched this row's return address at a copy lower in the stack
  /// (a saved _RET_IP_, a stale slot) and moved bytes from the row below.
  ShiftedFromBelow,
  /// Above what the facts allow: an under-estimate.
  Above,
  /// No static frame to compare with (reason in Note).
  NotCompared,
  /// The last row: entry code, pt_regs and everything above the outermost
  /// return address the unwinder found.
  Outermost,
  /// Row 0 holds more than the `__fentry__` call's return address: the
  /// tracer's search found a copy of it in the ftrace trampoline's saved
  /// registers first, so the rest of the row is the tracer's, not the
  /// traced function's.
  TracerHook,
};

const char *rowVerdictName(RowVerdict V);

struct RowCheck {
  TracerRow Row;
  /// Frame plus call overhead (row 0: the call overhead of the `__fentry__`
  /// call the tracer measured from).
  std::optional<uint64_t> Static;
  RowVerdict Verdict = RowVerdict::NotCompared;
  /// The call graph has no call from this row's function that reaches the
  /// row below (directly, or through tail calls and candidate sets): the
  /// kernel ran a call the graph does not have.
  bool MissingCall = false;
  /// The row below has no facts and no call from here reaches it: an
  /// exception or interrupt entry (asm_exc_page_fault) came in on top of
  /// this function, and this row also holds the hardware frame.
  bool EnteredWithoutCall = false;
  /// The assembly such an entry runs first (the row below that one).
  bool EnteredByHardware = false;
  std::string Note;
};

struct EntryCheck {
  std::string Function;
  std::string Class;
  unsigned Row = 0;
  /// Bytes from the call into the entry down to the traced function's
  /// `__fentry__` call, or down to the call into Interrupted.
  uint64_t Observed = 0;
  /// The function an exception or interrupt came in on top of, inside the
  /// entry's path (RowCheck::EnteredWithoutCall); empty if none.
  std::string Interrupted;
  /// EntryReport::Bytes; a lower bound when BoundUnknown.
  uint64_t Bound = 0;
  bool BoundUnknown = false;
  /// RowCheck::EnteredByHardware of its row: not compared.
  bool EnteredByHardware = false;
  /// Why the observed bytes are unknown (TracerLayout::FrameRecord: the
  /// facts do not say where the entry saves its return address); empty
  /// when Observed is known.
  std::string NotPlaced;
  bool Above = false;
};

struct StackCheck {
  /// The check's figures of the stack the measurements are of: its size,
  /// its entries and the smallest size proven sufficient.
  StackReport Report;
  /// The stack tracer's maximum (stack_max_size, else row 0's Depth).
  std::optional<uint64_t> TracerMax;
  /// The traced code's part of it: where the traced function's hook was
  /// called (x86-64: row 1's Depth plus the `__fentry__` call's return
  /// address, RowVerdict::TracerHook; arm64: the traced function's entry,
  /// 8 bytes above row 0's slot).
  std::optional<uint64_t> TracedDepth;
  /// The deepest CONFIG_DEBUG_STACK_USAGE record (fewest bytes left).
  std::optional<StackDepthRecord> Deepest;
  bool Above = false;
  /// The larger of TracedDepth and the deepest record, 0 when there is
  /// none.
  uint64_t observed() const;
};

struct RuntimeCrossCheck {
  TracerLayout Layout = TracerLayout::PushedReturnAddress;
  std::vector<RowCheck> Rows;
  std::vector<EntryCheck> Entries;
  StackCheck Stack;

  /// Observations above a bound: rows Above, missing calls, entries and the
  /// stack above their bound.
  unsigned failures() const;
};

/// Errors: \p StackName is no stack of \p Result; a target whose stack
/// tracer layout is not known (CheckResult::Triple).
llvm::Expected<RuntimeCrossCheck>
crossCheckRuntime(const RuntimeObservations &Obs, const CallGraph &G,
                  const CheckResult &Result, llvm::StringRef StackName);

void printRuntimeCrossCheck(const RuntimeCrossCheck &C, llvm::raw_ostream &OS);

} // namespace stackbudget

#endif // STACKBUDGET_RUNTIMECROSSCHECK_H

//===- FrameParts.h - What one activation uses besides its calls ----------===//
//
// A function's activation uses its recorded frame (what -fstack-usage
// prints) and bytes -fstack-usage leaves out: the red zone below it, a
// stack realignment, arguments pushed around calls, inline-asm pushes and a
// bounded dynamic allocation. One value carries them from the facts through
// the graph to the report, so that "own bytes" is summed in one place.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FRAMEPARTS_H
#define STACKBUDGET_FRAMEPARTS_H

#include <cstdint>

namespace stackbudget {

struct FrameParts {
  /// The bytes the prologue reserves, callee-saved pushes included: the
  /// number -fstack-usage prints (for a function without facts, its profile
  /// frame; for a candidate set, its thunk's bytes).
  uint64_t Frame = 0;
  /// Bytes used below the stack pointer in the red zone.
  uint64_t RedZone = 0;
  /// Bytes a stack realignment may move the stack pointer beyond Frame
  /// (alignment padding of the local area plus what the `and` drops), an
  /// upper bound.
  uint64_t Realign = 0;
  /// Outgoing call arguments pushed around calls when there is no reserved
  /// call frame (the largest such call frame).
  uint64_t CallArgs = 0;
  /// Bytes the function's inline asm pushes at once (the largest of its asm
  /// statements, AsmCallScanner.h).
  uint64_t AsmStack = 0;
  /// The proven bound of the dynamic allocations of one activation,
  /// alignment included; 0 without any, or when none could be proven (the
  /// facts then say why: FunctionFacts::Dynamic).
  uint64_t DynamicBound = 0;

  /// What one activation may use of the stack besides the calls it makes.
  uint64_t own() const {
    return Frame + RedZone + Realign + CallArgs + AsmStack + DynamicBound;
  }
  /// What stays on the stack under a call the function makes: all of it
  /// but the red zone, which only code that makes no call may use (a call
  /// would push its return address into it; x86-64 SysV ABI 3.2.2). Inline
  /// asm that calls is the exception the compiler cannot see, so an asm
  /// call keeps own() (CallGraph::edgeWeight).
  uint64_t liveAcrossCall() const { return own() - RedZone; }
  /// What a frame limit (the profile's frame_limit, -Wframe-larger-than)
  /// is compared with: the frame and its dynamic allocation, as the
  /// compiler's own warning counts it; the other parts are not the frame's.
  uint64_t limitedBytes() const { return Frame + DynamicBound; }
  /// Whether any part beyond the recorded frame is there.
  bool beyondFrame() const { return own() != Frame; }

  bool operator==(const FrameParts &O) const {
    return Frame == O.Frame && RedZone == O.RedZone && Realign == O.Realign &&
           CallArgs == O.CallArgs && AsmStack == O.AsmStack &&
           DynamicBound == O.DynamicBound;
  }
  bool operator!=(const FrameParts &O) const { return !(*this == O); }
};

} // namespace stackbudget

#endif // STACKBUDGET_FRAMEPARTS_H

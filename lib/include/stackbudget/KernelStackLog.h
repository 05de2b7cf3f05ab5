//===- KernelStackLog.h - What a running Linux kernel measured on its stack -===//
//
// Two measurements the kernel makes of its own stack use, as text:
//  - the ftrace stack tracer (kernel/trace/trace_stack.c), whose
//    `stack_trace` file (or the table print_max_stack() logs before a BUG)
//    is the deepest task stack seen at any traced function entry, one row
//    per return address, and whose `stack_max_size` is that depth;
//  - CONFIG_DEBUG_STACK_USAGE (kernel/exit.c, check_stack_usage()), which
//    logs "<comm> (<pid>) used greatest stack depth: <N> bytes left" each
//    time an exiting task has used more of its stack than any before it.
// The parser takes the files as the kernel writes them; console copies with
// printk timestamps are accepted too. docs/runtime.md describes both.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_KERNELSTACKLOG_H
#define STACKBUDGET_KERNELSTACKLOG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

/// One row of the stack tracer's table. Row 0 is the traced function at its
/// `__fentry__` call; row I > 0 is the return address into the function that
/// called (or tail-called into) row I-1.
struct TracerRow {
  /// Bytes from the top of the stack down to, and including, the slot that
  /// holds this row's return address (stack_trace_index[]).
  uint64_t Depth = 0;
  /// The tracer's Size column: Depth minus the next row's Depth; for the
  /// last row its Depth.
  uint64_t Size = 0;
  std::string Function;
  /// `Function+0x<Offset>/0x<Length>`; 0 when the location has no offset.
  uint64_t Offset = 0;
  uint64_t Length = 0;
  /// The module in `[mod]`, empty for the kernel image.
  std::string Module;
  /// 1-based line in the file it came from.
  unsigned Line = 0;
};

/// One "used greatest stack depth" line.
struct StackDepthRecord {
  std::string Command;
  uint64_t Pid = 0;
  uint64_t BytesLeft = 0;
  unsigned Line = 0;
};

/// The stack tracer's table: the last one in the text (a console log may
/// hold several print_max_stack() dumps, each deeper than the one before).
llvm::Expected<std::vector<TracerRow>> parseStackTrace(llvm::StringRef Text,
                                                       llvm::StringRef Name);

/// `stack_max_size`: one decimal number.
llvm::Expected<uint64_t> parseStackMaxSize(llvm::StringRef Text,
                                           llvm::StringRef Name);

/// Every "used greatest stack depth" line of a kernel log (dmesg or a
/// console log); other lines are skipped.
std::vector<StackDepthRecord> parseStackDepthRecords(llvm::StringRef Text);

} // namespace stackbudget

#endif // STACKBUDGET_KERNELSTACKLOG_H

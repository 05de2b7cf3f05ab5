//===- KernelStackLog.cpp - What a running Linux kernel measured -----------===//

#include "stackbudget/KernelStackLog.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

using namespace llvm;

namespace stackbudget {

static Error lineError(StringRef Name, unsigned Line, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(),
                           Name + ":" + Twine(Line) + ": " + Msg);
}

/// \p L without what the console and syslog put in front of a printk line:
/// `<6>` and `[    1.234567] `.
static StringRef stripLogPrefix(StringRef L) {
  static const Regex Prefix("^(<[0-9]+>)?(\\[ *[0-9]+\\.[0-9]+\\] ?)?");
  SmallVector<StringRef, 3> M;
  if (Prefix.match(L, &M))
    L = L.drop_front(M[0].size());
  return L.rtrim("\r");
}

namespace {
struct Table {
  unsigned Announced = 0;
  unsigned HeaderLine = 0;
  std::vector<TracerRow> Rows;
};
} // namespace

/// `name+0x1f/0x80 [mod]`, as `%pS` prints a kernel text address.
static Error parseLocation(StringRef Loc, TracerRow &R, StringRef Name) {
  static const Regex Sym("^([^ +]+)(\\+0x([0-9a-f]+)/0x([0-9a-f]+))?"
                         "( \\[([^]]+)\\])?$");
  SmallVector<StringRef, 7> M;
  if (!Sym.match(Loc, &M))
    return lineError(Name, R.Line, "cannot read the location '" + Loc + "'");
  if (M[1].starts_with("0x") && M[2].empty())
    return lineError(Name, R.Line,
                     "the location '" + Loc +
                         "' is an address, not a symbol: the kernel needs "
                         "CONFIG_KALLSYMS=y for the trace to name functions");
  R.Function = M[1].str();
  if (!M[2].empty() && (M[3].getAsInteger(16, R.Offset) ||
                        M[4].getAsInteger(16, R.Length)))
    return lineError(Name, R.Line, "bad offset in '" + Loc + "'");
  R.Module = M[6].str();
  return Error::success();
}

/// The rows must be the tracer's own arithmetic: numbered from 0, as many as
/// the header announces, each Size the difference of two Depths.
static Error checkTable(const Table &T, StringRef Name) {
  if (T.Rows.size() != T.Announced)
    return lineError(Name, T.HeaderLine,
                     "the table announces " + Twine(T.Announced) +
                         " entries but has " + Twine(T.Rows.size()));
  if (T.Rows.empty())
    return lineError(Name, T.HeaderLine,
                     "the stack tracer recorded nothing (0 entries): was it "
                     "enabled ('stacktrace' on the kernel command line)?");
  for (size_t I = 0; I < T.Rows.size(); ++I) {
    const TracerRow &R = T.Rows[I];
    uint64_t Below = I + 1 < T.Rows.size() ? T.Rows[I + 1].Depth : 0;
    if (R.Depth <= Below || R.Size != R.Depth - Below)
      return lineError(Name, R.Line,
                       "row " + Twine(I) + ": Size " + Twine(R.Size) +
                           " is not Depth " + Twine(R.Depth) +
                           " minus the next row's Depth " + Twine(Below));
  }
  return Error::success();
}

Expected<std::vector<TracerRow>> parseStackTrace(StringRef Text,
                                                 StringRef Name) {
  static const Regex Header(
      "^ *Depth +Size +Location +\\(([0-9]+) entries\\)$");
  static const Regex Row("^ *([0-9]+)\\) +([0-9]+) +(-?[0-9]+) +(.*)$");
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  std::optional<Table> Current, Last;
  auto Finish = [&]() -> Error {
    if (!Current)
      return Error::success();
    if (Error E = checkTable(*Current, Name))
      return E;
    Last = std::move(Current);
    Current.reset();
    return Error::success();
  };
  for (unsigned N = 0; N < Lines.size(); ++N) {
    unsigned LineNo = N + 1;
    StringRef L = stripLogPrefix(Lines[N]);
    SmallVector<StringRef, 5> M;
    if (Header.match(L, &M)) {
      if (Error E = Finish())
        return std::move(E);
      Current.emplace();
      Current->HeaderLine = LineNo;
      if (M[1].getAsInteger(10, Current->Announced))
        return lineError(Name, LineNo, "bad entry count");
      continue;
    }
    if (!Current)
      continue;
    StringRef Body = L.trim();
    if (Body.starts_with("-----"))
      continue;
    if (Body.contains("Stack tracer disabled"))
      return lineError(Name, LineNo,
                       "the stack tracer is disabled: boot with "
                       "'stacktrace' or write 1 to "
                       "/proc/sys/kernel/stack_tracer_enabled");
    if (Body.starts_with("#") || Body.empty())
      continue;
    if (!Row.match(L, &M)) {
      // The table ends at the first line that is no row (a console log
      // goes on with other messages).
      if (Error E = Finish())
        return std::move(E);
      continue;
    }
    TracerRow R;
    R.Line = LineNo;
    unsigned Index = 0;
    int64_t Size = 0;
    if (M[1].getAsInteger(10, Index) || M[2].getAsInteger(10, R.Depth) ||
        M[3].getAsInteger(10, Size))
      return lineError(Name, LineNo, "cannot read the row '" + Body + "'");
    if (Index != Current->Rows.size())
      return lineError(Name, LineNo,
                       "row " + Twine(Index) + " where row " +
                           Twine(Current->Rows.size()) + " was expected");
    if (Size < 0)
      return lineError(Name, LineNo, "negative Size " + Twine(Size));
    R.Size = static_cast<uint64_t>(Size);
    if (Error E = parseLocation(M[4].trim(), R, Name))
      return std::move(E);
    Current->Rows.push_back(std::move(R));
  }
  if (Error E = Finish())
    return std::move(E);
  if (!Last)
    return createStringError(inconvertibleErrorCode(),
                             Name + ": no stack tracer table (a line "
                                    "'Depth    Size   Location    (N "
                                    "entries)')");
  return std::move(Last->Rows);
}

Expected<uint64_t> parseStackMaxSize(StringRef Text, StringRef Name) {
  uint64_t Value = 0;
  StringRef T = Text.trim();
  if (T.empty() || T.getAsInteger(10, Value))
    return createStringError(inconvertibleErrorCode(),
                             Name + ":1: expected one decimal number (the "
                                    "stack tracer's stack_max_size), got '" +
                                 T.take_front(40) + "'");
  return Value;
}

std::vector<StackDepthRecord> parseStackDepthRecords(StringRef Text) {
  static const Regex Record(
      "^(.*) \\(([0-9]+)\\) used greatest stack depth: ([0-9]+) bytes left$");
  std::vector<StackDepthRecord> Out;
  SmallVector<StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (unsigned N = 0; N < Lines.size(); ++N) {
    SmallVector<StringRef, 4> M;
    if (!Record.match(stripLogPrefix(Lines[N]), &M))
      continue;
    StackDepthRecord R;
    R.Command = M[1].str();
    R.Line = N + 1;
    if (M[2].getAsInteger(10, R.Pid) || M[3].getAsInteger(10, R.BytesLeft))
      continue;
    Out.push_back(std::move(R));
  }
  return Out;
}

} // namespace stackbudget

//===- AsmCallScanner.cpp - Find call instructions in inline assembly -----===//

#include "stackbudget/AsmCallScanner.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace stackbudget {

AsmDialect asmDialectFor(const Triple &T) {
  if (T.isX86())
    return AsmDialect::X86;
  if (T.isAArch64())
    return AsmDialect::AArch64;
  return AsmDialect::Unreadable;
}

static bool isSymbolStart(char C) {
  return isAlpha(C) || C == '_' || C == '.' || C == '$';
}

static bool isSymbolChar(char C) {
  return isAlnum(C) || C == '_' || C == '.' || C == '$';
}

/// Strips leading labels such as `771:` or `foo:` from a statement.
static StringRef stripLabels(StringRef S) {
  while (true) {
    S = S.ltrim();
    size_t I = 0;
    while (I < S.size() && isSymbolChar(S[I]))
      ++I;
    if (I > 0 && I < S.size() && S[I] == ':' && S.substr(0, I) != "$") {
      S = S.drop_front(I + 1);
      continue;
    }
    return S;
  }
}

struct OperandRef {
  unsigned No = 0;
  /// The modifier letter of `${N:m}`, 0 if none.
  char Modifier = 0;
};

/// Parses `$N`, `${N}` or `${N:m}` at the start of \p S.
static std::optional<OperandRef> parseOperandRef(StringRef S) {
  if (!S.consume_front("$"))
    return std::nullopt;
  bool Braced = S.consume_front("{");
  OperandRef Ref;
  size_t Digits = 0;
  while (Digits < S.size() && isDigit(S[Digits]))
    Ref.No = Ref.No * 10 + (S[Digits++] - '0');
  if (Digits == 0)
    return std::nullopt;
  S = S.drop_front(Digits);
  if (Braced) {
    if (!S.contains('}'))
      return std::nullopt;
    if (S.consume_front(":") && !S.empty() && S[0] != '}')
      Ref.Modifier = S[0];
  }
  return Ref;
}

/// Calls \p Fn with the mnemonic and the operands of every statement of
/// \p AsmText. Statements are separated by newlines and `;`; labels and
/// comments are skipped.
template <typename Callback>
static void forEachStatement(StringRef AsmText, AsmDialect Dialect,
                             Callback Fn) {
  // A `#` starts a comment on x86 and an immediate on AArch64, whose
  // comments start with `//`; `${0:c}` contains neither.
  StringRef CommentStart = Dialect == AsmDialect::AArch64 ? "//" : "#";
  SmallVector<StringRef, 16> Lines;
  AsmText.split(Lines, '\n');
  for (StringRef Line : Lines) {
    Line = Line.split(CommentStart).first;
    SmallVector<StringRef, 4> Stmts;
    Line.split(Stmts, ';');
    for (StringRef Stmt : Stmts) {
      Stmt = stripLabels(Stmt);
      auto [Mnemonic, Rest] = Stmt.split(' ');
      if (Rest.empty())
        std::tie(Mnemonic, Rest) = Stmt.split('\t');
      Fn(Mnemonic.trim(), Rest.trim());
    }
  }
}

/// How a mnemonic transfers control, in \p Dialect.
enum class Transfer { None, Call, Jump, RegisterCall, RegisterJump };

static Transfer transferOf(StringRef Mnemonic, AsmDialect Dialect) {
  if (Dialect == AsmDialect::X86) {
    if (Mnemonic == "call" || Mnemonic == "callq" || Mnemonic == "calll")
      return Transfer::Call;
    if (Mnemonic == "jmp" || Mnemonic == "jmpq")
      return Transfer::Jump;
    return Transfer::None;
  }
  // AArch64: `b.eq`, `cbz`, `tbnz` only branch to labels of the statement
  // itself (local control flow); `ret` returns.
  std::string M = Mnemonic.lower();
  if (M == "bl")
    return Transfer::Call;
  if (M == "b")
    return Transfer::Jump;
  if (M == "blr" || M == "blraa" || M == "blraaz" || M == "blrab" ||
      M == "blrabz")
    return Transfer::RegisterCall;
  if (M == "br" || M == "braa" || M == "braaz" || M == "brab" || M == "brabz")
    return Transfer::RegisterJump;
  return Transfer::None;
}

std::vector<AsmCall> scanAsmCalls(StringRef AsmText, AsmDialect Dialect) {
  std::vector<AsmCall> Calls;
  if (Dialect == AsmDialect::Unreadable) {
    // One unknown call for the whole statement: whether it calls, and
    // what, is only in the text.
    AsmCall C;
    C.OperandText = AsmText.trim().str();
    C.Unread = "inline asm of a target whose assembly the recorder does "
               "not read";
    Calls.push_back(std::move(C));
    return Calls;
  }
  forEachStatement(AsmText, Dialect, [&](StringRef Mnemonic, StringRef Rest) {
    Transfer T = transferOf(Mnemonic, Dialect);
    if (T == Transfer::None)
      return;
    AsmCall C;
    C.OperandText = Rest.str();
    if (T == Transfer::RegisterCall || T == Transfer::RegisterJump) {
      // `blr x16`, `br x17`: a computed target, never a label.
      C.IsTail = T == Transfer::RegisterJump;
      Calls.push_back(std::move(C));
      return;
    }
    bool IsJump = T == Transfer::Jump;
    C.IsTail = IsJump;
    if (std::optional<OperandRef> Ref = parseOperandRef(Rest)) {
      // `jmp ${N:l}`: an asm goto label, control flow inside the function.
      if (Ref->Modifier == 'l')
        return;
      C.OperandNo = Ref->No;
    } else if (!Rest.empty() && isSymbolStart(Rest[0]) && Rest[0] != '$') {
      size_t I = 0;
      while (I < Rest.size() && isSymbolChar(Rest[I]) && Rest[I] != '$')
        ++I;
      StringRef Sym = Rest.substr(0, I);
      StringRef After = Rest.substr(I).trim();
      // `__get_user_${4:c}`: a symbol completed by an operand's value.
      if (std::optional<OperandRef> Ref = parseOperandRef(Rest.substr(I))) {
        C.SymbolPrefix = Sym.str();
        C.OperandNo = Ref->No;
        Calls.push_back(std::move(C));
        return;
      }
      // A numeric local label (`jmp 1f`) starts with a digit and never gets
      // here; `.L` labels are local too.
      if (Sym.starts_with(".L"))
        return;
      if (!After.empty() && !After.starts_with("@"))
        Sym = StringRef(); // an expression we do not evaluate
      C.Symbol = Sym.str();
    } else if (IsJump) {
      // `jmp 1f`, `b 1f`, `jmp *%rax` in asm: local control flow or a
      // computed jump; only calls are reported for these.
      if (Dialect != AsmDialect::X86 || !Rest.starts_with("*"))
        return;
    }
    Calls.push_back(std::move(C));
  });
  return Calls;
}

/// `$8,%rsp` (after a `sub` or `add`): the immediate, when the destination is
/// the stack pointer itself.
static std::optional<uint64_t> immediateToRsp(StringRef Operands) {
  auto [Imm, Dest] = Operands.split(',');
  Imm = Imm.trim();
  // LLVM writes a literal `$` of the asm text as `$$`.
  if (Dest.trim() != "%rsp" ||
      !(Imm.consume_front("$$") || Imm.consume_front("$")))
    return std::nullopt;
  uint64_t N;
  if (Imm.getAsInteger(0, N))
    return std::nullopt;
  return N;
}

/// The largest immediate an AArch64 `add`/`sub` encodes (12 bits, shifted
/// by 12); text with a larger one does not assemble.
constexpr uint64_t AArch64MaxAddImmediate = 0xfffull << 12;

/// `#N` or `#0xN` (LLVM writes a literal `#` of AArch64 asm as is).
static std::optional<uint64_t> aarch64Immediate(StringRef Imm) {
  Imm = Imm.trim();
  uint64_t N;
  if (!Imm.consume_front("#") || Imm.getAsInteger(0, N) ||
      N > AArch64MaxAddImmediate)
    return std::nullopt;
  return N;
}

/// The bytes an AArch64 statement moves the stack pointer down by (> 0) or
/// up by (< 0): `sub|add sp, sp, #N`, a pre-indexed store with writeback
/// `[sp, #-N]!` and a post-indexed load `[sp], #N`.
static int64_t aarch64StackMove(StringRef Mnemonic, StringRef Rest) {
  std::string M = Mnemonic.lower();
  std::string Ops = Rest.lower();
  SmallVector<StringRef, 4> Parts;
  StringRef(Ops).split(Parts, ',');
  for (StringRef &P : Parts)
    P = P.trim();
  if ((M == "sub" || M == "add") && Parts.size() == 3 && Parts[0] == "sp" &&
      Parts[1] == "sp") {
    std::optional<uint64_t> N = aarch64Immediate(Parts[2]);
    if (!N)
      return 0;
    return M == "sub" ? int64_t(*N) : -int64_t(*N);
  }
  StringRef O(Ops);
  size_t Open = O.find("[sp");
  if (Open == StringRef::npos)
    return 0;
  StringRef Mem = O.substr(Open);
  if (M.rfind("st", 0) == 0 && Mem.ends_with("]!")) {
    // `[sp, #-16]!`
    StringRef Off = Mem.drop_front(3).drop_back(2).trim();
    if (!Off.consume_front(","))
      return 0;
    Off = Off.trim();
    if (!Off.consume_front("#-"))
      return 0;
    uint64_t N;
    return Off.getAsInteger(0, N) || N > AArch64MaxAddImmediate ? 0
                                                                : int64_t(N);
  }
  if (M.rfind("ld", 0) == 0 && Mem.starts_with("[sp]")) {
    // `[sp], #16`
    StringRef Off = Mem.drop_front(4).trim();
    if (!Off.consume_front(","))
      return 0;
    std::optional<uint64_t> N = aarch64Immediate(Off);
    return N ? -int64_t(*N) : 0;
  }
  return 0;
}

uint64_t scanAsmStackBytes(StringRef AsmText, AsmDialect Dialect) {
  uint64_t Depth = 0, Most = 0;
  if (Dialect == AsmDialect::Unreadable)
    return 0;
  forEachStatement(AsmText, Dialect, [&](StringRef Mnemonic, StringRef Rest) {
    auto Pop = [&](uint64_t N) { Depth -= std::min(Depth, N); };
    if (Dialect == AsmDialect::AArch64) {
      int64_t Move = aarch64StackMove(Mnemonic, Rest);
      if (Move > 0)
        Depth += uint64_t(Move);
      else
        Pop(uint64_t(-Move));
      Most = std::max(Most, Depth);
      return;
    }
    if (Mnemonic == "pushw") {
      Depth += 2;
    } else if (Mnemonic.starts_with("push")) {
      Depth += 8;
    } else if (Mnemonic.starts_with("pop")) {
      Pop(8);
    } else if (Mnemonic == "iretq" || Mnemonic == "iret") {
      Pop(40);
    } else if (Mnemonic == "sub" || Mnemonic == "subq") {
      if (std::optional<uint64_t> N = immediateToRsp(Rest))
        Depth += *N;
    } else if (Mnemonic == "add" || Mnemonic == "addq") {
      if (std::optional<uint64_t> N = immediateToRsp(Rest))
        Pop(*N);
    }
    Most = std::max(Most, Depth);
  });
  return Most;
}

} // namespace stackbudget

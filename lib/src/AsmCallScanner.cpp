//===- AsmCallScanner.cpp - Find call instructions in inline assembly -----===//

#include "stackbudget/AsmCallScanner.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace stackbudget {

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
/// \p AsmText. Statements are separated by newlines and `;`; labels and `#`
/// comments are skipped.
template <typename Callback>
static void forEachStatement(StringRef AsmText, Callback Fn) {
  SmallVector<StringRef, 16> Lines;
  AsmText.split(Lines, '\n');
  for (StringRef Line : Lines) {
    // A `#` starts a comment on x86; `${0:c}` never contains one.
    Line = Line.split('#').first;
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

std::vector<AsmCall> scanAsmCalls(StringRef AsmText) {
  std::vector<AsmCall> Calls;
  forEachStatement(AsmText, [&](StringRef Mnemonic, StringRef Rest) {
    bool IsCall =
        Mnemonic == "call" || Mnemonic == "callq" || Mnemonic == "calll";
    bool IsJump = Mnemonic == "jmp" || Mnemonic == "jmpq";
    if (!IsCall && !IsJump)
      return;
    AsmCall C;
    C.IsTail = IsJump;
    C.OperandText = Rest.str();
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
      // `jmp 1f`, `jmp *%rax` in asm: local control flow or a computed
      // jump; only calls are reported for these.
      if (!Rest.starts_with("*"))
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

uint64_t scanAsmStackBytes(StringRef AsmText) {
  uint64_t Depth = 0, Most = 0;
  forEachStatement(AsmText, [&](StringRef Mnemonic, StringRef Rest) {
    auto Pop = [&](uint64_t N) { Depth -= std::min(Depth, N); };
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

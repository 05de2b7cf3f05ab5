//===- AsmCallScanner.cpp - Find call instructions in inline assembly -----===//

#include "stackbudget/AsmCallScanner.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace stackbudget {

static bool isSymbolStart(char C) {
  return isAlpha(C) || C == '_' || C == '.' || C == '$';
}

static bool isSymbolChar(char C) { return isAlnum(C) || C == '_' || C == '.' || C == '$'; }

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

std::vector<AsmCall> scanAsmCalls(StringRef AsmText) {
  std::vector<AsmCall> Calls;
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
      Mnemonic = Mnemonic.trim();
      Rest = Rest.trim();
      bool IsCall = Mnemonic == "call" || Mnemonic == "callq" ||
                    Mnemonic == "calll";
      bool IsJump = Mnemonic == "jmp" || Mnemonic == "jmpq";
      if (!IsCall && !IsJump)
        continue;
      AsmCall C;
      C.IsTail = IsJump;
      C.OperandText = Rest.str();
      if (std::optional<OperandRef> Ref = parseOperandRef(Rest)) {
        // `jmp ${N:l}`: an asm goto label, control flow inside the function.
        if (Ref->Modifier == 'l')
          continue;
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
          continue;
        }
        // A numeric local label (`jmp 1f`) starts with a digit and never gets
        // here; `.L` labels are local too.
        if (Sym.starts_with(".L"))
          continue;
        if (!After.empty() && !After.starts_with("@"))
          Sym = StringRef(); // an expression we do not evaluate
        C.Symbol = Sym.str();
      } else if (IsJump) {
        // `jmp 1f`, `jmp *%rax` in asm: local control flow or a computed
        // jump; only calls are reported for these.
        if (!Rest.starts_with("*"))
          continue;
      }
      Calls.push_back(std::move(C));
    }
  }
  return Calls;
}

} // namespace stackbudget

//===- RecorderFinding.h - The recorder's findings as LLVM diagnostics ----===//
//
// What the recorder finds at compile time (a frame over the frame limit, a
// path of the TU over its budget, and that path's hops) goes out as an LLVM
// diagnostic through the LLVMContext, the way every backend diagnostic
// does (DiagnosticInfoStackSize for -Wframe-larger-than). Inside clang the
// clang half wraps clang's diagnostic handler and turns each one into a
// clang diagnostic at the function's definition, with the file spelled as
// clang spells it (plugin/ClangPlugin.cpp); in any other host (ld.lld, opt,
// a compile without the clang half) the handler there prints it, and
// print() writes the location into the message.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_RECORDERFINDING_H
#define STACKBUDGET_RECORDERFINDING_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/DiagnosticInfo.h"

#include <string>

namespace stackbudget {

/// The plugin diagnostic kind of RecorderFinding, allocated once per
/// process (getNextAvailablePluginDiagnosticKind). Exported: the clang half
/// (stackbudget-clang.so) recognises the findings by it.
#pragma GCC visibility push(default)
int recorderFindingKind();
#pragma GCC visibility pop

class RecorderFinding : public llvm::DiagnosticInfo {
public:
  enum class Rule {
    /// [stackbudget-frame], at the function's definition.
    Frame,
    /// [stackbudget-path], at the entry's definition.
    Path,
    /// A hop of the path just reported, at the hop's location.
    PathNote,
  };

  /// \p Symbol and \p IRName (they differ for clones, foo.constprop.0)
  /// find the definition; \p Loc is where the facts put it (or the hop).
  RecorderFinding(Rule R, llvm::StringRef Symbol, llvm::StringRef IRName,
                  const SourceLoc &Loc, llvm::StringRef Text,
                  llvm::DiagnosticSeverity Severity)
      : DiagnosticInfo(recorderFindingKind(), Severity), TheRule(R),
        Symbol(Symbol), IRName(IRName), Loc(Loc), Text(Text) {}

  Rule rule() const { return TheRule; }
  llvm::StringRef symbol() const { return Symbol; }
  llvm::StringRef irName() const { return IRName; }
  const SourceLoc &loc() const { return Loc; }
  /// The words, without location and rule name.
  llvm::StringRef text() const { return Text; }
  /// " [stackbudget-frame]", " [stackbudget-path]" or "" for a note.
  llvm::StringRef ruleSuffix() const {
    switch (TheRule) {
    case Rule::Frame:
      return " [stackbudget-frame]";
    case Rule::Path:
      return " [stackbudget-path]";
    case Rule::PathNote:
      break;
    }
    return "";
  }

  /// "file:line:col: text [stackbudget-rule]", for hosts without clang.
  void print(llvm::DiagnosticPrinter &DP) const override;

  static bool classof(const llvm::DiagnosticInfo *DI) {
    return DI->getKind() == recorderFindingKind();
  }

private:
  Rule TheRule;
  llvm::StringRef Symbol;
  llvm::StringRef IRName;
  const SourceLoc &Loc;
  llvm::StringRef Text;
};

} // namespace stackbudget

#endif // STACKBUDGET_RECORDERFINDING_H

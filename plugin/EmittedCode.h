//===- EmittedCode.h - The part of a TU that code generation emits -------===//
//
// A kernel TU parses thousands of `static inline` functions from headers
// and calls a few dozen of them. Code generation emits only those (and the
// definitions it must emit), so facts about the others describe code that
// is not in the object and never runs: a store of a function into a member
// there never happens, a call there is never made. Walking them anyway was
// most of the plugin's compile time (docs/performance.md), so the
// front-end walks skip them.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_EMITTEDCODE_H
#define STACKBUDGET_EMITTEDCODE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include <vector>

namespace stackbudget {

/// Whether \p D is an inline function definition that code generation
/// leaves out: not referenced by any expression of the TU (not even an
/// unevaluated one, not even from another such function), no `used`
/// attribute, and not one it must emit. Only inline functions are left
/// out: a non-inline internal definition can be reached by name from
/// outside the AST (an `alias` attribute in C++, whose target clang does
/// not mark).
inline bool isUnemittedInlineBody(const clang::Decl *D) {
  const auto *FD = llvm::dyn_cast_or_null<clang::FunctionDecl>(D);
  if (!FD || !FD->doesThisDeclarationHaveABody() || !FD->isInlined() ||
      FD->isDependentContext() || FD->isReferenced() || FD->isUsed())
    return false;
  return !FD->getASTContext().DeclMustBeEmitted(FD);
}

/// Limits the TU's traversal scope (RecursiveASTVisitor's walk of the TU
/// and the parent map) to its top-level declarations other than
/// unemitted inline bodies. The first of the plugin's walks sets it and
/// the others find it set: setting it again would rebuild the parent map
/// the C-type and field walks both query (ASTContext::setTraversalScope
/// clears it). It stays for the rest of the TU; code generation and the IR
/// passes do not traverse the AST.
inline void useEmittedScope(clang::ASTContext &Ctx) {
  clang::TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  auto Current = Ctx.getTraversalScope(); // a vector in LLVM 19
  // The scope never holds the TU itself once it is limited.
  if (Current.size() != 1 || Current.front() != TU)
    return;
  std::vector<clang::Decl *> Scope;
  for (clang::Decl *D : TU->decls())
    if (!isUnemittedInlineBody(D))
      Scope.push_back(D);
  Ctx.setTraversalScope(Scope);
}

} // namespace stackbudget

#endif // STACKBUDGET_EMITTEDCODE_H

//===- ValueUseVisitor.h - Walk a TU for where values really go -----------===//
//
// The front-end facts (struct fields, C types) look for where a function's
// address goes. Both walk the whole TU, templates and implicit code
// included (the semantic form of an initializer list is implicit), and skip
// what only names a type: sizeof, _Alignof and typeof (kernel macros do that
// a lot), where nothing is stored or converted, and the inline functions
// code generation leaves out (EmittedCode.h).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_VALUEUSEVISITOR_H
#define STACKBUDGET_VALUEUSEVISITOR_H

#include "EmittedCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Config/llvm-config.h"

namespace stackbudget {

template <typename Derived>
class ValueUseVisitor : public clang::RecursiveASTVisitor<Derived> {
public:
  using Base = clang::RecursiveASTVisitor<Derived>;
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(clang::Decl *D) {
    return isUnemittedInlineBody(D) || Base::TraverseDecl(D);
  }
  // In C a function declaration without a body and a record hold no code:
  // parameter types and members are all they have (C has no default
  // arguments and no member initializers; array bounds and bit widths are
  // constants, typeof is skipped below). Walking their types for every
  // declaration a kernel TU's headers bring was a large part of the walks
  // (docs/performance.md), so only the declarations themselves are
  // visited, and the records nested in a record. C++ is walked whole.
  bool TraverseFunctionDecl(clang::FunctionDecl *FD) {
    if (!isC(FD) || FD->doesThisDeclarationHaveABody())
      return Base::TraverseFunctionDecl(FD);
    return this->getDerived().WalkUpFromFunctionDecl(FD);
  }
  bool TraverseRecordDecl(clang::RecordDecl *RD) {
    if (!isC(RD))
      return Base::TraverseRecordDecl(RD);
    if (!this->getDerived().WalkUpFromRecordDecl(RD))
      return false;
    for (clang::Decl *D : RD->decls())
      if (auto *Nested = llvm::dyn_cast<clang::RecordDecl>(D))
        if (!this->getDerived().TraverseDecl(Nested))
          return false;
    return true;
  }

  bool TraverseUnaryExprOrTypeTraitExpr(
      clang::UnaryExprOrTypeTraitExpr *,
      typename Base::DataRecursionQueue * = nullptr) {
    return true;
  }
#if LLVM_VERSION_MAJOR >= 22
  bool TraverseTypeOfExprTypeLoc(clang::TypeOfExprTypeLoc, bool) {
    return true;
  }
#else
  bool TraverseTypeOfExprTypeLoc(clang::TypeOfExprTypeLoc) { return true; }
#endif

private:
  static bool isC(const clang::Decl *D) {
    return !D->getASTContext().getLangOpts().CPlusPlus;
  }
};

/// The (line, column) pairs an IR call made at \p L may carry: clang's
/// location tracking puts a call at the expansion of its start, and a call
/// written inside a macro argument (`unlikely(o->fn(p))`) where the
/// argument is spelled.
inline llvm::SmallVector<std::pair<unsigned, unsigned>, 2>
callLocations(const clang::SourceManager &SM, clang::SourceLocation L) {
  llvm::SmallVector<std::pair<unsigned, unsigned>, 2> Out;
  for (clang::SourceLocation At : {SM.getExpansionLoc(L), SM.getFileLoc(L)}) {
    clang::PresumedLoc P = SM.getPresumedLoc(At);
    if (P.isInvalid())
      continue;
    std::pair<unsigned, unsigned> LineCol{P.getLine(), P.getColumn()};
    if (!llvm::is_contained(Out, LineCol))
      Out.push_back(LineCol);
  }
  return Out;
}

inline bool isFunctionPointer(clang::QualType T) {
  const auto *P = T->getAs<clang::PointerType>();
  return P && P->getPointeeType()->isFunctionType();
}

/// Whether a value of type \p T can hold a function's address that was
/// converted to it: `void *`, an integer, a function pointer, or a struct
/// or union with such a member. A pointer to an object type holds objects
/// (docs/indirect-calls.md, "Casts").
inline bool carriesFunction(clang::QualType T) {
  T = T.getCanonicalType();
  if (T->isIntegralOrEnumerationType() || T->isVoidPointerType() ||
      isFunctionPointer(T))
    return true;
  if (const auto *AT = llvm::dyn_cast<clang::ArrayType>(T))
    return carriesFunction(AT->getElementType());
  if (const clang::RecordDecl *RD = T->getAsRecordDecl())
    if (const clang::RecordDecl *Def = RD->getDefinition())
      return llvm::any_of(Def->fields(), [](const clang::FieldDecl *FD) {
        return carriesFunction(FD->getType());
      });
  return false;
}

/// A pointer to a prototyped function.
inline bool isPrototypedFunctionPointer(clang::QualType T) {
  return isFunctionPointer(T) && T->getAs<clang::PointerType>()
                                     ->getPointeeType()
                                     ->getAs<clang::FunctionProtoType>();
}

/// A union whose other members cannot carry a function (object pointers,
/// structs of them): its function-pointer members hold only what is
/// stored through them (struct inode's `i_fop` and `free_inode`,
/// cpuhp_step's `startup.single` and `startup.multi`).
inline bool isRefinableUnion(const clang::RecordDecl *RD) {
  if (!RD || !RD->isUnion() || !RD->getDefinition())
    return false;
  return llvm::all_of(RD->getDefinition()->fields(),
                      [](const clang::FieldDecl *FD) {
                        return !FD->isBitField() &&
                               (isPrototypedFunctionPointer(FD->getType()) ||
                                !carriesFunction(FD->getType()));
                      });
}

/// The first parent of \p E that is neither parentheses nor a cast
/// (implicit only, unless \p AnyCast), with the expression right below
/// it in \p Child; null when \p E has no single parent expression.
inline const clang::Expr *userOf(clang::ASTContext &Ctx, const clang::Expr *E,
                                 bool AnyCast, const clang::Expr *&Child) {
  Child = E;
  while (true) {
    clang::DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.size() != 1)
      return nullptr;
    const auto *P = Parents[0].get<clang::Expr>();
    if (P && (llvm::isa<clang::ParenExpr>(P) ||
              (AnyCast ? llvm::isa<clang::CastExpr>(P)
                       : llvm::isa<clang::ImplicitCastExpr>(P)))) {
      Child = P;
      continue;
    }
    return P;
  }
}

/// A value that cannot be a function's address: an integer constant (a
/// sentinel such as `(rcu_callback_t)~0L` or `(void *)-1`; like null, it
/// adds no candidate) or the difference of two pointers (an offset within
/// one object, C11 6.5.6p9: kvfree_rcu's `(rcu_callback_t)((void *)head -
/// ptr)` under tiny RCU).
inline bool holdsNoFunction(const clang::Expr *E, clang::ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isValueDependent())
    return false;
  if (E->getType()->isIntegerType() && E->isIntegerConstantExpr(Ctx))
    return true;
  const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E);
  return BO && BO->getOpcode() == clang::BO_Sub &&
         BO->getLHS()->getType()->isPointerType() &&
         BO->getRHS()->getType()->isPointerType();
}

/// A variable in a ".discard.*" section (the kernel's __ADDRESSABLE(),
/// behind every EXPORT_SYMBOL) never reaches the linked program: the
/// addresses it holds go nowhere.
inline bool isDiscarded(const clang::VarDecl *VD) {
  const auto *SA = VD->getAttr<clang::SectionAttr>();
  return SA && SA->getName().starts_with(".discard");
}

} // namespace stackbudget

#endif // STACKBUDGET_VALUEUSEVISITOR_H

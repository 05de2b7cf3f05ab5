//===- SourceAttributes.cpp - stack_entry / stack_budget in source --------===//
//
// Registered with clang's plugin attribute API (clang/Basic/ParsedAttrInfo.h).
// Sema calls diagAppertainsToDecl, checks the argument count, then calls
// handleDeclAttribute; both report errors at the attribute. No AST attribute
// is attached: AnnotateAttr would put the function in llvm.global.annotations
// (a use that keeps unused static functions alive and changes inlining), so
// the values are kept in a side table keyed by declaration instead.
//
//===----------------------------------------------------------------------===//

#include "SourceAttributes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/ParsedAttrInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;
using namespace llvm;

namespace stackbudget {
namespace {

/// What one declaration says, with where it says it.
struct NotedAttributes {
  std::string EntryClass;
  SourceLocation EntryLoc;
  std::optional<uint64_t> Budget;
  SourceLocation BudgetLoc;
};

/// Declarations of the current TU that carry an attribute. Sema sees
/// declarations one by one, before redeclarations are linked, so merging
/// waits until the TU is complete.
DenseMap<const Decl *, NotedAttributes> &notedAttributes() {
  static DenseMap<const Decl *, NotedAttributes> Noted;
  return Noted;
}

bool isValidClassName(StringRef Name) {
  return !Name.empty() && llvm::all_of(Name, [](char C) {
    return isAlnum(C) || C == '_' || C == '-' || C == '.';
  });
}

/// Shared by both attributes: one argument, functions only.
struct FunctionAttrInfo : public ParsedAttrInfo {
  explicit FunctionAttrInfo(ArrayRef<Spelling> S) {
    NumArgs = 1;
    OptArgs = 0;
    Spellings = S;
  }

  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                            const Decl *D) const override {
    if (isa<FunctionDecl>(D))
      return true;
    unsigned ID = S.getDiagnostics().getCustomDiagID(
        DiagnosticsEngine::Error, "%0 attribute only applies to functions");
    S.Diag(Attr.getLoc(), ID) << Attr;
    return false;
  }
};

// ScopedArgsWorkaround: for [[scope::name(args)]] the parser asks
// clang::hasAttribute whether to parse the arguments, and that asks plugins
// about the bare name only (ParsedAttrInfo::hasSpelling(Syntax, "name")), so
// a plugin attribute spelled only "stackbudget::stack_budget" loses its
// arguments ("takes one argument"). The unscoped [[ ]] spellings make the
// arguments parse; the scoped spelling is the documented one.
constexpr ParsedAttrInfo::Spelling EntrySpellings[] = {
    {ParsedAttr::AS_GNU, "stack_entry"},
    {ParsedAttr::AS_C23, "stackbudget::stack_entry"},
    {ParsedAttr::AS_CXX11, "stackbudget::stack_entry"},
    // See ScopedArgsWorkaround.
    {ParsedAttr::AS_C23, "stack_entry"},
    {ParsedAttr::AS_CXX11, "stack_entry"},
};

struct StackEntryAttrInfo : public FunctionAttrInfo {
  StackEntryAttrInfo() : FunctionAttrInfo(EntrySpellings) {}

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &Attr) const override {
    const Expr *Arg = Attr.isArgExpr(0) ? Attr.getArgAsExpr(0) : nullptr;
    const auto *Str =
        Arg ? dyn_cast<clang::StringLiteral>(Arg->IgnoreParenCasts()) : nullptr;
    SourceLocation Where = Arg ? Arg->getExprLoc() : Attr.getLoc();
    if (!Str || !Str->isOrdinary()) {
      unsigned ID = S.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Error,
          "%0 attribute requires a string literal naming an entry class, "
          "as in stack_entry(\"irq\")");
      S.Diag(Where, ID) << Attr;
      return AttributeNotApplied;
    }
    if (!isValidClassName(Str->getString())) {
      unsigned ID = S.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Error,
          "entry class '%0' of %1 attribute must be non-empty and use only "
          "letters, digits, '_', '-' and '.'");
      S.Diag(Where, ID) << Str->getString() << Attr;
      return AttributeNotApplied;
    }
    NotedAttributes &N = notedAttributes()[D];
    if (!N.EntryClass.empty() && N.EntryClass != Str->getString()) {
      unsigned ID = S.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Error,
          "%0 attribute names entry class '%1', but the declaration already "
          "names '%2'");
      S.Diag(Where, ID) << Attr << Str->getString() << N.EntryClass;
      return AttributeNotApplied;
    }
    N.EntryClass = Str->getString().str();
    N.EntryLoc = Where;
    return AttributeApplied;
  }
};

constexpr ParsedAttrInfo::Spelling BudgetSpellings[] = {
    {ParsedAttr::AS_GNU, "stack_budget"},
    {ParsedAttr::AS_C23, "stackbudget::stack_budget"},
    {ParsedAttr::AS_CXX11, "stackbudget::stack_budget"},
    // See ScopedArgsWorkaround.
    {ParsedAttr::AS_C23, "stack_budget"},
    {ParsedAttr::AS_CXX11, "stack_budget"},
};

struct StackBudgetAttrInfo : public FunctionAttrInfo {
  StackBudgetAttrInfo() : FunctionAttrInfo(BudgetSpellings) {}

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &Attr) const override {
    const Expr *Arg = Attr.isArgExpr(0) ? Attr.getArgAsExpr(0) : nullptr;
    SourceLocation Where = Arg ? Arg->getExprLoc() : Attr.getLoc();
    std::optional<APSInt> Value;
    if (Arg && !Arg->isValueDependent())
      Value = Arg->getIntegerConstantExpr(S.getASTContext());
    if (!Value || Value->isNegative() || Value->isZero() ||
        Value->getActiveBits() > 63) {
      unsigned ID = S.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Error,
          "%0 attribute requires a positive integer constant number of "
          "bytes, as in stack_budget(8192)");
      S.Diag(Where, ID) << Attr;
      return AttributeNotApplied;
    }
    uint64_t Bytes = Value->getZExtValue();
    NotedAttributes &N = notedAttributes()[D];
    if (N.Budget && *N.Budget != Bytes) {
      unsigned ID = S.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Error,
          "%0 attribute gives a budget of %1 bytes, but the declaration "
          "already gives %2");
      S.Diag(Where, ID) << Attr << std::to_string(Bytes)
                        << std::to_string(*N.Budget);
      return AttributeNotApplied;
    }
    N.Budget = Bytes;
    N.BudgetLoc = Where;
    return AttributeApplied;
  }
};

ParsedAttrInfoRegistry::Add<StackEntryAttrInfo>
    RegisterEntry("stack_entry", "an entry point of a stackbudget entry class");
ParsedAttrInfoRegistry::Add<StackBudgetAttrInfo>
    RegisterBudget("stack_budget", "a stack budget for paths from a function");

/// Merges the attributes of one function over its redeclarations, in
/// source order; a disagreement is an error at the later attribute.
std::optional<SourceFunctionAttributes> merge(const FunctionDecl *FD,
                                              DiagnosticsEngine &Diags) {
  std::optional<SourceFunctionAttributes> Out;
  SourceLocation EntryLoc, BudgetLoc;
  SmallVector<const FunctionDecl *, 4> Decls(FD->redecls());
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  llvm::sort(Decls, [&](const FunctionDecl *A, const FunctionDecl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  for (const FunctionDecl *Each : Decls) {
    auto It = notedAttributes().find(Each);
    if (It == notedAttributes().end())
      continue;
    const NotedAttributes &N = It->second;
    if (!Out)
      Out.emplace();
    if (!N.EntryClass.empty()) {
      if (!Out->EntryClass.empty() && Out->EntryClass != N.EntryClass) {
        unsigned ID = Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "entry class '%0' of '%1' conflicts with '%2' given earlier");
        Diags.Report(N.EntryLoc, ID)
            << N.EntryClass << FD->getName() << Out->EntryClass;
        unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note,
                                                "earlier entry class is here");
        Diags.Report(EntryLoc, NoteID);
      } else if (Out->EntryClass.empty()) {
        Out->EntryClass = N.EntryClass;
        EntryLoc = N.EntryLoc;
      }
    }
    if (N.Budget) {
      if (Out->Budget && *Out->Budget != *N.Budget) {
        unsigned ID = Diags.getCustomDiagID(
            DiagnosticsEngine::Error,
            "stack budget of %0 bytes for '%1' conflicts with %2 bytes given "
            "earlier");
        Diags.Report(N.BudgetLoc, ID) << std::to_string(*N.Budget)
                                      << FD->getName()
                                      << std::to_string(*Out->Budget);
        unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note,
                                                "earlier budget is here");
        Diags.Report(BudgetLoc, NoteID);
      } else if (!Out->Budget) {
        Out->Budget = N.Budget;
        BudgetLoc = N.BudgetLoc;
      }
    }
  }
  return Out;
}

} // namespace

void resetSourceAttributes() { notedAttributes().clear(); }

StringMap<SourceFunctionAttributes> gatherSourceAttributes(ASTContext &Ctx) {
  StringMap<SourceFunctionAttributes> Table;
  if (notedAttributes().empty())
    return Table;
  ASTNameGenerator Names(Ctx);
  // One function per redeclaration chain, in source order so that errors
  // come out in a stable order.
  SmallPtrSet<const FunctionDecl *, 16> Seen;
  SmallVector<const FunctionDecl *, 16> Functions;
  for (const auto &Noted : notedAttributes())
    if (const auto *FD = dyn_cast<FunctionDecl>(Noted.first))
      if (Seen.insert(FD->getCanonicalDecl()).second)
        Functions.push_back(FD->getCanonicalDecl());
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Functions, [&](const FunctionDecl *A, const FunctionDecl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  for (const FunctionDecl *FD : Functions) {
    std::optional<SourceFunctionAttributes> A =
        merge(FD, Ctx.getDiagnostics());
    if (!A)
      continue;
    // Constructors and destructors have one symbol per variant.
    std::vector<std::string> Symbols;
    if (isa<CXXConstructorDecl, CXXDestructorDecl>(FD))
      Symbols = Names.getAllManglings(FD);
    else
      Symbols.push_back(Names.getName(FD));
    for (const std::string &Symbol : Symbols)
      if (!Symbol.empty())
        Table[Symbol] = *A;
  }
  return Table;
}

} // namespace stackbudget

//===- StructFieldAction.cpp - Struct-field facts from the AST ------------===//
//
// The front-end half of struct-field refinement (passes/StructFieldFacts.h):
// a second plugin action in stackbudget-clang.so, run before the main action
// like the first one, that walks the TU and records
//
//  - stores: a function address written into a member of a named struct,
//    by an initializer (nested, designated, arrays of structs) or by `=`;
//  - escapes: a function-pointer member written with anything else than a
//    function address or null, whose address is taken (`&s->fn`), or whose
//    struct is filled by memcpy/memmove from a pointer of another type;
//  - free functions: every function whose address is used anywhere else
//    (passed, returned, assigned to a variable, stored into a union or an
//    array...), which may therefore reach any field of its type.
//
// Then it adds TagStructFieldsPass at the start of the IR pipeline, which
// puts all of it into the module. The rules and their limits are in
// docs/indirect-calls.md.
//
//===----------------------------------------------------------------------===//

#include "../passes/StructFieldFacts.h"
#include "ValueUseVisitor.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecordLayout.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"

#include <set>

using namespace clang;
using namespace llvm;

namespace stackbudget {
namespace {

/// The record name the IR gives the struct ("struct.<name>"), or "" for
/// unions and anonymous structs, which are never refined.
std::string recordName(const RecordDecl *RD) {
  if (!RD || RD->isUnion())
    return "";
  if (!RD->getName().empty())
    return RD->getName().str();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName().str();
  return "";
}

/// Every function reference under a statement.
class FunctionRefs : public RecursiveASTVisitor<FunctionRefs> {
public:
  explicit FunctionRefs(DenseSet<const DeclRefExpr *> &Out) : Out(Out) {}
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    Out.insert(E);
    return true;
  }

private:
  DenseSet<const DeclRefExpr *> &Out;
};

class FieldFactsVisitor : public ValueUseVisitor<FieldFactsVisitor> {
public:
  FieldFactsVisitor(ASTContext &Ctx, SourceFieldFacts &Out)
      : Ctx(Ctx), Names(Ctx), Out(Out) {}

  bool VisitVarDecl(VarDecl *VD) {
    if (isDiscarded(VD) && VD->getInit())
      FunctionRefs(Consumed).TraverseStmt(VD->getInit());
    return true;
  }

  bool VisitRecordDecl(RecordDecl *RD) {
    RD = RD->getDefinition();
    std::string Name = recordName(RD);
    if (Name.empty() || RD->isInvalidDecl() || RD->isDependentType())
      return true;
    for (const FieldDecl *FD : RD->fields())
      if (isFunctionPointer(FD->getType()) && !FD->isBitField())
        Out.FieldNames[{Name, offsetOf(FD)}] = FD->getName().str();
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      Refs.push_back({DRE, FD});
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Consumed.insert(DRE);
    checkMemcpy(CE);
    return true;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return true;
    // The same walk as clang's ConstStructBuilder: bases first, unnamed
    // bit-fields take no initializer.
    unsigned Element = 0;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD))
      Element = CXX->getNumBases();
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isUnnamedBitField())
        continue;
      if (Element >= ILE->getNumInits())
        break;
      const Expr *Init = ILE->getInit(Element++);
      if (isFunctionPointer(FD->getType()))
        written(FD, Init, "initialized with");
    }
    return true;
  }

  bool VisitBinaryOperator(clang::BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const FieldDecl *FD = functionPointerMember(BO->getLHS()))
      written(FD, BO->getRHS(), "assigned");
    return true;
  }

  bool VisitUnaryOperator(clang::UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf)
      return true;
    if (const FieldDecl *FD = functionPointerMember(UO->getSubExpr()))
      escape(FD, "its address is taken", UO->getBeginLoc());
    return true;
  }

  void finish() {
    std::set<std::string> Free;
    for (const auto &[DRE, FD] : Refs)
      if (!Consumed.count(DRE))
        Free.insert(symbol(FD));
    Out.FreeFunctions.assign(Free.begin(), Free.end());
    Out.Complete = true;
  }

private:
  ASTContext &Ctx;
  ASTNameGenerator Names;
  SourceFieldFacts &Out;
  std::vector<std::pair<const DeclRefExpr *, const FunctionDecl *>> Refs;
  DenseSet<const DeclRefExpr *> Consumed;

  uint64_t offsetOf(const FieldDecl *FD) const {
    return Ctx.getFieldOffset(FD) / Ctx.getCharWidth();
  }

  std::string symbol(const FunctionDecl *FD) {
    std::string S = Names.getName(FD);
    return S.empty() ? FD->getName().str() : S;
  }

  FieldRef fieldRef(const FieldDecl *FD) const {
    return {recordName(FD->getParent()), offsetOf(FD), FD->getName().str()};
  }

  SourceLoc locOf(SourceLocation L) const {
    PresumedLoc P = Ctx.getSourceManager().getPresumedLoc(L);
    if (P.isInvalid())
      return SourceLoc();
    return {P.getFilename(), P.getLine(), P.getColumn()};
  }

  /// The function-pointer member \p E names, if its struct is refined.
  const FieldDecl *functionPointerMember(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
    if (!ME)
      return nullptr;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || FD->isBitField() || !isFunctionPointer(FD->getType()) ||
        recordName(FD->getParent()).empty())
      return nullptr;
    return FD;
  }

  void escape(const FieldDecl *FD, const Twine &Why, SourceLocation L) {
    if (recordName(FD->getParent()).empty())
      return;
    Out.Escapes.push_back({fieldRef(FD), Why.str(), locOf(L)});
  }

  /// The functions a written value can be: every arm of ?:, through casts.
  /// False when some arm is neither a function nor null.
  bool functionsOf(const Expr *E, SmallVectorImpl<const DeclRefExpr *> &Fns) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<clang::UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E);
        DRE && isa<FunctionDecl>(DRE->getDecl())) {
      Fns.push_back(DRE);
      return true;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return functionsOf(CO->getTrueExpr(), Fns) &&
             functionsOf(CO->getFalseExpr(), Fns);
    if (isa<ImplicitValueInitExpr>(E))
      return true;
    return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  }

  void written(const FieldDecl *FD, const Expr *Value, StringRef How) {
    std::string Record = recordName(FD->getParent());
    if (Record.empty())
      return; // the functions stay free
    SmallVector<const DeclRefExpr *, 2> Fns;
    if (!functionsOf(Value, Fns)) {
      escape(FD, How + " a value that is not a function",
             Value->getBeginLoc());
      return;
    }
    for (const DeclRefExpr *DRE : Fns) {
      Consumed.insert(DRE);
      Out.Stores.push_back(
          {fieldRef(FD), symbol(cast<FunctionDecl>(DRE->getDecl()))});
    }
  }

  /// memcpy(dst, src, n) into a struct with function-pointer members from
  /// a pointer of another type can put anything in them.
  void checkMemcpy(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || CE->getNumArgs() < 2)
      return;
    unsigned Builtin = Callee->getBuiltinID();
    StringRef Name = Callee->getName();
    bool IsCopy = Builtin == Builtin::BImemcpy ||
                  Builtin == Builtin::BImemmove ||
                  Builtin == Builtin::BI__builtin_memcpy ||
                  Builtin == Builtin::BI__builtin_memmove ||
                  Builtin == Builtin::BI__builtin___memcpy_chk ||
                  Builtin == Builtin::BI__builtin___memmove_chk ||
                  Name == "memcpy" || Name == "memmove" ||
                  Name == "__memcpy" || Name == "__memmove";
    if (!IsCopy)
      return;
    QualType Dst = CE->getArg(0)->IgnoreParenImpCasts()->getType();
    QualType Src = CE->getArg(1)->IgnoreParenImpCasts()->getType();
    const auto *DP = Dst->getAs<clang::PointerType>();
    if (!DP)
      return;
    const RecordDecl *RD = DP->getPointeeType()->getAsRecordDecl();
    if (!RD || recordName(RD).empty() || !RD->getDefinition())
      return;
    const auto *SP = Src->getAs<clang::PointerType>();
    if (SP && Ctx.hasSameUnqualifiedType(SP->getPointeeType(),
                                         DP->getPointeeType()))
      return; // a copy of the same struct keeps every member's set
    for (const FieldDecl *FD : RD->getDefinition()->fields())
      if (isFunctionPointer(FD->getType()) && !FD->isBitField())
        escape(FD, "its struct is filled by " + Name + " from another type",
               CE->getBeginLoc());
  }
};

class FieldFactsConsumer : public ASTConsumer {
public:
  explicit FieldFactsConsumer(std::shared_ptr<SourceFieldFacts> Out)
      : Out(std::move(Out)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Runs before code generation (the action is added before the main
    // one), so the facts are ready when the IR pipeline starts.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    FieldFactsVisitor V(Ctx, *Out);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    V.finish();
  }

private:
  std::shared_ptr<SourceFieldFacts> Out;
};

class StructFieldAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    auto Facts = std::make_shared<SourceFieldFacts>();
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back([Facts](
                                                           PassBuilder &PB) {
      PB.registerPipelineStartEPCallback(
          [Facts](ModulePassManager &MPM, OptimizationLevel) {
            MPM.addPass(TagStructFieldsPass(Facts));
          });
    });
    return std::make_unique<FieldFactsConsumer>(Facts);
  }

  bool ParseArgs(const CompilerInstance &,
                 const std::vector<std::string> &) override {
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace stackbudget

static FrontendPluginRegistry::Add<stackbudget::StructFieldAction>
    RegisterFieldAction("stackbudget-fields",
                        "record which struct fields hold which functions");

//===- StructFieldAction.cpp - Struct-field facts from the AST ------------===//
//
// The front-end half of struct-field refinement (passes/StructFieldFacts.h):
// a second plugin action in stackbudget-clang.so, run before the main action
// like the first one, that walks the TU and records
//
//  - stores: a function address written into a slot (ValueSlot): a member
//    of a named struct, by an initializer (nested, designated, arrays of
//    structs) or by `=`; a file-scope function-pointer variable or array;
//    a function-pointer parameter, as an argument of a direct call;
//  - flows: a followed slot's value written into another (`w->func = func`
//    in a registrar, `g(s->fn)`, a wrapper passing its parameter on);
//  - escapes: a slot written with anything else (a local variable, a
//    call's result), whose address is taken (`&s->fn`, `&fn`), or whose
//    struct is filled by memcpy/memmove from a pointer of another type;
//  - parameter uses: for each function-pointer parameter and local of a
//    defined function, whether every use is followed (called, compared, written
//    into a slot) or the first one that is not;
//  - calls through parameters, by location, for TagStructFieldsPass;
//  - free functions: every function whose address is used anywhere else
//    (returned, assigned to a variable, stored into a union or an
//    array...), which may therefore reach any field of its type.
//
// Then it adds TagStructFieldsPass at the start of the IR pipeline, which
// puts all of it into the module. The rules and their limits are in
// docs/indirect-calls.md.
//
//===----------------------------------------------------------------------===//

#include "../passes/StructFieldFacts.h"
#include "BeforeMainAction.h"
#include "CTypeIds.h"
#include "ValueUseVisitor.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecordLayout.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/DenseMap.h"
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

/// The member of \p Outer that \p Inner, an unnamed struct or union, is
/// the type of (an anonymous member, or a named member of unnamed type).
const FieldDecl *holderOf(const RecordDecl *Inner, const RecordDecl *Outer) {
  for (const FieldDecl *FD : Outer->fields())
    if (FD->getType()->getAsRecordDecl() == Inner)
      return FD;
  return nullptr;
}

/// The named struct a member belongs to and its byte offset there: its
/// own struct, or, through unnamed structs and refinable unions nested in
/// it (isRefinableUnion()), the innermost named struct around them, as the
/// IR's GEPs see it. Members of one union share an offset, so they are one
/// slot. None for a member of a union that may carry a function through
/// another member, or of a union or struct that is not nested in a named
/// struct.
std::optional<std::pair<const RecordDecl *, uint64_t>>
namedRecordOf(const FieldDecl *FD, const ASTContext &Ctx) {
  uint64_t Offset = Ctx.getFieldOffset(FD) / Ctx.getCharWidth();
  const RecordDecl *RD = FD->getParent();
  while (recordName(RD).empty()) {
    if (!RD->getName().empty() || RD->getTypedefNameForAnonDecl())
      return std::nullopt; // a named union type, used in any struct
    if (RD->isUnion() && !isRefinableUnion(RD))
      return std::nullopt;
    const auto *Outer = dyn_cast<RecordDecl>(RD->getDeclContext());
    const FieldDecl *Holder = Outer ? holderOf(RD, Outer) : nullptr;
    if (!Holder)
      return std::nullopt;
    Offset += Ctx.getFieldOffset(Holder) / Ctx.getCharWidth();
    RD = Outer;
  }
  return std::make_pair(RD, Offset);
}

/// \p E through parentheses, casts and dereferences of function pointers
/// (`*apic->eoi` and `(*fn)(x)` are the pointer's value).
const Expr *throughFunctionDeref(const Expr *E) {
  E = E->IgnoreParenCasts();
  while (const auto *UO = dyn_cast<clang::UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_Deref || !UO->getType()->isFunctionType())
      break;
    E = UO->getSubExpr()->IgnoreParenCasts();
  }
  return E;
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

/// Every reference to a variable under a statement, except inside sizeof
/// and typeof.
class VarRefs : public ValueUseVisitor<VarRefs> {
public:
  explicit VarRefs(DenseMap<const VarDecl *,
                            SmallVector<const DeclRefExpr *, 4>> &Out)
      : Out(Out) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *VD = dyn_cast<VarDecl>(E->getDecl()))
      Out[VD].push_back(E);
    return true;
  }

private:
  DenseMap<const VarDecl *, SmallVector<const DeclRefExpr *, 4>> &Out;
};

class FieldFactsVisitor : public ValueUseVisitor<FieldFactsVisitor> {
public:
  FieldFactsVisitor(ASTContext &Ctx, const CodeGenOptions &CGO,
                    SourceFieldFacts &Out)
      : Ctx(Ctx), Names(Ctx), Ids(Ctx, CGO), Out(Out) {}

  bool TraverseFunctionDecl(FunctionDecl *FD) {
    const FunctionDecl *Outer = Current;
    auto OuterLocals = std::move(Locals);
    auto OuterIndex = std::move(LocalIndex);
    auto OuterUses = std::move(BodyUses);
    bool OuterInBody = InBody;
    Locals.clear();
    LocalIndex.clear();
    BodyUses.clear();
    InBody = false;
    Current = FD->doesThisDeclarationHaveABody() && !FD->isDependentContext()
                  ? FD
                  : nullptr;
    bool Result = ValueUseVisitor::TraverseFunctionDecl(FD);
    if (Current)
      finishFunction(FD);
    Current = Outer;
    Locals = std::move(OuterLocals);
    LocalIndex = std::move(OuterIndex);
    BodyUses = std::move(OuterUses);
    InBody = OuterInBody;
    return Result;
  }

  // A C function's body holds no other function's body, so the uses of its
  // variables are gathered as this walk passes through the body, in the
  // order a walk of the body alone (VarRefs, for C++) would see them.
  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (!S || !Current || InBody || S != Current->getBody() ||
        Ctx.getLangOpts().CPlusPlus)
      return ValueUseVisitor::TraverseStmt(S, Queue);
    InBody = true;
    bool Result = ValueUseVisitor::TraverseStmt(S, Queue);
    InBody = false;
    return Result;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (isDiscarded(VD) && VD->getInit()) {
      FunctionRefs(Consumed).TraverseStmt(VD->getInit());
      FunctionRefs(ExportRefs).TraverseStmt(VD->getInit());
    }
    if (std::optional<ValueSlot> L = variableSlot(VD);
        L && !isa<ParmVarDecl>(VD) && VD->getInit())
      written(*L, VD->getInit(), "initialized with");
    if (isFollowedGlobal(VD)) {
      Globals.insert(VD->getCanonicalDecl());
      if (const Expr *Init = VD->getInit())
        writtenElements(globalSlot(VD), Init);
    }
    return true;
  }

  bool VisitRecordDecl(RecordDecl *RD) {
    RD = RD->getDefinition();
    if (!RD || RD->isInvalidDecl() || RD->isDependentType())
      return true;
    for (const FieldDecl *FD : RD->fields())
      if (isFunctionPointer(FD->getType()) && !FD->isBitField())
        if (std::optional<FieldRef> F = fieldRef(FD))
          // A union's members share a slot, named after the first one.
          Out.FieldNames.try_emplace({F->Record, F->Offset}, F->Name);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (InBody)
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        BodyUses[VD].push_back(DRE);
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      Refs.push_back({DRE, FD});
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && isFollowedGlobal(VD))
      GlobalRefs.push_back(DRE);
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Callee = throughFunctionDeref(CE->getCallee());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee))
      Consumed.insert(DRE);
    if (!CE->getDirectCallee() && !isa<CXXPseudoDestructorExpr>(Callee)) {
      std::optional<ValueSlot> P = followedVariable(Callee);
      if (P)
        Followed.insert(
            cast<DeclRefExpr>(onceAccessed(Callee)->IgnoreParenCasts()));
      addParamCall(CE->getBeginLoc(), P);
      if (CE->getExprLoc() != CE->getBeginLoc())
        addParamCall(CE->getExprLoc(), P);
      passedToIndirectCall(CE);
    }
    checkMemcpy(CE);
    passedArguments(CE);
    return true;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm())
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD)
      return true;
    if (RD->isUnion()) {
      const FieldDecl *FD = ILE->getInitializedFieldInUnion();
      if (FD && ILE->getNumInits() == 1 && isFunctionPointer(FD->getType()))
        writtenMember(FD, ILE->getInit(0), "initialized with");
      return true;
    }
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
        writtenMember(FD, Init, "initialized with");
    }
    return true;
  }

  bool VisitBinaryOperator(clang::BinaryOperator *BO) {
    if (BO->isEqualityOp() || BO->isRelationalOp()) {
      follow(BO->getLHS());
      follow(BO->getRHS());
      return true;
    }
    if (BO->getOpcode() != BO_Assign)
      return true;
    const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
    if (const FieldDecl *FD = functionPointerMember(LHS)) {
      writtenMember(FD, BO->getRHS(), "assigned");
    } else if (const VarDecl *G = globalOf(LHS)) {
      Written.insert(onceAccessed(LHS)->IgnoreParenImpCasts());
      written(globalSlot(G), BO->getRHS(), "assigned");
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(
                   onceAccessed(LHS)->IgnoreParenImpCasts())) {
      // `if (!fn) fn = default_fn;`: the parameter holds what its
      // callers pass and what its function assigns.
      if (std::optional<ValueSlot> P = variableSlot(DRE->getDecl())) {
        Followed.insert(DRE);
        written(*P, BO->getRHS(), "assigned");
      }
    }
    return true;
  }

  bool VisitUnaryOperator(clang::UnaryOperator *UO) {
    if (UO->getOpcode() == UO_LNot) {
      follow(UO->getSubExpr());
      return true;
    }
    if (UO->getOpcode() != UO_AddrOf)
      return true;
    if (const FieldDecl *FD = functionPointerMember(UO->getSubExpr());
        FD && !readOnlyArgument(UO) && !onceAccess(UO))
      escape(fieldSlot(FD), "its address is taken", UO->getBeginLoc());
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
      if (std::optional<ValueSlot> P = variableSlot(DRE->getDecl());
          P && !onceAccess(UO))
        escape(*P, "its address is taken", UO->getBeginLoc());
    return true;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
    if (ICE->getCastKind() == CK_PointerToBoolean)
      follow(ICE->getSubExpr());
    // A read of a followed global's value (or of one element): the value
    // goes wherever the read goes, which is followed there.
    if (ICE->getCastKind() == CK_LValueToRValue)
      if (globalOf(ICE->getSubExpr()->IgnoreParens()))
        Written.insert(onceAccessed(ICE->getSubExpr())->IgnoreParens());
    return true;
  }

  void finish() {
    std::set<std::string> Free;
    for (const auto &[DRE, FD] : Refs)
      if (!Consumed.count(DRE))
        Free.insert(symbol(FD));
    Out.FreeFunctions.assign(Free.begin(), Free.end());
    // A followed global used as anything but a read, a written element or
    // an assigned variable (its address taken, an array decayed to a
    // pointer) can be written through that pointer.
    for (const DeclRefExpr *DRE : GlobalRefs)
      if (!Written.count(DRE) && !WrittenBases.count(DRE))
        escape(globalSlot(cast<VarDecl>(DRE->getDecl())),
               ExportRefs.count(DRE) ? "its address is taken by its export"
                                     : "its address is used",
               DRE->getBeginLoc(), ExportRefs.count(DRE) != 0);
    std::set<std::string> GlobalNames;
    for (const VarDecl *G : Globals)
      GlobalNames.insert(globalSlot(G).Symbol);
    Out.Globals.assign(GlobalNames.begin(), GlobalNames.end());
    Out.Complete = true;
  }

private:
  ASTContext &Ctx;
  ASTNameGenerator Names;
  CTypeIds Ids;
  SourceFieldFacts &Out;
  std::vector<std::pair<const DeclRefExpr *, const FunctionDecl *>> Refs;
  DenseSet<const DeclRefExpr *> Consumed;
  /// References inside a `.discard.*` initializer: the address an
  /// `EXPORT_SYMBOL` takes, for the export table.
  DenseSet<const DeclRefExpr *> ExportRefs;
  /// The function whose body is being walked (null outside bodies, and in
  /// templates and methods, whose parameters are not followed).
  const FunctionDecl *Current = nullptr;
  /// References to parameters and locals whose use is followed.
  DenseSet<const DeclRefExpr *> Followed;
  /// The function-pointer locals of the function being walked, numbered in
  /// the order they are first seen (their declaration).
  DenseMap<const VarDecl *, unsigned> LocalIndex;
  std::vector<const VarDecl *> Locals;
  /// In C, the references to variables in the body of Current, gathered
  /// while InBody (C++ walks the body again with VarRefs).
  DenseMap<const VarDecl *, SmallVector<const DeclRefExpr *, 4>> BodyUses;
  bool InBody = false;
  /// References to followed globals, and those read or written (an element
  /// access counts through its array's reference).
  std::vector<const DeclRefExpr *> GlobalRefs;
  DenseSet<const Expr *> Written;
  DenseSet<const DeclRefExpr *> WrittenBases;
  DenseSet<const VarDecl *> Globals;

  uint64_t offsetOf(const FieldDecl *FD) const {
    return Ctx.getFieldOffset(FD) / Ctx.getCharWidth();
  }

  template <typename DeclT> std::string symbol(const DeclT *D) {
    std::string S = Names.getName(D);
    return S.empty() ? D->getName().str() : S;
  }

  /// The slot of a refined member (namedRecordOf()).
  std::optional<FieldRef> fieldRef(const FieldDecl *FD) const {
    auto Named = namedRecordOf(FD, Ctx);
    if (!Named)
      return std::nullopt;
    return FieldRef{recordName(Named->first), Named->second,
                    FD->getName().str()};
  }

  /// The slot of \p FD, which functionPointerMember() or fieldRef() found.
  ValueSlot fieldSlot(const FieldDecl *FD) const {
    return ValueSlot::field(*fieldRef(FD));
  }

  ValueSlot globalSlot(const VarDecl *VD) {
    VD = VD->getCanonicalDecl();
    // clang's C code generator names a static local after its function
    // ("f.table", CodeGenModule::getStaticDeclName); should the IR spell
    // it otherwise, the pass finds no such global and every flow out of
    // it escapes.
    if (VD->isStaticLocal())
      if (const auto *FD =
              dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod()))
        return ValueSlot::global(symbol(FD) + "." + VD->getName().str());
    return ValueSlot::global(symbol(VD));
  }

  SourceLoc locOf(SourceLocation L) const {
    PresumedLoc P = Ctx.getSourceManager().getPresumedLoc(L);
    if (P.isInvalid())
      return SourceLoc();
    return {P.getFilename(), P.getLine(), P.getColumn()};
  }

  /// A file-scope or (in C) static local function-pointer variable or
  /// array of them.
  bool isFollowedGlobal(const VarDecl *VD) const {
    if (!VD->hasGlobalStorage())
      return false;
    if (VD->isStaticLocal()) {
      if (Ctx.getLangOpts().CPlusPlus || !isa_and_nonnull<FunctionDecl>(
                                             VD->getParentFunctionOrMethod()))
        return false;
    } else if (!VD->getDeclContext()->getRedeclContext()->isFileContext()) {
      return false;
    }
    QualType T = VD->getType();
    while (const clang::ArrayType *AT = T->getAsArrayTypeUnsafe())
      T = AT->getElementType();
    return isFunctionPointer(T);
  }

  /// The followed global \p E names (`g`, or an element `g[i]` of an
  /// array): records the array's reference as accounted for.
  const VarDecl *globalOf(const Expr *E) {
    E = onceAccessed(E)->IgnoreParens();
    while (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
            VD && isFollowedGlobal(VD)) {
          WrittenBases.insert(DRE);
          return VD;
        }
      E = Base;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
          VD && isFollowedGlobal(VD) && !VD->getType()->isArrayType())
        return VD;
    return nullptr;
  }

  /// The slot of \p D when it is a function-pointer parameter or local
  /// variable (not a static one) of the function being walked.
  std::optional<ValueSlot> variableSlot(const ValueDecl *D) {
    const auto *VD = dyn_cast_or_null<VarDecl>(D);
    if (!Current || !VD || !isFunctionPointer(VD->getType()))
      return std::nullopt;
    if (const auto *PD = dyn_cast<ParmVarDecl>(VD)) {
      if (PD->getDeclContext() != Current)
        return std::nullopt;
      return ValueSlot::param(symbol(Current), PD->getFunctionScopeIndex());
    }
    if (!VD->hasLocalStorage() || VD->getParentFunctionOrMethod() != Current)
      return std::nullopt;
    auto [It, New] = LocalIndex.try_emplace(VD, LocalIndex.size());
    if (New)
      Locals.push_back(VD);
    return ValueSlot::local(symbol(Current), It->second);
  }

  std::optional<ValueSlot> followedVariable(const Expr *E) {
    const auto *DRE =
        dyn_cast<DeclRefExpr>(onceAccessed(E)->IgnoreParenCasts());
    if (!DRE)
      return std::nullopt;
    return variableSlot(DRE->getDecl());
  }

  /// A use of a variable that adds nothing to where it goes (a test).
  void follow(const Expr *E) {
    if (followedVariable(E))
      Followed.insert(cast<DeclRefExpr>(onceAccessed(E)->IgnoreParenCasts()));
  }

  void addParamCall(SourceLocation L, const std::optional<ValueSlot> &P) {
    for (const auto &LineCol : callLocations(Ctx.getSourceManager(), L))
      Out.ParamCalls[LineCol].push_back(P);
  }

  /// X for the kernel's READ_ONCE(X) and WRITE_ONCE(X, v) accesses,
  /// `*(const volatile T *)&X` and `*(volatile T *)&X` with T the type of
  /// X, and for a function pointer X read or written through its storage
  /// as another type (`*(void **)&apic->eoi`): the same object, read or
  /// written. \p E itself otherwise.
  static const Expr *onceAccessed(const Expr *E) {
    const auto *Deref = dyn_cast<clang::UnaryOperator>(E->IgnoreParenImpCasts());
    if (!Deref || Deref->getOpcode() != UO_Deref)
      return E;
    const auto *AddrOf =
        dyn_cast<clang::UnaryOperator>(Deref->getSubExpr()->IgnoreParenCasts());
    if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
      return E;
    const Expr *X = AddrOf->getSubExpr();
    if (Deref->getType().getUnqualifiedType().getCanonicalType() !=
            X->getType().getUnqualifiedType().getCanonicalType() &&
        !isFunctionPointer(X->getType()))
      return E;
    return X;
  }

  /// Whether the address \p AddrOf takes is only dereferenced again as the
  /// object's own type (READ_ONCE, WRITE_ONCE), where the access is
  /// followed as one of the object itself.
  bool onceAccess(const clang::UnaryOperator *AddrOf) {
    const Expr *Child;
    const auto *Deref = dyn_cast_or_null<clang::UnaryOperator>(
        userOf(Ctx, AddrOf, /*AnyCast=*/true, Child));
    return Deref && Deref->getOpcode() == UO_Deref &&
           onceAccessed(Deref) != Deref;
  }

  /// Whether \p E is passed straight to a parameter that points to const
  /// (`copy_from_kernel_nofault(&fn, &worker->current_func, sizeof(fn))`
  /// in print_worker_info): the callee reads through it and, unless it
  /// casts the const away, writes nothing there.
  bool readOnlyArgument(const Expr *E) {
    const Expr *Arg;
    const auto *CE = dyn_cast_or_null<CallExpr>(userOf(Ctx, E, false, Arg));
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    for (unsigned I = 0, N = std::min<unsigned>(CE->getNumArgs(),
                                                Callee->getNumParams());
         I < N; ++I)
      if (CE->getArg(I) == Arg) {
        const auto *PT =
            Callee->getParamDecl(I)->getType()->getAs<clang::PointerType>();
        return PT && PT->getPointeeType().isConstQualified();
      }
    return false;
  }

  /// The function-pointer member \p E names, if its struct is refined.
  const FieldDecl *functionPointerMember(const Expr *E) const {
    const auto *ME = dyn_cast<MemberExpr>(onceAccessed(E)->IgnoreParenImpCasts());
    if (!ME)
      return nullptr;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || FD->isBitField() || !isFunctionPointer(FD->getType()) ||
        !fieldRef(FD))
      return nullptr;
    return FD;
  }

  void escape(const ValueSlot &S, const Twine &Why, SourceLocation L,
              bool Exported = false) {
    Out.Escapes.push_back({S, Why.str(), locOf(L), Exported});
  }

  /// What a written value can be: the functions and the followed slots of
  /// every arm of ?:, through casts. False when some arm is none of these
  /// nor null.
  bool valuesOf(const Expr *E, SmallVectorImpl<const DeclRefExpr *> &Fns,
                SmallVectorImpl<std::pair<ValueSlot, const Expr *>> &Slots) {
    E = throughFunctionDeref(E);
    if (const auto *UO = dyn_cast<clang::UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E);
        DRE && isa<FunctionDecl>(DRE->getDecl())) {
      Fns.push_back(DRE);
      return true;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(E))
      return valuesOf(CO->getTrueExpr(), Fns, Slots) &&
             valuesOf(CO->getFalseExpr(), Fns, Slots);
    // A statement expression's value is its last statement's (the
    // kernel's READ_ONCE is `({ check(x); __READ_ONCE(x); })`).
    if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      const CompoundStmt *Body = SE->getSubStmt();
      const auto *Last =
          Body && !Body->body_empty() ? dyn_cast<Expr>(Body->body_back())
                                      : nullptr;
      return Last && valuesOf(Last, Fns, Slots);
    }
    // `fn ?: default_fn`
    if (const auto *BCO = dyn_cast<BinaryConditionalOperator>(E))
      return valuesOf(BCO->getCommon(), Fns, Slots) &&
             valuesOf(BCO->getFalseExpr(), Fns, Slots);
    if (const auto *OVE = dyn_cast<OpaqueValueExpr>(E))
      return OVE->getSourceExpr() &&
             valuesOf(OVE->getSourceExpr(), Fns, Slots);
    if (isa<ImplicitValueInitExpr>(E))
      return true;
    if (holdsNoFunction(E, Ctx))
      return true;
    if (std::optional<ValueSlot> P = followedVariable(E)) {
      Slots.push_back({*P, onceAccessed(E)->IgnoreParenCasts()});
      return true;
    }
    if (const FieldDecl *FD = functionPointerMember(E)) {
      Slots.push_back({fieldSlot(FD), nullptr});
      return true;
    }
    if (const VarDecl *G = globalOf(E)) {
      Slots.push_back({globalSlot(G), nullptr});
      return true;
    }
    return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  }

  void written(const ValueSlot &To, const Expr *Value, StringRef How) {
    SmallVector<const DeclRefExpr *, 2> Fns;
    SmallVector<std::pair<ValueSlot, const Expr *>, 2> Slots;
    if (!valuesOf(Value, Fns, Slots)) {
      escape(To, How + " a value that is not a function",
             Value->getBeginLoc());
      return;
    }
    for (const DeclRefExpr *DRE : Fns) {
      Consumed.insert(DRE);
      Out.Stores.push_back({To, symbol(cast<FunctionDecl>(DRE->getDecl()))});
    }
    for (const auto &[From, Ref] : Slots) {
      if (Ref)
        Followed.insert(cast<DeclRefExpr>(Ref));
      Out.Flows.push_back({From, To, locOf(Value->getBeginLoc())});
    }
  }

  void writtenMember(const FieldDecl *FD, const Expr *Value, StringRef How) {
    if (!fieldRef(FD))
      return; // the functions stay free
    written(fieldSlot(FD), Value, How);
  }

  /// The initializer of a followed global: every element of an array.
  void writtenElements(const ValueSlot &G, const Expr *Init) {
    if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParens())) {
      if (const InitListExpr *Sem = ILE->getSemanticForm())
        ILE = Sem;
      for (const Expr *E : ILE->inits())
        writtenElements(G, E);
      return;
    }
    written(G, Init, "initialized with");
  }

  /// The arguments of a direct call for function-pointer parameters are
  /// written into those parameters.
  void passedArguments(const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || Callee->getBuiltinID())
      return;
    // static_call_update(name, func) is __static_call_update(&__SCK__name,
    // tramp, (void *)func): the key is a slot that only this call writes
    // (docs/indirect-calls.md, "Static calls").
    if (Callee->getName() == "__static_call_update" && CE->getNumArgs() == 3) {
      const auto *Key =
          dyn_cast<clang::UnaryOperator>(CE->getArg(0)->IgnoreParenCasts());
      const auto *KeyRef =
          Key && Key->getOpcode() == UO_AddrOf
              ? dyn_cast<DeclRefExpr>(Key->getSubExpr()->IgnoreParenCasts())
              : nullptr;
      if (const auto *VD = KeyRef ? dyn_cast<VarDecl>(KeyRef->getDecl())
                                  : nullptr;
          VD && VD->getName().starts_with("__SCK__"))
        written(ValueSlot::global(symbol(VD)), CE->getArg(2),
                "static_call_update with");
      return;
    }
    unsigned N = std::min<unsigned>(CE->getNumArgs(), Callee->getNumParams());
    for (unsigned I = 0; I < N; ++I)
      if (isFunctionPointer(Callee->getParamDecl(I)->getType()))
        written(ValueSlot::param(symbol(Callee), I), CE->getArg(I),
                "passed");
  }

  /// What an indirect call of a prototyped C type passes for its
  /// function-pointer parameters reaches the parameters of every function
  /// of that type (IndirectResolver joins them).
  void passedToIndirectCall(const CallExpr *CE) {
    QualType T = CE->getCallee()->getType();
    if (const auto *PT = T->getAs<clang::PointerType>())
      T = PT->getPointeeType();
    const auto *FPT = T->getAs<FunctionProtoType>();
    std::optional<uint32_t> Id = FPT ? Ids.of(T) : std::nullopt;
    if (!Id)
      return;
    unsigned N = std::min<unsigned>(CE->getNumArgs(), FPT->getNumParams());
    for (unsigned I = 0; I < N; ++I)
      if (isFunctionPointer(FPT->getParamType(I)))
        written(ValueSlot::callArg(*Id, I), CE->getArg(I), "passed");
  }

  /// Records how \p FD uses each function-pointer parameter.
  void finishFunction(const FunctionDecl *FD) {
    DenseMap<const VarDecl *, SmallVector<const DeclRefExpr *, 4>> Uses;
    if (Ctx.getLangOpts().CPlusPlus)
      VarRefs(Uses).TraverseStmt(FD->getBody());
    else
      Uses = std::move(BodyUses);
    SmallVector<const VarDecl *, 8> Variables(FD->parameters().begin(),
                                              FD->parameters().end());
    append_range(Variables, Locals);
    for (const VarDecl *VD : Variables) {
      std::optional<ValueSlot> Slot = variableSlot(VD);
      if (!Slot)
        continue;
      ParamUse U{*Slot, "", SourceLoc()};
      for (const DeclRefExpr *DRE : Uses.lookup(VD))
        if (!Followed.count(DRE)) {
          U.Leak = "used as a value that is not followed";
          U.Loc = locOf(DRE->getBeginLoc());
          break;
        }
      Out.Params.push_back(std::move(U));
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
    escapeMembers(RD->getDefinition(),
                  "its struct is filled by " + Name + " from another type",
                  CE->getBeginLoc());
  }

  /// Every refined member of \p RD, those of its unnamed structs and
  /// unions included, escapes.
  void escapeMembers(const RecordDecl *RD, const Twine &Why,
                     SourceLocation L) {
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isBitField())
        continue;
      if (isFunctionPointer(FD->getType()) && fieldRef(FD))
        escape(fieldSlot(FD), Why, L);
      else if (const RecordDecl *Inner = FD->getType()->getAsRecordDecl();
               Inner && Inner->getDefinition() && recordName(Inner).empty() &&
               Inner->getName().empty() && !Inner->getTypedefNameForAnonDecl())
        escapeMembers(Inner->getDefinition(), Why, L);
    }
  }
};

class FieldFactsConsumer : public ASTConsumer {
public:
  FieldFactsConsumer(std::shared_ptr<SourceFieldFacts> Out,
                     const CodeGenOptions &CGO)
      : Out(std::move(Out)), CGO(CGO) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Runs before code generation (the action is added before the main
    // one), so the facts are ready when the IR pipeline starts.
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    useEmittedScope(Ctx);
    FieldFactsVisitor V(Ctx, CGO, *Out);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    V.finish();
  }

private:
  std::shared_ptr<SourceFieldFacts> Out;
  const CodeGenOptions &CGO;
};

class StructFieldAction : public BeforeMainAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    auto Facts = std::make_shared<SourceFieldFacts>();
    addAtPipelineStart(CI, [Facts] { return TagStructFieldsPass(Facts); });
    return std::make_unique<FieldFactsConsumer>(Facts, CI.getCodeGenOpts());
  }
};

} // namespace
} // namespace stackbudget

static FrontendPluginRegistry::Add<stackbudget::StructFieldAction>
    RegisterFieldAction("stackbudget-fields",
                        "record which struct fields hold which functions");

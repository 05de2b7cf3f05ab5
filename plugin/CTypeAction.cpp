//===- CTypeAction.cpp - C type ids of functions and indirect calls -------===//
//
// The front-end half of C-type matching (passes/CTypeFacts.h): a plugin
// action in stackbudget-clang.so, run before the main action, that walks the
// TU and records
//
//  - the C type id of every prototyped function (KCFI's id, the same
//    whether or not -fsanitize=kcfi is on: stackbudget/CTypeId.h);
//  - the callee type id of every call that is not a direct call, by the
//    location clang's location tracking gives the call;
//  - every conversion that lets a function be called through another type:
//    a function, or a function-pointer value, cast to another function
//    pointer type, to something that is not a function pointer (`void *`,
//    an integer), or stored into a union; and every conversion of
//    something that is not a function pointer into a function-pointer type
//    (a cast from `void *`, a union read, a function pointer's storage
//    accessed as another type), by which such a function comes back.
//
// Then it adds TagCTypesPass at the start of the IR pipeline. The rules and
// why they are sound are in docs/indirect-calls.md ("C types", "Casts").
//
//===----------------------------------------------------------------------===//

#include "../passes/CTypeFacts.h"
#include "BeforeMainAction.h"
#include "CTypeIds.h"
#include "ValueUseVisitor.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"

using namespace clang;
using namespace llvm;

namespace stackbudget {
namespace {

/// The function \p E designates (`f`, `&f`, `(f)`), if any.
const FunctionDecl *designatedFunction(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
      ICE && ICE->getCastKind() == CK_FunctionToPointerDecay)
    E = ICE->getSubExpr()->IgnoreParens();
  if (const auto *UO = dyn_cast<clang::UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParens();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<FunctionDecl>(DRE->getDecl());
  return nullptr;
}

class CTypeVisitor : public ValueUseVisitor<CTypeVisitor> {
public:
  CTypeVisitor(ASTContext &Ctx, const CodeGenOptions &CGO,
               SourceTypeFacts &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Ids(Ctx, CGO), Names(Ctx),
        Out(Out) {}

  bool TraverseVarDecl(VarDecl *VD) {
    // __ADDRESSABLE() casts each exported function to void * in a
    // discarded section; a static call key's initializer stores its default
    // as `void *`, which the static call facts model exactly
    // (StaticCallFacts.h).
    if (isDiscarded(VD) || VD->getName().starts_with("__SCK__"))
      return true;
    return Base::TraverseVarDecl(VD);
  }

  // __static_call_update(key, tramp, func) takes both as `void *`; the
  // static call facts model what it installs (StaticCallFacts.h).
  bool TraverseCallExpr(CallExpr *CE, DataRecursionQueue *Queue = nullptr) {
    if (const FunctionDecl *FD = CE->getDirectCallee();
        FD && FD->getName() == "__static_call_update")
      return true;
    return Base::TraverseCallExpr(CE, Queue);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isDependentContext() || FD->isInvalidDecl())
      return true;
    // A declaration nothing refers to is not in the IR (a kernel TU
    // declares thousands from its headers): no record will ask for its id.
    if (!FD->isReferenced() && !FD->isDefined())
      return true;
    std::string Symbol = symbol(FD);
    if (Symbol.empty())
      return true;
    // A K&R definition gets a prototype-like type in clang, but calls
    // through any compatible pointer may reach it: no C type. (A function
    // declared with typeof() has no written prototype either, yet has one.)
    for (const FunctionDecl *R : FD->redecls())
      if (R->doesThisDeclarationHaveABody() && !R->hasPrototype())
        return true;
    if (std::optional<uint32_t> Id = Ids.of(FD->getType()))
      Out.FunctionTypes[Symbol] = *Id;
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (CE->isTypeDependent())
      return true;
    std::optional<uint32_t> Id;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      const CXXMethodDecl *MD = MCE->getMethodDecl();
      if (MD && !MD->isVirtual())
        return true;
      const auto *PtrMem =
          dyn_cast<clang::BinaryOperator>(MCE->getCallee()->IgnoreParens());
      if (PtrMem && PtrMem->isPtrMemOp()) {
        // (obj.*pmf)(args): the member pointer's function type.
        if (const auto *MPT =
                PtrMem->getRHS()->getType()->getAs<MemberPointerType>())
          Id = Ids.of(MPT->getPointeeType());
      } else if (MD) {
        Id = Ids.of(MD->getType());
      }
    } else if (isa<CUDAKernelCallExpr>(CE)) {
      return true;
    } else {
      if (CE->getDirectCallee())
        return true;
      const Expr *Callee = CE->getCallee()->IgnoreParens();
      if (const auto *BO = dyn_cast<clang::BinaryOperator>(Callee);
          BO && BO->isPtrMemOp()) {
        if (const auto *MPT = BO->getRHS()->getType()->getAs<MemberPointerType>())
          Id = Ids.of(MPT->getPointeeType());
      } else {
        Id = Ids.ofPointee(Callee->getType());
      }
    }
    // 0 marks a call whose type is unknown; an id of 0 is vanishingly rare
    // and only loses precision.
    addCall(CE->getBeginLoc(), Id.value_or(0));
    if (CE->getExprLoc() != CE->getBeginLoc())
      addCall(CE->getExprLoc(), Id.value_or(0));
    return true;
  }

  bool VisitCastExpr(CastExpr *CE) {
    switch (CE->getCastKind()) {
    case CK_BitCast:
    case CK_PointerToIntegral:
    case CK_IntegralToPointer:
    case CK_NoOp:
    case CK_AddressSpaceConversion:
      break;
    default:
      return true; // decay, null tests, loads: no new type
    }
    const Expr *Sub = CE->getSubExpr();
    QualType To = CE->getType();
    storagePun(Sub->getType(), To, CE->getBeginLoc());
    std::optional<uint32_t> ToId =
        isFunctionPointer(To) ? Ids.ofPointee(To) : std::nullopt;
    if (!isFunctionPointer(Sub->getType())) {
      // void *, an integer: whatever function it holds comes back as To.
      if (ToId && !holdsNoFunction(Sub, Ctx) && !onlyCompared(CE))
        reinterpreted(*ToId, CE->getBeginLoc());
      return true;
    }
    std::optional<uint32_t> From = Ids.ofPointee(Sub->getType());
    if (ToId && ToId == From)
      return true; // qualifiers, typedefs: the same C type
    if (!ToId && onlyCompared(CE))
      return true; // `handler->cb_data == power_off`: nothing is kept
    converted(Sub, From, ToId, CE->getBeginLoc());
    return true;
  }

  /// A read of a union member that is a pointer to a prototyped function,
  /// in a union with a member that can carry a function's address without
  /// a further conversion (carriesFunction()): what was stored through the
  /// other member comes back as a function of this member's type. Only a
  /// read does that; a union that is defined but whose member nobody reads
  /// (a header's `security_list_options` in a kernel without LSMs) brings
  /// nothing back.
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || !FD->getParent()->isUnion() || !isFunctionPointer(FD->getType()))
      return true;
    std::optional<uint32_t> Id = Ids.ofPointee(FD->getType());
    if (!Id || isAssignedTo(ME) || !unionCarriesFunction(FD->getParent()))
      return true;
    if (UnionReads.insert(*Id).second)
      reinterpreted(*Id, ME->getExprLoc());
    return true;
  }

  bool VisitBinaryOperator(clang::BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParens());
    if (ME && isUnionMember(ME->getMemberDecl()))
      storedInUnion(BO->getRHS(),
                    cast<FieldDecl>(ME->getMemberDecl())->getParent());
    return true;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    if (ILE->isSemanticForm() && ILE->getType()->isUnionType() &&
        ILE->getNumInits() == 1)
      storedInUnion(ILE->getInit(0), ILE->getType()->getAsRecordDecl());
    return true;
  }

private:
  ASTContext &Ctx;
  SourceManager &SM;
  CTypeIds Ids;
  ASTNameGenerator Names;
  SourceTypeFacts &Out;
  /// Function types read from unions already recorded as reinterpreted.
  llvm::DenseSet<uint32_t> UnionReads;

  std::string symbol(const FunctionDecl *FD) {
    std::string S = Names.getName(FD);
    return S.empty() ? FD->getName().str() : S;
  }

  SourceLoc locOf(SourceLocation L) const {
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
    if (P.isInvalid())
      return SourceLoc();
    return {P.getFilename(), P.getLine(), P.getColumn()};
  }

  void addCall(SourceLocation L, uint32_t Id) {
    for (const auto &LineCol : callLocations(SM, L))
      Out.CallTypes[LineCol].push_back(Id);
  }

  /// \p ME is the left-hand side of a plain assignment: written, not read.
  bool isAssignedTo(const MemberExpr *ME) {
    DynTypedNodeList Parents = Ctx.getParents(*ME);
    const auto *BO =
        Parents.size() == 1 ? Parents[0].get<clang::BinaryOperator>() : nullptr;
    return BO && BO->getOpcode() == BO_Assign &&
           BO->getLHS()->IgnoreParens() == ME;
  }

  /// A member of \p Union other than a prototyped function pointer can
  /// carry a function's address.
  static bool unionCarriesFunction(const RecordDecl *Union) {
    return llvm::any_of(Union->fields(), [](const FieldDecl *FD) {
      return !isPrototypedFunctionPointer(FD->getType()) &&
             carriesFunction(FD->getType());
    });
  }

  static bool isUnionMember(const ValueDecl *D) {
    const auto *FD = dyn_cast<FieldDecl>(D);
    return FD && FD->getParent()->isUnion();
  }

  /// A function pointer stored into a union may be read back through any
  /// other member: as the type of each other function-pointer member, and
  /// as no function type through a member that can carry a function.
  void storedInUnion(const Expr *Value, const RecordDecl *Union) {
    Value = Value->IgnoreParenImpCasts();
    if (!isFunctionPointer(Value->getType()) &&
        !Value->getType()->isFunctionType())
      return;
    QualType T = Value->getType()->isFunctionType()
                     ? Ctx.getPointerType(Value->getType())
                     : Value->getType();
    std::optional<uint32_t> From = Ids.ofPointee(T);
    Union = Union->getDefinition();
    for (const FieldDecl *FD : Union->fields())
      if (isPrototypedFunctionPointer(FD->getType()))
        if (std::optional<uint32_t> To = Ids.ofPointee(FD->getType());
            To && To != From)
          converted(Value, From, To, Value->getBeginLoc());
    // Read back through a member that is not a function pointer, it has
    // left the function-pointer types; a union whose other members are
    // object pointers (struct inode's `i_fop` beside `free_inode`) has none.
    if (unionCarriesFunction(Union))
      converted(Value, From, std::nullopt, Value->getBeginLoc());
  }

  /// The C type of the function pointers that storage of type \p T (a
  /// pointer to a function pointer) holds.
  std::optional<uint32_t> storedFunctionType(QualType T) {
    const auto *P = T->getAs<clang::PointerType>();
    if (!P || !isFunctionPointer(P->getPointeeType()))
      return std::nullopt;
    return Ids.ofPointee(P->getPointeeType());
  }

  /// The storage of a function pointer accessed as something else
  /// (`*(void **)&ops->fn`, `memcpy(&fn, ...)`): what it holds is read as
  /// a value that is not a function pointer, and what is written through
  /// it comes back as a function pointer.
  void storagePun(QualType From, QualType To, SourceLocation L) {
    std::optional<uint32_t> Held = storedFunctionType(From);
    std::optional<uint32_t> Viewed = storedFunctionType(To);
    if (Held == Viewed)
      return;
    if (Held) {
      TypeConversion C;
      C.FromType = Held;
      C.Loc = locOf(L);
      Out.Conversions.push_back(std::move(C));
      reinterpreted(*Held, L);
    }
    if (Viewed)
      reinterpreted(*Viewed, L);
  }

  /// A conversion whose result is only compared (`cb->func == data`):
  /// nothing is called through it.
  bool onlyCompared(const Expr *E) {
    const Expr *Child;
    const auto *BO =
        dyn_cast_or_null<clang::BinaryOperator>(userOf(Ctx, E, false, Child));
    return BO && BO->isComparisonOp();
  }

  /// Something that is not a function pointer of a known C type is
  /// converted into type \p To: a function that went through void *, an
  /// integer or a union may be called as \p To.
  void reinterpreted(uint32_t To, SourceLocation L) {
    TypeConversion C;
    C.ToType = To;
    C.Loc = locOf(L);
    Out.Conversions.push_back(std::move(C));
  }

  /// \p Value, of a function-pointer type of id \p From, is converted to
  /// \p To (empty: to something that is not a prototyped function pointer).
  void converted(const Expr *Value, std::optional<uint32_t> From,
                 std::optional<uint32_t> To, SourceLocation L) {
    TypeConversion C;
    C.ToType = To;
    C.Loc = locOf(L);
    if (const FunctionDecl *FD = designatedFunction(Value)) {
      C.Function = symbol(FD);
    } else if (From) {
      C.FromType = From;
    } else if (To) {
      // An unprototyped pointer's value came from a conversion to it,
      // recorded where it was made, that erased its type.
      reinterpreted(*To, L);
      return;
    } else {
      return;
    }
    Out.Conversions.push_back(std::move(C));
  }
};

class CTypeConsumer : public ASTConsumer {
public:
  CTypeConsumer(const CodeGenOptions &CGO,
                std::shared_ptr<SourceTypeFacts> Out)
      : CGO(CGO), Out(std::move(Out)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    useEmittedScope(Ctx);
    CTypeVisitor V(Ctx, CGO, *Out);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    Out->Complete = true;
  }

private:
  const CodeGenOptions &CGO;
  std::shared_ptr<SourceTypeFacts> Out;
};

class CTypeAction : public BeforeMainAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    auto Facts = std::make_shared<SourceTypeFacts>();
    addAtPipelineStart(CI, [Facts] { return TagCTypesPass(Facts); });
    return std::make_unique<CTypeConsumer>(CI.getCodeGenOpts(), Facts);
  }
};

} // namespace
} // namespace stackbudget

static FrontendPluginRegistry::Add<stackbudget::CTypeAction>
    RegisterCTypeAction("stackbudget-ctypes",
                        "record the C types of functions and indirect calls");

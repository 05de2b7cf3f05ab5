//===- CTypeIds.h - KCFI's id of a C function type, from the AST ----------===//
//
// Both front-end actions need the id of a function type as clang's KCFI
// computes it (stackbudget/CTypeId.h): the C-type facts for functions and
// calls, and the struct-field facts for what indirect calls pass.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PLUGIN_CTYPEIDS_H
#define STACKBUDGET_PLUGIN_CTYPEIDS_H

#include "stackbudget/CTypeId.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/Basic/CodeGenOptions.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <string>

namespace stackbudget {

/// What the code generator's KCFI would compute for a function type.
class CTypeIds {
public:
  CTypeIds(clang::ASTContext &Ctx, const clang::CodeGenOptions &CGO)
      : Ctx(Ctx), Mangle(Ctx.createMangleContext()),
        Normalize(CGO.SanitizeCfiICallNormalizeIntegers) {
#if LLVM_VERSION_MAJOR >= 22
    if (CGO.SanitizeKcfiHash == llvm::KCFIHashAlgorithm::FNV1a)
      Hash = CTypeHash::FNV1a;
#endif
  }

  /// The id of function type \p T; empty for an unprototyped one, which
  /// may be called with any arguments its promotions allow.
  std::optional<uint32_t> of(clang::QualType T) {
    // The mangled name depends on the canonical type only; a TU spells a
    // few hundred function types thousands of times.
    auto [It, Inserted] =
        Cache.try_emplace(T.getCanonicalType().getAsOpaquePtr());
    if (Inserted)
      It->second = compute(T);
    return It->second;
  }

  /// The id of the function type a pointer (or reference, or block) of
  /// type \p T points to, if it is one.
  std::optional<uint32_t> ofPointee(clang::QualType T) {
    if (const auto *PT = T->getAs<clang::PointerType>())
      return of(PT->getPointeeType());
    return std::nullopt;
  }

private:
  std::optional<uint32_t> compute(clang::QualType T) {
    const auto *FPT = T->getAs<clang::FunctionProtoType>();
    if (!FPT)
      return std::nullopt;
    // As clang's CodeGenModule::CreateKCFITypeId: no exception spec.
    clang::QualType Canon = Ctx.getFunctionType(
        FPT->getReturnType(), FPT->getParamTypes(),
        FPT->getExtProtoInfo().withExceptionSpec(clang::EST_None));
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    Mangle->mangleCanonicalTypeName(Canon, OS, Normalize);
#if LLVM_VERSION_MAJOR >= 22
    if (const auto &Info = FPT->getExtraAttributeInfo())
      OS << '.' << Info.CFISalt;
#endif
    if (Normalize)
      OS << ".normalized";
    return cTypeIdOfMangled(Name, Hash);
  }

  llvm::DenseMap<void *, std::optional<uint32_t>> Cache;
  clang::ASTContext &Ctx;
  std::unique_ptr<clang::MangleContext> Mangle;
  bool Normalize;
  CTypeHash Hash = CTypeHash::XXHash64;
};

} // namespace stackbudget

#endif // STACKBUDGET_PLUGIN_CTYPEIDS_H

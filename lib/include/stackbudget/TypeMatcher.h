//===- TypeMatcher.h - Address-taken functions by the type of a call ------===//
//
// The last layer of indirect-call resolution (IndirectResolver.h), and the
// only type matcher: which address-taken functions an indirect call may
// reach by type alone.
//
//  - A call with a C type id (CTypeId.h) reaches the functions whose C type,
//    or a type they are converted to (TypeConversion, followed through
//    conversions of function-pointer values to a fixed point), is that id.
//  - A function whose address is converted to something that is not a
//    function pointer (void *, an integer, a union) is "erased": it can only
//    come back through a conversion into a function-pointer type, so it is
//    a candidate of the calls of its IR signature whose C type something
//    that is not a function pointer is converted into ("reinterpreted").
//  - A function whose TU was compiled without the front end (its
//    conversions are unknown), or that has no C type (unprototyped,
//    assembly declarations), is "opaque": a candidate of every call of its
//    IR signature, C type or not. Erased functions are opaque too when
//    some input's conversions are unknown.
//  - A call without a C type reaches every function of its signature.
//
// docs/indirect-calls.md says why this is sound.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TYPEMATCHER_H
#define STACKBUDGET_TYPEMATCHER_H

#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace stackbudget {

/// A function a call may reach: its symbol, and its TU when it is local.
struct TargetRef {
  std::string Name;
  std::string TU;
  bool operator<(const TargetRef &O) const {
    return std::tie(Name, TU) < std::tie(O.Name, O.TU);
  }
  bool operator==(const TargetRef &O) const {
    return Name == O.Name && TU == O.TU;
  }
};

class TypeMatcher {
public:
  /// \p RefIn names the function a symbol means in a TU (its own static
  /// one, else the global one).
  /// \p TrustObjectsWithoutFacts: objects without any facts (assembly)
  /// convert nothing into a function pointer (IndirectResolver.h).
  /// \p ExportsErased: the inputs are the whole program and that trust
  /// holds, so a function whose address only its export holds
  /// (FunctionFacts::AddressOnlyExported) is a candidate of calls of its
  /// own C type only if that type is reinterpreted: the module loader
  /// resolves modules' calls by name, and `symbol_get()` hands the address
  /// out as a `void *` converted to the symbol's own type
  /// (docs/indirect-calls.md, "Closed world"). Otherwise it is taken as its
  /// own type, as a module may.
  static TypeMatcher
  build(const ReadResult &In,
        llvm::function_ref<TargetRef(llvm::StringRef TU, llvm::StringRef Name)>
            RefIn,
        bool TrustObjectsWithoutFacts, bool ExportsErased = false);

  /// The candidates of indirect call \p C by type, sorted.
  std::vector<TargetRef> candidates(const CallFact &C) const;

  /// Every function a call of C type \p CType may reach, whatever its
  /// signature (erased ones of every signature when \p CType is
  /// reinterpreted), sorted. Opaque ones are left out: callTypesOf() says
  /// they may be reached by any call.
  std::vector<TargetRef> candidatesOfType(uint32_t CType) const;

  /// The part of a candidate set's identity that the call's type gives.
  static std::string key(const CallFact &C);
  /// "C type 0x1234abcd" or "signature 0x1234abcd".
  static std::string describe(const CallFact &C);

  /// Whether a value that is not a function pointer may be converted into
  /// C type \p CType, so that erased functions reach its calls.
  bool isReinterpreted(uint32_t CType) const;

  /// The C types an address-taken function \p F may be called through
  /// (its own, those it is converted to, and the reinterpreted ones when it
  /// is erased), sorted; nullopt when a call of another type may reach it
  /// too: it is opaque, not address-taken, or of a signature in
  /// \p UntypedCallSigs (calls matched by signature).
  std::optional<std::vector<uint32_t>>
  callTypesOf(const TargetRef &F, const std::set<uint32_t> &UntypedCallSigs) const;

private:
  struct Taken {
    TargetRef Ref;
    uint32_t Sig = 0;
    bool Opaque = false;
    bool Erased = false;
    /// Only its export holds its address, and ExportsErased: called
    /// through a pointer only as its own type after a reinterpretation.
    bool ExportOnly = false;
    /// C types it may be called through (its own included), sorted.
    std::vector<uint32_t> CTypes;
  };
  std::vector<Taken> Functions;
  std::map<TargetRef, uint32_t> Index;
  llvm::DenseMap<uint32_t, std::vector<uint32_t>> ByCType, BySig, OpaqueBySig,
      ErasedBySig;
  /// The C types non-function values are converted into, sorted.
  std::vector<uint32_t> Reinterpreted;
  /// Some input's conversions are unknown: any type may be reinterpreted.
  bool AllReinterpreted = false;
};

} // namespace stackbudget

#endif // STACKBUDGET_TYPEMATCHER_H

//===- CTypeFacts.h - C function types of functions and indirect calls ----===//
//
// The C type of a function pointer is gone from the IR (opaque pointers), so
// the front end (plugin/CTypeAction.cpp) computes the KCFI-grade id of every
// function's C type and of every indirect call's callee type
// (stackbudget/CTypeId.h) and TagCTypesPass, at the start of the IR
// pipeline, attaches them:
//
//  - `!stackbudget.ctype !{i32 ID}` on every function the TU declares or
//    defines with a prototype;
//  - the same on every indirect call, matched to the AST call by its debug
//    location (line and column of the call's expansion, as clang's location
//    tracking writes it); calls that share a location but not a type get
//    none and are matched by signature;
//  - `!stackbudget.conversions`, named metadata listing every conversion
//    that lets a function be called through another type (TypeConversion);
//  - `!stackbudget.calltypes`, named metadata listing, for each IR
//    signature of the module's indirect calls, the C types those calls have
//    (or that one has none, or is unprototyped). SimplifyCFG and other
//    passes that merge calls drop metadata they do not know, so a merged
//    call arrives at codegen without its C type; it is one of the calls of
//    its signature, so it may have any of their C types (CallTypeTable).
//
// The metadata travels through optimization and -flto bitcode; the
// recorders read it back with the functions in TypeIds.h. A pass that drops
// it leaves a call without a C type, matched by signature: coarser, never
// smaller. docs/indirect-calls.md has the rules.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_CTYPEFACTS_H
#define STACKBUDGET_CTYPEFACTS_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace stackbudget {

/// What the front end found in one TU.
struct SourceTypeFacts {
  /// Set once the front end has walked the whole TU.
  bool Complete = false;
  /// The C type id of every prototyped function, by symbol.
  std::map<std::string, uint32_t> FunctionTypes;
  /// The C type ids of the indirect calls at each (line, column); 0 stands
  /// for a call there whose callee type has no prototype.
  std::map<std::pair<unsigned, unsigned>, std::vector<uint32_t>> CallTypes;
  std::vector<TypeConversion> Conversions;
};

class TagCTypesPass : public llvm::PassInfoMixin<TagCTypesPass> {
public:
  explicit TagCTypesPass(std::shared_ptr<const SourceTypeFacts> Facts)
      : Facts(std::move(Facts)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  std::shared_ptr<const SourceTypeFacts> Facts;
};

/// Reads `!stackbudget.conversions` back into \p Facts.Conversions (left
/// empty when the front end did not analyze the module).
void readTypeConversions(const llvm::Module &M, ModuleFacts &Facts);

/// What the module's indirect calls of each IR signature were at the start
/// of the pipeline, from `!stackbudget.calltypes`.
class CallTypeTable {
public:
  explicit CallTypeTable(const llvm::Module &M);
  /// The C types the calls of signature \p Sig had, sorted; empty when
  /// some had none (or the module has no table).
  llvm::ArrayRef<uint32_t> typesOf(uint32_t Sig) const;
  /// Whether some call of (variadic) signature \p Sig was made through an
  /// unprototyped pointer.
  bool unprototyped(uint32_t Sig) const { return Unprototyped.count(Sig); }

private:
  llvm::DenseMap<uint32_t, llvm::SmallVector<uint32_t, 2>> Types;
  llvm::DenseSet<uint32_t> Untyped, Unprototyped;
};

} // namespace stackbudget

#endif // STACKBUDGET_CTYPEFACTS_H

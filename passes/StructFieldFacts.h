//===- StructFieldFacts.h - Which struct field holds which function -------===//
//
// Struct-field refinement of indirect calls (multi-layer type analysis, Lu &
// Hu, CCS 2019): a call through `f->f_op->read_iter` can only reach the
// functions some code stores into `file_operations::read_iter`, not every
// function of the same type.
//
// By the end of LLVM 22's optimization pipeline every constant-index GEP is
// canonicalized to `getelementptr i8, ptr %p, i64 N` and clang gives padded
// initializers (file_operations: a pointer, then an int) a literal struct
// type, so the struct a pointer was loaded from is gone from the IR the
// recorder sees. The facts are therefore taken where they still exist:
//
//  - the front end (plugin/StructFieldAction.cpp) walks the AST for every
//    function address written into a struct member (initializers, nested and
//    designated ones included, and assignments), for members whose content
//    it cannot follow (escapes), and for function addresses that go anywhere
//    else (free functions). It hands them to TagStructFieldsPass.
//  - TagStructFieldsPass runs at the start of the IR pipeline (before -flto
//    writes bitcode), while GEPs still name their struct: it tags each
//    indirect call whose callee is loaded straight from a member with
//    !stackbudget.field, and stores the front end's facts in the named
//    metadata !stackbudget.fields, where functions are referenced as values
//    (so renames and LTO merging keep them right).
//  - The recorder, at codegen (in clang or in ld.lld's LTO backends), reads
//    both back into the facts (CallFact::Field, ModuleFacts::Fields).
//
// A field is keyed by its record's name and its byte offset; record names
// are compared without LLVM's ".123" suffixes. docs/indirect-calls.md says
// exactly when a call falls back to type matching.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_STRUCTFIELDFACTS_H
#define STACKBUDGET_STRUCTFIELDFACTS_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class CallBase;
class DILocation;
class Function;
class Module;
class Value;
} // namespace llvm

namespace stackbudget {

/// What the front end found in one TU. Functions are named by symbol.
struct SourceFieldFacts {
  /// Set once the front end has walked the whole TU.
  bool Complete = false;
  /// Slots as the front end names them: globals and functions by symbol,
  /// TU left empty (TagStructFieldsPass sets it for local symbols).
  std::vector<SlotStore> Stores;
  std::vector<SlotEscape> Escapes;
  std::vector<SlotFlow> Flows;
  std::vector<ParamUse> Params;
  /// File-scope function-pointer variables and arrays the TU defines or
  /// declares, whose every store and use it followed (a call that loads
  /// from another global is resolved by type).
  std::vector<std::string> Globals;
  /// What every indirect call at each (line, column) calls through: the
  /// parameter, or nothing for a call through anything else. Calls at one
  /// location that disagree (two files, or a macro) get no tag.
  std::map<std::pair<unsigned, unsigned>,
           std::vector<std::optional<ValueSlot>>>
      ParamCalls;
  std::vector<std::string> FreeFunctions;
  /// The name of every function-pointer member of every complete struct of
  /// the TU, by (record, byte offset).
  std::map<std::pair<std::string, uint64_t>, std::string> FieldNames;
};

/// Tags indirect calls with the field their callee is loaded from and
/// records \p Facts in the module (see the file comment).
class TagStructFieldsPass : public llvm::PassInfoMixin<TagStructFieldsPass> {
public:
  explicit TagStructFieldsPass(std::shared_ptr<const SourceFieldFacts> Facts)
      : Facts(std::move(Facts)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  std::shared_ptr<const SourceFieldFacts> Facts;
};

/// The record name as the facts spell it: "struct.foo.12" -> "foo".
/// Empty for unions and anonymous records, which are never refined.
std::string fieldRecordName(llvm::StringRef IRStructName);

/// The field an indirect call loads its callee from, as tagged by
/// TagStructFieldsPass.
std::optional<FieldRef> calleeField(const llvm::CallBase &CB);

/// Where each indirect call of a function takes its callee from, by debug
/// location, so that a machine call (which has no IR) gets the facts of the
/// IR call it came from: the struct field (as tagged by
/// TagStructFieldsPass), the global variable, or the caller's parameter.
/// A location shared by IR calls that disagree gives nothing: the call is
/// then resolved by type.
class IndirectCallFields {
public:
  explicit IndirectCallFields(const llvm::Function &F);
  /// Fills the call's Field, CalleeSlot and CalleeParam details.
  void describe(const llvm::DILocation *Loc, CallFact &C) const;
  /// The same for an IR call itself (the LLVM 19 recorder reads calls from
  /// IR, so it needs no location to find the call).
  static void describe(const llvm::CallBase &CB, CallFact &C);

private:
  struct Source {
    std::optional<FieldRef> Field;
    std::optional<ValueSlot> Slot;
    std::optional<unsigned> Param;
    bool operator==(const Source &O) const;
  };
  static Source sourceOf(const llvm::CallBase &CB);
  std::map<const llvm::DILocation *, std::optional<Source>> ByLoc;
};

/// Reads the module-level facts back: ModuleFacts::Fields when the front
/// end analyzed the TU, the kernel's static calls (StaticCallFacts.h) and
/// the C type conversions (CTypeFacts.h).
void readModuleIndirectFacts(const llvm::Module &M, ModuleFacts &Facts);

/// Whether \p C (a function or a constant built on it) is used anywhere but
/// as a callee or in a global of a ".discard.*" section, which never reaches
/// the linked program (the kernel's __ADDRESSABLE behind EXPORT_SYMBOL).
bool usedAsAddress(const llvm::Value *C, unsigned Depth = 0);

} // namespace stackbudget

#endif // STACKBUDGET_STRUCTFIELDFACTS_H

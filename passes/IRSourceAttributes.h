//===- IRSourceAttributes.h - Source attributes as IR function attributes -===//
//
// stack_entry("cls") and stack_budget(N), written in source, become the
// string function attributes
//
//   "stackbudget-entry"="cls"      "stackbudget-budget"="N"
//
// on the IR function. The backend does not know them, so they change no
// code, and bitcode keeps them, so they reach the recorder in ld.lld's LTO
// codegen as well as in the compile. The recorder copies them into
// FunctionFacts::EntryClass and FunctionFacts::Budget.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_IRSOURCEATTRIBUTES_H
#define STACKBUDGET_IRSOURCEATTRIBUTES_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace stackbudget {

constexpr llvm::StringLiteral EntryAttrName = "stackbudget-entry";
constexpr llvm::StringLiteral BudgetAttrName = "stackbudget-budget";
/// "LINE:COL" of the function's name in its definition, as clang reports
/// it: debug info keeps the line only, and in ld.lld's LTO codegen the
/// clang plugin is not there to ask, so without it reports made inside
/// the link would differ from those made after it.
constexpr llvm::StringLiteral DefLocAttrName = "stackbudget-def-loc";

/// What the source says about one function.
struct SourceFunctionAttributes {
  std::string EntryClass;
  std::optional<uint64_t> Budget;
  /// Where the definition names the function (0 when not a definition).
  unsigned DefLine = 0;
  unsigned DefColumn = 0;
};

/// Puts the attributes on the IR functions of the module, by symbol name.
/// Runs first in the IR pipeline (also at -O0 and before LTO bitcode is
/// written); the table is filled by the front end when the TU is parsed.
class AttachSourceAttributesPass
    : public llvm::PassInfoMixin<AttachSourceAttributesPass> {
public:
  explicit AttachSourceAttributesPass(
      std::shared_ptr<const llvm::StringMap<SourceFunctionAttributes>> Table)
      : Table(std::move(Table)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  std::shared_ptr<const llvm::StringMap<SourceFunctionAttributes>> Table;
};

/// Copies the IR attributes of \p F into \p Facts, and takes the TU from
/// the function's compile unit: a full-LTO module merges every TU into one
/// ("ld-temp.o"), the compile unit still names the function's own. A
/// malformed value (only hand-written IR can have one) is an error naming
/// the function.
llvm::Error readSourceAttributes(const llvm::Function &F,
                                 FunctionFacts &Facts);

} // namespace stackbudget

#endif // STACKBUDGET_IRSOURCEATTRIBUTES_H

//===- StackSizeDiagnostics.h - Frame sizes from the backend's diagnostic -===//
//
// LLVM 19 lets no plugin add a MachineFunction pass, but the backend reports
// a function's final frame through DiagnosticInfoStackSize whenever it
// exceeds the function's "warn-stack-size" attribute (the attribute clang
// sets from -Wframe-larger-than=N). RecordFramesFromDiagnosticsPass runs last
// in the IR pipeline and
//  1. writes each function's record (IR facts, frame 0) into a private
//     `.note.stackbudget` global, with room to grow;
//  2. lowers every function's warn-stack-size to 0, remembering the user's;
//  3. wraps the LLVMContext's diagnostic handler: a stack-size diagnostic
//     for a recorded function rewrites that function's record with the
//     frame, and reaches the original handler only if the user's own limit
//     asked for it, rebuilt with the user's limit, so that -Wframe-larger-than
//     prints exactly what it prints without the plugin.
// The frame is known while the backend works on the function, before the
// AsmPrinter writes the module's globals at the end, so the object carries
// the final numbers. A frame of 0 bytes raises no diagnostic; its record
// keeps the 0 written in step 1.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_STACKSIZEDIAGNOSTICS_H
#define STACKBUDGET_STACKSIZEDIAGNOSTICS_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace stackbudget {

// Exported: under -fplugin the clang half of the plugin
// (stackbudget-clang.so, plugin/LLVM19RecorderAction.cpp) arms the recorder
// that lives in stackbudget.so.
#pragma GCC visibility push(default)

/// Whether the frontend will run codegen on the module this process builds.
/// The clang plugin knows (-c/-S vs -emit-llvm or -flto); a bare pass
/// plugin does not, and then the pass assumes codegen follows.
enum class CodegenFollows { Unknown, Yes, No };
void setCodegenFollows(CodegenFollows C);

/// Adds the recorder at the end of every IR pipeline \p PB builds: a
/// compile's (OptimizerLast) and a full LTO link's.
void registerLLVM19Recorder(llvm::PassBuilder &PB);

class RecordFramesFromDiagnosticsPass
    : public llvm::PassInfoMixin<RecordFramesFromDiagnosticsPass> {
public:
  /// \p FullLTOLink: the module is a full-LTO link's, whose codegen
  /// ld.lld may split (--lto-partitions).
  explicit RecordFramesFromDiagnosticsPass(bool FullLTOLink = false)
      : FullLTOLink(FullLTOLink) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  bool FullLTOLink;
};

#pragma GCC visibility pop

} // namespace stackbudget

#endif // STACKBUDGET_STACKSIZEDIAGNOSTICS_H

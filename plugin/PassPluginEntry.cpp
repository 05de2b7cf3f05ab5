//===- PassPluginEntry.cpp - The pass-plugin door into stackbudget --------===//
//
// clang -fpass-plugin=stackbudget.so ...
// ld.lld --load-pass-plugin=stackbudget.so ...   (LTO codegen)
//
// LLVM 22: loading the .so registers a target pass-config callback that
// inserts the recorder after prologue/epilogue insertion in every codegen
// pipeline of the process: clang's, and the LTO backends of ld.lld. This
// happens for every door, -fplugin included, because it is a static
// registration.
//
// LLVM 19 has no such callback: the pass-plugin entry adds the IR-level
// recorder (passes/StackSizeDiagnostics.h) at the end of the IR pipeline, of
// a compile and of an LTO link; under -fplugin, LLVM19RecorderAction.cpp
// does the same through clang's code generation options.
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"

#if LLVM_VERSION_MAJOR >= 22
#include "../passes/FrameCallRecorder.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#else
#include "../passes/StackSizeDiagnostics.h"
#include "llvm/Passes/PassPlugin.h"
#endif

using namespace llvm;

#if LLVM_VERSION_MAJOR >= 22
static RegisterTargetPassConfigCallback
    InsertRecorder([](TargetMachine &, PassManagerBase &,
                      TargetPassConfig *Config) {
      Config->insertPass(&PrologEpilogCodeInserterID,
                         stackbudget::createFrameCallRecorderPass());
    });

static void registerIRPasses(PassBuilder &) {
  // The IR pipeline needs nothing from us yet; the registration above does
  // the work.
}
#else
static void registerIRPasses(PassBuilder &PB) {
  stackbudget::registerLLVM19Recorder(PB);
}
#endif

extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT
    PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  // The entry point exists so -fpass-plugin and --load-pass-plugin accept
  // the .so.
  return {LLVM_PLUGIN_API_VERSION, "stackbudget", LLVM_VERSION_STRING,
          registerIRPasses};
}

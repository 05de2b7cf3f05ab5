//===- PassPluginEntry.cpp - The pass-plugin door into stackbudget --------===//
//
// clang -fpass-plugin=stackbudget.so ...
// ld.lld --load-pass-plugin=stackbudget.so ...   (LTO codegen)
//
// Loading the .so registers a target pass-config callback that inserts the
// recorder after prologue/epilogue insertion in every codegen pipeline of the
// process: clang's, and the LTO backends of ld.lld. This happens for every
// door, -fplugin included, because it is a static registration.
//
//===----------------------------------------------------------------------===//

#include "../passes/FrameCallRecorder.h"

#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"

#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

using namespace llvm;

static RegisterTargetPassConfigCallback
    InsertRecorder([](TargetMachine &, PassManagerBase &,
                      TargetPassConfig *Config) {
      Config->insertPass(&PrologEpilogCodeInserterID,
                         stackbudget::createFrameCallRecorderPass());
    });

extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT
    PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  // The IR pipeline needs nothing from us yet; the registration above does
  // the work. The entry point exists so -fpass-plugin and
  // --load-pass-plugin accept the .so.
  return {LLVM_PLUGIN_API_VERSION, "stackbudget", LLVM_VERSION_STRING,
          [](PassBuilder &) {}};
}

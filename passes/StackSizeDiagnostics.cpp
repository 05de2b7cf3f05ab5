//===- StackSizeDiagnostics.cpp - Frame sizes from the backend's diagnostic ===//
//
// See StackSizeDiagnostics.h for the mechanism. The invariants that matter:
//  - the user's -Wframe-larger-than output is unchanged: a function gets the
//    diagnostic it would have got (same size, same limit, same severity) and
//    no other;
//  - a record is rewritten in place (same global, same size, zero padding),
//    so nothing that codegen may have looked at changes identity;
//  - a stack-size diagnostic for a function this pass did not see (one that
//    a later pass created) is passed on untouched.
//
//===----------------------------------------------------------------------===//

#include "StackSizeDiagnostics.h"
#include "CTypeFacts.h"
#include "FactsRecordGlobal.h"
#include "ForwardingDiagnosticHandler.h"
#include "FrameLimitReport.h"
#include "IRFactsRecorder.h"
#include "IRFunctionHeader.h"
#include "LinkInputs.h"
#include "LinkTimeCheck.h"
#include "RecorderOptions.h"
#include "SourcePaths.h"

#include "stackbudget/FactsFormat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ValueHandle.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <atomic>
#include <limits>
#include <mutex>
#include <set>

using namespace llvm;

namespace stackbudget {
namespace {

std::atomic<CodegenFollows> CodegenState{CodegenFollows::Unknown};

/// Bytes a frame can add to a record written with frame 0: its ULEB128
/// grows from one byte to at most the ten of UINT64_MAX, and the record's
/// size in the block by at most one.
constexpr size_t FrameDigitsReserve = 10;

constexpr StringLiteral WarnStackSizeAttr = "warn-stack-size";

/// Empties a function's note (zeros are padding) if the function is deleted
/// before codegen: the object must not claim a function it does not define.
/// When the module itself is destroyed, its globals go before its functions,
/// so the record is already gone (the WeakVH is null) and there is nothing
/// to blank: the record, as codegen emitted it, stands.
class RecordedFunctionWatch final : public CallbackVH {
public:
  RecordedFunctionWatch(Function &F, GlobalVariable *Record)
      : CallbackVH(&F), Record(Record) {}

  /// The function, or null once it is deleted.
  const Function *function() const {
    return cast_or_null<Function>(getValPtr());
  }
  /// The function's record, or null once it is deleted or was replaced.
  GlobalVariable *record() const {
    return cast_or_null<GlobalVariable>(static_cast<Value *>(Record));
  }
  void setRecord(GlobalVariable *GV) { Record = GV; }

  void deleted() override {
    if (GlobalVariable *GV = record()) {
      rewriteFactsGlobal(*GV, "");
      noteReplaceableRecord(*GV->getParent(), getValPtr(), StringRef());
    }
    setValPtr(nullptr);
  }

private:
  WeakVH Record;
};

struct PendingFunction {
  FunctionFacts Facts;
  /// The user's own warn-stack-size (from -Wframe-larger-than=N), if any.
  std::optional<uint64_t> UserLimit;
  /// The function and its record in the module (null when facts are off),
  /// both followed through deletion: a handler lives as long as the
  /// LLVMContext, which may outlive the module (ThinLTO backends, LTO).
  std::unique_ptr<RecordedFunctionWatch> Watch;
};

/// Handlers that this process has installed, so that a second run of the
/// pass on the same context (both -fplugin and -fpass-plugin given) is a
/// no-op.
std::mutex InstalledMutex;
std::set<const DiagnosticHandler *> Installed;

class FrameRecordingHandler : public ForwardingDiagnosticHandler {
public:
  FrameRecordingHandler(std::unique_ptr<DiagnosticHandler> Original,
                        DenseMap<const Function *, PendingFunction> Pending,
                        bool ApplyFilters)
      : ForwardingDiagnosticHandler(std::move(Original)),
        Pending(std::move(Pending)), ApplyFilters(ApplyFilters) {
    std::lock_guard<std::mutex> Lock(InstalledMutex);
    Installed.insert(this);
  }
  ~FrameRecordingHandler() override {
    std::lock_guard<std::mutex> Lock(InstalledMutex);
    Installed.erase(this);
  }

  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    markErrors(DI);
    const auto *StackSize = dyn_cast<DiagnosticInfoStackSize>(&DI);
    if (!StackSize || Forwarding)
      return forward(DI);
    auto It = Pending.find(&StackSize->getFunction());
    // A function at the same address as one deleted before is another one.
    if (It == Pending.end() ||
        It->second.Watch->function() != &StackSize->getFunction())
      return forward(DI);
    PendingFunction &P = It->second;
    uint64_t Frame = StackSize->getStackSize();
    P.Facts.Parts.Frame = Frame;
    if (P.Watch->record())
      rewriteRecord(P);
    reportFrameLimit(P.Facts, StackSize->getFunction());
    if (P.UserLimit && Frame > *P.UserLimit) {
      // Rebuilt with the user's limit and sent through LLVMContext::diagnose
      // again, so that a handler that declines it gets the default print.
      Forwarding = true;
      StackSize->getFunction().getContext().diagnose(DiagnosticInfoStackSize(
          StackSize->getFunction(), Frame, *P.UserLimit,
          StackSize->getSeverity()));
      Forwarding = false;
    }
    return true;
  }

private:
  /// What LLVMContext::diagnose would have done with the original handler.
  /// A handler installed with RespectFilters (lld's LTO contexts) never sees
  /// a disabled remark; LLVMContext has no getter for that flag, so it is
  /// applied here (the same test as LLVMContext's isDiagnosticEnabled).
  bool forward(const DiagnosticInfo &DI) {
    if (ApplyFilters)
      if (const auto *Remark = dyn_cast<DiagnosticInfoOptimizationBase>(&DI))
        if (!Remark->isEnabled() ||
            (Remark->isVerbose() && !Remark->getHotness()))
          return true;
    return Original->handleDiagnostics(DI);
  }

  static void rewriteRecord(PendingFunction &P) {
    GlobalVariable &GV = *P.Watch->record();
    std::string Bytes = encodeRecord(P.Facts);
    noteReplaceableRecord(*GV.getParent(), P.Watch->function(), Bytes);
    // Same size, so the same global: zeros after the records are padding.
    if (rewriteFactsGlobal(GV, Bytes))
      return;
    // Cannot happen with FrameDigitsReserve; if it did, empty the old note
    // and add a new one rather than keep a wrong frame.
    rewriteFactsGlobal(GV, "");
    P.Watch->setRecord(nullptr);
    emitRecordGlobal(*GV.getParent(), Bytes, /*Reserve=*/0,
                     /*BeforeLastIRPasses=*/false);
  }

public:
  /// emitFactsGlobal(), kept alive through the last IR passes when it is
  /// written before them.
  static GlobalVariable *emitRecordGlobal(Module &M, StringRef Bytes,
                                          size_t Reserve = 0,
                                          bool BeforeLastIRPasses = true) {
    GlobalVariable *GV = emitFactsGlobal(M, Bytes, Reserve);
    // Written before the last IR passes (GlobalDCE would drop an unused
    // private global); compiler.used keeps it and leaves no trace in the
    // object.
    if (BeforeLastIRPasses)
      appendToCompilerUsed(M, {GV});
    return GV;
  }

private:
  DenseMap<const Function *, PendingFunction> Pending;
  bool ApplyFilters;
  bool Forwarding = false;
};

bool alreadyInstalled(const LLVMContext &Ctx) {
  std::lock_guard<std::mutex> Lock(InstalledMutex);
  return Installed.count(Ctx.getDiagHandlerPtr()) != 0;
}

} // namespace

void setCodegenFollows(CodegenFollows C) { CodegenState = C; }

void registerLLVM19Recorder(PassBuilder &PB) {
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(RecordFramesFromDiagnosticsPass());
      });
  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(RecordFramesFromDiagnosticsPass(/*FullLTOLink=*/true));
      });
}

PreservedAnalyses RecordFramesFromDiagnosticsPass::run(Module &M,
                                                       ModuleAnalysisManager &) {
  // -emit-llvm and LTO pre-link write IR, not code: the IR must leave
  // unchanged (a lowered warn-stack-size would warn at every later build).
  if (CodegenState == CodegenFollows::No)
    return PreservedAnalyses::all();
  LLVMContext &Ctx = M.getContext();
  if (alreadyInstalled(Ctx))
    return PreservedAnalyses::all();
  if (Error E = loadOptionsFromEnvironment()) {
    Ctx.emitError(toString(std::move(E)));
    return PreservedAnalyses::all();
  }
  const RecorderOptions &Opts = recorderOptions();
  if (!Opts.RecordFacts && !Opts.FrameLimit)
    return PreservedAnalyses::all();
  if (FullLTOLink && inLinkerProcess()) {
    // ld.lld --lto-partitions=N (N > 1) codegens N split copies of this
    // module, each parsed into a fresh LLVMContext with lld's own handler:
    // no frame diagnostic would reach the recorder, and a lowered
    // warn-stack-size would make lld warn for every function. Record
    // nothing (the functions have no facts: frame unknown, never 0) and
    // leave the IR as it is.
    Expected<LinkCommandLine> Link = readOwnLinkCommandLine();
    if (!Link) {
      consumeError(Link.takeError());
    } else if (Link->LTOPartitions > 1) {
      noteUnobservedCodegen(
          "--lto-partitions=" + std::to_string(Link->LTOPartitions) +
          ": the LLVM 19 recorder cannot see the frames of partitioned "
          "full-LTO codegen; link with --lto-partitions=1 or use ThinLTO");
      return PreservedAnalyses::all();
    }
  }

  if (Opts.RecordFacts) {
    std::string Bytes = encodeRecord(collectModuleFacts(M, RecorderKind::IR));
    FrameRecordingHandler::emitRecordGlobal(M, Bytes);
    // Inside an LTO link with the check on, the whole program is checked
    // from these records once codegen is over (LinkTimeCheck.h).
    noteEmittedRecord(M, Bytes);
  }

  DenseMap<const Function *, PendingFunction> Pending;
  CallTypeTable CallTypes(M);
  SourceFiles Files(M);
  for (Function &F : M) {
    // The backend emits no code for these.
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage())
      continue;
    PendingFunction P;
    P.Facts = collectIRFunctionFacts(F, CallTypes, Files);
    if (F.hasFnAttribute(WarnStackSizeAttr)) {
      uint64_t Limit;
      if (!F.getFnAttribute(WarnStackSizeAttr)
               .getValueAsString()
               .getAsInteger(10, Limit))
        P.UserLimit = Limit;
    }
    F.addFnAttr(WarnStackSizeAttr, "0");
    GlobalVariable *Record = nullptr;
    if (Opts.RecordFacts) {
      std::string Bytes = encodeRecord(P.Facts);
      noteReplaceableRecord(M, &F, Bytes);
      Record =
          FrameRecordingHandler::emitRecordGlobal(M, Bytes, FrameDigitsReserve);
    }
    P.Watch = std::make_unique<RecordedFunctionWatch>(F, Record);
    Pending.try_emplace(&F, std::move(P));
  }
  // lld installs its LTO handlers with RespectFilters; clang filters
  // remarks in its own handler.
  Ctx.setDiagnosticHandler(std::make_unique<FrameRecordingHandler>(
      Ctx.getDiagnosticHandler(), std::move(Pending), inLinkerProcess()));
  // Only attributes changed and globals were added: no analysis of any
  // function's body is affected.
  return PreservedAnalyses::all();
}

} // namespace stackbudget

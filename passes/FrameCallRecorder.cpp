//===- FrameCallRecorder.cpp - Record frames and calls as emitted ---------===//
//
// A MachineFunction pass inserted right after PrologEpilogInserter. At that
// point the frame is final (the number -fstack-usage prints) and the calls
// are the ones the machine code makes: after inlining, with the libcalls,
// profiling hooks and thunks the backend added. The pass keeps one facts
// record per function and, with the module's last function, writes them all
// as one block into a private global in `.note.stackbudget`, marked !exclude
// so that the object carries it (ld -r keeps it) and a final link drops it.
// It never changes the function.
//
// Run: clang -O2 -c foo.c -fplugin=stackbudget.so   (or -fpass-plugin=)
//      stackbudget facts foo.o
//
//===----------------------------------------------------------------------===//

#include "FrameCallRecorder.h"
#include "AsmCallFacts.h"
#include "BackendFactsFromIR.h"
#include "CTypeFacts.h"
#include "DynamicAllocaBound.h"
#include "FactsRecordGlobal.h"
#include "FrameLimitReport.h"
#include "IRFunctionHeader.h"
#include "LinkTimeCheck.h"
#include "RecorderFinding.h"
#include "RecorderOptions.h"
#include "SourcePaths.h"
#include "StructFieldFacts.h"
#include "SymbolName.h"
#include "TypeIds.h"

#include "stackbudget/AsmCallScanner.h"
#include "stackbudget/FactsFormat.h"
#include "stackbudget/Profile.h"
#include "stackbudget/TranslationUnitCheck.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/CodeGen/MachineBasicBlock.h"
#include "llvm/CodeGen/MachineFrameInfo.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/TargetFrameLowering.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

#define DEBUG_TYPE "stackbudget-recorder"

namespace stackbudget {
namespace {

/// The IR indirect calls of a function, so that machine calls (which carry
/// no type) can be given the types of the IR call they came from.
struct IRIndirectCalls {
  struct Types {
    SmallVector<uint32_t, 1> Sigs;
    /// The C types the IR calls at the location may have (CTypeFacts.h);
    /// empty when one of them has none.
    std::vector<uint32_t> CTypes;
    bool Untyped = false;
  };
  DenseMap<const DILocation *, Types> ByLoc;
  SmallVector<uint32_t, 4> All;
  /// The struct field each call loads its callee from (StructFieldFacts.h).
  IndirectCallFields Fields;

  IRIndirectCalls(const Function &F, const CallTypeTable &Table) : Fields(F) {
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB) {
        const auto *CB = dyn_cast<CallBase>(&I);
        if (!CB || !CB->isIndirectCall())
          continue;
        SmallVector<uint32_t, 2> Sigs = callSignatureIds(*CB, &Table);
        for (uint32_t Sig : Sigs)
          if (!is_contained(All, Sig))
            All.push_back(Sig);
        if (const DILocation *L = CB->getDebugLoc().get()) {
          std::vector<uint32_t> CTypes = cTypeIds(*CB, Table);
          Types &T = ByLoc[L];
          // Calls at one location that disagree: the machine call is one
          // of them, so it may have any of their types.
          if (CTypes.empty())
            T.Untyped = true;
          for (uint32_t Id : CTypes)
            if (!is_contained(T.CTypes, Id))
              T.CTypes.push_back(Id);
          for (uint32_t Sig : Sigs)
            if (!is_contained(T.Sigs, Sig))
              T.Sigs.push_back(Sig);
        }
      }
    llvm::sort(All);
  }

  /// The signatures and C type of the IR call \p MI came from; every
  /// signature of the function and no C type when there is none.
  Types forMachineCall(const MachineInstr &MI) const {
    if (const DILocation *L = MI.getDebugLoc().get()) {
      auto It = ByLoc.find(L);
      if (It != ByLoc.end()) {
        Types T = It->second;
        if (T.Untyped)
          T.CTypes.clear();
        llvm::sort(T.CTypes);
        return T;
      }
    }
    return Types{SmallVector<uint32_t, 1>(All.begin(), All.end()), {}, true};
  }
};

/// Bytes the function uses below its stack pointer (the red zone): the
/// backend shrinks the frame of a leaf function by what fits there, and
/// -fstack-usage prints the shrunk number.
uint64_t redZoneBytes(const MachineFunction &MF, uint64_t StackSize) {
  const MachineFrameInfo &MFI = MF.getFrameInfo();
  if (MFI.hasVarSizedObjects() ||
      MF.getFunction().hasFnAttribute(Attribute::NoRedZone))
    return 0;
  int64_t Deepest = 0;
  for (int I = MFI.getObjectIndexBegin(), E = MFI.getObjectIndexEnd(); I != E;
       ++I) {
    if (MFI.isDeadObjectIndex(I) || MFI.isVariableSizedObjectIndex(I))
      continue;
    Deepest = std::max(Deepest, -MFI.getObjectOffset(I));
  }
  // Object offsets count from the stack pointer before the call; the local
  // area (after the return address on x86) starts getOffsetOfLocalArea()
  // below it.
  int64_t LocalArea =
      -MF.getSubtarget().getFrameLowering()->getOffsetOfLocalArea();
  int64_t Extent = Deepest - LocalArea;
  return Extent > static_cast<int64_t>(StackSize) ? Extent - StackSize : 0;
}

/// Bytes a realigning prologue may move the stack pointer beyond the frame
/// -fstack-usage prints. On x86-64 the prologue pushes, then `and`s the
/// stack pointer down to MaxAlign and subtracts the local area rounded up to
/// MaxAlign; -fstack-usage prints the size before either rounding. Both
/// roundings act on multiples of the pointer size, so each adds at most
/// MaxAlign - pointer size (perf_ibs_handle_irq in Linux 6.12: 696 printed,
/// 808 reserved, MaxAlign 64). The exact amount depends on the incoming
/// stack pointer, so the bound is what the path can rely on.
uint64_t realignBytes(const MachineFunction &MF) {
  const TargetRegisterInfo *TRI = MF.getSubtarget().getRegisterInfo();
  if (!TRI->hasStackRealignment(MF))
    return 0;
  uint64_t MaxAlign = MF.getFrameInfo().getMaxAlign().value();
  uint64_t Slot = MF.getDataLayout().getPointerSize();
  return MaxAlign > Slot ? 2 * (MaxAlign - Slot) : 0;
}

/// Outgoing arguments that live outside the frame. Without a reserved call
/// frame (x86 turns argument stores into pushes at -Os, or when a call
/// sequence is too irregular to reserve), the stack pointer moves down by
/// the call frame around each call and -fstack-usage does not count it.
/// Prologue/epilogue insertion rounds each call frame up to the stack
/// alignment (`subq $8` before three 8-byte pushes), so the largest call
/// frame, rounded the same way, bounds what any one call adds.
uint64_t callArgBytes(const MachineFunction &MF) {
  const MachineFrameInfo &MFI = MF.getFrameInfo();
  const TargetFrameLowering *TFI = MF.getSubtarget().getFrameLowering();
  if (!MFI.adjustsStack() || TFI->hasReservedCallFrame(MF))
    return 0;
  return alignTo(MFI.getMaxCallFrameSize(), TFI->getStackAlign());
}

/// Where the prologue saves the return address, when it saves it as a
/// callee-saved register (AArch64's link register in the frame record):
/// the slot's offset below the stack pointer at entry. Object offsets count
/// from the stack pointer before the call, which on such targets is the
/// one at entry (no return address pushed, getOffsetOfLocalArea() 0).
std::optional<uint64_t> returnAddressSlot(const MachineFunction &MF) {
  const MachineFrameInfo &MFI = MF.getFrameInfo();
  if (!MFI.isCalleeSavedInfoValid() ||
      MF.getSubtarget().getFrameLowering()->getOffsetOfLocalArea() != 0)
    return std::nullopt;
  MCRegister RA = MF.getSubtarget().getRegisterInfo()->getRARegister();
  for (const CalleeSavedInfo &CSI : MFI.getCalleeSavedInfo())
    if (CSI.getReg() == RA && !CSI.isSpilledToReg() &&
        MFI.getObjectOffset(CSI.getFrameIdx()) < 0)
      return static_cast<uint64_t>(-MFI.getObjectOffset(CSI.getFrameIdx()));
  return std::nullopt;
}

/// Indirect-branch thunks: by the time the frame is final, the backend has
/// turned a retpoline'd indirect call into a direct call to one of these.
bool isIndirectThunk(StringRef Symbol) {
  return Symbol.starts_with("__x86_indirect_thunk_") ||
         Symbol.starts_with("__x86_indirect_call_thunk_") ||
         Symbol.starts_with("__llvm_retpoline_") ||
         Symbol.starts_with("__llvm_lvi_thunk_");
}

std::string thunkName(const MachineFunction &MF, Register Reg) {
  const TargetRegisterInfo *TRI = MF.getSubtarget().getRegisterInfo();
  std::string RegName = StringRef(TRI->getName(Reg)).lower();
  StringRef Features =
      MF.getFunction().getFnAttribute("target-features").getValueAsString();
  if (Features.contains("+retpoline-external-thunk"))
    return "__x86_indirect_thunk_" + RegName;
  if (Features.contains("+lvi-cfi"))
    return "__llvm_lvi_thunk_" + RegName;
  return "__llvm_retpoline_" + RegName;
}

/// Whether \p MO names a function through its GOT slot. With -fno-plt
/// (and the `nonlazybind` declarations it makes) clang calls an external
/// function through the slot the dynamic linker fills with its address:
/// `call *f@GOTPCREL(%rip)` / `jmp *f@GOTPCREL(%rip)` on x86-64,
/// `adrp x8, :got:f; ldr x8, [x8, :got_lo12:f]; blr x8` on AArch64. The
/// slot holds f and nothing else, so such a call is a direct call to f.
/// Target flags are matched by their serialized (MIR) names, the one
/// spelling of them outside the targets' private headers.
bool isGOTReference(const MachineOperand &MO, const TargetInstrInfo &TII) {
  if (!MO.isGlobal() || !isa<Function>(MO.getGlobal()) || !MO.getTargetFlags())
    return false;
  auto [Direct, Bitmask] =
      TII.decomposeMachineOperandsTargetFlags(MO.getTargetFlags());
  auto IsGOTSlot = [](StringRef Name) {
    return Name == "x86-gotpcrel" || Name == "x86-gotpcrel-norelax" ||
           Name == "x86-got" || Name == "aarch64-got";
  };
  for (const auto &[Flag, Name] :
       TII.getSerializableDirectMachineOperandTargetFlags())
    if (Flag == Direct && IsGOTSlot(Name))
      return true;
  for (const auto &[Flag, Name] :
       TII.getSerializableBitmaskMachineOperandTargetFlags())
    if (Flag && (Bitmask & Flag) == Flag && IsGOTSlot(Name))
      return true;
  return false;
}

/// The function whose GOT slot the call \p MI through register \p Reg
/// jumps to: the last instruction before \p MI in its block that writes
/// \p Reg is a load from that slot (AArch64's LOADgot, or the ldr
/// :got_lo12: it expands to).
const MachineOperand *gotSlotLoadedInto(const MachineInstr &MI, Register Reg,
                                        const TargetInstrInfo &TII,
                                        const TargetRegisterInfo &TRI) {
  const MachineBasicBlock &MBB = *MI.getParent();
  for (const MachineInstr &Def :
       make_range(std::next(MachineBasicBlock::const_reverse_iterator(MI)),
                  MBB.rend())) {
    if (Def.isDebugInstr() || !Def.modifiesRegister(Reg, &TRI))
      continue;
    // LOADgot is a pseudo without mayLoad; what counts is that the value
    // comes from the slot, and only a load from it can name it last.
    if (Def.isCall())
      return nullptr;
    for (const MachineOperand &MO : Def.operands())
      if (isGOTReference(MO, TII))
        return &MO;
    return nullptr;
  }
  return nullptr;
}

class FrameCallRecorder : public MachineFunctionPass {
public:
  static char ID;
  FrameCallRecorder() : MachineFunctionPass(ID) {}

  StringRef getPassName() const override {
    return "stackbudget frame and call recorder";
  }

  void getAnalysisUsage(AnalysisUsage &AU) const override {
    AU.setPreservesAll();
    MachineFunctionPass::getAnalysisUsage(AU);
  }

  bool doInitialization(Module &M) override;
  bool runOnMachineFunction(MachineFunction &MF) override;
  bool doFinalization(Module &M) override;

private:
  FunctionFacts collect(const MachineFunction &MF) const;
  void collectCalls(const MachineFunction &MF, FunctionFacts &Facts) const;
  void addInlineAsmCalls(const MachineInstr &MI, FunctionFacts &Facts) const;
  void addMachineCall(const MachineFunction &MF, const MachineInstr &MI,
                      const IRIndirectCalls &IRCalls,
                      FunctionFacts &Facts) const;
  void checkTranslationUnitPaths(Module &M);

  void emitBlock(Module &M);

  bool OptionsValid = true;
  /// The TU's facts: written as one block (FactsFormat.h) once the last
  /// function is recorded, and kept for the compile-time path check.
  ObjectFacts TU;
  /// Whether the TU's block is written: the records are kept until then.
  bool Pending = false;
  /// The compile-time path check runs (only in a compiler: a linker runs
  /// the whole-program check instead).
  bool CollectTU = false;
  /// (caller, callee) for every direct call in the IR as it entered
  /// codegen. A machine call to a function not listed for its caller was
  /// added by the backend: the stack protector's __stack_chk_fail, atomics
  /// and other libcalls, mcount.
  DenseSet<std::pair<const Function *, const Function *>> IRDirectCalls;
  /// The module's C types of indirect calls by signature (CTypeFacts.h),
  /// read once per module.
  std::optional<CallTypeTable> CallTypes;
  /// The module's file names (SourcePaths.h), read once per module.
  std::optional<SourceFiles> Files;
  /// The syntax of the module's inline asm, from its target.
  std::optional<AsmDialect> Dialect;
};

char FrameCallRecorder::ID = 0;

/// Whether codegen runs on no function after F. The legacy pass manager
/// runs a machine function pass on the module's definitions in order,
/// available_externally ones excepted (MachineFunctionPass::runOnFunction);
/// AsmPrinter writes the globals in its doFinalization, which runs before
/// this pass's, so the block must be added while the last function is
/// recorded. Each call stops at the next definition, so over a module the
/// walks visit every function once.
static bool isLastCodegenFunction(const Function &F) {
  for (const Function &G :
       make_range(std::next(F.getIterator()), F.getParent()->end()))
    if (!G.isDeclaration() && !G.hasAvailableExternallyLinkage())
      return false;
  return true;
}

static bool hasCodegenFunction(const Module &M) {
  return any_of(M, [](const Function &F) {
    return !F.isDeclaration() && !F.hasAvailableExternallyLinkage();
  });
}

void FrameCallRecorder::emitBlock(Module &M) {
  std::string Bytes = encodeBlock(TU.Modules, TU.Functions);
  emitFactsGlobal(M, Bytes);
  // Inside an LTO link with the check on, the whole program is checked
  // from these records once codegen is over (LinkTimeCheck.h).
  noteEmittedRecord(M, Bytes);
  Pending = false;
}

bool FrameCallRecorder::doInitialization(Module &M) {
  // This runs before any pass of the codegen function pipeline, so the IR is
  // still the one the optimizer produced: no stack protector, no lowered
  // atomics (see the member's comment).
  IRDirectCalls.clear();
  CallTypes.emplace(M);
  Files.emplace(M);
  Dialect = asmDialectFor(Triple(M.getTargetTriple()));
  for (const Function &F : M)
    for (const BasicBlock &BB : F)
      for (const Instruction &I : BB)
        if (const auto *CB = dyn_cast<CallBase>(&I))
          if (const auto *Callee = dyn_cast<Function>(
                  CB->getCalledOperand()->stripPointerCasts()))
            IRDirectCalls.insert({&F, Callee});

  TU = ObjectFacts();
  Pending = false;
  if (Error E = loadOptionsFromEnvironment()) {
    M.getContext().diagnose(
        DiagnosticInfoGeneric(toString(std::move(E)), DS_Error));
    OptionsValid = false;
    return false;
  }
  const RecorderOptions &Opts = recorderOptions();
  CollectTU = Opts.TUCheck && !inLinkerProcess();
  if (!Opts.RecordFacts && !CollectTU)
    return false;
  TU.Origin = M.getSourceFileName();
  TU.Modules.push_back(collectModuleFacts(M, RecorderKind::Machine));
  Pending = Opts.RecordFacts;
  // A module without code (only data, or only declarations) gets its
  // module record now: no function will be recorded.
  if (Pending && !hasCodegenFunction(M))
    emitBlock(M);
  return false;
}

bool FrameCallRecorder::runOnMachineFunction(MachineFunction &MF) {
  if (!OptionsValid)
    return false;
  FunctionFacts Facts = collect(MF);
  reportFrameLimit(Facts, MF.getFunction());
  if (Pending || CollectTU)
    TU.Functions.push_back(std::move(Facts));
  if (Pending && isLastCodegenFunction(MF.getFunction()))
    emitBlock(*MF.getFunction().getParent());
  return false;
}

bool FrameCallRecorder::doFinalization(Module &M) {
  // Unreachable unless codegen skipped the function isLastCodegenFunction
  // took for the last: the object would then lack the facts of its
  // functions, which the check reports as functions without facts, never
  // as a smaller number. Say so now rather than let it pass.
  if (OptionsValid && Pending)
    M.getContext().diagnose(DiagnosticInfoGeneric(
        "stackbudget: the facts of " + Twine(TU.Functions.size()) +
            " functions of " + M.getSourceFileName() +
            " were not written: codegen did not reach the module's last "
            "function",
        DS_Error));
  if (OptionsValid && CollectTU)
    checkTranslationUnitPaths(M);
  TU = ObjectFacts();
  return false;
}

void FrameCallRecorder::checkTranslationUnitPaths(Module &M) {
  const RecorderOptions &Opts = recorderOptions();
  LLVMContext &Ctx = M.getContext();
  Profile P = defaultProfile(Opts.LinkStackSize);
  if (!Opts.LinkProfile.empty()) {
    Expected<Profile> Loaded = loadProfile(Opts.LinkProfile);
    if (!Loaded) {
      Ctx.diagnose(
          DiagnosticInfoGeneric(toString(Loaded.takeError()), DS_Error));
      return;
    }
    P = std::move(*Loaded);
  }
  Expected<std::vector<TranslationUnitFinding>> Findings =
      checkTranslationUnit(TU, P);
  if (!Findings) {
    Ctx.diagnose(DiagnosticInfoGeneric(
        "stackbudget: " + toString(Findings.takeError()), DS_Error));
    return;
  }
  DiagnosticSeverity Severity = Opts.Error ? DS_Error : DS_Warning;
  for (const TranslationUnitFinding &TF : *Findings) {
    Ctx.diagnose(RecorderFinding(RecorderFinding::Rule::Path, TF.Function,
                                 TF.Function, TF.Loc, TF.Text, Severity));
    for (const TranslationUnitFinding::Note &N : TF.Notes)
      Ctx.diagnose(RecorderFinding(RecorderFinding::Rule::PathNote,
                                   TF.Function, TF.Function, N.Loc, N.Text,
                                   DS_Note));
  }
}

FunctionFacts FrameCallRecorder::collect(const MachineFunction &MF) const {
  const Function &F = MF.getFunction();
  const MachineFrameInfo &MFI = MF.getFrameInfo();
  FunctionFacts Facts =
      collectFunctionHeader(F, RecorderKind::Machine, *Files);
  // The same sum AsmPrinter::emitStackUsage prints for -fstack-usage.
  Facts.Parts.Frame = MFI.getStackSize() + MFI.getUnsafeStackSize();
  Facts.Parts.RedZone = redZoneBytes(MF, MFI.getStackSize());
  Facts.Parts.Realign = realignBytes(MF);
  Facts.Parts.CallArgs = callArgBytes(MF);
  Facts.ReturnAddressSlot = returnAddressSlot(MF);
  if (MFI.hasVarSizedObjects())
    boundDynamicAllocas(F,
                        MF.getSubtarget().getFrameLowering()->getStackAlign(),
                        *Files, Facts);
  collectCalls(MF, Facts);
  return Facts;
}

void FrameCallRecorder::collectCalls(const MachineFunction &MF,
                                     FunctionFacts &Facts) const {
  const Function &F = MF.getFunction();
  IRIndirectCalls IRCalls(F, *CallTypes);

  // FEntryInserter runs after this pass.
  addFentryCall(F, Facts);

  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB.instrs()) {
      if (MI.isBundle() || MI.isDebugInstr())
        continue;
      // Counted above from the attribute, should a pipeline ever run
      // FEntryInserter first.
      if (MI.getOpcode() == TargetOpcode::FENTRY_CALL)
        continue;
      if (MI.isInlineAsm()) {
        addInlineAsmCalls(MI, Facts);
        continue;
      }
      if (MI.isCall(MachineInstr::IgnoreBundle))
        addMachineCall(MF, MI, IRCalls, Facts);
    }
}

void FrameCallRecorder::addMachineCall(const MachineFunction &MF,
                                       const MachineInstr &MI,
                                       const IRIndirectCalls &IRCalls,
                                       FunctionFacts &Facts) const {
  const TargetInstrInfo *TII = MF.getSubtarget().getInstrInfo();
  CallFact C;
  C.IsTail = MI.isReturn(MachineInstr::IgnoreBundle);
  C.Loc = Files->loc(MI.getDebugLoc());

  const MachineOperand *Target = nullptr;
  Register TargetReg;
  for (const MachineOperand &MO : MI.operands()) {
    if (MO.isGlobal() || MO.isSymbol() || MO.isMCSymbol()) {
      Target = &MO;
      break;
    }
    if (MO.isReg() && MO.getReg() && !MO.isImplicit() && MO.isUse() &&
        !TargetReg)
      TargetReg = MO.getReg();
  }

  auto MakeIndirect = [&](std::string Via) {
    C.Kind = CallKind::Indirect;
    C.Callee.clear();
    IRIndirectCalls::Types Types = IRCalls.forMachineCall(MI);
    CallDetails &D = C.editDetails();
    D.SignatureIds.assign(Types.Sigs.begin(), Types.Sigs.end());
    D.CTypeIds = std::move(Types.CTypes);
    // Under -fsanitize=kcfi the machine call carries the checked type.
    if (uint32_t Kcfi = MI.getCFIType())
      D.CTypeIds = {Kcfi};
    IRCalls.Fields.describe(MI.getDebugLoc().get(), C);
    if (!Via.empty()) {
      C.Origin = CallOrigin::Thunk;
      D.Via = std::move(Via);
    }
    if (D.SignatureIds.empty() && D.CTypeIds.empty())
      D.Reason = "indirect call with no IR counterpart to type it";
    Facts.Calls.push_back(std::move(C));
  };

  // A call that reads its target from memory is indirect even when the
  // address names a symbol: `call *ops(%rip)` has a global operand, the
  // function pointer variable, not the callee; unless the memory is the
  // callee's GOT slot (-fno-plt).
  if (MI.mayLoad() && !(Target && isGOTReference(*Target, *TII))) {
    MakeIndirect(std::string());
    return;
  }
  if (TargetReg && !Target)
    Target = gotSlotLoadedInto(MI, TargetReg, *TII,
                               *MF.getSubtarget().getRegisterInfo());

  if (Target) {
    C.Kind = CallKind::Direct;
    if (Target->isGlobal()) {
      const GlobalValue *GV = Target->getGlobal();
      C.Callee = symbolName(*GV);
      const auto *Fn = dyn_cast<Function>(GV);
      if (Fn && !IRDirectCalls.contains({&MF.getFunction(), Fn}))
        C.Origin = CallOrigin::Libcall;
    } else if (Target->isSymbol()) {
      C.Callee = Target->getSymbolName();
      C.Origin = CallOrigin::Libcall;
    } else {
      C.Callee = Target->getMCSymbol()->getName().str();
      C.Origin = CallOrigin::Libcall;
    }
    if (isIndirectThunk(C.Callee)) {
      MakeIndirect(C.Callee);
      return;
    }
    Facts.Calls.push_back(std::move(C));
    return;
  }

  StringRef Opcode = TII->getName(MI.getOpcode());
  if (TargetReg) {
    MakeIndirect(Opcode.contains("INDIRECT_THUNK") && TargetReg
                     ? thunkName(MF, TargetReg)
                     : std::string());
    return;
  }

  C.Kind = CallKind::Unknown;
  C.editDetails().Reason =
      ("call instruction " + Opcode + " has no callee operand").str();
  Facts.Calls.push_back(std::move(C));
}

void FrameCallRecorder::addInlineAsmCalls(const MachineInstr &MI,
                                          FunctionFacts &Facts) const {
  StringRef Text = MI.getOperand(InlineAsm::MIOp_AsmString).getSymbolName();
  Facts.Parts.AsmStack =
      std::max(Facts.Parts.AsmStack, scanAsmStackBytes(Text, *Dialect));
  std::vector<AsmCall> Calls = scanAsmCalls(Text, *Dialect);
  if (Calls.empty())
    return;

  // Operand N of the asm text is the N-th operand group after the fixed
  // operands: a flag word followed by its registers or value.
  SmallVector<const MachineOperand *, 8> Groups;
  for (unsigned I = InlineAsm::MIOp_FirstOperand, E = MI.getNumOperands();
       I < E;) {
    const MachineOperand &FlagMO = MI.getOperand(I);
    if (!FlagMO.isImm())
      break;
    InlineAsm::Flag Flag(FlagMO.getImm());
    unsigned N = Flag.getNumOperandRegisters();
    Groups.push_back(N > 0 && I + 1 < E ? &MI.getOperand(I + 1) : nullptr);
    I += 1 + N;
  }

  for (const AsmCall &AC : Calls) {
    const MachineOperand *MO = AC.OperandNo && *AC.OperandNo < Groups.size()
                                   ? Groups[*AC.OperandNo]
                                   : nullptr;
    AsmCallOperand Operand;
    if (MO && MO->isMBB())
      Operand.IsLabel = true;
    else if (MO && MO->isImm())
      Operand.Immediate = MO->getImm();
    else if (MO && MO->isGlobal())
      Operand.Global = symbolName(*MO->getGlobal());
    if (std::optional<CallFact> C =
            asmCallFact(AC, Operand, Files->loc(MI.getDebugLoc())))
      Facts.Calls.push_back(std::move(*C));
  }
}

} // namespace

Pass *createFrameCallRecorderPass() { return new FrameCallRecorder(); }

} // namespace stackbudget

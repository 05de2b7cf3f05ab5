//===- MachineCodeFrames.cpp - Frames and calls read from machine code ----===//

#include "stackbudget/MachineCodeFrames.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstPrinter.h"
#include "llvm/MC/MCInstrAnalysis.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>

using namespace llvm;
using namespace llvm::object;

namespace stackbudget {
namespace {

// LLVM 22 takes a Triple where LLVM 19 took its string (the string
// overloads are deprecated in 22).
#if LLVM_VERSION_MAJOR >= 22
const Triple &tripleArg(const Triple &T) { return T; }
#else
std::string tripleArg(const Triple &T) { return T.str(); }
#endif

/// The MC layer of one target, created once per object.
struct Disassembler {
  std::unique_ptr<MCRegisterInfo> MRI;
  std::unique_ptr<MCAsmInfo> MAI;
  std::unique_ptr<MCSubtargetInfo> STI;
  std::unique_ptr<MCInstrInfo> MII;
  std::unique_ptr<MCContext> Ctx;
  std::unique_ptr<MCDisassembler> DisAsm;
  std::unique_ptr<MCInstrAnalysis> MIA;
  std::unique_ptr<MCInstPrinter> Printer;
  MCRegister RSP, RBP;

  static Expected<std::unique_ptr<Disassembler>> create(const Triple &T);
  /// The instruction as `llvm-objdump -d` prints it (AT&T syntax).
  std::string text(const MCInst &I, uint64_t Address) const {
    std::string S;
    raw_string_ostream OS(S);
    Printer->printInst(&I, Address, "", *STI, OS);
    std::replace(S.begin(), S.end(), '\t', ' ');
    return StringRef(S).trim().str();
  }
  StringRef opcodeName(const MCInst &I) const {
    return MII->getName(I.getOpcode());
  }
  bool defines(const MCInst &I, MCRegister R) const {
    return MII->get(I.getOpcode()).hasDefOfPhysReg(I, R, *MRI);
  }
  bool isReg(const MCOperand &Op, MCRegister R) const {
    return Op.isReg() && Op.getReg() == R;
  }
};

Expected<std::unique_ptr<Disassembler>> Disassembler::create(const Triple &T) {
  static std::once_flag Once;
  std::call_once(Once, [] {
    InitializeAllTargetInfos();
    InitializeAllTargetMCs();
    InitializeAllDisassemblers();
  });
  std::string Err;
  const Target *TheTarget = TargetRegistry::lookupTarget(tripleArg(T), Err);
  if (!TheTarget)
    return createStringError(inconvertibleErrorCode(), Err);
  auto D = std::make_unique<Disassembler>();
  D->MRI.reset(TheTarget->createMCRegInfo(tripleArg(T)));
  MCTargetOptions Options;
  if (D->MRI)
    D->MAI.reset(TheTarget->createMCAsmInfo(*D->MRI, tripleArg(T), Options));
  D->STI.reset(TheTarget->createMCSubtargetInfo(tripleArg(T), "", ""));
  D->MII.reset(TheTarget->createMCInstrInfo());
  if (!D->MRI || !D->MAI || !D->STI || !D->MII)
    return createStringError(inconvertibleErrorCode(),
                             "no MC layer for " + T.str());
  D->Ctx = std::make_unique<MCContext>(T, D->MAI.get(), D->MRI.get(),
                                       D->STI.get());
  D->DisAsm.reset(TheTarget->createMCDisassembler(*D->STI, *D->Ctx));
  D->MIA.reset(TheTarget->createMCInstrAnalysis(D->MII.get()));
  D->Printer.reset(TheTarget->createMCInstPrinter(
      T, /*SyntaxVariant=*/0, *D->MAI, *D->MII, *D->MRI));
  if (!D->DisAsm || !D->MIA || !D->Printer)
    return createStringError(inconvertibleErrorCode(),
                             "no disassembler for " + T.str());
  for (unsigned R = 1, E = D->MRI->getNumRegs(); R != E; ++R) {
    StringRef Name = D->MRI->getName(R);
    if (Name == "RSP")
      D->RSP = R;
    else if (Name == "RBP")
      D->RBP = R;
  }
  if (!D->RSP || !D->RBP)
    return createStringError(inconvertibleErrorCode(),
                             "no stack pointer register in " + T.str());
  return std::move(D);
}

/// A relocation of a code section: at Offset, Sym + Addend.
struct Reloc {
  uint64_t Offset = 0;
  std::optional<SymbolRef> Sym;
  int64_t Addend = 0;
};

/// Where \p Sym is in its section: its value, less the section's address
/// in a linked object.
Expected<uint64_t> sectionOffset(const SymbolRef &Sym, const SectionRef &Sec) {
  Expected<uint64_t> Value = Sym.getValue();
  if (!Value || Sym.getObject()->isRelocatableObject())
    return Value;
  return *Value - Sec.getAddress();
}

/// A place in the code: a section and an offset in it.
using SectionPlace = std::pair<uint64_t, uint64_t>;

/// A function symbol the object defines.
struct FunctionSym {
  std::string Name;
  Linkage Link = Linkage::Global;
  /// The TU it belongs to (FunctionFacts::TU).
  std::string TU;
  SectionPlace Place;
  uint64_t Size = 0;
};

/// What one object offers to the reading of its functions.
class ObjectCode {
public:
  /// \p Facts are the object's records, \p Origin the object.
  static Expected<ObjectCode> create(const ELFObjectFileBase &Obj,
                                     const ObjectFacts &Facts,
                                     StringRef Origin);

  /// The relocation applied inside [Begin, End) of section \p Sec.
  const Reloc *relocIn(uint64_t Sec, uint64_t Begin, uint64_t End) const {
    auto It = Relocs.find(Sec);
    if (It == Relocs.end())
      return nullptr;
    auto R = It->second.lower_bound(Begin);
    if (R == It->second.end() || R->first >= End)
      return nullptr;
    return &R->second;
  }
  /// The function symbol that starts at \p Place; null if none. Of
  /// several (aliases), the first global one, else the first one.
  const FunctionSym *functionAt(SectionPlace Place) const {
    auto It = At.find(Place);
    return It == At.end() ? nullptr : &Functions[It->second];
  }
  /// Every function symbol, in symbol-table order.
  ArrayRef<FunctionSym> functions() const { return Functions; }
  /// The replacements the kernel may patch over the code at \p Place at
  /// boot (`.altinstructions`): each one's bytes (empty: nops), none where
  /// they are not in the object's code.
  std::vector<std::optional<StringRef>>
  replacementsAt(SectionPlace Place) const;

  /// Reads the relocations \p Rel of `.altinstructions`: an entry's field
  /// at K (`instr_offset`, PC-relative) names the patched place, the one at
  /// K + 4 (`repl_offset`) its replacement.
  Error readPatches(const SectionRef &Rel);

  /// The MC layer for \p T, created on first use.
  Expected<const Disassembler *> disassembler(const Triple &T);

private:
  std::unique_ptr<Disassembler> D;
  DenseMap<uint64_t, std::map<uint64_t, Reloc>> Relocs;
  std::vector<FunctionSym> Functions;
  std::map<SectionPlace, size_t> At;
  /// `.altinstructions`: each patched place and where its replacements
  /// start.
  std::multimap<SectionPlace, SectionPlace> Patches;
  /// Where replacements start in each section, and the section's bytes: a
  /// replacement runs to the next one's start.
  std::map<uint64_t, std::set<uint64_t>> ReplacementStarts;
  DenseMap<uint64_t, StringRef> Contents;
};

std::vector<std::optional<StringRef>>
ObjectCode::replacementsAt(SectionPlace Place) const {
  std::vector<std::optional<StringRef>> Out;
  auto [B, E] = Patches.equal_range(Place);
  for (auto It = B; It != E; ++It) {
    auto [Sec, Off] = It->second;
    auto Bytes = Contents.find(Sec);
    const std::set<uint64_t> &Starts = ReplacementStarts.find(Sec)->second;
    auto Next = Starts.upper_bound(Off);
    if (Bytes == Contents.end() || Off > Bytes->second.size()) {
      Out.push_back(std::nullopt);
      continue;
    }
    uint64_t End = Next == Starts.end() ? Bytes->second.size() : *Next;
    Out.push_back(Bytes->second.slice(Off, End));
  }
  return Out;
}

Error ObjectCode::readPatches(const SectionRef &Rel) {
  std::map<uint64_t, SectionPlace> Fields;
  for (const RelocationRef &R : Rel.relocations()) {
    symbol_iterator Sym = R.getSymbol();
    if (Sym == Rel.getObject()->symbol_end())
      continue;
    Expected<section_iterator> Sec = Sym->getSection();
    if (!Sec)
      return Sec.takeError();
    if (*Sec == Rel.getObject()->section_end())
      continue;
    Expected<uint64_t> Value = sectionOffset(*Sym, **Sec);
    if (!Value)
      return Value.takeError();
    Expected<int64_t> Addend = ELFRelocationRef(R).getAddend();
    if (!Addend)
      return Addend.takeError();
    Fields[R.getOffset()] = {(*Sec)->getIndex(), *Value + *Addend};
  }
  for (const auto &[K, Orig] : Fields) {
    auto Repl = Fields.find(K + 4);
    if (Repl == Fields.end())
      continue;
    Patches.insert({Orig, Repl->second});
    ReplacementStarts[Repl->second.first].insert(Repl->second.second);
  }
  return Error::success();
}

Expected<const Disassembler *> ObjectCode::disassembler(const Triple &T) {
  if (!D) {
    Expected<std::unique_ptr<Disassembler>> Created = Disassembler::create(T);
    if (!Created)
      return Created.takeError();
    D = std::move(*Created);
  }
  return D.get();
}

/// The TUs with facts by file name, to name the TU of an STT_FILE symbol:
/// an `ld -r` output names files without their directory, the facts with
/// it.
class TUsByFileName {
public:
  /// Counts one more file symbol of name \p File in the object.
  void sawFileSymbol(StringRef File) { ++FileSymbols[File]; }

  explicit TUsByFileName(const ObjectFacts &Facts) {
    for (const ModuleFacts &M : Facts.Modules) {
      auto [It, New] =
          ByName.try_emplace(sys::path::filename(M.TU), M.TU, 0);
      ++It->second.second;
    }
    // Only a file name several TUs share needs its static functions.
    for (const FunctionFacts &F : Facts.Functions)
      if (F.Link == Linkage::Local) {
        StringRef File = sys::path::filename(F.TU);
        auto Named = ByName.find(File);
        if (Named != ByName.end() && Named->second.second > 1)
          LocalIn[{File, F.Name}].insert(F.TU);
      }
  }
  /// The TU with facts of that file name when there is exactly one, else
  /// the name itself.
  std::string tuOf(StringRef File) const {
    if (sys::path::filename(File) != File)
      return File.str();
    auto It = ByName.find(File);
    return It != ByName.end() && It->second.second == 1 ? It->second.first
                                                        : File.str();
  }
  /// The TU of the local symbol \p Symbol that follows the file symbol
  /// \p File: of several TUs of that file name (an `ld -r` output has many
  /// `core.c`), the one whose facts define a `static` function of that
  /// name, when only one does.
  std::string tuOf(StringRef File, StringRef Symbol) const {
    std::string TU = tuOf(File);
    if (TU != File || sys::path::filename(File) != File)
      return TU;
    // A file of that name without facts (C built without the plugin) may
    // define the same `static` name: only when every file of the name has
    // facts does the one that defines it say which it is.
    auto Named = ByName.find(File);
    if (Named == ByName.end() ||
        FileSymbols.lookup(File) != Named->second.second)
      return TU;
    auto It = LocalIn.find({File, Symbol});
    if (It != LocalIn.end() && It->second.size() == 1)
      return It->second.begin()->str();
    return TU;
  }

private:
  StringMap<std::pair<std::string, unsigned>> ByName;
  StringMap<unsigned> FileSymbols;
  /// (file name, static function) -> the TUs of that file name that
  /// define it, for the file names several TUs share.
  std::map<std::pair<StringRef, StringRef>, std::set<StringRef>> LocalIn;
};

Expected<ObjectCode> ObjectCode::create(const ELFObjectFileBase &Obj,
                                        const ObjectFacts &Facts,
                                        StringRef Origin) {
  ObjectCode C;
  for (const SectionRef &S : Obj.sections()) {
    Expected<section_iterator> Target = S.getRelocatedSection();
    if (!Target)
      return Target.takeError();
    if (*Target == Obj.section_end())
      continue;
    Expected<StringRef> TargetName = (*Target)->getName();
    if (!TargetName)
      return TargetName.takeError();
    if (*TargetName == ".altinstructions") {
      if (Error E = C.readPatches(S))
        return std::move(E);
      continue;
    }
    if (!(*Target)->isText())
      continue;
    std::map<uint64_t, Reloc> &Map = C.Relocs[(*Target)->getIndex()];
    for (const RelocationRef &R : S.relocations()) {
      Reloc X;
      X.Offset = R.getOffset();
      if (R.getSymbol() != Obj.symbol_end())
        X.Sym = *R.getSymbol();
      Expected<int64_t> Addend = ELFRelocationRef(R).getAddend();
      if (Addend)
        X.Addend = *Addend;
      else
        consumeError(Addend.takeError()); // REL, not RELA: addend 0
      Map[X.Offset] = X;
    }
  }

  for (const SectionRef &S : Obj.sections()) {
    if (!S.isText())
      continue;
    Expected<StringRef> Bytes = S.getContents();
    if (!Bytes)
      return Bytes.takeError();
    C.Contents[S.getIndex()] = *Bytes;
  }

  // A local symbol belongs to the file the STT_FILE symbol before it
  // names; a global one (they all follow the locals) to the object's only
  // file, else to the object.
  TUsByFileName TUs(Facts);
  // The last file symbol's name: a local symbol's TU depends on the
  // symbol's name too when several TUs share it (TUsByFileName::tuOf).
  std::string FileName, OnlyFile;
  unsigned Files = 0;
  for (const ELFSymbolRef &Sym : Obj.symbols())
    if (Sym.getELFType() == ELF::STT_FILE) {
      Expected<StringRef> Name = Sym.getName();
      if (!Name)
        return Name.takeError();
      OnlyFile = TUs.tuOf(*Name);
      TUs.sawFileSymbol(*Name);
      ++Files;
    }
  if (Files != 1)
    OnlyFile = Origin.str();

  for (const ELFSymbolRef &Sym : Obj.symbols()) {
    Expected<StringRef> Name = Sym.getName();
    if (!Name)
      return Name.takeError();
    if (Sym.getELFType() == ELF::STT_FILE) {
      FileName = Name->str();
      continue;
    }
    if (!isCodeSymbol(Sym))
      continue;
    Expected<section_iterator> Sec = Sym.getSection();
    if (!Sec)
      return Sec.takeError();
    if (*Sec == Obj.section_end())
      continue;
    Expected<uint64_t> Value = sectionOffset(Sym, **Sec);
    if (!Value)
      return Value.takeError();
    FunctionSym F;
    F.Name = Name->str();
    F.Place = {(*Sec)->getIndex(), *Value};
    F.Size = Sym.getSize();
    switch (Sym.getBinding()) {
    case ELF::STB_LOCAL:
      F.Link = Linkage::Local;
      F.TU = FileName.empty() ? Origin.str() : TUs.tuOf(FileName, *Name);
      break;
    case ELF::STB_WEAK:
      F.Link = Linkage::Weak;
      F.TU = OnlyFile;
      break;
    default:
      F.Link = Linkage::Global;
      F.TU = OnlyFile;
      break;
    }
    auto [It, New] = C.At.try_emplace(F.Place, C.Functions.size());
    if (!New && F.Link != Linkage::Local &&
        C.Functions[It->second].Link == Linkage::Local)
      It->second = C.Functions.size();
    C.Functions.push_back(std::move(F));
  }
  return std::move(C);
}

/// The stack at one instruction: the bytes below the stack pointer at entry
/// (after the return address), and where %rbp points in the same terms
/// when it was set from %rsp.
struct StackState {
  int64_t Depth = 0;
  std::optional<int64_t> FramePointer;
  /// The stack pointer was set to what the reading cannot follow (a stack
  /// switch): the frame is unknown, and the code after it is still read
  /// for its calls, which the graph must have all of.
  bool Lost = false;
  static StackState lost() {
    StackState S;
    S.Lost = true;
    return S;
  }
  /// Nothing of this frame is below the stack pointer: a jump replaces it.
  bool atEntry() const { return !Lost && Depth == 0; }
};

/// A symbol a call or jump goes to; TU set for a local one.
struct CalleeRef {
  std::string Name;
  std::string TU;
};

/// Reads one function: [Start, Start + Size) of section Sec.
class FunctionReader {
public:
  FunctionReader(const ObjectCode &Code, const Disassembler &D,
                 const FunctionSym &F, uint64_t SecAddress, StringRef Bytes)
      : Code(Code), D(D), Name(F.Name), Sec(F.Place.first),
        SecAddress(SecAddress), Bytes(Bytes), Start(F.Place.second),
        Size(F.Size) {}

  /// Fills Frame, FrameUnknown and Calls of \p F.
  void read(FunctionFacts &F);

private:
  const ObjectCode &Code;
  const Disassembler &D;
  StringRef Name;
  uint64_t Sec;
  uint64_t SecAddress;
  StringRef Bytes;
  uint64_t Start;
  uint64_t Size;

  int64_t MaxDepth = 0;
  std::string Unknown;
  /// By the offset of the instruction: in the order of the addresses (what
  /// an `index` annotation counts), once however often it is reached.
  std::map<uint64_t, CallFact> Calls;
  /// The state each reached instruction (offset in the function) has.
  DenseMap<uint64_t, StackState> Seen;
  /// Offsets read once the stack pointer was lost.
  DenseSet<uint64_t> SeenLost;
  std::vector<std::pair<uint64_t, StackState>> Work;
  /// What follows a trap (`ud2`, `int3`), read once Work is done: every
  /// path that does not go through a trap has then been read, so code
  /// after a trap that meets it at another depth is no path (AfterTrap).
  std::vector<std::pair<uint64_t, StackState>> TrapWork;
  bool AfterTrap = false;

  std::string where(uint64_t Off) const {
    std::string S;
    raw_string_ostream OS(S);
    OS << Name << "+" << format_hex(Off, 0);
    return S;
  }
  void frameUnknown(uint64_t Off, const Twine &Why) {
    if (Unknown.empty())
      Unknown = (Why + " at " + where(Off)).str();
  }
  void unknownCall(uint64_t Off, const Twine &Why, bool Tail) {
    CallFact C;
    C.Kind = CallKind::Unknown;
    C.IsTail = Tail;
    C.editDetails().Reason = (Why + " at " + where(Off)).str();
    Calls.try_emplace(Off, std::move(C));
  }
  /// An indirect call or jump: an asm call without a target, which only an
  /// `index` annotation resolves (docs/annotations-format.md); through
  /// retpoline thunk \p Via if any.
  void indirectCall(uint64_t Off, const Twine &Why, bool Tail,
                    StringRef Via = "") {
    CallFact C;
    C.Kind = CallKind::Asm;
    C.IsTail = Tail;
    C.editDetails().Via = Via.str();
    if (!Via.empty())
      C.Origin = CallOrigin::Thunk;
    C.editDetails().Reason = (Why + " at " + where(Off)).str();
    Calls.try_emplace(Off, std::move(C));
  }
  void directCall(uint64_t Off, const CalleeRef &Callee, bool Tail) {
    CallFact C;
    C.Kind = CallKind::Direct;
    C.IsTail = Tail;
    C.Callee = Callee.Name;
    C.editDetails().CalleeTU = Callee.TU;
    Calls.try_emplace(Off, std::move(C));
  }
  void branchTo(uint64_t Off, const StackState &S) { Work.push_back({Off, S}); }

  enum class Target { Inside, Symbol, Lost };
  /// Where the branch or call \p I at \p Off (\p Len bytes) goes: inside
  /// this function (\p Inside, an offset in it), to a symbol (\p Callee),
  /// or somewhere the reading cannot name (\p Why).
  Target branchTarget(const MCInst &I, uint64_t Off, uint64_t Len,
                      uint64_t &Inside, CalleeRef &Callee,
                      std::string &Why) const;
  /// The function that starts at \p Place of the code.
  bool functionAt(SectionPlace Place, CalleeRef &Callee) const {
    const FunctionSym *F = Code.functionAt(Place);
    if (!F)
      return false;
    Callee.Name = F->Name;
    Callee.TU = F->Link == Linkage::Local ? F->TU : "";
    return true;
  }
  /// Whether replacement code \p Bytes only changes registers and memory:
  /// no call, branch, return or write of the stack pointer.
  bool isPlainReplacement(StringRef Bytes) const;
  /// Follows one path from \p Off until it returns, leaves the function or
  /// meets something it cannot follow; conditional branches add the
  /// fall-through to the work list.
  void walk(uint64_t Off, StackState S);
  /// The stack effect of \p I; false (and the frame unknown) when the
  /// stack pointer becomes something the walk cannot follow.
  bool step(const MCInst &I, uint64_t Off, StackState &S);
  /// A call or jump to another function (or to a thunk) at depth \p S.
  /// Returns whether the path ends with it.
  bool callOut(const CalleeRef &Callee, uint64_t Off, const StackState &S,
               bool IsJump, bool Conditional);
};

bool FunctionReader::isPlainReplacement(StringRef Bytes) const {
  ArrayRef<uint8_t> Window(reinterpret_cast<const uint8_t *>(Bytes.data()),
                           Bytes.size());
  for (uint64_t Off = 0; Off < Window.size();) {
    MCInst I;
    uint64_t Len = 0;
    if (D.DisAsm->getInstruction(I, Len, Window.slice(Off), Off, nulls()) ==
            MCDisassembler::Fail ||
        Len == 0)
      return false;
    if (D.MIA->isCall(I) || D.MIA->isBranch(I) || D.MIA->isReturn(I) ||
        D.defines(I, D.RSP))
      return false;
    Off += Len;
  }
  return true;
}

FunctionReader::Target
FunctionReader::branchTarget(const MCInst &I, uint64_t Off, uint64_t Len,
                             uint64_t &Inside, CalleeRef &Callee,
                             std::string &Why) const {
  uint64_t SecOff = Start + Off;
  // A relocated displacement: the target is its symbol plus the addend,
  // counted from the field's end, which is the instruction's end for the
  // PC-relative branches of x86-64.
  if (const Reloc *R = Code.relocIn(Sec, SecOff, SecOff + Len)) {
    uint64_t Extra = R->Addend + (SecOff + Len - R->Offset);
    if (!R->Sym) {
      Why = "a relocation without a symbol";
      return Target::Lost;
    }
    Expected<section_iterator> SymSec = R->Sym->getSection();
    Expected<StringRef> SymName = R->Sym->getName();
    if (!SymSec || !SymName) {
      consumeError(SymSec.takeError());
      consumeError(SymName.takeError());
      Why = "an unreadable relocation";
      return Target::Lost;
    }
    if (*SymSec == R->Sym->getObject()->section_end()) {
      // Undefined: another object's symbol.
      if (Extra != 0) {
        Why = ("a jump into '" + *SymName + "'+" + Twine(Extra)).str();
        return Target::Lost;
      }
      Callee.Name = SymName->str();
      return Target::Symbol;
    }
    Expected<uint64_t> Value = sectionOffset(*R->Sym, **SymSec);
    if (!Value) {
      consumeError(Value.takeError());
      Why = "an unreadable relocation";
      return Target::Lost;
    }
    uint64_t TSec = (*SymSec)->getIndex();
    uint64_t TOff = *Value + Extra;
    if (TSec == Sec && TOff >= Start && TOff < Start + Size) {
      Inside = TOff - Start;
      return Target::Inside;
    }
    if (functionAt({TSec, TOff}, Callee))
      return Target::Symbol;
    // A symbol that is no function (the kernel's SYM_CODE entry code): a
    // callee without facts, as before machine code was read.
    Expected<SymbolRef::Type> Type = R->Sym->getType();
    if (Type && *Type != SymbolRef::ST_Debug && Extra == 0 &&
        !SymName->empty()) {
      Callee.Name = SymName->str();
      return Target::Symbol;
    }
    if (!Type)
      consumeError(Type.takeError());
    Why = ("a jump to '" + *SymName + "'+" + Twine(Extra) +
           ", where no function starts")
              .str();
    return Target::Lost;
  }
  // Resolved by the assembler: a place in this section.
  uint64_t Abs;
  if (!D.MIA->evaluateBranch(I, SecAddress + SecOff, Len, Abs)) {
    Why = "a branch whose target the disassembler cannot evaluate";
    return Target::Lost;
  }
  uint64_t TOff = Abs - SecAddress;
  if (TOff >= Start && TOff < Start + Size) {
    Inside = TOff - Start;
    return Target::Inside;
  }
  if (functionAt({Sec, TOff}, Callee))
    return Target::Symbol;
  Why = "a jump to a place where no function starts";
  return Target::Lost;
}

static bool isIndirectThunk(StringRef Callee) {
  return Callee.starts_with("__x86_indirect_thunk_") ||
         Callee.starts_with("__x86_indirect_call_thunk_") ||
         Callee.starts_with("__x86_indirect_jump_thunk_");
}

bool FunctionReader::callOut(const CalleeRef &To, uint64_t Off,
                             const StackState &S, bool IsJump,
                             bool Conditional) {
  StringRef Callee = To.Name;
  // The kernel's `RET` is a jump to its return thunk.
  if (IsJump && Callee == "__x86_return_thunk") {
    if (!S.Lost && S.Depth != 0)
      frameUnknown(Off, "a return with " + Twine(S.Depth) +
                            " bytes left on its stack");
    return !Conditional;
  }
  if (isIndirectThunk(Callee)) {
    indirectCall(Off,
                 "indirect " + Twine(IsJump ? "jump" : "call") +
                     " through '" + Callee + "' in machine code",
                 IsJump && S.atEntry(), Callee);
    return IsJump && !Conditional;
  }
  // A jump with nothing on the stack replaces this frame; one with bytes
  // still pushed runs on top of them, like a call.
  directCall(Off, To, IsJump && S.atEntry());
  return IsJump && !Conditional;
}

bool FunctionReader::step(const MCInst &I, uint64_t Off, StackState &S) {
  StringRef Op = D.opcodeName(I);
  auto Computed = [&] {
    frameUnknown(Off, "stack pointer computed by '" +
                          D.text(I, SecAddress + Start + Off) + "'");
    return false;
  };
  auto ImmOf = [&](unsigned N) -> std::optional<int64_t> {
    if (I.getNumOperands() > N && I.getOperand(N).isImm())
      return I.getOperand(N).getImm();
    return std::nullopt;
  };
  if (Op.starts_with("PUSH64") || Op == "PUSHF64" || Op == "PUSHFS64" ||
      Op == "PUSHGS64") {
    S.Depth += 8;
    return true;
  }
  if (Op.starts_with("PUSH16") || Op == "PUSHF16" || Op == "PUSHFS16" ||
      Op == "PUSHGS16") {
    S.Depth += 2;
    return true;
  }
  if (Op.starts_with("POP64") || Op == "POPF64" || Op == "POPFS64" ||
      Op == "POPGS64") {
    // pop %rsp; a memory destination (popq 8(%rsp)) is only addressed
    // through it.
    if (Op == "POP64r" && D.isReg(I.getOperand(0), D.RSP))
      return Computed();
    if (Op == "POP64r" && D.isReg(I.getOperand(0), D.RBP))
      S.FramePointer.reset();
    S.Depth -= 8;
    return true;
  }
  if (Op.starts_with("POP16") || Op == "POPF16" || Op == "POPFS16" ||
      Op == "POPGS16") {
    S.Depth -= 2;
    return true;
  }
  if (Op == "ENTER") {
    std::optional<int64_t> Bytes = ImmOf(0), Level = ImmOf(1);
    if (!Bytes || !Level || *Level != 0)
      return Computed();
    S.Depth += 8;
    S.FramePointer = S.Depth;
    S.Depth += *Bytes;
    return true;
  }
  if (Op == "LEAVE64") {
    if (!S.FramePointer)
      return Computed();
    S.Depth = *S.FramePointer - 8;
    S.FramePointer.reset();
    return true;
  }
  bool DefsSP = D.defines(I, D.RSP);
  if (!DefsSP) {
    // mov %rsp,%rbp sets the frame pointer; any other write of %rbp loses it.
    if (Op == "MOV64rr" && D.isReg(I.getOperand(0), D.RBP) &&
        D.isReg(I.getOperand(1), D.RSP))
      S.FramePointer = S.Depth;
    else if (D.defines(I, D.RBP))
      S.FramePointer.reset();
    return true;
  }
  // Writes of %rsp the walk follows: a constant added or subtracted, lea
  // from %rsp or the frame pointer, mov from the frame pointer.
  bool IntoSP = I.getNumOperands() > 0 && D.isReg(I.getOperand(0), D.RSP);
  if (IntoSP && I.getNumOperands() > 2 && D.isReg(I.getOperand(1), D.RSP) &&
      (Op == "SUB64ri8" || Op == "SUB64ri32" || Op == "ADD64ri8" ||
       Op == "ADD64ri32")) {
    std::optional<int64_t> Imm = ImmOf(2);
    if (!Imm)
      return Computed();
    S.Depth += Op.starts_with("SUB") ? *Imm : -*Imm;
    return true;
  }
  // and $-N,%rsp realigns: it drops at most N - 8 bytes from a stack
  // pointer that is 8-aligned. The depth becomes that bound; a restore from
  // the frame pointer makes it exact again.
  if (IntoSP && I.getNumOperands() > 2 && D.isReg(I.getOperand(1), D.RSP) &&
      (Op == "AND64ri8" || Op == "AND64ri32")) {
    std::optional<int64_t> Imm = ImmOf(2);
    if (!Imm || *Imm >= 0 || !isPowerOf2_64(-*Imm) || -*Imm < 8)
      return Computed();
    S.Depth += -*Imm - 8;
    return true;
  }
  if (IntoSP && Op == "LEA64r" && I.getNumOperands() >= 6) {
    // dst, base, scale, index, displacement, segment
    const MCOperand &Base = I.getOperand(1), &Index = I.getOperand(3),
                    &Disp = I.getOperand(4), &Seg = I.getOperand(5);
    bool Plain = Index.isReg() && !Index.getReg() && Disp.isImm() &&
                 Seg.isReg() && !Seg.getReg();
    if (Plain && D.isReg(Base, D.RSP)) {
      S.Depth -= Disp.getImm();
      return true;
    }
    if (Plain && D.isReg(Base, D.RBP) && S.FramePointer) {
      S.Depth = *S.FramePointer - Disp.getImm();
      return true;
    }
    return Computed();
  }
  if (IntoSP && Op == "MOV64rr" && D.isReg(I.getOperand(1), D.RBP) &&
      S.FramePointer) {
    S.Depth = *S.FramePointer;
    return true;
  }
  return Computed();
}

void FunctionReader::walk(uint64_t Off, StackState S) {
  bool AfterCall = false;
  while (true) {
    if (Off >= Size) {
      // Past a last call: the call does not return (a compiler
      // ends a function with a call to a noreturn function, never falls
      // into the next one). Otherwise it falls into the next function, a
      // tail call of it.
      if (AfterCall)
        return;
      CalleeRef Next;
      if (Off == Size && functionAt({Sec, Start + Size}, Next))
        callOut(Next, Off, S, /*IsJump=*/true, /*Conditional=*/false);
      else
        frameUnknown(Off, "code that runs past the end of the function");
      return;
    }
    if (S.Lost) {
      if (!SeenLost.insert(Off).second)
        return;
    } else if (auto [It, New] = Seen.try_emplace(Off, S); !New) {
      StackState &Old = It->second;
      if (Old.Depth != S.Depth) {
        // Code after a trap that joins what the other paths read at
        // another depth: the trap does not return (a BUG).
        if (!AfterTrap)
          frameUnknown(Off, "stack depths " + Twine(Old.Depth) + " and " +
                                Twine(S.Depth) + " on two paths");
        return;
      }
      // Reached again with less known about the frame pointer: walk on
      // with what both paths agree on.
      if (!Old.FramePointer || Old.FramePointer == S.FramePointer)
        return;
      Old.FramePointer.reset();
      S.FramePointer.reset();
    }
    MCInst I;
    uint64_t Len = 0;
    ArrayRef<uint8_t> Window(
        reinterpret_cast<const uint8_t *>(Bytes.data()) + Start + Off,
        Size - Off);
    if (D.DisAsm->getInstruction(I, Len, Window, SecAddress + Start + Off,
                                 nulls()) == MCDisassembler::Fail ||
        Len == 0) {
      frameUnknown(Off, "bytes the disassembler cannot decode");
      return;
    }
    StringRef Op = D.opcodeName(I);
    AfterCall = false;
    // Code the kernel patches at boot: a replacement that only changes
    // registers and memory (stac, clac, lfence, rep movsb) keeps what the
    // reading found; one with calls, jumps or stack changes it does not
    // follow. A patched jump may become nops and fall through.
    std::vector<std::optional<StringRef>> Replacements =
        Code.replacementsAt({Sec, Start + Off});
    for (const std::optional<StringRef> &R : Replacements)
      if (!R || !isPlainReplacement(*R))
        frameUnknown(Off, "an alternative the kernel may patch in (calls, "
                          "jumps or stack changes)");

    if (D.MIA->isCall(I)) {
      uint64_t Inside = 0;
      CalleeRef Callee;
      std::string Why;
      bool Direct = I.getNumOperands() == 1 && I.getOperand(0).isImm();
      if (!Direct)
        indirectCall(Off, "indirect call in machine code", false);
      else
        switch (branchTarget(I, Off, Len, Inside, Callee, Why)) {
        case Target::Inside:
          if (Inside != 0) {
            // Both the called place and the code after the call run on
            // a stack the reading no longer follows; their calls count.
            frameUnknown(Off, "a call into its own body");
            S = StackState::lost();
            branchTo(Inside, S);
            break;
          }
          // A recursive call.
          functionAt({Sec, Start}, Callee);
          callOut(Callee, Off, S, /*IsJump=*/false, /*Conditional=*/false);
          break;
        case Target::Symbol:
          callOut(Callee, Off, S, /*IsJump=*/false, /*Conditional=*/false);
          break;
        case Target::Lost:
          unknownCall(Off, "call to " + Why, false);
          break;
        }
      Off += Len;
      AfterCall = true;
      continue;
    }
    if (D.MIA->isReturn(I) || Op.starts_with("IRET") ||
        Op.starts_with("SYSRET") || Op.starts_with("SYSEXIT") ||
        Op.starts_with("ERET") || Op == "UIRET") {
      if (Op.starts_with("RET") && !S.Lost && S.Depth != 0)
        frameUnknown(Off, "a return with " + Twine(S.Depth) +
                              " bytes left on its stack");
      return;
    }
    if (D.MIA->isBranch(I)) {
      bool Conditional =
          D.MIA->isConditionalBranch(I) || !Replacements.empty();
      if (D.MIA->isIndirectBranch(I)) {
        indirectCall(Off, "indirect jump in machine code", S.atEntry());
        return;
      }
      uint64_t Inside = 0;
      CalleeRef Callee;
      std::string Why;
      switch (branchTarget(I, Off, Len, Inside, Callee, Why)) {
      case Target::Inside:
        // The branch is followed first, the fall-through later, so that a
        // join reports two depths rather than what follows from one.
        if (Conditional)
          branchTo(Off + Len, S);
        Off = Inside;
        continue;
      case Target::Symbol:
        if (callOut(Callee, Off, S, /*IsJump=*/true, Conditional))
          return;
        break;
      case Target::Lost:
        unknownCall(Off, "jump to " + Why, S.atEntry());
        if (!Conditional)
          return;
        break;
      }
      Off += Len;
      continue;
    }
    if (Op == "TRAP" || Op == "UD1Lr" || Op == "UD1Lm" || Op == "UD1Wr" ||
        Op == "UD1Wm" || Op == "UD1Qr" || Op == "UD1Qm" || Op == "INT3") {
      // The kernel's WARN goes on after its `ud2`, its BUG does not, and
      // the compiler puts other code after a BUG. What follows a trap is
      // read after everything else (TrapWork).
      if (Off + Len < Size)
        TrapWork.push_back({Off + Len, S});
      return;
    }
    if (!S.Lost && !step(I, Off, S))
      S = StackState::lost();
    if (!S.Lost)
      MaxDepth = std::max(MaxDepth, S.Depth);
    Off += Len;
  }
}

void FunctionReader::read(FunctionFacts &F) {
  auto Drain = [&] {
    while (!Work.empty()) {
      auto [Off, S] = Work.back();
      Work.pop_back();
      walk(Off, S);
    }
  };
  branchTo(0, StackState());
  Drain();
  AfterTrap = true;
  while (!TrapWork.empty()) {
    auto [Off, S] = TrapWork.back();
    TrapWork.pop_back();
    walk(Off, S);
    Drain();
  }
  F.Parts.Frame = MaxDepth;
  F.FrameUnknown = std::move(Unknown);
  for (auto &[Off, C] : Calls)
    F.Calls.push_back(std::move(C));
}

} // namespace

Error readMachineCodeFacts(const ObjectFile &Obj, const ObjectInventory &Inv,
                           ObjectFacts &Into) {
  const auto *Elf = dyn_cast<ELFObjectFileBase>(&Obj);
  if (!Elf || Obj.getArch() != Triple::x86_64)
    return Error::success();
  StringSet<> Wanted;
  for (const std::string &Name : Inv.FunctionsWithoutFacts)
    Wanted.insert(Name);
  Expected<ObjectCode> Code = ObjectCode::create(*Elf, Into,
                                                 Inv.Origin);
  if (!Code)
    return Code.takeError();
  // An LLVM without the target's disassembler reads nothing: the functions
  // stay without facts, as they were before machine code was read.
  Expected<const Disassembler *> D = Code->disassembler(Obj.makeTriple());
  if (!D) {
    consumeError(D.takeError());
    return Error::success();
  }

  DenseMap<uint64_t, SectionRef> ByIndex;
  for (const SectionRef &Sec : Obj.sections())
    ByIndex[Sec.getIndex()] = Sec;
  StringSet<> Defined;
  for (const FunctionSym &Sym : Code->functions())
    Defined.insert(Sym.Name);
  // One record per global name, and per local name in each TU (an `ld -r`
  // output has the `static` functions of many files).
  StringSet<> Done;
  DenseMap<uint64_t, std::pair<StringRef, uint64_t>> Sections;
  for (const FunctionSym &Sym : Code->functions()) {
    if (!Wanted.contains(Sym.Name))
      continue;
    // KCFI preambles and patchable-entry prefixes in front of a function
    // (FactsReader.cpp) are never called, also in front of assembly.
    StringRef Base = Sym.Name;
    if ((Base.consume_front("__cfi_") || Base.consume_front("__pfx_")) &&
        Defined.contains(Base))
      continue;
    std::string Key = Sym.Link == Linkage::Local
                          ? Sym.TU + '\0' + Sym.Name
                          : Sym.Name;
    if (!Done.insert(Key).second)
      continue;
    FunctionFacts F;
    F.Name = Sym.Name;
    F.TU = Sym.TU;
    F.Link = Sym.Link;
    F.Recorder = RecorderKind::MachineCode;
    auto [It, New] = Sections.try_emplace(Sym.Place.first);
    if (New) {
      const SectionRef &Sec = ByIndex[Sym.Place.first];
      Expected<StringRef> Bytes = Sec.getContents();
      if (!Bytes)
        return Bytes.takeError();
      It->second = {*Bytes, Sec.getAddress()};
    }
    auto [Bytes, Address] = It->second;
    if (Sym.Size == 0) {
      F.FrameUnknown = "its symbol has no size";
    } else if (Sym.Place.second + Sym.Size > Bytes.size()) {
      F.FrameUnknown = "its symbol runs past the end of its section";
    } else {
      FunctionReader(*Code, **D, Sym, Address, Bytes).read(F);
    }
    Into.Functions.push_back(std::move(F));
  }
  return Error::success();
}

} // namespace stackbudget

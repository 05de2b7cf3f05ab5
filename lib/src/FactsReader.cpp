//===- FactsReader.cpp - Read facts from objects, archives and ld -r output ===//

#include "stackbudget/FactsReader.h"
#include "stackbudget/FactsFormat.h"
#include "stackbudget/ParallelWork.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/BinaryFormat/Magic.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
using namespace llvm::object;

namespace stackbudget {

/// \p Sym is defined in an executable section.
static bool inCode(const ELFSymbolRef &Sym) {
  Expected<section_iterator> Sec = Sym.getSection();
  if (!Sec) {
    consumeError(Sec.takeError());
    return false;
  }
  return *Sec != Sym.getObject()->section_end() && (*Sec)->isText();
}

bool isCodeSymbol(const ELFSymbolRef &Sym) {
  if (Sym.getELFType() == ELF::STT_FUNC)
    return true;
  return Sym.getELFType() == ELF::STT_NOTYPE && Sym.getSize() != 0 &&
         inCode(Sym);
}

/// A label inside code: no type, no size (isCodeSymbol's complement).
static bool isCodeLabel(const ELFSymbolRef &Sym) {
  return Sym.getELFType() == ELF::STT_NOTYPE && Sym.getSize() == 0 &&
         inCode(Sym);
}

static Error inputError(StringRef Origin, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Origin + ": " + Msg);
}

/// Fills Inv.ReferencedWithoutFacts from the relocations in code that no
/// recorded function covers: assembly, STT_FUNC or not (SYM_CODE_START
/// symbols such as ret_from_fork_asm have no type), and alternative
/// replacements. A relocation against a section symbol (a `static` callee
/// in an `ld -r` output) names the function at the target offset.
static Error collectReferencesWithoutFacts(const ELFObjectFileBase &Elf,
                                           const StringSet<> &Recorded,
                                           ObjectInventory &Inv) {
  // Per section: the sorted [start, end) of the recorded functions, and
  // every function symbol by offset.
  DenseMap<uint64_t, std::vector<std::pair<uint64_t, uint64_t>>> Covered;
  DenseMap<std::pair<uint64_t, uint64_t>, StringRef> FunctionAt;
  for (const ELFSymbolRef &Sym : Elf.symbols()) {
    if (!isCodeSymbol(Sym))
      continue;
    Expected<section_iterator> Sec = Sym.getSection();
    Expected<StringRef> Name = Sym.getName();
    Expected<uint64_t> Value = Sym.getValue();
    if (!Sec || !Name || !Value) {
      consumeError(Sec.takeError());
      consumeError(Name.takeError());
      consumeError(Value.takeError());
      continue;
    }
    if (*Sec == Elf.section_end())
      continue;
    uint64_t Index = (*Sec)->getIndex();
    FunctionAt.try_emplace({Index, *Value}, *Name);
    if (Recorded.contains(*Name))
      Covered[Index].push_back({*Value, *Value + Sym.getSize()});
  }
  for (auto &[Index, Ranges] : Covered)
    llvm::sort(Ranges);
  auto IsCovered = [&](uint64_t Index, uint64_t Off) {
    auto It = Covered.find(Index);
    if (It == Covered.end())
      return false;
    // The last range that starts at or before Off.
    auto R = llvm::upper_bound(It->second, std::make_pair(Off, UINT64_MAX));
    return R != It->second.begin() && Off < std::prev(R)->second;
  };
  StringSet<> Seen;
  for (const SectionRef &RelSec : Elf.sections()) {
    Expected<section_iterator> Target = RelSec.getRelocatedSection();
    if (!Target)
      return Target.takeError();
    if (*Target == Elf.section_end() || !(*Target)->isText())
      continue;
    uint64_t TargetIndex = (*Target)->getIndex();
    for (const RelocationRef &Rel : RelSec.relocations()) {
      if (IsCovered(TargetIndex, Rel.getOffset()))
        continue;
      symbol_iterator Sym = Rel.getSymbol();
      if (Sym == Elf.symbol_end())
        continue;
      ELFSymbolRef S(*Sym);
      StringRef Name;
      if (S.getELFType() == ELF::STT_SECTION) {
        Expected<section_iterator> Sec = S.getSection();
        Expected<int64_t> Addend = ELFRelocationRef(Rel).getAddend();
        if (!Sec || !Addend || *Sec == Elf.section_end()) {
          if (!Sec)
            consumeError(Sec.takeError());
          if (!Addend)
            consumeError(Addend.takeError());
          continue;
        }
        // A call's displacement is relative to the next instruction: the
        // addend is the target minus 4.
        uint64_t Index = (*Sec)->getIndex();
        for (int64_t Bias : {0, 4}) {
          auto F = FunctionAt.find({Index, uint64_t(*Addend + Bias)});
          if (F != FunctionAt.end()) {
            Name = F->second;
            break;
          }
        }
      } else {
        Expected<StringRef> N = S.getName();
        if (!N) {
          consumeError(N.takeError());
          continue;
        }
        Name = *N;
      }
      if (!Name.empty() && Seen.insert(Name).second)
        Inv.ReferencedWithoutFacts.push_back(Name.str());
    }
  }
  return Error::success();
}

/// Appends what a part read in parallel holds, in order.
template <typename T>
static void appendMoved(std::vector<T> &Into, std::vector<T> &Part) {
  std::move(Part.begin(), Part.end(), std::back_inserter(Into));
}

/// The facts notes of one ELF section (docs/facts-format.md): notes of
/// another owner or type are not ours and are skipped; a note header that
/// runs past the section is an error. A whole kernel's section holds a note
/// per TU: they are decoded in parallel, and appended in section order.
template <class ELFT>
static Error decodeFactsNotes(const ELFObjectFile<ELFT> &Obj,
                              const SectionRef &Sec, StringRef Contents,
                              ObjectFacts &Facts) {
  const ELFFile<ELFT> &File = Obj.getELFFile();
  Expected<const typename ELFT::Shdr *> Shdr = File.getSection(Sec.getIndex());
  if (!Shdr)
    return inputError(Facts.Origin, toString(Shdr.takeError()));
  Error Err = Error::success();
  std::vector<ArrayRef<uint8_t>> Descs;
  for (const typename ELFT::Note &N : File.notes(**Shdr, Err))
    if (N.getName() == FactsNoteOwner && N.getType() == FactsNoteType)
      Descs.push_back(N.getDesc((*Shdr)->sh_addralign));
  std::vector<ObjectFacts> Parts(Descs.size());
  Error Decoded = forEachItemOrError(Descs.size(), [&](size_t I) {
    Parts[I].Origin = Facts.Origin;
    return decodeSection(toStringRef(Descs[I]), Parts[I], FactsSectionName,
                         Descs[I].data() - Contents.bytes_begin());
  });
  // The notes before a bad header were read, as they are without threads.
  if (Decoded) {
    consumeError(std::move(Err));
    return Decoded;
  }
  for (ObjectFacts &P : Parts) {
    appendMoved(Facts.Modules, P.Modules);
    appendMoved(Facts.Functions, P.Functions);
  }
  if (Err)
    return inputError(Facts.Origin, "section " + FactsSectionName + ": " +
                                        toString(std::move(Err)));
  return Error::success();
}

static Error decodeFactsNotes(const ObjectFile &Obj, const SectionRef &Sec,
                              StringRef Contents, ObjectFacts &Facts) {
  if (const auto *E = dyn_cast<ELF64LEObjectFile>(&Obj))
    return decodeFactsNotes(*E, Sec, Contents, Facts);
  if (const auto *E = dyn_cast<ELF64BEObjectFile>(&Obj))
    return decodeFactsNotes(*E, Sec, Contents, Facts);
  if (const auto *E = dyn_cast<ELF32LEObjectFile>(&Obj))
    return decodeFactsNotes(*E, Sec, Contents, Facts);
  if (const auto *E = dyn_cast<ELF32BEObjectFile>(&Obj))
    return decodeFactsNotes(*E, Sec, Contents, Facts);
  return inputError(Facts.Origin, "section " + FactsSectionName +
                                      " in an object that is not ELF");
}

static Error readObject(const ObjectFile &Obj, StringRef Origin,
                        ReadResult &Into, const ReadOptions &Opts) {
  ObjectFacts Facts;
  Facts.Origin = Origin.str();
  ObjectInventory Inv;
  Inv.Origin = Origin.str();

  // ld -r keeps one output section per name, but a hand-made object may
  // have several; all of them are read.
  for (const SectionRef &Sec : Obj.sections()) {
    Expected<StringRef> Name = Sec.getName();
    if (!Name)
      return inputError(Origin, toString(Name.takeError()));
    if (*Name != FactsSectionName && *Name != LegacyFactsSectionName)
      continue;
    Inv.HasFactsSection = true;
    Expected<StringRef> Contents = Sec.getContents();
    if (!Contents)
      return inputError(Origin, "cannot read section " + *Name + ": " +
                                    toString(Contents.takeError()));
    Error E = *Name == LegacyFactsSectionName
                  ? decodeSection(*Contents, Facts, *Name)
                  : decodeFactsNotes(Obj, Sec, *Contents, Facts);
    if (E)
      return E;
  }

  if (const auto *Elf = dyn_cast<ELFObjectFileBase>(&Obj)) {
    StringSet<> Recorded;
    for (const FunctionFacts &F : Facts.Functions)
      Recorded.insert(F.Name);
    for (const ELFSymbolRef &Sym : Elf->symbols()) {
      bool Label = isCodeLabel(Sym);
      if (!Label && !isCodeSymbol(Sym))
        continue;
      Expected<uint32_t> Flags = Sym.getFlags();
      if (!Flags)
        return inputError(Origin, toString(Flags.takeError()));
      if (*Flags & SymbolRef::SF_Undefined)
        continue;
      Expected<StringRef> Name = Sym.getName();
      if (!Name)
        return inputError(Origin, toString(Name.takeError()));
      if (Label) {
        if (!Name->empty())
          Inv.CodeLabels.push_back(Name->str());
        continue;
      }
      // KCFI preambles (__cfi_f) and the kernel's patchable-entry prefixes
      // (__pfx_f) are symbols in front of a recorded function, never called.
      StringRef Base = *Name;
      if ((Base.consume_front("__cfi_") || Base.consume_front("__pfx_")) &&
          Recorded.contains(Base))
        continue;
      if (!Recorded.contains(*Name))
        Inv.FunctionsWithoutFacts.push_back(Name->str());
    }
    if (Error E = collectReferencesWithoutFacts(*Elf, Recorded, Inv))
      return inputError(Origin, toString(std::move(E)));
  }

  if (Opts.MachineCode && !Inv.FunctionsWithoutFacts.empty())
    if (Error E = Opts.MachineCode(Obj, Inv, Facts))
      return inputError(Origin, toString(std::move(E)));

  Into.Objects.push_back(std::move(Facts));
  Into.Inventory.push_back(std::move(Inv));
  return Error::success();
}

Error readFactsBuffer(MemoryBufferRef Buffer, StringRef Origin,
                      ReadResult &Into, const ReadOptions &Opts) {
  file_magic Magic = identify_magic(Buffer.getBuffer());
  if (Magic == file_magic::bitcode)
    return inputError(Origin,
                      "is LLVM bitcode: its facts are recorded when LTO "
                      "generates code; load the plugin into the link "
                      "(ld.lld --load-pass-plugin) or check the linked "
                      "object instead");

  // createBinary would say "not recognized as a valid object file", which
  // reads oddly for an archive argument; say what the reader accepts.
  if (Magic == file_magic::unknown)
    return inputError(Origin, "is neither an object file nor an archive");

  Expected<std::unique_ptr<Binary>> Bin = createBinary(Buffer);
  if (!Bin)
    return inputError(Origin, toString(Bin.takeError()));

  if (auto *Obj = dyn_cast<ObjectFile>(Bin->get()))
    return readObject(*Obj, Origin, Into, Opts);

  if (auto *Ar = dyn_cast<Archive>(Bin->get())) {
    Error Err = Error::success();
    for (const Archive::Child &C : Ar->children(Err)) {
      Expected<std::string> Name = C.getFullName();
      if (!Name)
        return inputError(Origin, toString(Name.takeError()));
      std::string MemberOrigin = (Origin + "(" + *Name + ")").str();
      Expected<MemoryBufferRef> Member = C.getMemoryBufferRef();
      if (!Member)
        return inputError(MemberOrigin, toString(Member.takeError()));
      // LLVM hands out a member whose header claims more bytes than the
      // archive holds and reports it only when asked for the next member:
      // such a member is not read (tests/fuzz/facts-fuzzer found the reads
      // past the buffer). A thin archive's members are files of their own.
      if (!Ar->isThin() && Member->getBufferEnd() > Buffer.getBufferEnd())
        return inputError(Origin, "truncated or malformed archive (offset to "
                                  "next archive member past the end of the "
                                  "archive after member " +
                                      *Name + ")");
      if (Error E = readFactsBuffer(*Member, MemberOrigin, Into, Opts))
        return E;
    }
    if (Err)
      return inputError(Origin, toString(std::move(Err)));
    return Error::success();
  }

  return inputError(Origin, "is neither an object file nor an archive");
}

Error readFactsFile(StringRef Path, ReadResult &Into,
                    const ReadOptions &Opts) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFile(Path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!Buf)
    return inputError(Path, Buf.getError().message());
  // Archive members and decoded records refer to the buffer only while
  // reading; everything kept is copied into the facts.
  return readFactsBuffer((*Buf)->getMemBufferRef(), Path, Into, Opts);
}

Error readFactsFiles(ArrayRef<std::string> Paths, ReadResult &Into,
                     const ReadOptions &Opts) {
  std::vector<ReadResult> Parts(Paths.size());
  if (Error E = forEachItemOrError(Paths.size(), [&](size_t I) {
        return readFactsFile(Paths[I], Parts[I], Opts);
      }))
    return E;
  for (ReadResult &P : Parts) {
    appendMoved(Into.Objects, P.Objects);
    appendMoved(Into.Inventory, P.Inventory);
  }
  return Error::success();
}

} // namespace stackbudget

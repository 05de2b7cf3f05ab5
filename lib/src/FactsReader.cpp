//===- FactsReader.cpp - Read facts from objects, archives and ld -r output ===//

#include "stackbudget/FactsReader.h"
#include "stackbudget/FactsFormat.h"

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

static Error inputError(StringRef Origin, const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Origin + ": " + Msg);
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
    if (*Name != FactsSectionName)
      continue;
    Inv.HasFactsSection = true;
    Expected<StringRef> Contents = Sec.getContents();
    if (!Contents)
      return inputError(Origin, "cannot read section " + FactsSectionName +
                                    ": " + toString(Contents.takeError()));
    if (Error E = decodeSection(*Contents, Facts))
      return E;
  }

  if (const auto *Elf = dyn_cast<ELFObjectFileBase>(&Obj)) {
    StringSet<> Recorded;
    for (const FunctionFacts &F : Facts.Functions)
      Recorded.insert(F.Name);
    for (const ELFSymbolRef &Sym : Elf->symbols()) {
      if (Sym.getELFType() != ELF::STT_FUNC)
        continue;
      Expected<uint32_t> Flags = Sym.getFlags();
      if (!Flags)
        return inputError(Origin, toString(Flags.takeError()));
      if (*Flags & SymbolRef::SF_Undefined)
        continue;
      Expected<StringRef> Name = Sym.getName();
      if (!Name)
        return inputError(Origin, toString(Name.takeError()));
      // KCFI preambles (__cfi_f) and the kernel's patchable-entry prefixes
      // (__pfx_f) are symbols in front of a recorded function, never called.
      StringRef Base = *Name;
      if ((Base.consume_front("__cfi_") || Base.consume_front("__pfx_")) &&
          Recorded.contains(Base))
        continue;
      if (!Recorded.contains(*Name))
        Inv.FunctionsWithoutFacts.push_back(Name->str());
    }
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

} // namespace stackbudget

//===- FactsReaderTest.cpp ------------------------------------------------===//
//
// The reader on inputs built in memory: ELF objects from yaml2obj (with
// hand-written facts sections), archives from the archive writer, and inputs
// that are not objects at all.
//
//===----------------------------------------------------------------------===//

#include "stackbudget/FactsFormat.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/ObjectYAML/yaml2obj.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"

#include "gtest/gtest.h"

using namespace stackbudget;
using namespace llvm;

static std::string messageOf(Error E) {
  return E ? toString(std::move(E)) : std::string();
}

static FunctionFacts function(StringRef Name, uint64_t Frame) {
  FunctionFacts F;
  F.Name = Name.str();
  F.TU = "t.c";
  F.Parts.Frame = Frame;
  return F;
}

static std::string yamlObject(std::string Yaml, ArrayRef<StringRef> Symbols);

/// An x86-64 relocatable object defining the functions \p Symbols, with one
/// facts note section per entry of \p Sections (none if empty), each one
/// note holding the entry's records.
static std::string makeObject(ArrayRef<std::string> Sections,
                              ArrayRef<StringRef> Symbols) {
  std::string Yaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_REL
  Machine: EM_X86_64
Sections:
  - Name:    .text
    Type:    SHT_PROGBITS
    Flags:   [ SHF_ALLOC, SHF_EXECINSTR ]
    Content: C3C3C3C3
)";
  // yaml2obj tells same-named sections apart by a " (N)" suffix it drops.
  for (size_t I = 0; I < Sections.size(); ++I)
    Yaml += "  - Name:    '.note.stackbudget (" + std::to_string(I) +
            ")'\n"
            "    Type:    SHT_NOTE\n"
            "    Flags:   [ SHF_EXCLUDE ]\n"
            "    AddressAlign: 4\n"
            "    Content: '" +
            toHex(encodeFactsNote(Sections[I])) + "'\n";
  return yamlObject(Yaml, Symbols);
}

/// The object of \p Yaml (a header and sections) with the functions
/// \p Symbols in .text.
static std::string yamlObject(std::string Yaml, ArrayRef<StringRef> Symbols) {
  Yaml += "Symbols:\n";
  for (StringRef S : Symbols)
    Yaml += ("  - Name: " + S +
             "\n    Type: STT_FUNC\n    Section: .text\n"
             "    Binding: STB_GLOBAL\n")
                .str();
  std::string Out;
  raw_string_ostream OS(Out);
  yaml::Input In(Yaml);
  bool OK = yaml::convertYAML(In, OS, [](const Twine &Msg) {
    ADD_FAILURE() << "yaml2obj: " << Msg.str();
  });
  EXPECT_TRUE(OK);
  return Out;
}

static Error read(StringRef Bytes, StringRef Origin, ReadResult &R) {
  return readFactsBuffer(MemoryBufferRef(Bytes, Origin), Origin, R);
}

TEST(FactsReader, ObjectRecordsAndFunctionsWithoutFacts) {
  std::string Obj = makeObject({encodeRecord(function("f", 24))},
                               {"f", "__cfi_f", "asm_helper"});
  ReadResult R;
  ASSERT_EQ(messageOf(read(Obj, "a.o", R)), "");
  ASSERT_EQ(R.Objects.size(), 1u);
  EXPECT_EQ(R.Objects[0].Origin, "a.o");
  ASSERT_EQ(R.Objects[0].Functions.size(), 1u);
  EXPECT_EQ(R.Objects[0].Functions[0].Parts.Frame, 24u);
  EXPECT_TRUE(R.Inventory[0].HasFactsSection);
  // The KCFI preamble symbol of a recorded function is not a function of its
  // own; an assembly function is listed as lacking facts.
  EXPECT_EQ(R.Inventory[0].FunctionsWithoutFacts,
            std::vector<std::string>{"asm_helper"});
}

TEST(FactsReader, SeveralFactsSectionsAreAllRead) {
  std::string Obj = makeObject(
      {encodeRecord(function("f", 8)), encodeRecord(function("g", 16))},
      {"f", "g"});
  ReadResult R;
  ASSERT_EQ(messageOf(read(Obj, "two.o", R)), "");
  ASSERT_EQ(R.Objects[0].Functions.size(), 2u);
  EXPECT_EQ(R.Objects[0].Functions[1].Name, "g");
  EXPECT_TRUE(R.Inventory[0].FunctionsWithoutFacts.empty());
}

TEST(FactsReader, ObjectWithoutFactsSection) {
  std::string Obj = makeObject({}, {"plain"});
  ReadResult R;
  ASSERT_EQ(messageOf(read(Obj, "plain.o", R)), "");
  EXPECT_FALSE(R.Inventory[0].HasFactsSection);
  EXPECT_TRUE(R.Objects[0].Functions.empty());
  EXPECT_EQ(R.Inventory[0].FunctionsWithoutFacts,
            std::vector<std::string>{"plain"});
}

TEST(FactsReader, CorruptSectionNamesTheObject) {
  std::string Bytes = encodeRecord(function("f", 8));
  Bytes[4] = 9; // version
  std::string Obj = makeObject({Bytes}, {"f"});
  ReadResult R;
  EXPECT_EQ(messageOf(read(Obj, "drivers/x.o", R)),
            "drivers/x.o: section .note.stackbudget at offset 24: facts "
            "version 9 is not read by this build of stackbudget, which reads "
            "versions 4 (JSON) and 5 to 7 (binary); it was written by a newer "
            "stackbudget: check it with the stackbudget of the plugin that "
            "compiled it");
}

static std::string objectWith(StringRef Name, StringRef Type,
                              StringRef Content) {
  return yamlObject((R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_REL
  Machine: EM_X86_64
Sections:
  - Name:    .text
    Type:    SHT_PROGBITS
    Flags:   [ SHF_ALLOC, SHF_EXECINSTR ]
    Content: C3
  - Name:    )" + Name + "\n    Type:    " + Type +
                     "\n    Flags:   [ SHF_EXCLUDE ]\n    AddressAlign: 4\n"
                     "    Content: '" + toHex(Content) + "'\n")
                        .str(),
                    {"f"});
}

TEST(FactsReader, Version4SectionIsStillRead) {
  std::string Payload = R"({"name":"f","tu":"t.c","linkage":"global","frame":48,"sig":1,"calls":[]})";
  std::string Record = "SBFR";
  Record += std::string("\x04\x00\x02\x00", 4);
  Record += char(Payload.size());
  Record += std::string(3, '\0');
  ReadResult R;
  ASSERT_EQ(messageOf(read(objectWith(".stackbudget.facts", "SHT_PROGBITS",
                                      Record + Payload),
                           "old.o", R)),
            "");
  ASSERT_EQ(R.Objects[0].Functions.size(), 1u);
  EXPECT_EQ(R.Objects[0].Functions[0].Parts.Frame, 48u);
  EXPECT_TRUE(R.Inventory[0].FunctionsWithoutFacts.empty());
}

TEST(FactsReader, NotesOfOtherOwnersAreSkipped) {
  // A GNU note before ours: an ld -r of objects that put other notes into
  // a section of this name would give that.
  std::string Other = std::string("\x04\0\0\0\x04\0\0\0\x01\0\0\0GNU\0", 16) +
                      std::string("\x2a\0\0\0", 4);
  std::string Ours = encodeFactsNote(encodeRecord(function("f", 64)));
  ReadResult R;
  ASSERT_EQ(messageOf(read(objectWith(".note.stackbudget", "SHT_NOTE",
                                      Other + Ours),
                           "n.o", R)),
            "");
  ASSERT_EQ(R.Objects[0].Functions.size(), 1u);
  EXPECT_EQ(R.Objects[0].Functions[0].Parts.Frame, 64u);
}

TEST(FactsReader, NoteRunningPastTheSectionNamesTheObject) {
  std::string Note = encodeFactsNote(encodeRecord(function("f", 64)));
  Note.resize(Note.size() - 8);
  ReadResult R;
  std::string Msg = messageOf(
      read(objectWith(".note.stackbudget", "SHT_NOTE", Note), "cut.o", R));
  EXPECT_EQ(Msg.rfind("cut.o: section .note.stackbudget: ", 0), 0u) << Msg;
  EXPECT_NE(Msg.find("note"), std::string::npos) << Msg;
}

static std::string makeArchive(ArrayRef<std::pair<StringRef, StringRef>> Members) {
  std::vector<NewArchiveMember> New;
  for (auto [Name, Bytes] : Members) {
    NewArchiveMember M(MemoryBufferRef(Bytes, Name));
    M.MemberName = Name;
    New.push_back(std::move(M));
  }
  Expected<std::unique_ptr<MemoryBuffer>> Ar = writeArchiveToBuffer(
      New, SymtabWritingMode::NoSymtab, object::Archive::K_GNU,
      /*Deterministic=*/true, /*Thin=*/false);
  if (!Ar) {
    ADD_FAILURE() << toString(Ar.takeError());
    return "";
  }
  return (*Ar)->getBuffer().str();
}

TEST(FactsReader, ArchiveMembersAreNamed) {
  std::string A = makeObject({encodeRecord(function("a", 8))}, {"a"});
  std::string B = makeObject({encodeRecord(function("b", 16))}, {"b"});
  std::string Ar = makeArchive({{"a.o", A}, {"b.o", B}});
  ReadResult R;
  ASSERT_EQ(messageOf(read(Ar, "lib.a", R)), "");
  ASSERT_EQ(R.Objects.size(), 2u);
  EXPECT_EQ(R.Objects[0].Origin, "lib.a(a.o)");
  EXPECT_EQ(R.Objects[1].Origin, "lib.a(b.o)");
  EXPECT_EQ(R.Objects[1].Functions[0].Parts.Frame, 16u);
}

TEST(FactsReader, GarbageArchiveMemberNamesTheMember) {
  std::string A = makeObject({encodeRecord(function("a", 8))}, {"a"});
  std::string Ar = makeArchive({{"a.o", A}, {"notes.txt", "just text\n"}});
  ReadResult R;
  EXPECT_EQ(messageOf(read(Ar, "lib.a", R)),
            "lib.a(notes.txt): is neither an object file nor an archive");
}

// Found by tests/fuzz/facts-fuzzer: LLVM hands out an archive member whose
// header claims more bytes than the archive holds (the error comes with the
// next member), and the reader read the member past the end of the buffer.
// Here the bytes past the end are the rest of a valid archive: before the
// fix, b.o was read from them.
TEST(FactsReader, MemberPastTheArchiveEndIsNotRead) {
  std::string A = makeObject({encodeRecord(function("a", 8))}, {"a"});
  std::string B = makeObject({encodeRecord(function("b", 16))}, {"b"});
  std::string Ar = makeArchive({{"a.o", A}, {"b.o", B}});
  ReadResult R;
  EXPECT_EQ(messageOf(read(StringRef(Ar).drop_back(B.size() / 2), "cut.a", R)),
            "cut.a: truncated or malformed archive (offset to next archive "
            "member past the end of the archive after member b.o)");
  ASSERT_EQ(R.Objects.size(), 1u);
  EXPECT_EQ(R.Objects[0].Origin, "cut.a(a.o)");
}

TEST(FactsReader, BitcodeIsExplained) {
  ReadResult R;
  std::string Msg = messageOf(read(StringRef("BC\xC0\xDE\x35\x14\x00\x00", 8),
                                   "lto.o", R));
  EXPECT_EQ(Msg, "lto.o: is LLVM bitcode: its facts are recorded when LTO "
                 "generates code; load the plugin into the link (ld.lld "
                 "--load-pass-plugin) or check the linked object instead");
}

TEST(FactsReader, TextAndEmptyInputsAreRejected) {
  ReadResult R;
  EXPECT_EQ(messageOf(read("hello, world\n", "notes.txt", R)),
            "notes.txt: is neither an object file nor an archive");
  EXPECT_EQ(messageOf(read("", "empty.o", R)),
            "empty.o: is neither an object file nor an archive");
  EXPECT_TRUE(R.Objects.empty());
}

TEST(FactsReader, TruncatedElfIsAnErrorNotACrash) {
  std::string Obj = makeObject({encodeRecord(function("f", 8))}, {"f"});
  ReadResult R;
  Error E = read(StringRef(Obj).take_front(100), "cut.o", R);
  ASSERT_TRUE(bool(E));
  EXPECT_TRUE(StringRef(toString(std::move(E))).starts_with("cut.o: "));
}

TEST(FactsReader, MissingFileNamesIt) {
  ReadResult R;
  EXPECT_EQ(messageOf(readFactsFile("/nonexistent/x.o", R)),
            "/nonexistent/x.o: No such file or directory");
}

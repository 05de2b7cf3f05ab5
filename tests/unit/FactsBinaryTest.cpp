//===- FactsBinaryTest.cpp - Facts formats 5, 6: round trips, corruption --===//

#include "stackbudget/FactsFormat.h"

#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace stackbudget;
using namespace llvm;

static std::string messageOf(Error E) {
  return E ? toString(std::move(E)) : std::string();
}

static std::string text(const json::Value &V) {
  std::string S;
  raw_string_ostream(S) << V;
  return S;
}

/// A module record with every part set, every slot kind among them.
static ModuleFacts everyModulePart() {
  ModuleFacts M;
  M.TU = "drivers/foo.c";
  M.Triple = "x86_64-pc-linux-gnu";
  M.Recorder = RecorderKind::IR;
  M.AddressTakenDecls = {{"ext", 7, std::nullopt}, {"ext2", 8, 0xfeedbeef}};
  M.Aliases = {{"alias", "target", Linkage::Weak}};
  FieldFacts F;
  ValueSlot Member = ValueSlot::field({"timer", 8, "function"});
  ValueSlot Table = ValueSlot::global("handlers", "drivers/foo.c");
  ValueSlot Param = ValueSlot::param("init_timer_key", 1);
  ValueSlot Local = ValueSlot::local("probe", 3, "drivers/foo.c");
  ValueSlot Arg = ValueSlot::callArg(0x80000001u, 2);
  F.Stores = {{Member, "tick"}, {Table, "h1"}, {Arg, "tock"}};
  F.Escapes = {{Local, "passed a value", {"drivers/foo.c", 3, 4}, true}};
  F.Flows = {{Param, Member, {"include/linux/timer.h", 9, 17}}};
  F.Params = {{Param, "", {}}, {ValueSlot::param("st", 0), "leaks", {}}};
  F.Globals = {Table};
  F.FreeFunctions = {"free_fn", "tick"};
  M.Fields = F;
  StaticCallFact S;
  S.Key = "__SCK__pv_sched_clock";
  S.Targets = {"native_sched_clock", "kvm_clock"};
  S.Unknown = "updated with a variable";
  S.Loc = {"arch/x86/kernel/paravirt.c", 40, 1};
  S.TrampolineType = 0x1234;
  S.TrampolineSignature = 0x5678;
  M.StaticCalls = {S, StaticCallFact{"__SCK__x", {}, "", {}, {}, 0}};
  M.Conversions = std::vector<TypeConversion>{
      {"tick", std::nullopt, 0x11, {"drivers/foo.c", 5, 9}},
      {"", 0x22, 0x33, {}},
      {"", std::nullopt, 0x44, {"drivers/foo.c", 6, 2}}};
  return M;
}

/// A function record with every part set.
static FunctionFacts everyFunctionPart() {
  FunctionFacts F;
  F.Name = "parse";
  F.TU = "drivers/foo.c";
  F.Link = Linkage::Local;
  F.Parts = {1360, 16, 112, 32, 40, 0};
  F.Dynamic = DynamicFrame{"alloca of a variable size"};
  F.FrameUnknown = "";
  F.AddressTaken = true;
  F.AddressOnlyExported = true;
  F.SignatureId = 0x12345678;
  F.CTypeId = 0x9abcdef0;
  F.Loc = {"drivers/foo.c", 12, 6};
  F.Recorder = RecorderKind::IR;
  F.EntryClass = "syscall";
  F.Budget = 8192;
  F.ReturnAddressSlot = 24;
  CallFact Direct;
  Direct.Kind = CallKind::Direct;
  Direct.Callee = "helper";
  Direct.editDetails().CalleeTU = "drivers/foo.c";
  Direct.Origin = CallOrigin::Fentry;
  Direct.Loc = {"drivers/foo.c", 14, 3};
  CallFact Indirect;
  Indirect.Kind = CallKind::Indirect;
  Indirect.IsTail = true;
  Indirect.editDetails().SignatureIds = {1, 0xffffffff};
  Indirect.editDetails().CTypeIds = {0x9abcdef0};
  Indirect.editDetails().Via = "__x86_indirect_thunk_r11";
  Indirect.Origin = CallOrigin::Thunk;
  Indirect.editDetails().Field = FieldRef{"ops", 16, "read"};
  Indirect.editDetails().CalleeSlot =
      ValueSlot::param("parse", 0, "drivers/foo.c");
  Indirect.editDetails().CalleeParam = 0;
  CallFact Asm;
  Asm.Kind = CallKind::Asm;
  Asm.Callee = "__switch_to_asm";
  CallFact Unknown;
  Unknown.Kind = CallKind::Unknown;
  Unknown.editDetails().Reason = "inline asm jumps through a register";
  Unknown.Origin = CallOrigin::Libcall;
  F.Calls = {Direct, Indirect, Asm, Unknown};
  return F;
}

TEST(FactsBinary, EveryRecordKindRoundTrips) {
  ModuleFacts M = everyModulePart();
  FunctionFacts F = everyFunctionPart();
  FunctionFacts Bounded = F;
  Bounded.Name = "bounded";
  Bounded.Dynamic = DynamicFrame{""};
  Bounded.Parts.DynamicBound = 1024;
  Bounded.FrameUnknown = "no frame from the backend";
  FunctionFacts Plain;
  Plain.Name = "leaf";
  Plain.TU = "drivers/foo.c";
  ObjectFacts Out;
  Out.Origin = "foo.o";
  std::string Bytes = encodeBlock(M, {F, Bounded, Plain});
  // A TU's block is compressed when that is smaller, as here.
  EXPECT_EQ(Bytes[6], char(RecordKind::CompressedBlock));
  ASSERT_EQ(messageOf(decodeSection(Bytes, Out)), "");
  ASSERT_EQ(Out.Modules.size(), 1u);
  ASSERT_EQ(Out.Functions.size(), 3u);
  // The JSON form prints every field of a record.
  EXPECT_EQ(text(toJSON(Out.Modules[0])), text(toJSON(M)));
  EXPECT_EQ(text(toJSON(Out.Functions[0])), text(toJSON(F)));
  EXPECT_EQ(text(toJSON(Out.Functions[1])), text(toJSON(Bounded)));
  EXPECT_EQ(text(toJSON(Out.Functions[2])), text(toJSON(Plain)));
  // What the JSON form does not show.
  EXPECT_EQ(Out.Functions[0].Dynamic->Reason, "alloca of a variable size");
  EXPECT_EQ(Out.Functions[1].Parts.DynamicBound, 1024u);
  EXPECT_EQ(Out.Modules[0].Fields->Stores[2].Slot.callArgType(), 0x80000001u);
  EXPECT_EQ(Out.Modules[0].Fields->Stores[2].Slot.Index, 2u);
  EXPECT_EQ(Out.Functions[0].Calls[1].details().CalleeSlot,
            ValueSlot::param("parse", 0, "drivers/foo.c"));
}

TEST(FactsBinary, ABlockWritesEachStringOnce) {
  FunctionFacts A = everyFunctionPart(), B = A;
  B.Name = "other";
  std::string Bytes =
      encodeBlock(everyModulePart(), {A, B}, /*Compress=*/false);
  EXPECT_EQ(Bytes[6], char(RecordKind::Block));
  size_t Count = 0;
  for (size_t At = Bytes.find("drivers/foo.c"); At != std::string::npos;
       At = Bytes.find("drivers/foo.c", At + 1))
    ++Count;
  EXPECT_EQ(Count, 1u);
}

/// A block of one function named "f" in TU "t": the header, the string
/// table's size T, the table, the type ids (a count, then u32 each), then
/// the record: kind, size, name, TU, linkage, ... \p RecordAt is the
/// section offset of the record's kind.
/// Decodes \p Bytes as the section of object \p Origin and expects an
/// error that names the object, the byte offset \p Offset and \p Text.
static void expectErrorAt(const std::string &Bytes, const std::string &Origin,
                          size_t Offset, const std::string &Text) {
  ObjectFacts Out;
  Out.Origin = Origin;
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_NE(Msg.find(Origin + ": section .note.stackbudget at offset " +
                     std::to_string(Offset)),
            std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find(Text), std::string::npos) << Msg;
}

static std::string smallBlock(uint8_t &TableSize, size_t &RecordAt) {
  FunctionFacts F;
  F.Name = "f";
  F.TU = "t";
  F.Parts.Frame = 200;
  std::string Bytes = encodeRecord(F);
  TableSize = Bytes[RecordHeaderSize];
  size_t Ids = RecordHeaderSize + 1 + TableSize;
  RecordAt = Ids + 1 + 4 * uint8_t(Bytes[Ids]);
  return Bytes;
}

TEST(FactsBinary, StringIndexPastTheTableNamesObjectAndOffset) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  size_t NameAt = RecordAt + 2;
  Bytes[NameAt] = 0x7f;
  ObjectFacts Out;
  Out.Origin = "s.o";
  // The table holds the empty string, "f" and "t".
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "s.o: section .note.stackbudget at offset " +
                std::to_string(NameAt) +
                ": block at offset 0: corrupt record: string index 127 is "
                "past the end of the block's string table (3 strings)");
  EXPECT_TRUE(Out.Functions.empty());
}

TEST(FactsBinary, StringsAreSortedAndNamedByIndex) {
  FunctionFacts F;
  F.Name = "zeta";
  F.TU = "alpha.c";
  std::string Bytes = encodeRecord(F);
  // Table size 14, then "\0alpha.c\0zeta\0"; the record's name is
  // string 2, its TU string 1.
  size_t TableAt = RecordHeaderSize + 1;
  EXPECT_EQ(Bytes.substr(RecordHeaderSize, 1 + 14),
            std::string("\x0e\0alpha.c\0zeta\0", 15));
  size_t Ids = TableAt + 14;
  size_t RecordAt = Ids + 1 + 4 * uint8_t(Bytes[Ids]);
  EXPECT_EQ(Bytes[RecordAt + 2], 2);
  EXPECT_EQ(Bytes[RecordAt + 3], 1);
}

/// Version 6 referred to a string by its byte offset in a table that could
/// share suffixes: such a block, written as version 6 wrote it, still reads.
TEST(FactsBinary, Version6OffsetsStillRead) {
  // Table "\0fn\0tu\0"; "n" is a suffix of "fn" at offset 2.
  std::string Payload("\x07\0fn\0tu\0", 8);
  Payload += std::string("\x01\x2a\0\0\0", 5); // one type id, 42
  // Function: name "fn" (1), TU "tu" (4), global, machine, no parts,
  // frame 200, sig id 0, no location, no calls; then one call whose callee
  // is "n" (2).
  std::string Fields("\x01\x04\0\0\0\xc8\x01\0\0\x01"
                     "\0\0\x02\x02\0",
                     15);
  Payload += std::string("\x02", 1) + char(Fields.size()) + Fields;
  std::string Bytes = "SBFR";
  Bytes += std::string("\x06\0\x03\0", 4);
  uint32_t Size = Payload.size();
  Bytes.append(reinterpret_cast<const char *>(&Size), 4);
  Bytes += Payload;
  ObjectFacts Out;
  Out.Origin = "v6.o";
  ASSERT_EQ(messageOf(decodeSection(Bytes, Out)), "");
  ASSERT_EQ(Out.Functions.size(), 1u);
  const FunctionFacts &F = Out.Functions[0];
  EXPECT_EQ(F.Name, "fn");
  EXPECT_EQ(F.TU, "tu");
  EXPECT_EQ(F.Parts.Frame, 200u);
  EXPECT_EQ(F.SignatureId, 42u);
  ASSERT_EQ(F.Calls.size(), 1u);
  EXPECT_EQ(F.Calls[0].Callee, "n");
}

TEST(FactsBinary, StringWithoutTerminatorIsAnError) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  // The table's last byte ends its last string.
  Bytes[RecordHeaderSize + T] = 'x';
  ObjectFacts Out;
  Out.Origin = "z.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_NE(Msg.find("z.o: section .note.stackbudget at offset "), std::string::npos);
  EXPECT_NE(Msg.find("has no terminating zero"), std::string::npos) << Msg;
}

TEST(FactsBinary, TruncatedBlockNamesObjectAndOffset) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  // Cut the block inside its record and make the header agree, as a tool
  // that truncated the section and fixed up sizes would.
  Bytes.resize(Bytes.size() - 3);
  uint32_t Size = Bytes.size() - RecordHeaderSize;
  memcpy(&Bytes[8], &Size, 4);
  ObjectFacts Out;
  Out.Origin = "t.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_EQ(Msg.rfind("t.o: section .note.stackbudget at offset " +
                          std::to_string(RecordAt + 1) +
                          ": block at offset 0: truncated record header: "
                          "count ",
                      0),
            0u)
      << Msg;
  EXPECT_NE(Msg.find("exceeds the"), std::string::npos) << Msg;
}

TEST(FactsBinary, ULEBRunningPastTheEndIsAnError) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  // The last field is the call count; make it a ULEB128 that never ends.
  Bytes.back() = '\x80';
  ObjectFacts Out;
  Out.Origin = "u.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_EQ(Msg.rfind("u.o: section .note.stackbudget at offset " +
                          std::to_string(Bytes.size() - 1) +
                          ": block at offset 0: corrupt record: ",
                      0),
            0u)
      << Msg;
  EXPECT_NE(Msg.find("malformed uleb128, extends past end"), std::string::npos)
      << Msg;
}

TEST(FactsBinary, CountRunningIntoTheNextRecordIsAnError) {
  FunctionFacts F, G;
  F.Name = "f";
  G.Name = "g";
  F.TU = G.TU = "t";
  std::string Bytes = encodeBlock({}, {F, G}, /*Compress=*/false);
  // f's last field, its call count 0, gets a continuation bit: the ULEB128
  // goes on into g's record kind (2), reads 256 and ends past f's record.
  size_t CountAt = Bytes.rfind(std::string("\0\x02", 2));
  ASSERT_NE(CountAt, std::string::npos);
  Bytes[CountAt] = '\x80';
  expectErrorAt(Bytes, "c.o", CountAt,
                "count 256 exceeds the 0 bytes left in the record");
}

/// smallBlock() with its byte at \p At, a one-byte ULEB128, replaced by
/// \p ULEB, and the block's size grown to fit.
static std::string withULEBAt(size_t At, const std::string &ULEB) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  if (At == 0)
    At = RecordAt + 1; // the record's size
  Bytes.replace(At, 1, ULEB);
  uint32_t Size = Bytes.size() - RecordHeaderSize;
  memcpy(&Bytes[8], &Size, 4);
  return Bytes;
}

TEST(FactsBinary, ULEBTooBigForItsFieldIsAnError) {
  uint8_t T;
  size_t RecordAt;
  smallBlock(T, RecordAt);
  // Replace the record's size and let its kind byte stand: a size of 2^64
  // does not fit 64 bits.
  std::string Huge(10, '\xff');
  Huge.back() = '\x7f';
  expectErrorAt(withULEBAt(0, Huge), "b.o", RecordAt + 1, "too big for uint64");
}

// Zero padding past a 64-bit value's 10 bytes (0x80 ... 0x80 0x00) would
// make LLVM's decoder shift by 70 (tests/fuzz/crashes/
// facts-uleb128-zero-padded-past-ten-bytes): no writer pads, so it is too
// big, at the offset where it starts.
TEST(FactsBinary, ULEBPaddedPastTenBytesIsTooBig) {
  uint8_t T;
  size_t RecordAt;
  smallBlock(T, RecordAt);
  std::string Padded(11, '\x80');
  Padded.back() = '\0';
  expectErrorAt(withULEBAt(0, Padded), "p.o", RecordAt + 1,
                "too big for uint64");
}

// The block's own header fields are checked the same way: here the string
// table's size.
TEST(FactsBinary, TableSizePaddedPastTenBytesIsTooBig) {
  uint8_t T;
  size_t RecordAt;
  smallBlock(T, RecordAt);
  std::string Padded(10, '\x80');
  Padded += char(T);
  expectErrorAt(withULEBAt(RecordHeaderSize, Padded), "h.o", RecordHeaderSize,
                "truncated string table size: unable to decode LEB128 at "
                "offset 0x00000000: uleb128 too big for uint64");
}

TEST(FactsBinary, BlockOfAnotherVersionNamesTheVersion) {
  uint8_t T;
  size_t RecordAt;
  std::string First = encodeRecord(everyFunctionPart());
  std::string Bytes = First + smallBlock(T, RecordAt);
  Bytes[First.size() + 4] = 8;
  ObjectFacts Out;
  Out.Origin = "v.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_EQ(Msg.rfind("v.o: section .note.stackbudget at offset " +
                          std::to_string(First.size()) +
                          ": facts version 8 is not read by this build",
                      0),
            0u)
      << Msg;
}

/// smallBlock() of version \p Version with its function's presence bits
/// (after name, TU, linkage and recorder, one byte each; smallBlock has
/// none set) replaced by the ULEB128 \p Bits, the record's and the block's
/// sizes grown to fit; \p BitsAt is where they are.
static std::string withFunctionBits(StringRef Bits, uint8_t Version,
                                    size_t &BitsAt) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  BitsAt = RecordAt + 2 + 4;
  EXPECT_EQ(Bytes[BitsAt], 0) << "a plain function has no optional part";
  Bytes.replace(BitsAt, 1, Bits.str());
  Bytes[RecordAt + 1] += Bits.size() - 1;
  uint32_t Size = Bytes.size() - RecordHeaderSize;
  memcpy(&Bytes[8], &Size, 4);
  Bytes[4] = Version;
  return Bytes;
}

/// The error decodeSection() gives for \p Bytes of object \p Origin.
static std::string errorOf(const std::string &Bytes, StringRef Origin) {
  ObjectFacts Out;
  Out.Origin = Origin.str();
  return messageOf(decodeSection(Bytes, Out));
}

TEST(FactsBinary, Version5BlockIsReadWithoutTheVersion6Field) {
  size_t BitsAt;
  std::string Bytes = withFunctionBits(StringRef("\0", 1), 5, BitsAt);
  ObjectFacts Out;
  Out.Origin = "v5.o";
  ASSERT_EQ(messageOf(decodeSection(Bytes, Out)), "");
  ASSERT_EQ(Out.Functions.size(), 1u);
  EXPECT_EQ(Out.Functions[0].Parts.Frame, 200u);
  EXPECT_FALSE(Out.Functions[0].ReturnAddressSlot);
}

TEST(FactsBinary, PresenceBitOfALaterVersionIsAnError) {
  // Bit 12 (return_address_slot) came with version 6: 1 << 12 as ULEB128.
  size_t BitsAt;
  std::string Bytes = withFunctionBits("\x80\x20", 5, BitsAt);
  EXPECT_EQ(errorOf(Bytes, "b.o"),
            "b.o: section .note.stackbudget at offset " +
                std::to_string(BitsAt) +
                ": block at offset 0: corrupt record: presence bits 0x1000 "
                "name parts a version-5 record does not have (it has 12)");
}

TEST(FactsBinary, UnknownPresenceBitIsAnError) {
  // Bit 6 (addr_taken, a boolean) is valid; bit 14 is no part.
  size_t BitsAt;
  std::string Bytes = withFunctionBits("\xc0\x80\x01", 6, BitsAt);
  EXPECT_EQ(errorOf(Bytes, "u.o"),
            "u.o: section .note.stackbudget at offset " +
                std::to_string(BitsAt) +
                ": block at offset 0: corrupt record: presence bits 0x4040 "
                "name parts a version-6 record does not have (it has 13)");
}

TEST(FactsBinary, UnknownEnumValueIsAnError) {
  uint8_t T;
  size_t RecordAt;
  std::string Bytes = smallBlock(T, RecordAt);
  // Name, TU, then the linkage.
  size_t LinkageAt = RecordAt + 2 + 2;
  Bytes[LinkageAt] = 3;
  ObjectFacts Out;
  Out.Origin = "e.o";
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "e.o: section .note.stackbudget at offset " +
                std::to_string(LinkageAt) +
                ": block at offset 0: corrupt record: unknown linkage 3");
}

TEST(FactsBinary, ReaderRejectsTheMachineCodeRecorder) {
  FunctionFacts F = everyFunctionPart();
  // Only the check reads machine code; a section that says so is corrupt.
  F.Recorder = RecorderKind::MachineCode;
  ObjectFacts Out;
  Out.Origin = "m.o";
  EXPECT_NE(messageOf(decodeSection(encodeRecord(F), Out))
                .find("corrupt record: unknown recorder 2"),
            std::string::npos);
}

TEST(FactsBinary, CorruptCompressedBlockNamesObjectAndOffset) {
  std::string Bytes = encodeBlock(everyModulePart(), everyFunctionPart());
  ASSERT_EQ(Bytes[6], char(RecordKind::CompressedBlock));
  // Inside the deflate stream, after the inflated size's ULEB128.
  Bytes[RecordHeaderSize + 8] ^= 0x5a;
  Bytes[RecordHeaderSize + 9] ^= 0xa5;
  ObjectFacts Out;
  Out.Origin = "c.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_EQ(Msg.rfind("c.o: section .note.stackbudget at offset ", 0), 0u)
      << Msg;
  EXPECT_NE(Msg.find(": block at offset 0: "), std::string::npos) << Msg;
  EXPECT_TRUE(Out.Functions.empty());
}

TEST(FactsBinary, CompressedBlockClaimingTooMuchIsAnError) {
  std::string Bytes = encodeBlock(everyModulePart(), everyFunctionPart());
  // A claimed inflated size of 2^40: no allocation, an error.
  std::string Payload = Bytes.substr(RecordHeaderSize);
  size_t SizeBytes = 0;
  while (Payload[SizeBytes] & 0x80)
    ++SizeBytes;
  Payload.replace(0, SizeBytes + 1, std::string("\x80\x80\x80\x80\x80\x20", 6));
  std::string Header = Bytes.substr(0, RecordHeaderSize);
  uint32_t Size = Payload.size();
  memcpy(&Header[8], &Size, 4);
  ObjectFacts Out;
  Out.Origin = "z.o";
  std::string Msg = messageOf(decodeSection(Header + Payload, Out));
  EXPECT_EQ(Msg.rfind("z.o: section .note.stackbudget at offset 12: block at "
                      "offset 0: compressed block claims 1099511627776 bytes "
                      "from ",
                      0),
            0u)
      << Msg;
}

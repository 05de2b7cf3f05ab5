//===- FactsFormatTest.cpp ------------------------------------------------===//

#include "stackbudget/FactsFormat.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace stackbudget;
using namespace llvm;

/// "" for success, the message otherwise: keeps assertions on exact text.
static std::string messageOf(Error E) {
  return E ? toString(std::move(E)) : std::string();
}

/// A version-4 record, JSON: what objects compiled before version 5 hold.
static std::string jsonRecord(RecordKind Kind, StringRef Payload) {
  std::string Out = "SBFR";
  char Header[8];
  support::endian::write16le(Header, JSONFactsVersion);
  support::endian::write16le(Header + 2, static_cast<uint16_t>(Kind));
  support::endian::write32le(Header + 4, Payload.size());
  Out.append(Header, sizeof(Header));
  return Out + Payload.str();
}

static FunctionFacts sampleFunction() {
  FunctionFacts F;
  F.Name = "parse";
  F.TU = "drivers/foo.c";
  F.Link = Linkage::Local;
  F.Parts = {1360, 16, 112, 32, 40, 1024};
  F.Dynamic = DynamicFrame{""};
  F.AddressTaken = true;
  F.SignatureId = 0x12345678;
  F.CTypeId = 0x9abcdef0;
  F.Loc = {"drivers/foo.c", 12, 6};
  CallFact Direct;
  Direct.Kind = CallKind::Direct;
  Direct.Callee = "memcpy";
  Direct.Origin = CallOrigin::Libcall;
  Direct.Loc = {"drivers/foo.c", 14, 3};
  CallFact Indirect;
  Indirect.Kind = CallKind::Indirect;
  Indirect.IsTail = true;
  Indirect.editDetails().SignatureIds = {1, 2};
  Indirect.editDetails().Via = "__x86_indirect_thunk_r11";
  Indirect.Origin = CallOrigin::Thunk;
  F.Calls = {Direct, Indirect};
  return F;
}

TEST(FactsFormat, FunctionRoundTrip) {
  FunctionFacts F = sampleFunction();
  ObjectFacts Out;
  Out.Origin = "foo.o";
  ASSERT_EQ(messageOf(decodeSection(encodeRecord(F), Out)), "");
  ASSERT_EQ(Out.Functions.size(), 1u);
  const FunctionFacts &G = Out.Functions[0];
  EXPECT_EQ(G.Name, F.Name);
  EXPECT_EQ(G.TU, F.TU);
  EXPECT_EQ(G.Link, F.Link);
  EXPECT_EQ(G.Parts, F.Parts);
  ASSERT_TRUE(G.Dynamic && G.Dynamic->bounded());
  EXPECT_TRUE(G.AddressTaken);
  EXPECT_EQ(G.SignatureId, F.SignatureId);
  EXPECT_EQ(G.CTypeId, F.CTypeId);
  EXPECT_EQ(G.Loc, F.Loc);
  ASSERT_EQ(G.Calls.size(), 2u);
  EXPECT_EQ(G.Calls[0].Callee, "memcpy");
  EXPECT_EQ(G.Calls[0].Origin, CallOrigin::Libcall);
  EXPECT_EQ(G.Calls[1].Kind, CallKind::Indirect);
  EXPECT_TRUE(G.Calls[1].IsTail);
  EXPECT_EQ(G.Calls[1].details().SignatureIds, (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(G.Calls[1].details().Via, "__x86_indirect_thunk_r11");
}

TEST(FactsFormat, ConcatenatedAndPaddedRecords) {
  ModuleFacts M;
  M.TU = "a.c";
  M.Triple = "x86_64-pc-linux-gnu";
  M.AddressTakenDecls.push_back({"ext", 7, std::nullopt});
  std::string Bytes = encodeRecord(M) + std::string(5, '\0') +
                      encodeRecord(sampleFunction()) + std::string(3, '\0');
  ObjectFacts Out;
  Out.Origin = "all.o";
  ASSERT_EQ(messageOf(decodeSection(Bytes, Out)), "");
  ASSERT_EQ(Out.Modules.size(), 1u);
  EXPECT_EQ(Out.Modules[0].AddressTakenDecls[0].Name, "ext");
  EXPECT_EQ(Out.Functions.size(), 1u);
}

TEST(FactsFormat, SlotsRoundTrip) {
  ValueSlot Member = ValueSlot::field({"timer", 8, "function"});
  ValueSlot Table = ValueSlot::global("handlers", "drivers/foo.c");
  ValueSlot Param = ValueSlot::param("init_timer_key", 1);
  ModuleFacts M;
  M.TU = "drivers/foo.c";
  FieldFacts F;
  F.Stores = {{Member, "tick"}, {Table, "h1"}, {Param, "tock"}};
  F.Escapes = {{ValueSlot::param("st", 0, "drivers/foo.c"), "passed a value",
                {"drivers/foo.c", 3, 4}}};
  F.Flows = {{Param, Member, {"drivers/foo.c", 9, 17}}};
  F.Params = {{Param, "", {}}, {ValueSlot::param("st", 0), "leaks", {}}};
  F.Globals = {Table};
  F.FreeFunctions = {"free_fn"};
  M.Fields = F;
  ObjectFacts Out;
  Out.Origin = "foo.o";
  ASSERT_EQ(messageOf(decodeSection(encodeRecord(M), Out)), "");
  ASSERT_EQ(Out.Modules.size(), 1u);
  ASSERT_TRUE(Out.Modules[0].Fields.has_value());
  const FieldFacts &G = *Out.Modules[0].Fields;
  ASSERT_EQ(G.Stores.size(), 3u);
  EXPECT_EQ(G.Stores[0].Slot, Member);
  EXPECT_EQ(G.Stores[0].Slot.Field.Name, "function");
  EXPECT_EQ(G.Stores[1].Slot, Table);
  EXPECT_EQ(G.Stores[2].Slot, Param);
  EXPECT_EQ(G.Stores[2].Function, "tock");
  ASSERT_EQ(G.Escapes.size(), 1u);
  EXPECT_EQ(G.Escapes[0].Slot.TU, "drivers/foo.c");
  EXPECT_EQ(G.Escapes[0].Loc, F.Escapes[0].Loc);
  ASSERT_EQ(G.Flows.size(), 1u);
  EXPECT_EQ(G.Flows[0].From, Param);
  EXPECT_EQ(G.Flows[0].To, Member);
  ASSERT_EQ(G.Params.size(), 2u);
  EXPECT_EQ(G.Params[1].Leak, "leaks");
  EXPECT_EQ(G.Globals, F.Globals);
  EXPECT_EQ(G.FreeFunctions, F.FreeFunctions);
  // Field slots compare by record and offset: the member name is a label.
  EXPECT_EQ(Member, ValueSlot::field({"timer", 8, ""}));
  EXPECT_FALSE(Param == ValueSlot::param("init_timer_key", 1, "a.c"));
}

TEST(FactsFormat, NewerVersionNamesTheObjectAndTheReader) {
  std::string Bytes = encodeRecord(sampleFunction());
  Bytes[4] = 8; // version field, little endian
  ObjectFacts Out;
  Out.Origin = "drivers/foo.o";
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "drivers/foo.o: section .note.stackbudget at offset 0: facts "
            "version 8 is not read by this build of stackbudget, which reads "
            "versions 4 (JSON) and 5 to 7 (binary); it was written by a newer "
            "stackbudget: check it with the stackbudget of the plugin that "
            "compiled it");
}

TEST(FactsFormat, OlderVersionMustBeRebuilt) {
  std::string Bytes = jsonRecord(RecordKind::Function, "{}");
  Bytes[4] = 3;
  ObjectFacts Out;
  Out.Origin = "old.o";
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "old.o: section .note.stackbudget at offset 0: facts version 3 "
            "is not read by this build of stackbudget, which reads versions "
            "4 (JSON) and 5 to 7 (binary); version 3 lacks facts this reader needs "
            "and would under-count: rebuild the object with this "
            "stackbudget's plugin");
}

TEST(FactsFormat, Version4JSONIsStillRead) {
  FunctionFacts F = sampleFunction();
  std::string Payload;
  raw_string_ostream(Payload) << toJSON(F);
  ObjectFacts Out;
  Out.Origin = "v4.o";
  ASSERT_EQ(messageOf(decodeSection(
                jsonRecord(RecordKind::Function, Payload) + encodeRecord(F),
                Out)),
            "");
  ASSERT_EQ(Out.Functions.size(), 2u);
  EXPECT_EQ(Out.Functions[0].Parts, Out.Functions[1].Parts);
  EXPECT_EQ(toJSON(Out.Functions[0]), toJSON(Out.Functions[1]));
}

TEST(FactsFormat, TruncatedPayload) {
  std::string Bytes = encodeRecord(sampleFunction());
  Bytes.resize(Bytes.size() - 10);
  ObjectFacts Out;
  Out.Origin = "x.o";
  Error E = decodeSection(Bytes, Out);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(toString(std::move(E)).find("x.o: section .note.stackbudget at "
                                        "offset 0: truncated record"),
            std::string::npos);
}

TEST(FactsFormat, TruncatedHeader) {
  ObjectFacts Out;
  Out.Origin = "x.o";
  EXPECT_EQ(messageOf(decodeSection("SBFR\x01", Out)),
            "x.o: section .note.stackbudget at "
                                      "offset 0: truncated record header (5 "
                                      "of 12 bytes)");
}

TEST(FactsFormat, BadMagic) {
  ObjectFacts Out;
  Out.Origin = "x.o";
  EXPECT_EQ(messageOf(decodeSection("JUNKJUNKJUNKJUNK", Out)),
            "x.o: section .note.stackbudget at "
                                      "offset 0: not a stackbudget record "
                                      "(bad magic)");
}

TEST(FactsFormat, CorruptJSONPayloadIsAnErrorNotACrash) {
  // A wrong-typed frame in a version-4 record.
  std::string Payload = R"({"name":"f","tu":"t","linkage":"global","frame":"big","sig":1,"calls":[]})";
  ObjectFacts Out;
  Out.Origin = "y.o";
  Error E = decodeSection(jsonRecord(RecordKind::Function, Payload), Out);
  ASSERT_TRUE(bool(E));
  std::string Msg = toString(std::move(E));
  EXPECT_NE(Msg.find("y.o: section .note.stackbudget at offset 0: corrupt "
                     "record"),
            std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find("frame"), std::string::npos) << Msg;
}

TEST(FactsFormat, UnknownRecordKindNamesIt) {
  std::string Bytes = encodeRecord(sampleFunction());
  Bytes[6] = 9; // kind field, little endian
  ObjectFacts Out;
  Out.Origin = "k.o";
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "k.o: section .note.stackbudget at offset 0: unknown record "
            "kind 9 (version 7 has only blocks, kinds 3 and 4)");
  EXPECT_EQ(messageOf(decodeSection(jsonRecord(RecordKind(9), "{}"), Out)),
            "k.o: section .note.stackbudget at offset 0: unknown record "
            "kind 9");
}

TEST(FactsFormat, HugePayloadSizeIsTruncationNotOverflow) {
  std::string Bytes = encodeRecord(sampleFunction());
  Bytes[8] = Bytes[9] = Bytes[10] = Bytes[11] = '\xff';
  ObjectFacts Out;
  Out.Origin = "h.o";
  std::string Msg = messageOf(decodeSection(Bytes, Out));
  EXPECT_NE(Msg.find("h.o: section .note.stackbudget at offset 0: truncated "
                     "record (payload of 4294967295 bytes"),
            std::string::npos)
      << Msg;
}

TEST(FactsFormat, SecondRecordErrorGivesItsOffset) {
  std::string First = encodeRecord(sampleFunction());
  std::string Bytes = First + std::string(3, '\0') + "SBFR\x02";
  ObjectFacts Out;
  Out.Origin = "o.o";
  EXPECT_EQ(messageOf(decodeSection(Bytes, Out)),
            "o.o: section .note.stackbudget at offset " +
                std::to_string(First.size() + 3) +
                ": truncated record header (5 of 12 bytes)");
}

TEST(FactsFormat, NegativeJSONFrameIsRejected) {
  std::string Payload = R"({"name":"f","tu":"t","linkage":"global","frame":-8,"sig":1,"calls":[]})";
  ObjectFacts Out;
  Out.Origin = "n.o";
  std::string Msg =
      messageOf(decodeSection(jsonRecord(RecordKind::Function, Payload), Out));
  EXPECT_NE(Msg.find("n.o: section .note.stackbudget at offset 0: corrupt "
                     "record"),
            std::string::npos)
      << Msg;
  EXPECT_TRUE(Out.Functions.empty());
}

TEST(FactsFormat, PaddingOnlySectionIsEmpty) {
  ObjectFacts Out;
  Out.Origin = "p.o";
  EXPECT_EQ(messageOf(decodeSection(std::string(16, '\0'), Out)), "");
  EXPECT_TRUE(Out.Functions.empty());
  EXPECT_TRUE(Out.Modules.empty());
}

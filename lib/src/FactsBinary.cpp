//===- FactsBinary.cpp - Facts formats 5 to 7: string table, binary records ===//
//
// A block is one string table and the records that refer to it
// (docs/facts-format.md, "A block, byte by byte"). Every record type has one mapping
// function, run by three visitors: one that collects the strings into the
// table, one that writes and one that reads. The writer and the reader
// cannot drift apart because they are the same code.
//
// Optional parts are announced by a ULEB128 of presence bits at the start
// of each structure, so an absent part costs one bit, not a byte.
//
// Version 7 sorts the string table and refers to a string by its index:
// sorted names and paths put shared prefixes side by side for zlib, and an
// index is a byte where an offset into a kernel TU's table takes two. The
// kernel's facts shrink by 5% (docs/performance.md, "Facts size").
//
//===----------------------------------------------------------------------===//

#include "FactsBinary.h"

#include "stackbudget/FactsFormat.h"

#include "llvm/ADT/CachedHashString.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/DataExtractor.h"
#include "llvm/Support/EndianStream.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {
namespace {

enum class Mode { Collect, Write, Read };

/// The block's type ids (signature and C type ids, 32-bit hashes that
/// repeat across a TU's functions and calls), each written once.
struct TypeIdTable {
  std::vector<uint32_t> Ids;
  // uint64_t keys: every uint32_t is an id, DenseMap's empty key ~0U too.
  DenseMap<uint64_t, unsigned> Index;
  void add(uint32_t Id) {
    if (Index.try_emplace(Id, Ids.size()).second)
      Ids.push_back(Id);
  }
  unsigned indexOf(uint32_t Id) const { return Index.find(Id)->second; }
};

/// The block's strings in byte order, each referred to by its index; the
/// empty string is index 0. The records, which outlive the encoding, own
/// the bytes.
class StringIndexTable {
public:
  void add(StringRef S) { Index.try_emplace(CachedHashStringRef(S), 0); }
  /// Sorts the strings and numbers them from 1.
  void finalize() {
    Sorted.reserve(Index.size());
    for (const auto &E : Index)
      Sorted.push_back(E.first.val());
    llvm::sort(Sorted);
    for (auto [I, S] : enumerate(Sorted))
      Index[CachedHashStringRef(S)] = I + 1;
  }
  unsigned indexOf(StringRef S) const {
    return S.empty() ? 0 : Index.find(CachedHashStringRef(S))->second;
  }
  /// Its size, then a zero byte (the empty string) and the strings, each
  /// with its zero.
  void write(raw_ostream &OS) const {
    uint64_t Size = 1;
    for (StringRef S : Sorted)
      Size += S.size() + 1;
    encodeULEB128(Size, OS);
    OS << '\0';
    for (StringRef S : Sorted)
      OS << S << '\0';
  }

private:
  DenseMap<CachedHashStringRef, unsigned> Index;
  std::vector<StringRef> Sorted;
};

/// Adds every string and type id to the block's tables.
class StringCollector {
public:
  static constexpr Mode M = Mode::Collect;
  static constexpr uint16_t version() { return FactsVersion; }
  bool ok() { return true; }
  void str(std::string &S) {
    if (!S.empty())
      Table.add(S);
  }
  template <typename T> void uleb(T &) {}
  void typeId(uint32_t &Id) { Ids.add(Id); }
  void flags(uint64_t &) {}
  bool count(size_t) { return true; }

private:
  StringIndexTable &Table;
  TypeIdTable &Ids;

public:
  StringCollector(StringIndexTable &Table, TypeIdTable &Ids)
      : Table(Table), Ids(Ids) {}
};

class BlockWriter {
public:
  BlockWriter(const StringIndexTable &Table, const TypeIdTable &Ids,
              raw_ostream &OS)
      : Table(Table), Ids(Ids), OS(OS) {}
  static constexpr Mode M = Mode::Write;
  static constexpr uint16_t version() { return FactsVersion; }
  bool ok() { return true; }
  void str(std::string &S) { encodeULEB128(Table.indexOf(S), OS); }
  template <typename T> void uleb(T &V) { encodeULEB128(uint64_t(V), OS); }
  void typeId(uint32_t &Id) { encodeULEB128(Ids.indexOf(Id), OS); }
  void flags(uint64_t &V) { encodeULEB128(V, OS); }
  bool count(size_t N) {
    encodeULEB128(N, OS);
    return true;
  }

private:
  const StringIndexTable &Table;
  const TypeIdTable &Ids;
  raw_ostream &OS;
};

/// Reads ULEB128s with LLVM's inline decoder, which a whole kernel's facts
/// call 10^7 times; the first error (a ULEB128 that runs past the end or
/// does not fit 64 bits, worded as DataExtractor words it) is kept and every
/// later read returns zero; fail() adds the reader's own errors to it.
class BlockReader {
public:
  /// \p Strings is the table's bytes; \p Indexed its strings, split, for
  /// version 7 on, which refers to them by index.
  BlockReader(StringRef Bytes, uint64_t Start, StringRef Strings,
              ArrayRef<StringRef> Indexed, ArrayRef<uint32_t> Ids,
              uint16_t Version)
      : Bytes(Bytes), Pos(Start), Strings(Strings), Indexed(Indexed),
        Ids(Ids), Version(Version) {}
  static constexpr Mode M = Mode::Read;
  /// The block's version (its record header's): what its records may hold.
  uint16_t version() const { return Version; }
  bool ok() { return !Failed; }

  void str(std::string &S) {
    uint64_t At = Pos;
    uint64_t Offset = next();
    if (!ok())
      return;
    if (Version >= FirstIndexedStringsVersion) {
      if (Offset >= Indexed.size())
        return fail(At, "string index " + Twine(Offset) +
                            " is past the end of the block's string table (" +
                            Twine(Indexed.size()) + " strings)");
      S.assign(Indexed[Offset].data(), Indexed[Offset].size());
      return;
    }
    if (Offset >= Strings.size())
      return fail(At, "string offset " + Twine(Offset) +
                          " is past the end of the block's string table (" +
                          Twine(Strings.size()) + " bytes)");
    size_t End = Strings.find('\0', Offset);
    if (End == StringRef::npos)
      return fail(At, "string at offset " + Twine(Offset) +
                          " of the string table has no terminating zero");
    S = Strings.slice(Offset, End).str();
  }
  template <typename T> void uleb(T &V) {
    uint64_t At = Pos;
    uint64_t Raw = next();
    V = static_cast<T>(Raw);
    if (ok() && uint64_t(V) != Raw)
      fail(At, "value " + Twine(Raw) + " does not fit its field");
  }
  void typeId(uint32_t &Id) {
    uint64_t At = Pos;
    uint64_t I = next();
    if (!ok())
      return;
    if (I >= Ids.size())
      return fail(At, "type id index " + Twine(I) +
                          " is past the end of the block's " +
                          Twine(Ids.size()) + " type ids");
    Id = Ids[I];
  }
  void flags(uint64_t &V) { V = next(); }
  /// A count is checked against the bytes left (every element takes at
  /// least one), so a corrupt count cannot make the reader loop or allocate
  /// beyond the block.
  bool count(size_t &N) {
    uint64_t At = Pos;
    uint64_t Raw = next();
    if (!ok())
      return false;
    // The count itself may have run past the record's end.
    uint64_t Left = End > Pos ? End - Pos : 0;
    if (Raw > Left) {
      fail(At, "count " + Twine(Raw) + " exceeds the " + Twine(Left) +
                   " bytes left in the record");
      return false;
    }
    N = Raw;
    return true;
  }

  void fail(uint64_t At, const Twine &Msg) {
    if (Failed)
      return;
    Failed = true;
    FailOffset = At;
    FailMsg = Msg.str();
  }
  uint64_t tell() const { return Pos; }
  void setEnd(uint64_t E) { End = E; }
  uint64_t end() const { return End; }

  /// The first error and where it happened, relative to the block.
  std::pair<uint64_t, std::string> takeError() {
    return {FailOffset, FailMsg};
  }

private:
  /// Most values are below 128: one byte, inline.
  uint64_t next() {
    if (LLVM_LIKELY(!Failed && Pos < Bytes.size())) {
      uint8_t Byte = Bytes[Pos];
      if (LLVM_LIKELY(Byte < 0x80)) {
        ++Pos;
        return Byte;
      }
    }
    return nextLong();
  }
  LLVM_ATTRIBUTE_NOINLINE uint64_t nextLong() {
    if (Failed)
      return 0;
    uint64_t At = Pos;
    Expected<uint64_t> V = readULEB128(Bytes, Pos);
    if (!V) {
      fail(At, toString(V.takeError()));
      return 0;
    }
    return *V;
  }

  StringRef Bytes;
  uint64_t Pos;
  StringRef Strings;
  ArrayRef<StringRef> Indexed;
  ArrayRef<uint32_t> Ids;
  uint16_t Version;
  uint64_t End = 0;
  bool Failed = false;
  uint64_t FailOffset = 0;
  std::string FailMsg;
};

template <typename IO> constexpr bool Reading = IO::M == Mode::Read;
template <typename IO> constexpr bool Writing = IO::M != Mode::Read;

/// The presence bits of a structure: `bit(Present)` in order, before the
/// fields they announce.
class Bits {
public:
  /// \p Known of them are defined in the version read (all of \p B when
  /// writing); a reader refuses any other bit rather than skip a part it
  /// cannot place.
  template <typename IO>
  static Bits map(IO &Io, std::initializer_list<bool> B, unsigned Known = ~0U) {
    Bits R;
    if constexpr (Writing<IO>) {
      unsigned I = 0;
      for (bool Set : B)
        R.Value |= uint64_t(Set) << I++;
    }
    uint64_t At = 0;
    if constexpr (Reading<IO>)
      At = Io.tell();
    Io.flags(R.Value);
    if constexpr (Reading<IO>) {
      Known = std::min<unsigned>(Known, B.size());
      if (Io.ok() && Known < 64 && R.Value >> Known)
        Io.fail(At, "presence bits 0x" + utohexstr(R.Value) +
                        " name parts a version-" + Twine(Io.version()) +
                        " record does not have (it has " + Twine(Known) +
                        ")");
    }
    return R;
  }
  bool operator[](unsigned I) const { return Value >> I & 1; }
  uint64_t raw() const { return Value; }

private:
  uint64_t Value = 0;
};

template <typename IO, typename T>
static void mapVector(IO &Io, std::vector<T> &V,
                      void (*MapOne)(IO &, T &)) {
  size_t N = V.size();
  if constexpr (Reading<IO>) {
    if (!Io.count(N))
      return;
    V.clear();
    // count() bounds N by the bytes left, each element taking one at least.
    V.reserve(N);
    for (size_t I = 0; I < N && Io.ok(); ++I)
      MapOne(Io, V.emplace_back());
  } else {
    Io.count(N);
    for (T &E : V)
      MapOne(Io, E);
  }
}

template <typename IO> static void mapString(IO &Io, std::string &S) {
  Io.str(S);
}
template <typename IO> static void mapTypeId(IO &Io, uint32_t &V) {
  Io.typeId(V);
}

/// An enum as a small unsigned value below Count.
template <typename IO, typename E>
static void mapEnum(IO &Io, E &V, unsigned Count, const char *What) {
  unsigned Raw = static_cast<unsigned>(V);
  uint64_t At = 0;
  if constexpr (Reading<IO>)
    At = Io.tell();
  Io.uleb(Raw);
  if constexpr (Reading<IO>) {
    if (Io.ok() && Raw >= Count)
      return Io.fail(At, "unknown " + Twine(What) + " " + Twine(Raw));
    V = static_cast<E>(Raw);
  }
}

template <typename IO> static void mapLoc(IO &Io, SourceLoc &L) {
  Io.str(L.File);
  if (L.File.empty())
    return;
  Io.uleb(L.Line);
  Io.uleb(L.Column);
}

template <typename IO, typename T>
static T &present(IO &, std::optional<T> &Opt) {
  if constexpr (Reading<IO>)
    Opt.emplace();
  return *Opt;
}

template <typename IO> static void mapField(IO &Io, FieldRef &F) {
  Io.str(F.Record);
  Io.uleb(F.Offset);
  Io.str(F.Name);
}

template <typename IO> static void mapSlot(IO &Io, ValueSlot &S) {
  mapEnum(Io, S.K, 5, "slot kind");
  switch (S.K) {
  case ValueSlot::Kind::Field:
    return mapField(Io, S.Field);
  case ValueSlot::Kind::Global:
    Io.str(S.Symbol);
    Io.str(S.TU);
    return;
  case ValueSlot::Kind::Param:
  case ValueSlot::Kind::Local:
    Io.str(S.Symbol);
    Io.uleb(S.Index);
    Io.str(S.TU);
    return;
  case ValueSlot::Kind::CallArg: {
    // The C type is kept as decimal text in Symbol (ValueSlot::callArg).
    uint32_t CType = 0;
    if constexpr (Writing<IO>)
      CType = S.callArgType();
    Io.typeId(CType);
    Io.uleb(S.Index);
    if constexpr (Reading<IO>)
      S = ValueSlot::callArg(CType, S.Index);
    return;
  }
  }
}

template <typename IO> static void mapCall(IO &Io, CallFact &C) {
  mapEnum(Io, C.Kind, 4, "call kind");
  mapEnum(Io, C.Origin, 4, "call origin");
  const CallDetails &Has = C.details();
  Bits B = Bits::map(Io, {C.IsTail, !C.Callee.empty(), !Has.CalleeTU.empty(),
                          !Has.SignatureIds.empty(), !Has.CTypeIds.empty(),
                          !Has.Via.empty(), !Has.Reason.empty(),
                          Has.Field.has_value(), Has.CalleeSlot.has_value(),
                          Has.CalleeParam.has_value()});
  C.IsTail = B[0];
  if (B[1])
    Io.str(C.Callee);
  // Bits 2 to 9 are the details: a call without any gets no box.
  if (!(B.raw() >> 2)) {
    mapLoc(Io, C.Loc);
    return;
  }
  CallDetails &D = C.editDetails();
  if (B[2])
    Io.str(D.CalleeTU);
  if (B[3])
    mapVector(Io, D.SignatureIds, &mapTypeId<IO>);
  if (B[4])
    mapVector(Io, D.CTypeIds, &mapTypeId<IO>);
  if (B[5])
    Io.str(D.Via);
  if (B[6])
    Io.str(D.Reason);
  mapLoc(Io, C.Loc);
  if (B[7])
    mapField(Io, present(Io, D.Field));
  if (B[8])
    mapSlot(Io, present(Io, D.CalleeSlot));
  if (B[9])
    Io.uleb(present(Io, D.CalleeParam));
}

template <typename IO> static void mapFunction(IO &Io, FunctionFacts &F) {
  Io.str(F.Name);
  Io.str(F.TU);
  mapEnum(Io, F.Link, 3, "linkage");
  mapEnum(Io, F.Recorder, 2, "recorder");
  FrameParts &P = F.Parts;
  bool Dynamic = F.Dynamic.has_value();
  bool Bounded = Dynamic && F.Dynamic->bounded();
  Bits B = Bits::map(
      Io, {P.RedZone != 0, P.Realign != 0, P.CallArgs != 0, P.AsmStack != 0,
           Dynamic, Bounded, F.AddressTaken, F.AddressOnlyExported,
           F.CTypeId.has_value(), !F.EntryClass.empty(), F.Budget.has_value(),
           !F.FrameUnknown.empty(), F.ReturnAddressSlot.has_value()},
      /*Known=*/Io.version() >= 6 ? 13 : 12);
  Io.uleb(P.Frame);
  if (B[0])
    Io.uleb(P.RedZone);
  if (B[1])
    Io.uleb(P.Realign);
  if (B[2])
    Io.uleb(P.CallArgs);
  if (B[3])
    Io.uleb(P.AsmStack);
  if (B[4]) {
    DynamicFrame &D = present(Io, F.Dynamic);
    if (B[5])
      Io.uleb(P.DynamicBound);
    else
      Io.str(D.Reason);
    // A reader of a bound-less record with no reason still says why.
    if constexpr (Reading<IO>)
      if (!B[5] && D.Reason.empty())
        D.Reason = "the facts record no bound";
  }
  F.AddressTaken = B[6];
  F.AddressOnlyExported = B[7];
  Io.typeId(F.SignatureId);
  if (B[8])
    Io.typeId(present(Io, F.CTypeId));
  if (B[9])
    Io.str(F.EntryClass);
  if (B[10])
    Io.uleb(present(Io, F.Budget));
  if (B[11])
    Io.str(F.FrameUnknown);
  if (B[12])
    Io.uleb(present(Io, F.ReturnAddressSlot));
  mapLoc(Io, F.Loc);
  mapVector(Io, F.Calls, &mapCall<IO>);
}

template <typename IO> static void mapDecl(IO &Io, AddressTakenDecl &D) {
  Io.str(D.Name);
  Bits B = Bits::map(Io, {D.CTypeId.has_value()});
  Io.typeId(D.SignatureId);
  if (B[0])
    Io.typeId(present(Io, D.CTypeId));
}

template <typename IO> static void mapAlias(IO &Io, AliasFact &A) {
  Io.str(A.Name);
  Io.str(A.Aliasee);
  mapEnum(Io, A.Link, 3, "linkage");
}

template <typename IO> static void mapStore(IO &Io, SlotStore &S) {
  mapSlot(Io, S.Slot);
  Io.str(S.Function);
}

template <typename IO> static void mapEscape(IO &Io, SlotEscape &E) {
  mapSlot(Io, E.Slot);
  Bits B = Bits::map(Io, {E.Exported});
  E.Exported = B[0];
  Io.str(E.Reason);
  mapLoc(Io, E.Loc);
}

template <typename IO> static void mapFlow(IO &Io, SlotFlow &F) {
  mapSlot(Io, F.From);
  mapSlot(Io, F.To);
  mapLoc(Io, F.Loc);
}

template <typename IO> static void mapParamUse(IO &Io, ParamUse &U) {
  mapSlot(Io, U.Param);
  Io.str(U.Leak);
  mapLoc(Io, U.Loc);
}

template <typename IO> static void mapFields(IO &Io, FieldFacts &F) {
  mapVector(Io, F.Stores, &mapStore<IO>);
  mapVector(Io, F.Escapes, &mapEscape<IO>);
  mapVector(Io, F.Flows, &mapFlow<IO>);
  mapVector(Io, F.Params, &mapParamUse<IO>);
  mapVector(Io, F.Globals, &mapSlot<IO>);
  mapVector(Io, F.FreeFunctions, &mapString<IO>);
}

template <typename IO> static void mapStaticCall(IO &Io, StaticCallFact &S) {
  Io.str(S.Key);
  mapVector(Io, S.Targets, &mapString<IO>);
  Bits B = Bits::map(Io, {!S.Unknown.empty(), S.TrampolineType.has_value(),
                          S.TrampolineSignature != 0});
  if (B[0])
    Io.str(S.Unknown);
  if (B[1])
    Io.typeId(present(Io, S.TrampolineType));
  if (B[2])
    Io.typeId(S.TrampolineSignature);
  mapLoc(Io, S.Loc);
}

template <typename IO> static void mapConversion(IO &Io, TypeConversion &C) {
  uint64_t At = 0;
  if constexpr (Reading<IO>)
    At = Io.tell();
  Bits B = Bits::map(Io, {!C.Function.empty(), C.FromType.has_value(),
                          C.ToType.has_value()});
  if (B[0])
    Io.str(C.Function);
  if (B[1])
    Io.typeId(present(Io, C.FromType));
  if (B[2])
    Io.typeId(present(Io, C.ToType));
  mapLoc(Io, C.Loc);
  // The same shapes as version 4 allows (FactsFormat.cpp): a function, a
  // value of a C type, or a value that is not a function pointer.
  if constexpr (Reading<IO>) {
    if (B[0] && B[1])
      Io.fail(At, "a conversion names a function and a 'from' type");
    else if (!B[0] && !B[1] && !B[2])
      Io.fail(At, "a conversion of a value that is not a function pointer "
                  "needs a 'to' type");
  }
}

template <typename IO> static void mapModule(IO &Io, ModuleFacts &M) {
  Io.str(M.TU);
  Io.str(M.Triple);
  mapEnum(Io, M.Recorder, 2, "recorder");
  Bits B = Bits::map(Io, {M.Fields.has_value(), M.Conversions.has_value()});
  mapVector(Io, M.AddressTakenDecls, &mapDecl<IO>);
  mapVector(Io, M.Aliases, &mapAlias<IO>);
  if (B[0])
    mapFields(Io, present(Io, M.Fields));
  mapVector(Io, M.StaticCalls, &mapStaticCall<IO>);
  if (B[1])
    mapVector(Io, present(Io, M.Conversions), &mapConversion<IO>);
}

/// Record kinds inside a block.
enum class BlockRecord : uint8_t { Module = 1, Function = 2 };

} // namespace

Expected<uint64_t> readULEB128(StringRef Bytes, uint64_t &Pos) {
  auto Fail = [&](const char *Why) {
    return createStringError(
        inconvertibleErrorCode(),
        formatv("unable to decode LEB128 at offset {0:x8}: {1}", Pos, Why));
  };
  if (Pos >= Bytes.size())
    return Fail("malformed uleb128, extends past end");
  StringRef Head = Bytes.substr(Pos, 10);
  if (Head.size() == 10 &&
      all_of(Head, [](char B) { return uint8_t(B) >= 0x80; }))
    return Fail("uleb128 too big for uint64");
  const auto *Begin = reinterpret_cast<const uint8_t *>(Bytes.data());
  unsigned Length = 0;
  const char *Error = nullptr;
  uint64_t V =
      decodeULEB128(Begin + Pos, &Length, Begin + Bytes.size(), &Error);
  if (Error)
    return Fail(Error);
  Pos += Length;
  return V;
}

std::string encodeBlockPayload(ArrayRef<ModuleFacts> Modules,
                               ArrayRef<FunctionFacts> Functions) {
  // The mapping functions take mutable references so that one function
  // reads and writes; collecting and writing change nothing.
  MutableArrayRef<ModuleFacts> Mods(const_cast<ModuleFacts *>(Modules.data()),
                                    Modules.size());
  MutableArrayRef<FunctionFacts> Funcs(
      const_cast<FunctionFacts *>(Functions.data()), Functions.size());

  StringIndexTable Table;
  TypeIdTable Ids;
  StringCollector Collect(Table, Ids);
  for (ModuleFacts &M : Mods)
    mapModule(Collect, M);
  for (FunctionFacts &F : Funcs)
    mapFunction(Collect, F);
  Table.finalize();

  std::string Out;
  raw_string_ostream OS(Out);
  Table.write(OS);
  encodeULEB128(Ids.Ids.size(), OS);
  for (uint32_t Id : Ids.Ids)
    support::endian::write<uint32_t>(OS, Id, llvm::endianness::little);
  SmallString<256> Record;
  auto Emit = [&](BlockRecord Kind, auto &&Map) {
    Record.clear();
    raw_svector_ostream RS(Record);
    BlockWriter W(Table, Ids, RS);
    Map(W);
    encodeULEB128(unsigned(Kind), OS);
    encodeULEB128(Record.size(), OS);
    OS << Record;
  };
  for (ModuleFacts &M : Mods)
    Emit(BlockRecord::Module, [&](BlockWriter &W) { mapModule(W, M); });
  for (FunctionFacts &F : Funcs)
    Emit(BlockRecord::Function, [&](BlockWriter &W) { mapFunction(W, F); });
  return Out;
}

Error decodeBlockPayload(StringRef Payload, uint16_t Version,
                         ObjectFacts &Into,
                         function_ref<Error(uint64_t, const Twine &)> Fail) {
  // The table: its size, then the ELF-style strings (a zero first).
  uint64_t TableStart = 0;
  Expected<uint64_t> TableSizeOr = readULEB128(Payload, TableStart);
  if (!TableSizeOr)
    return Fail(0, "truncated string table size: " +
                       toString(TableSizeOr.takeError()));
  uint64_t TableSize = *TableSizeOr;
  if (TableSize > Payload.size() - TableStart)
    return Fail(0, "string table of " + Twine(TableSize) +
                       " bytes runs past the end of the block (" +
                       Twine(Payload.size() - TableStart) + " bytes left)");
  StringRef Strings = Payload.substr(TableStart, TableSize);
  if (Strings.empty() || Strings.front() != '\0')
    return Fail(TableStart, "the string table does not start with its empty "
                            "string (a zero byte)");
  SmallVector<StringRef, 0> Indexed;
  if (Version >= FirstIndexedStringsVersion) {
    if (Strings.back() != '\0')
      return Fail(TableStart + TableSize - 1,
                  "the string table's last string has no terminating zero");
    // The empty string first, then one per zero.
    Strings.drop_back().split(Indexed, '\0');
  }

  // The type ids: a count, then that many little-endian u32.
  uint64_t IdStart = TableStart + TableSize;
  Expected<uint64_t> IdCountOr = readULEB128(Payload, IdStart);
  if (!IdCountOr)
    return Fail(IdStart, "truncated type id table: " +
                             toString(IdCountOr.takeError()));
  uint64_t IdCount = *IdCountOr;
  if (IdCount > (Payload.size() - IdStart) / 4)
    return Fail(TableStart + TableSize,
                "type id table of " + Twine(IdCount) +
                    " ids runs past the end of the block (" +
                    Twine(Payload.size() - IdStart) + " bytes left)");
  DataExtractor Header(Payload, /*IsLittleEndian=*/true, 8);
  DataExtractor::Cursor C(IdStart);
  std::vector<uint32_t> Ids(IdCount);
  for (uint32_t &Id : Ids)
    Id = Header.getU32(C);

  BlockReader R(Payload, C.tell(), Strings, Indexed, Ids, Version);
  R.setEnd(Payload.size());
  while (R.tell() < Payload.size()) {
    uint64_t RecordStart = R.tell();
    unsigned Kind = 0;
    R.uleb(Kind);
    size_t Size = 0;
    if (!R.count(Size)) {
      auto [At, Msg] = R.takeError();
      return Fail(At, "truncated record header: " + Msg);
    }
    uint64_t Body = R.tell();
    R.setEnd(Body + Size);
    ModuleFacts M;
    FunctionFacts F;
    if (Kind == unsigned(BlockRecord::Module))
      mapModule(R, M);
    else if (Kind == unsigned(BlockRecord::Function))
      mapFunction(R, F);
    else
      return Fail(RecordStart, "unknown record kind " + Twine(Kind) +
                                   " in the block");
    if (R.ok() && R.tell() > Body + Size)
      R.fail(Body, "record of " + Twine(Size) + " bytes was read past its end");
    if (!R.ok()) {
      auto [At, Msg] = R.takeError();
      return Fail(At, "corrupt record: " + Msg);
    }
    if (R.tell() != Body + Size)
      return Fail(R.tell(), "record has " + Twine(Body + Size - R.tell()) +
                                " bytes after its last field");
    if (Kind == unsigned(BlockRecord::Module))
      Into.Modules.push_back(std::move(M));
    else
      Into.Functions.push_back(std::move(F));
    R.setEnd(Payload.size());
  }
  return Error::success();
}

} // namespace stackbudget

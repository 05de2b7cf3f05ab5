//===- FactsFormat.cpp - Encoding of facts inside an object file ----------===//

#include "stackbudget/FactsFormat.h"
#include "stackbudget/EnumJSON.h"

#include "FactsBinary.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/EndianStream.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace stackbudget {

const char *linkageName(Linkage L) {
  switch (L) {
  case Linkage::Global:
    return "global";
  case Linkage::Weak:
    return "weak";
  case Linkage::Local:
    return "local";
  }
  llvm_unreachable("bad linkage");
}

const char *callKindName(CallKind K) {
  switch (K) {
  case CallKind::Direct:
    return "direct";
  case CallKind::Indirect:
    return "indirect";
  case CallKind::Asm:
    return "asm";
  case CallKind::Unknown:
    return "unknown";
  }
  llvm_unreachable("bad call kind");
}

const char *callOriginName(CallOrigin O) {
  switch (O) {
  case CallOrigin::IR:
    return "ir";
  case CallOrigin::Libcall:
    return "libcall";
  case CallOrigin::Fentry:
    return "fentry";
  case CallOrigin::Thunk:
    return "thunk";
  }
  llvm_unreachable("bad call origin");
}

const char *recorderKindName(RecorderKind K) {
  switch (K) {
  case RecorderKind::Machine:
    return "machine";
  case RecorderKind::IR:
    return "ir";
  case RecorderKind::MachineCode:
    return "machine-code";
  }
  llvm_unreachable("bad recorder kind");
}

static bool fromJSON(const json::Value &V, Linkage &L, json::Path P) {
  return enumFromJSON<Linkage>(
      V, L, P, {Linkage::Global, Linkage::Weak, Linkage::Local}, linkageName);
}

static bool fromJSON(const json::Value &V, CallKind &K, json::Path P) {
  return enumFromJSON<CallKind>(V, K, P,
                                {CallKind::Direct, CallKind::Indirect,
                                 CallKind::Asm, CallKind::Unknown},
                                callKindName);
}

static bool fromJSON(const json::Value &V, CallOrigin &O, json::Path P) {
  return enumFromJSON<CallOrigin>(V, O, P,
                                  {CallOrigin::IR, CallOrigin::Libcall,
                                   CallOrigin::Fentry, CallOrigin::Thunk},
                                  callOriginName);
}

static bool fromJSON(const json::Value &V, RecorderKind &K, json::Path P) {
  // No recorder writes "machine-code": it is the check's own reading of a
  // function without facts (MachineCodeFrames.h), so a section that says
  // it is rejected.
  return enumFromJSON<RecorderKind>(
      V, K, P, {RecorderKind::Machine, RecorderKind::IR}, recorderKindName);
}

static void addLoc(json::Object &O, const SourceLoc &L) {
  if (!L.isValid())
    return;
  O["file"] = L.File;
  O["line"] = L.Line;
  if (L.Column)
    O["col"] = L.Column;
}

static bool mapLoc(json::ObjectMapper &M, SourceLoc &L) {
  return M.mapOptional("file", L.File) && M.mapOptional("line", L.Line) &&
         M.mapOptional("col", L.Column);
}

// Struct-field and static-call facts (docs/indirect-calls.md). All optional:
// a reader that predates them skips them, and they are absent without the
// front-end half of the plugin.
static void addField(json::Object &O, const FieldRef &F) {
  O["record"] = F.Record;
  O["offset"] = F.Offset;
  if (!F.Name.empty())
    O["field"] = F.Name;
}

static bool mapField(json::ObjectMapper &M, FieldRef &F) {
  return M.map("record", F.Record) && M.map("offset", F.Offset) &&
         M.mapOptional("field", F.Name);
}

static bool fromJSON(const json::Value &V, FieldRef &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && mapField(M, F);
}

static json::Value toJSON(const FieldRef &F) {
  json::Object O;
  addField(O, F);
  return O;
}

// A slot is a field (its keys inline, as version 2 always wrote them), a
// "global" or a "param" (docs/facts-format.md).
static void addSlot(json::Object &O, const ValueSlot &S) {
  switch (S.K) {
  case ValueSlot::Kind::Field:
    addField(O, S.Field);
    return;
  case ValueSlot::Kind::Global: {
    json::Object G{{"name", S.Symbol}};
    if (!S.TU.empty())
      G["tu"] = S.TU;
    O["global"] = std::move(G);
    return;
  }
  case ValueSlot::Kind::Param:
  case ValueSlot::Kind::Local: {
    json::Object Par{{"function", S.Symbol}, {"index", S.Index}};
    if (!S.TU.empty())
      Par["tu"] = S.TU;
    O[S.K == ValueSlot::Kind::Param ? "param" : "local"] = std::move(Par);
    return;
  }
  case ValueSlot::Kind::CallArg:
    O["call_arg"] = json::Object{
        {"ctype", S.callArgType()},
        {"index", S.Index}};
    return;
  }
}

static bool mapSlot(const json::Value &V, json::ObjectMapper &M, ValueSlot &S,
                    json::Path P) {
  const json::Object *O = V.getAsObject();
  if (const json::Value *G = O->get("global")) {
    json::ObjectMapper GM(*G, P.field("global"));
    S.K = ValueSlot::Kind::Global;
    return GM && GM.map("name", S.Symbol) && GM.mapOptional("tu", S.TU);
  }
  if (const json::Value *A = O->get("call_arg")) {
    json::ObjectMapper AM(*A, P.field("call_arg"));
    uint32_t CType = 0;
    unsigned Index = 0;
    if (!(AM && AM.map("ctype", CType) && AM.map("index", Index)))
      return false;
    S = ValueSlot::callArg(CType, Index);
    return true;
  }
  for (auto [Key, Kind] : {std::pair{"param", ValueSlot::Kind::Param},
                           std::pair{"local", ValueSlot::Kind::Local}})
    if (const json::Value *Par = O->get(Key)) {
      json::ObjectMapper PM(*Par, P.field(Key));
      S.K = Kind;
      return PM && PM.map("function", S.Symbol) &&
             PM.map("index", S.Index) && PM.mapOptional("tu", S.TU);
    }
  S.K = ValueSlot::Kind::Field;
  return mapField(M, S.Field);
}

static bool fromJSON(const json::Value &V, ValueSlot &S, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && mapSlot(V, M, S, P);
}

static json::Value toJSON(const ValueSlot &S) {
  json::Object O;
  addSlot(O, S);
  return O;
}

static bool fromJSON(const json::Value &V, SlotStore &S, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && mapSlot(V, M, S.Slot, P) && M.map("function", S.Function);
}

static bool fromJSON(const json::Value &V, SlotEscape &E, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && mapSlot(V, M, E.Slot, P) && M.map("reason", E.Reason) &&
         mapLoc(M, E.Loc) && M.mapOptional("exported", E.Exported);
}

static bool fromJSON(const json::Value &V, SlotFlow &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("from", F.From) && M.map("to", F.To) && mapLoc(M, F.Loc);
}

static bool fromJSON(const json::Value &V, ParamUse &U, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && mapSlot(V, M, U.Param, P) && M.mapOptional("leak", U.Leak) &&
         mapLoc(M, U.Loc);
}

static bool fromJSON(const json::Value &V, FieldFacts &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("stores", F.Stores) && M.map("escapes", F.Escapes) &&
         M.mapOptional("flows", F.Flows) &&
         M.mapOptional("params", F.Params) &&
         M.mapOptional("globals", F.Globals) &&
         M.map("free", F.FreeFunctions);
}

static json::Value toJSON(const FieldFacts &F) {
  json::Array Stores, Escapes, Flows, Params;
  for (const SlotStore &S : F.Stores) {
    json::Object O;
    addSlot(O, S.Slot);
    O["function"] = S.Function;
    Stores.push_back(std::move(O));
  }
  for (const SlotEscape &E : F.Escapes) {
    json::Object O;
    addSlot(O, E.Slot);
    O["reason"] = E.Reason;
    addLoc(O, E.Loc);
    if (E.Exported)
      O["exported"] = true;
    Escapes.push_back(std::move(O));
  }
  for (const SlotFlow &Fl : F.Flows) {
    json::Object O{{"from", toJSON(Fl.From)}, {"to", toJSON(Fl.To)}};
    addLoc(O, Fl.Loc);
    Flows.push_back(std::move(O));
  }
  for (const ParamUse &U : F.Params) {
    json::Object O;
    addSlot(O, U.Param);
    if (!U.Leak.empty())
      O["leak"] = U.Leak;
    addLoc(O, U.Loc);
    Params.push_back(std::move(O));
  }
  json::Object O{{"stores", std::move(Stores)},
                 {"escapes", std::move(Escapes)},
                 {"free", json::Array(F.FreeFunctions)}};
  if (!Flows.empty())
    O["flows"] = std::move(Flows);
  if (!Params.empty())
    O["params"] = std::move(Params);
  if (!F.Globals.empty()) {
    json::Array Globals;
    for (const ValueSlot &G : F.Globals)
      Globals.push_back(toJSON(G));
    O["globals"] = std::move(Globals);
  }
  return O;
}

static bool fromJSON(const json::Value &V, StaticCallFact &S, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("key", S.Key) && M.map("targets", S.Targets) &&
         M.mapOptional("unknown", S.Unknown) &&
         M.mapOptional("trampoline_ctype", S.TrampolineType) &&
         M.mapOptional("trampoline_sig", S.TrampolineSignature) &&
         mapLoc(M, S.Loc);
}

static json::Value toJSON(const StaticCallFact &S) {
  json::Object O{{"key", S.Key}, {"targets", json::Array(S.Targets)}};
  if (!S.Unknown.empty())
    O["unknown"] = S.Unknown;
  if (S.TrampolineType)
    O["trampoline_ctype"] = *S.TrampolineType;
  if (S.TrampolineSignature)
    O["trampoline_sig"] = S.TrampolineSignature;
  addLoc(O, S.Loc);
  return O;
}

static json::Value toJSON(const TypeConversion &C) {
  json::Object O;
  if (!C.Function.empty())
    O["function"] = C.Function;
  if (C.FromType)
    O["from"] = *C.FromType;
  if (C.ToType)
    O["to"] = *C.ToType;
  addLoc(O, C.Loc);
  return O;
}

static bool fromJSON(const json::Value &V, TypeConversion &C, json::Path P) {
  json::ObjectMapper M(V, P);
  if (!(M && M.mapOptional("function", C.Function) &&
        M.mapOptional("from", C.FromType) && M.mapOptional("to", C.ToType) &&
        mapLoc(M, C.Loc)))
    return false;
  // A function, a value of a C type, or (neither) a value that is not a
  // function pointer converted into 'to'.
  if (!C.Function.empty() && C.FromType) {
    P.report("a conversion names a function or a 'from' type, not both");
    return false;
  }
  if (C.Function.empty() && !C.FromType && !C.ToType) {
    P.report("a conversion of a value that is not a function pointer needs "
             "a 'to' type");
    return false;
  }
  return true;
}

static json::Value toJSON(const CallFact &C) {
  json::Object O{{"kind", callKindName(C.Kind)}};
  if (C.IsTail)
    O["tail"] = true;
  if (C.Origin != CallOrigin::IR)
    O["origin"] = callOriginName(C.Origin);
  if (!C.Callee.empty())
    O["callee"] = C.Callee;
  const CallDetails &D = C.details();
  if (!D.SignatureIds.empty())
    O["sig"] = json::Array(D.SignatureIds);
  if (!D.CTypeIds.empty())
    O["ctypes"] = json::Array(D.CTypeIds);
  if (!D.Via.empty())
    O["via"] = D.Via;
  if (!D.Reason.empty())
    O["reason"] = D.Reason;
  addLoc(O, C.Loc);
  if (D.Field)
    O["field"] = toJSON(*D.Field);
  if (D.CalleeSlot)
    O["callee_slot"] = toJSON(*D.CalleeSlot);
  if (D.CalleeParam)
    O["callee_param"] = *D.CalleeParam;
  return O;
}

static bool fromJSON(const json::Value &V, CallFact &C, json::Path P) {
  json::ObjectMapper M(V, P);
  CallDetails D;
  if (!(M && M.map("kind", C.Kind) && M.mapOptional("tail", C.IsTail) &&
        M.mapOptional("origin", C.Origin) &&
        M.mapOptional("callee", C.Callee) &&
        M.mapOptional("sig", D.SignatureIds) &&
        M.mapOptional("ctypes", D.CTypeIds) && M.mapOptional("via", D.Via) &&
        M.mapOptional("reason", D.Reason) && mapLoc(M, C.Loc) &&
        M.mapOptional("field", D.Field) &&
        M.mapOptional("callee_slot", D.CalleeSlot) &&
        M.mapOptional("callee_param", D.CalleeParam)))
    return false;
  if (!D.empty())
    C.editDetails() = std::move(D);
  return true;
}

json::Value toJSON(const FunctionFacts &F) {
  json::Object O{{"name", F.Name},
                 {"tu", F.TU},
                 {"linkage", linkageName(F.Link)},
                 {"frame", F.Parts.Frame},
                 {"sig", F.SignatureId}};
  if (F.Parts.RedZone)
    O["redzone"] = F.Parts.RedZone;
  if (F.Parts.Realign)
    O["realign"] = F.Parts.Realign;
  if (F.Parts.CallArgs)
    O["call_args"] = F.Parts.CallArgs;
  if (F.Parts.AsmStack)
    O["asm_stack"] = F.Parts.AsmStack;
  if (F.Dynamic) {
    json::Object D;
    if (F.Dynamic->bounded())
      D["bound"] = F.Parts.DynamicBound;
    else
      D["reason"] = F.Dynamic->Reason;
    O["dynamic"] = std::move(D);
  }
  if (F.ReturnAddressSlot)
    O["return_address_slot"] = *F.ReturnAddressSlot;
  if (F.AddressTaken)
    O["addr_taken"] = true;
  if (F.AddressOnlyExported)
    O["addr_only_exported"] = true;
  if (F.CTypeId)
    O["ctype"] = *F.CTypeId;
  if (!F.EntryClass.empty())
    O["entry"] = F.EntryClass;
  if (F.Budget)
    O["budget"] = *F.Budget;
  if (F.Recorder != RecorderKind::Machine)
    O["recorder"] = recorderKindName(F.Recorder);
  if (!F.FrameUnknown.empty())
    O["frame_unknown"] = F.FrameUnknown;
  addLoc(O, F.Loc);
  json::Array Calls;
  for (const CallFact &C : F.Calls)
    Calls.push_back(toJSON(C));
  O["calls"] = std::move(Calls);
  return O;
}

/// "dynamic": {"bound": N} or {"reason": why}; the bound goes to the
/// frame's parts. A record with neither is unbounded: nothing proves a
/// bound.
static bool mapDynamic(const json::Value &Record, FunctionFacts &F,
                       json::Path P) {
  const json::Object *O = Record.getAsObject();
  const json::Value *D = O ? O->get("dynamic") : nullptr;
  if (!D || D->kind() == json::Value::Null)
    return true;
  json::ObjectMapper M(*D, P.field("dynamic"));
  std::optional<uint64_t> Bound;
  std::string Reason;
  if (!M || !M.mapOptional("bound", Bound) || !M.mapOptional("reason", Reason))
    return false;
  F.Dynamic.emplace();
  if (Bound)
    F.Parts.DynamicBound = *Bound;
  else
    F.Dynamic->Reason = Reason.empty() ? "the facts record no bound" : Reason;
  return true;
}

bool fromJSON(const json::Value &V, FunctionFacts &F, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("name", F.Name) && M.map("tu", F.TU) &&
         M.map("linkage", F.Link) && M.map("frame", F.Parts.Frame) &&
         M.map("sig", F.SignatureId) &&
         M.mapOptional("redzone", F.Parts.RedZone) &&
         M.mapOptional("realign", F.Parts.Realign) &&
         M.mapOptional("call_args", F.Parts.CallArgs) &&
         M.mapOptional("asm_stack", F.Parts.AsmStack) &&
         mapDynamic(V, F, P) &&
         M.mapOptional("return_address_slot", F.ReturnAddressSlot) &&
         M.mapOptional("addr_taken", F.AddressTaken) &&
         M.mapOptional("addr_only_exported", F.AddressOnlyExported) &&
         M.mapOptional("recorder", F.Recorder) &&
         M.mapOptional("ctype", F.CTypeId) && mapLoc(M, F.Loc) &&
         M.map("calls", F.Calls) && M.mapOptional("entry", F.EntryClass) &&
         M.mapOptional("budget", F.Budget);
}

static json::Value toJSON(const AddressTakenDecl &D) {
  json::Object O{{"name", D.Name}, {"sig", D.SignatureId}};
  if (D.CTypeId)
    O["ctype"] = *D.CTypeId;
  return O;
}

static bool fromJSON(const json::Value &V, AddressTakenDecl &D,
                     json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("name", D.Name) && M.map("sig", D.SignatureId) &&
         M.mapOptional("ctype", D.CTypeId);
}

static json::Value toJSON(const AliasFact &A) {
  return json::Object{{"name", A.Name},
                      {"aliasee", A.Aliasee},
                      {"linkage", linkageName(A.Link)}};
}

static bool fromJSON(const json::Value &V, AliasFact &A, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("name", A.Name) && M.map("aliasee", A.Aliasee) &&
         M.map("linkage", A.Link);
}

json::Value toJSON(const ModuleFacts &Mod) {
  json::Array Decls, Aliases;
  for (const AddressTakenDecl &D : Mod.AddressTakenDecls)
    Decls.push_back(toJSON(D));
  for (const AliasFact &A : Mod.Aliases)
    Aliases.push_back(toJSON(A));
  json::Object O{{"tu", Mod.TU},
                 {"triple", Mod.Triple},
                 {"addr_taken_decls", std::move(Decls)},
                 {"aliases", std::move(Aliases)}};
  if (Mod.Recorder != RecorderKind::Machine)
    O["recorder"] = recorderKindName(Mod.Recorder);
  if (Mod.Fields)
    O["fields"] = toJSON(*Mod.Fields);
  if (!Mod.StaticCalls.empty()) {
    json::Array Calls;
    for (const StaticCallFact &S : Mod.StaticCalls)
      Calls.push_back(toJSON(S));
    O["static_calls"] = std::move(Calls);
  }
  if (Mod.Conversions) {
    json::Array Conversions;
    for (const TypeConversion &C : *Mod.Conversions)
      Conversions.push_back(toJSON(C));
    O["conversions"] = std::move(Conversions);
  }
  return O;
}

bool fromJSON(const json::Value &V, ModuleFacts &Mod, json::Path P) {
  json::ObjectMapper M(V, P);
  return M && M.map("tu", Mod.TU) && M.map("triple", Mod.Triple) &&
         M.mapOptional("recorder", Mod.Recorder) &&
         M.map("addr_taken_decls", Mod.AddressTakenDecls) &&
         M.map("aliases", Mod.Aliases) && M.mapOptional("fields", Mod.Fields) &&
         M.mapOptional("static_calls", Mod.StaticCalls) &&
         M.mapOptional("conversions", Mod.Conversions);
}

std::string encodeBlock(ArrayRef<ModuleFacts> Modules,
                        ArrayRef<FunctionFacts> Functions, bool Compress) {
  std::string Body = encodeBlockPayload(Modules, Functions);
  RecordKind Kind = RecordKind::Block;
  if (Compress && compression::zlib::isAvailable()) {
    SmallVector<uint8_t, 0> Packed;
    compression::zlib::compress(arrayRefFromStringRef(Body), Packed,
                                compression::zlib::BestSizeCompression);
    std::string Compressed;
    raw_string_ostream OS(Compressed);
    encodeULEB128(Body.size(), OS);
    OS << toStringRef(Packed);
    if (Compressed.size() < Body.size()) {
      Body = std::move(Compressed);
      Kind = RecordKind::CompressedBlock;
    }
  }
  std::string Out;
  Out.reserve(RecordHeaderSize + Body.size());
  Out += RecordMagic;
  char Header[8];
  support::endian::write16le(Header, FactsVersion);
  support::endian::write16le(Header + 2, static_cast<uint16_t>(Kind));
  support::endian::write32le(Header + 4, static_cast<uint32_t>(Body.size()));
  Out.append(Header, sizeof(Header));
  Out += Body;
  return Out;
}

std::string encodeFactsNote(StringRef Records, size_t MinDescSize) {
  size_t DescSize = alignTo(std::max(Records.size(), MinDescSize), 4);
  std::string Out;
  raw_string_ostream OS(Out);
  support::endian::Writer W(OS, llvm::endianness::little);
  W.write<uint32_t>(FactsNoteOwner.size() + 1);
  W.write<uint32_t>(DescSize);
  W.write<uint32_t>(FactsNoteType);
  OS << FactsNoteOwner;
  OS.write_zeros(alignTo(FactsNoteOwner.size() + 1, 4) - FactsNoteOwner.size());
  OS << Records;
  OS.write_zeros(DescSize - Records.size());
  return Out;
}

std::string encodeRecord(const FunctionFacts &F) {
  return encodeBlock({}, F, /*Compress=*/false);
}

std::string encodeRecord(const ModuleFacts &M) {
  return encodeBlock(M, {}, /*Compress=*/false);
}

namespace {
/// Where the bytes being decoded are, for errors.
struct SectionPlace {
  const ObjectFacts &Into;
  StringRef Section;
  uint64_t Base;
};
} // namespace

static Error recordError(const SectionPlace &Where, uint64_t Offset,
                         const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(),
                           Where.Into.Origin + ": section " + Where.Section +
                               " at offset " + Twine(Where.Base + Offset) +
                               ": " + Msg);
}

template <typename T>
static Error decodePayload(StringRef Payload, T &Out, const SectionPlace &Into,
                           size_t Offset) {
  Expected<json::Value> V = json::parse(Payload);
  if (!V)
    return recordError(Into, Offset,
                       "corrupt record: " + toString(V.takeError()));
  json::Path::Root Root("record");
  if (!fromJSON(*V, Out, Root)) {
    std::string Msg;
    raw_string_ostream OS(Msg);
    OS << "corrupt record: " << toString(Root.getError());
    return recordError(Into, Offset, Msg);
  }
  return Error::success();
}

/// Which build reads a version this one does not (docs/facts-format.md,
/// "Versions").
static std::string versionMismatch(uint16_t Version) {
  std::string Msg = "facts version " + std::to_string(Version) +
                    " is not read by this build of stackbudget, which "
                    "reads versions " +
                    std::to_string(JSONFactsVersion) + " (JSON) and " +
                    std::to_string(FirstBinaryFactsVersion) + " to " +
                    std::to_string(FactsVersion) + " (binary); ";
  if (Version < JSONFactsVersion)
    return Msg + "version " + std::to_string(Version) +
           " lacks facts this reader needs and would under-count: rebuild "
           "the object with this stackbudget's plugin";
  return Msg + "it was written by a newer stackbudget: check it with the "
               "stackbudget of the plugin that compiled it";
}

/// zlib's deflate never shrinks data by more than about 1032:1, so a
/// claimed size beyond that is corruption, not a reason to allocate.
constexpr uint64_t MaxDeflateRatio = 1032;

static Error decodeBlock(uint16_t Version, uint16_t Kind, StringRef Payload,
                         ObjectFacts &Facts, const SectionPlace &Into,
                         size_t Offset) {
  auto FailAt = [&](uint64_t At, const Twine &Msg) {
    return recordError(Into, Offset + RecordHeaderSize + At,
                       "block at offset " + Twine(Offset) + ": " + Msg);
  };
  if (Kind == static_cast<uint16_t>(RecordKind::Block))
    return decodeBlockPayload(Payload, Version, Facts, FailAt);
  if (Kind != static_cast<uint16_t>(RecordKind::CompressedBlock))
    return recordError(Into, Offset,
                       "unknown record kind " + Twine(Kind) + " (version " +
                           Twine(Version) +
                           " has only blocks, kinds 3 and 4)");
  uint64_t PackedStart = 0;
  Expected<uint64_t> SizeOr = readULEB128(Payload, PackedStart);
  if (!SizeOr)
    return FailAt(0, "truncated compressed block: " +
                         toString(SizeOr.takeError()));
  uint64_t Size = *SizeOr;
  StringRef Packed = Payload.substr(PackedStart);
  if (Size > MaxDeflateRatio * Packed.size())
    return FailAt(0, "compressed block claims " + Twine(Size) +
                         " bytes from " + Twine(Packed.size()) +
                         ", more than zlib can inflate");
  if (!compression::zlib::isAvailable())
    return FailAt(0, "the block is zlib-compressed and this build of "
                     "stackbudget has no zlib");
  SmallVector<uint8_t, 0> Unpacked;
  if (Error E = compression::zlib::decompress(arrayRefFromStringRef(Packed),
                                              Unpacked, Size))
    return FailAt(PackedStart, "corrupt compressed block: " +
                                toString(std::move(E)));
  // Offsets into the inflated bytes name no byte of the section; say
  // which byte of the block they are.
  return decodeBlockPayload(
      toStringRef(Unpacked), Version, Facts, [&](uint64_t At, const Twine &Msg) {
        return FailAt(0, "at byte " + Twine(At) + " of its " + Twine(Size) +
                             " bytes inflated: " + Msg);
      });
}

static Error decodeRecord(uint16_t Version, uint16_t Kind, StringRef Payload,
                          ObjectFacts &Facts, const SectionPlace &Into,
                          size_t Offset) {
  if (Version >= FirstBinaryFactsVersion)
    return decodeBlock(Version, Kind, Payload, Facts, Into, Offset);
  switch (static_cast<RecordKind>(Kind)) {
  case RecordKind::Module: {
    ModuleFacts M;
    if (Error E = decodePayload(Payload, M, Into, Offset))
      return E;
    Facts.Modules.push_back(std::move(M));
    return Error::success();
  }
  case RecordKind::Function: {
    FunctionFacts F;
    if (Error E = decodePayload(Payload, F, Into, Offset))
      return E;
    Facts.Functions.push_back(std::move(F));
    return Error::success();
  }
  default:
    return recordError(Into, Offset, "unknown record kind " + Twine(Kind));
  }
}

Error decodeSection(StringRef Bytes, ObjectFacts &Facts, StringRef Section,
                    uint64_t BaseOffset) {
  SectionPlace Into{Facts, Section, BaseOffset};
  size_t Offset = 0;
  while (Offset < Bytes.size()) {
    if (Bytes[Offset] == '\0') {
      ++Offset;
      continue;
    }
    StringRef Rest = Bytes.substr(Offset);
    if (Rest.size() < RecordHeaderSize)
      return recordError(Into, Offset,
                         "truncated record header (" + Twine(Rest.size()) +
                             " of " + Twine(RecordHeaderSize) + " bytes)");
    if (!Rest.starts_with(RecordMagic))
      return recordError(Into, Offset, "not a stackbudget record (bad magic)");
    const char *H = Rest.data() + RecordMagic.size();
    uint16_t Version = support::endian::read16le(H);
    uint16_t Kind = support::endian::read16le(H + 2);
    uint32_t Size = support::endian::read32le(H + 4);
    if (Version != JSONFactsVersion &&
        (Version < FirstBinaryFactsVersion || Version > FactsVersion))
      return recordError(Into, Offset, versionMismatch(Version));
    if (Size > Rest.size() - RecordHeaderSize)
      return recordError(Into, Offset,
                         "truncated record (payload of " + Twine(Size) +
                             " bytes, " +
                             Twine(Rest.size() - RecordHeaderSize) +
                             " left in the section)");
    StringRef Payload = Rest.substr(RecordHeaderSize, Size);
    if (Error E = decodeRecord(Version, Kind, Payload, Facts, Into, Offset))
      return E;
    Offset += RecordHeaderSize + Size;
  }
  return Error::success();
}

} // namespace stackbudget

//===- Facts.h - What the recorder knows about one emitted function -------===//
//
// The facts are the contract between the per-TU recorder (a MachineFunction
// pass that runs in every compile and every LTO codegen) and the whole-program
// check. They hold exactly what the path walk needs and nothing that only the
// recorder could recompute: the frame as the backend laid it out, every call
// as emitted machine code, and the identities needed to join TUs (symbol,
// linkage, TU, type ids of indirect calls and of address-taken functions).
//
// The on-disk encoding is in FactsFormat.h and docs/facts-format.md.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTS_H
#define STACKBUDGET_FACTS_H

#include "stackbudget/Boxed.h"
#include "stackbudget/FrameParts.h"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace stackbudget {

struct SourceLoc {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool isValid() const { return !File.empty() && Line != 0; }
  bool operator==(const SourceLoc &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

enum class Linkage { Global, Weak, Local };

/// How a call transfers control.
enum class CallKind : uint8_t {
  /// A call or jump to a known symbol.
  Direct,
  /// A call through a register or memory operand.
  Indirect,
  /// Inline assembly whose text contains a call instruction.
  Asm,
  /// A call instruction the recorder could not classify; Reason says why.
  Unknown,
};

/// Where a call came from, so a report can say "memcpy introduced by the
/// backend" instead of pointing at a source line that has no call.
enum class CallOrigin : uint8_t {
  /// A call the IR already had (possibly after inlining).
  IR,
  /// A library call the backend introduced (memcpy, __stack_chk_fail, ...).
  Libcall,
  /// The -pg -mfentry profiling hook emitted before the prologue.
  Fentry,
  /// An indirect call routed through a retpoline thunk.
  Thunk,
};

/// A struct field that holds a function pointer: the record's name (C tag,
/// else its typedef name) and the field's byte offset in it, as the front end
/// laid it out. Name is the field's name when the front end told it.
/// See docs/indirect-calls.md.
struct FieldRef {
  std::string Record;
  uint64_t Offset = 0;
  std::string Name;
};

/// A place the struct-field refinement follows function pointers through
/// (docs/indirect-calls.md, "Argument flow"): a struct member, a global
/// variable (a function pointer, or an array of them), a parameter of a
/// function (0-based, as the source declares it), or a local variable of a
/// function (numbered in the order the function declares its
/// function-pointer locals), or what the indirect calls of one C type pass
/// for one parameter (Symbol the C type id in decimal). Symbol names the
/// global or the function; TU is set when that symbol is TU-local.
struct ValueSlot {
  enum class Kind { Field, Global, Param, Local, CallArg };
  Kind K = Kind::Field;
  FieldRef Field;
  std::string Symbol;
  std::string TU;
  unsigned Index = 0;

  static ValueSlot field(FieldRef F) {
    ValueSlot S;
    S.Field = std::move(F);
    return S;
  }
  static ValueSlot global(std::string Symbol, std::string TU = "") {
    ValueSlot S;
    S.K = Kind::Global;
    S.Symbol = std::move(Symbol);
    S.TU = std::move(TU);
    return S;
  }
  static ValueSlot param(std::string Function, unsigned Index,
                         std::string TU = "") {
    ValueSlot S;
    S.K = Kind::Param;
    S.Symbol = std::move(Function);
    S.Index = Index;
    S.TU = std::move(TU);
    return S;
  }
  static ValueSlot local(std::string Function, unsigned Index,
                         std::string TU = "") {
    ValueSlot S = param(std::move(Function), Index, std::move(TU));
    S.K = Kind::Local;
    return S;
  }
  static ValueSlot callArg(uint32_t CType, unsigned Index) {
    ValueSlot S = param(std::to_string(CType), Index);
    S.K = Kind::CallArg;
    return S;
  }
  /// Kind::CallArg: the C type id of the calls.
  uint32_t callArgType() const {
    return static_cast<uint32_t>(std::stoul(Symbol));
  }
  /// A parameter or a local variable: a slot of one function's body.
  bool isVariable() const { return K == Kind::Param || K == Kind::Local; }
  /// What tells two slots apart (a field by record and offset only).
  std::tuple<Kind, std::string, uint64_t, std::string> key() const {
    if (K == Kind::Field)
      return {K, Field.Record, Field.Offset, ""};
    return {K, Symbol, Index, TU};
  }
  bool operator<(const ValueSlot &O) const { return key() < O.key(); }
  bool operator==(const ValueSlot &O) const { return key() == O.key(); }
};

/// The parts of a call record that only indirect, assembly, unknown and
/// machine-code calls have. A kernel's calls are mostly direct, and a record
/// is kept for every call of the whole program (10^7 in bench/), so these
/// live in one box that a direct call does not allocate.
struct CallDetails {
  /// Direct calls the check read from machine code (RecorderKind::
  /// MachineCode) to a local function: that function's TU, which need not
  /// be the caller's (an `ld -r` output says which file a local symbol
  /// belongs to, not a global one). Empty otherwise: the caller's TU.
  std::string CalleeTU;
  /// For Indirect calls: the signature ids the call may have. Exactly one
  /// when the machine call could be matched to its IR call; all the
  /// signatures of the function's IR indirect calls otherwise (sound).
  std::vector<uint32_t> SignatureIds;
  /// For Indirect calls: the ids of the C function types the callee pointer
  /// may have (KCFI's id, computed with or without -fsanitize=kcfi;
  /// TypeIds.h), sorted. One when the call is known; several for a call the
  /// optimizer merged from calls of its signature (CTypeFacts.h). Empty
  /// where no C type is known (an unprototyped call, IR from another front
  /// end): the call is then matched by signature.
  std::vector<uint32_t> CTypeIds;
  /// For calls routed through a thunk (retpoline): the thunk symbol.
  std::string Via;
  /// Why a call is Unknown or an Asm call has no target; free text.
  std::string Reason;
  /// For Indirect calls: the struct field the callee pointer was loaded
  /// from, when the front end saw a direct load of a member (optional).
  std::optional<FieldRef> Field;
  /// For Indirect calls: the global variable (a function-pointer variable,
  /// or an element of an array of them) the callee pointer was loaded from,
  /// or the parameter of a source function that it is, as the source says
  /// it (TagStructFieldsPass; the parameter survives inlining and cloning).
  std::optional<ValueSlot> CalleeSlot;
  /// For Indirect calls: the caller's own parameter (0-based, in the
  /// optimized IR) the callee pointer is, when the IR says so; what
  /// `param:` annotations match.
  std::optional<unsigned> CalleeParam;

  bool empty() const {
    return CalleeTU.empty() && SignatureIds.empty() && CTypeIds.empty() &&
           Via.empty() && Reason.empty() && !Field && !CalleeSlot &&
           !CalleeParam;
  }
};

struct CallFact {
  CallKind Kind = CallKind::Unknown;
  /// A tail call: a jump that replaces the caller's frame.
  bool IsTail = false;
  CallOrigin Origin = CallOrigin::IR;
  /// The callee symbol for Direct calls, and for Asm calls whose target the
  /// recorder could read from the asm text or operands. Empty otherwise.
  std::string Callee;
  SourceLoc Loc;

  /// What most calls lack (CallDetails); all empty when the box is.
  const CallDetails &details() const {
    return Details ? *Details : noDetails();
  }
  /// The details to fill in; allocates the box on first use, so readers
  /// take details().
  CallDetails &editDetails() { return Details ? *Details : Details.emplace(); }

private:
  static const CallDetails &noDetails() {
    static const CallDetails None;
    return None;
  }
  Boxed<CallDetails> Details;
};

/// Which recorder wrote a record, so that a report can say how much of it is
/// machine truth. Spelled "recorder" in the JSON, absent for Machine.
enum class RecorderKind {
  /// The MachineFunction pass after prologue/epilogue insertion (LLVM 22):
  /// calls are the emitted machine calls, backend libcalls included.
  Machine,
  /// LLVM 19: the frame comes from the backend's stack-size diagnostic (still
  /// exact), but calls come from the IR after optimization, before codegen,
  /// so calls the backend adds (memcpy for struct copies, __stack_chk_fail,
  /// __fentry__, retpoline thunks) are missing and tail calls other than
  /// musttail appear as plain calls. See docs/llvm19.md.
  IR,
  /// No recorder: the check read the function's machine code in an object
  /// without its facts (assembly), MachineCodeFrames.h. Never written to a
  /// facts section, and a reader rejects it there.
  MachineCode,
};

/// A function with variable-sized objects (.su "dynamic"): bounded, with
/// the bound in FrameParts::DynamicBound, or not, and why.
struct DynamicFrame {
  /// Why no bound could be proven; empty when bounded.
  std::string Reason;
  bool bounded() const { return Reason.empty(); }
};

struct FunctionFacts {
  /// The symbol as emitted (what a call's relocation names).
  std::string Name;
  /// The TU's source file name (Module::getSourceFileName()); keeps two
  /// `static` functions of the same name in two TUs apart.
  std::string TU;
  Linkage Link = Linkage::Global;
  /// The recorded frame and the bytes beyond it (FrameParts::own() is what
  /// one activation may use besides its calls; an unbounded dynamic frame
  /// adds nothing there, see Dynamic).
  FrameParts Parts;
  /// Present when the function has variable-sized objects (.su "dynamic").
  std::optional<DynamicFrame> Dynamic;
  /// Where the function saves its return address, when its prologue does
  /// (AArch64's frame record keeps the link register inside the frame, at
  /// the bottom of the callee-saved area): bytes from the stack pointer at
  /// entry down to the low end of that slot. Absent where the call itself
  /// pushes the return address above the frame (x86-64), in leaf functions
  /// that keep it in the link register, and in facts of a recorder that
  /// does not see the frame layout (LLVM 19). Only the runtime cross-check
  /// reads it: the stack tracer finds return addresses in these slots
  /// (docs/runtime.md, "arm64").
  std::optional<uint64_t> ReturnAddressSlot;
  /// RecorderKind::MachineCode only: why Frame is only what the machine code
  /// showed up to a point it cannot follow (%rsp set from a register,
  /// undecodable bytes...); empty when Frame is the deepest on every path.
  std::string FrameUnknown;
  bool AddressTaken = false;
  /// AddressTaken, and every use of the address outside calls is data of a
  /// `.discard.*` section (the kernel's `__ADDRESSABLE()` behind
  /// `EXPORT_SYMBOL`): nothing in the linked program holds it but the
  /// symbol table the export builds (docs/indirect-calls.md, "Closed
  /// world").
  bool AddressOnlyExported = false;

  /// Signature id of the function's own type (see TypeIds.h).
  uint32_t SignatureId = 0;
  /// Id of the function's C type (KCFI's id, with or without CFI); empty for
  /// unprototyped (K&R) functions and IR without a C front end.
  std::optional<uint32_t> CTypeId;
  SourceLoc Loc;
  std::vector<CallFact> Calls;
  /// Where the calls (and dynamic-frame facts) came from.
  RecorderKind Recorder = RecorderKind::Machine;
  /// The entry class written in source with stack_entry("cls")
  /// (docs/attributes.md): this function is an entry point of that class,
  /// and the profile maps the class to a stack. Empty when not written.
  /// Clones (foo.constprop.0) carry the attribute of their original.
  std::string EntryClass;
  /// The budget written in source with stack_budget(N): the deepest path
  /// that starts at this function, its own frame included, must fit in N
  /// bytes. Empty when not written.
  std::optional<uint64_t> Budget;
};

/// A function whose address the TU takes without defining it; its candidates
/// for indirect calls are known only once all TUs are joined.
struct AddressTakenDecl {
  std::string Name;
  uint32_t SignatureId = 0;
  std::optional<uint32_t> CTypeId;
};

/// A conversion that lets a function be called through a type other than
/// its own (docs/indirect-calls.md, "Casts"): a function designator
/// (Function) or every function-pointer value of C type FromType converted
/// to the function-pointer type ToType, or, with no ToType, to something
/// that is not a function pointer (void *, an integer, a union member), from
/// where it may come back as any type.
struct TypeConversion {
  std::string Function;
  std::optional<uint32_t> FromType;
  std::optional<uint32_t> ToType;
  SourceLoc Loc;
};

struct AliasFact {
  std::string Name;
  std::string Aliasee;
  Linkage Link = Linkage::Global;
};

/// A function whose address a TU stores into a slot: a struct field or a
/// global (an assignment or an initializer, ops tables included), or a
/// parameter (passed as that argument of a direct call).
struct SlotStore {
  ValueSlot Slot;
  std::string Function;
};

/// A slot whose content the TU cannot follow: something other than a
/// function address, null or a followed slot is stored into it (or passed
/// for it), or its address escapes.
struct SlotEscape {
  ValueSlot Slot;
  std::string Reason;
  SourceLoc Loc;
  /// The only use is the address its export takes (`__ADDRESSABLE()`
  /// behind `EXPORT_SYMBOL`): a module or `symbol_get()` may store through
  /// it, which a closed world sees (docs/indirect-calls.md, "Closed
  /// world").
  bool Exported = false;
};

/// The content of slot From copied into slot To: `w->func = func` in a
/// registrar (a parameter into a field), `g(s->fn)` (a field into g's
/// parameter), `f(fn)` in a wrapper (a parameter into a parameter).
struct SlotFlow {
  ValueSlot From;
  ValueSlot To;
  SourceLoc Loc;
};

/// How a function the TU defines uses one of its function-pointer
/// parameters or local variables: Leak is empty when every use is followed (called, compared,
/// stored into a slot, passed on as a followed argument), else it says the
/// first use that is not, at Loc.
struct ParamUse {
  ValueSlot Param;
  std::string Leak;
  SourceLoc Loc;
};

/// Where one TU puts function addresses (docs/indirect-calls.md). Present
/// only when the front-end half of the plugin saw the whole TU.
struct FieldFacts {
  std::vector<SlotStore> Stores;
  std::vector<SlotEscape> Escapes;
  std::vector<SlotFlow> Flows;
  std::vector<ParamUse> Params;
  /// The file-scope function-pointer variables and arrays of them that the
  /// TU defines or declares (Kind::Global slots), whose every store and use
  /// the front end followed: a call that loads from another global is
  /// resolved by type.
  std::vector<ValueSlot> Globals;
  /// Functions whose address goes somewhere other than a slot store or a
  /// direct call (a variable, a union, an unrecognized initializer): they
  /// may reach any field of a compatible type.
  std::vector<std::string> FreeFunctions;
};

/// A kernel static call key `__SCK__<name>` (DEFINE_STATIC_CALL) with the
/// functions the TU installs in it: the initializer's .func and every
/// constant target of __static_call_update(key, tramp, func).
struct StaticCallFact {
  std::string Key;
  std::vector<std::string> Targets;
  /// Non-empty when the TU updates the key with a value that is not a
  /// function constant.
  std::string Unknown;
  SourceLoc Loc;
  /// The C type id of the trampoline's declaration (the type of the static
  /// call's function), to match candidates by when a key is unknown.
  std::optional<uint32_t> TrampolineType;
  /// Its signature id (0 when the TU does not declare the trampoline).
  uint32_t TrampolineSignature = 0;
};

/// What is known once per TU.
struct ModuleFacts {
  std::string TU;
  std::string Triple;
  RecorderKind Recorder = RecorderKind::Machine;
  std::vector<AddressTakenDecl> AddressTakenDecls;
  std::vector<AliasFact> Aliases;
  std::optional<FieldFacts> Fields;
  std::vector<StaticCallFact> StaticCalls;
  /// Present only when the front end analyzed the TU's C types (without it
  /// the TU's conversions are unknown and C types are not trusted).
  std::optional<std::vector<TypeConversion>> Conversions;
};

/// Everything read from one input (an object, an archive member, ...).
struct ObjectFacts {
  /// Human-readable name of where the facts came from ("a.a(b.o)").
  std::string Origin;
  std::vector<ModuleFacts> Modules;
  std::vector<FunctionFacts> Functions;
};

const char *linkageName(Linkage L);
const char *callKindName(CallKind K);
const char *callOriginName(CallOrigin O);
const char *recorderKindName(RecorderKind K);

} // namespace stackbudget

#endif // STACKBUDGET_FACTS_H

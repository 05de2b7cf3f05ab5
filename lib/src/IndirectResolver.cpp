//===- IndirectResolver.cpp - The targets of every indirect call ----------===//

#include "stackbudget/IndirectResolver.h"
#include "stackbudget/LocatedError.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace llvm;

namespace stackbudget {

const char *resolutionMethodName(ResolutionMethod M) {
  switch (M) {
  case ResolutionMethod::Annotation:
    return "annotation";
  case ResolutionMethod::StaticCall:
    return "static-call";
  case ResolutionMethod::Field:
    return "field";
  case ResolutionMethod::Type:
    return "type";
  }
  llvm_unreachable("bad resolution method");
}

namespace {

constexpr StringLiteral TrampolinePrefix = "__SCT__";
constexpr StringLiteral KeyPrefix = "__SCK__";

std::string fieldName(const FieldRef &F) {
  if (!F.Name.empty())
    return F.Record + "::" + F.Name;
  return F.Record + "+" + std::to_string(F.Offset);
}

} // namespace

/// (TU, name) of every local function, to tell a `static` target from a
/// global one of the same name.
static std::set<std::pair<std::string, std::string>>
localFunctions(const ReadResult &In) {
  std::set<std::pair<std::string, std::string>> Out;
  for (const ObjectFacts &O : In.Objects)
    for (const FunctionFacts &F : O.Functions)
      if (F.Link == Linkage::Local)
        Out.insert({F.TU, F.Name});
  return Out;
}

TargetRef IndirectResolver::refIn(StringRef TU, StringRef Name) const {
  if (Locals.count({TU.str(), Name.str()}))
    return {Name.str(), TU.str()};
  return {Name.str(), ""};
}

Expected<IndirectResolver>
IndirectResolver::build(const ReadResult &In, const Annotations *A,
                        bool TrustObjectsWithoutFacts) {
  ResolverOptions Opts;
  Opts.TrustObjectsWithoutFacts = TrustObjectsWithoutFacts;
  return build(In, A, Opts);
}

Expected<IndirectResolver>
IndirectResolver::build(const ReadResult &In, const Annotations *A,
                        const ResolverOptions &Opts) {
  const bool TrustObjectsWithoutFacts = Opts.TrustObjectsWithoutFacts;
  IndirectResolver R;
  R.In = &In;
  R.A = A;
  R.Locals = localFunctions(In);
  if (A)
    R.ExclusionUsed.assign(A->Exclusions.size(), false);

  // In a closed world whose assembly is trusted, every call is analyzed:
  // a function nobody analyzed calls is not called at all, and one whose
  // address only its export holds is erased (TypeMatcher.h).
  const bool AllCallersAnalyzed =
      Opts.ClosedWorld && TrustObjectsWithoutFacts;
  R.Types = TypeMatcher::build(
      In, [&R](StringRef TU, StringRef Name) { return R.refIn(TU, Name); },
      TrustObjectsWithoutFacts, AllCallersAnalyzed);
  std::vector<std::pair<ValueSlot, TargetRef>> ParamStores;
  // Functions that may be called through a pointer, and those of them that
  // code outside the inputs may call so.
  std::set<TargetRef> AddressTaken, CalledFromOutside;
  for (const ObjectFacts &O : In.Objects) {
    for (const FunctionFacts &F : O.Functions)
      if (F.AddressTaken) {
        AddressTaken.insert(R.refIn(F.TU, F.Name));
        if (!(AllCallersAnalyzed && F.AddressOnlyExported))
          CalledFromOutside.insert(R.refIn(F.TU, F.Name));
      }
    for (const ModuleFacts &M : O.Modules)
      for (const AddressTakenDecl &D : M.AddressTakenDecls) {
        AddressTaken.insert(R.refIn(M.TU, D.Name));
        CalledFromOutside.insert(R.refIn(M.TU, D.Name));
      }
  }
  // Assembly passes arguments too (ret_from_fork_asm hands ret_from_fork
  // the thread function): what it calls has parameters nobody follows.
  // --trust-objects-without-facts trusts it to store no function into a
  // member, not to pass none.
  // A `static` function of the same name elsewhere is included too: only
  // less precise.
  StringSet<> FromAssembly;
  for (const ObjectInventory &Inv : In.Inventory)
    for (const std::string &Name : Inv.ReferencedWithoutFacts)
      FromAssembly.insert(Name);
  for (const ObjectFacts &O : In.Objects)
    for (const FunctionFacts &F : O.Functions)
      if (FromAssembly.contains(F.Name))
        CalledFromOutside.insert(R.refIn(F.TU, F.Name));
  bool AnyModule = false;
  R.FieldsComplete = true;
  for (const ObjectFacts &O : In.Objects) {
    for (const ModuleFacts &M : O.Modules) {
      AnyModule = true;
      for (const StaticCallFact &S : M.StaticCalls) {
        if (S.Key.empty()) {
          R.AllStaticCallsUnknown = S.Unknown + " (" + where(S.Loc) + ")";
          continue;
        }
        StaticKey &K = R.StaticCalls[S.Key];
        for (const std::string &T : S.Targets)
          K.Targets.insert(R.refIn(M.TU, T));
        if (!S.Unknown.empty() && K.Unknown.empty())
          K.Unknown = S.Unknown + (S.Loc.isValid() ? " at " + where(S.Loc)
                                                   : std::string());
        if (S.TrampolineSignature &&
            K.TrampolineType.details().SignatureIds.empty()) {
          CallDetails &T = K.TrampolineType.editDetails();
          if (S.TrampolineType)
            T.CTypeIds = {*S.TrampolineType};
          T.SignatureIds = {S.TrampolineSignature};
        }
      }
      if (!M.Fields) {
        if (R.FieldsComplete)
          R.MissingFieldsTU = M.TU;
        R.FieldsComplete = false;
        continue;
      }
      for (const SlotStore &S : M.Fields->Stores) {
        TargetRef F = R.refIn(M.TU, S.Function);
        SlotState &St = R.Slots[S.Slot];
        St.Values.insert(F);
        St.Passed = true;
        if (S.Slot.isVariable())
          ParamStores.push_back({S.Slot, F});
      }
      for (const SlotEscape &E : M.Fields->Escapes) {
        // What a module or symbol_get() stores through an exported
        // global's address is a store the inputs record, or a store
        // through a pointer that makes the function free, which a global's
        // set includes (resolve()).
        if (E.Exported && AllCallersAnalyzed)
          continue;
        SlotState &St = R.Slots[E.Slot];
        St.Passed = true;
        std::string &Why = St.Unknown;
        if (Why.empty())
          Why = E.Reason + (E.Loc.isValid() ? " at " + where(E.Loc) : "");
      }
      for (const SlotFlow &F : M.Fields->Flows) {
        R.Slots[F.From].Into.push_back(F.To);
        R.Slots[F.To].Passed = true;
      }
      for (const ParamUse &U : M.Fields->Params) {
        SlotState &P = R.Slots[U.Param];
        P.Defined = true;
        if (!U.Leak.empty() && P.Leak.empty())
          P.Leak = U.Leak + (U.Loc.isValid() ? " at " + where(U.Loc) : "");
      }
      for (const ValueSlot &G : M.Fields->Globals)
        R.Slots[G].Followed = true;
      for (const std::string &F : M.Fields->FreeFunctions)
        R.Free.insert(R.refIn(M.TU, F));
    }
  }
  // An object without any facts (C built without the plugin) may store
  // into fields too. Assembly inside objects that have facts is not
  // counted (docs/indirect-calls.md).
  for (const ObjectInventory &Inv : In.Inventory)
    if (!TrustObjectsWithoutFacts && !Inv.HasFactsSection &&
        !Inv.FunctionsWithoutFacts.empty() && R.FieldsComplete) {
      R.FieldsComplete = false;
      R.MissingFieldsTU = Inv.Origin;
    }
  if (!AnyModule)
    R.FieldsComplete = false;
  R.joinIndirectCallArguments(In, AddressTaken);
  // In a closed world whose assembly is trusted to pass no function, a
  // function no analyzed code calls or takes the address of is called
  // with no function at all.
  R.solveSlots(ParamStores, CalledFromOutside, AllCallersAnalyzed);
  if (!Opts.ClosedWorld)
    return std::move(R);
  return std::move(R).refuseOpenWorld(In);
}

std::string slotName(const ValueSlot &S) {
  switch (S.K) {
  case ValueSlot::Kind::Field:
    return "field '" + fieldName(S.Field) + "'";
  case ValueSlot::Kind::Global:
    return "global '" + S.Symbol + "'";
  case ValueSlot::Kind::Param:
    return "parameter " + std::to_string(S.Index) + " of '" + S.Symbol + "'";
  case ValueSlot::Kind::Local:
    return "local variable " + std::to_string(S.Index) + " of '" + S.Symbol +
           "'";
  case ValueSlot::Kind::CallArg: {
    std::string Id;
    raw_string_ostream OS(Id);
    OS << format_hex(S.callArgType(), 10);
    return "parameter " + std::to_string(S.Index) +
           " of indirect calls of C type " + Id;
  }
  }
  llvm_unreachable("bad slot kind");
}

/// Argument flow (docs/indirect-calls.md): what each slot may hold is what
/// is stored into it plus what flows into it from other slots, and a slot
/// fed by one whose content cannot be followed cannot be followed either.
/// What an indirect call of C type T passes for parameter i reaches
/// parameter i of every function of that type. A function that some call
/// with arguments nobody recorded may reach (an untyped function, one of a
/// signature some call is matched by, a `static` one under a name that
/// may not be unique, a static-call target, one that inline asm calls)
/// gets unknown parameters instead.
void IndirectResolver::joinIndirectCallArguments(
    const ReadResult &In, const std::set<TargetRef> &AddressTaken) {
  std::set<uint32_t> UntypedCallSigs, UnknownArgTypes;
  std::set<TargetRef> UnknownArgs;
  for (const ObjectFacts &O : In.Objects) {
    for (const FunctionFacts &F : O.Functions)
      for (const CallFact &C : F.Calls) {
        const CallDetails &D = C.details();
        if (C.Kind == CallKind::Indirect && D.CTypeIds.empty())
          UntypedCallSigs.insert(D.SignatureIds.begin(), D.SignatureIds.end());
        if (C.Kind == CallKind::Asm && !C.Callee.empty())
          UnknownArgs.insert(refIn(F.TU, C.Callee));
      }
    for (const ModuleFacts &M : O.Modules)
      for (const StaticCallFact &S : M.StaticCalls) {
        for (const std::string &T : S.Targets)
          UnknownArgs.insert(refIn(M.TU, T));
        if (S.TrampolineType)
          UnknownArgTypes.insert(*S.TrampolineType);
      }
  }
  std::vector<std::pair<ValueSlot, ValueSlot>> Flows;
  for (const auto &[S, St] : Slots) {
    if (S.K != ValueSlot::Kind::CallArg)
      continue;
    for (const TargetRef &G : Types.candidatesOfType(S.callArgType()))
      Flows.push_back({S, ValueSlot::param(G.Name, S.Index, G.TU)});
  }
  for (const auto &[From, To] : Flows) {
    Slots[From].Into.push_back(To);
    Slots[To].Passed = true;
  }
  for (auto &[S, St] : Slots) {
    if (S.K != ValueSlot::Kind::Param || !St.Unknown.empty())
      continue;
    TargetRef G{S.Symbol, S.TU};
    if (UnknownArgs.count(G)) {
      St.Unknown = "'" + S.Symbol + "' is called by inline asm or as a "
                   "static call, with arguments nobody follows";
      continue;
    }
    if (!AddressTaken.count(G))
      continue;
    std::optional<std::vector<uint32_t>> CallTypes =
        Types.callTypesOf(G, UntypedCallSigs);
    if (!S.TU.empty() || !CallTypes ||
        llvm::any_of(*CallTypes,
                     [&](uint32_t T) { return UnknownArgTypes.count(T); }))
      St.Unknown = "'" + S.Symbol +
                   "' is called through pointers too, with arguments "
                   "nobody follows";
  }
}

void IndirectResolver::solveSlots(
    const std::vector<std::pair<ValueSlot, TargetRef>> &ParamStores,
    const std::set<TargetRef> &AddressTaken, bool AllCallersAnalyzed) {
  std::vector<ValueSlot> Work;
  for (auto &[S, St] : Slots) {
    // A function no analyzed call passes anything to is either never
    // called, so what it writes elsewhere never happens, or called from
    // outside the analyzed code (an entry point, assembly such as
    // ret_from_fork_asm) with arguments nobody follows: a call through the
    // parameter is resolved by type, but it adds nothing to other slots
    // (the assumption of --trust-objects-without-facts, indirect-calls.md).
    // A `static` one whose address is not taken can only be called from
    // its TU, all of whose calls the front end saw: it is never called (a
    // static inline function the TU does not use). So is any function in
    // a closed world whose assembly is trusted.
    bool OnlyLocalCallers =
        (!S.TU.empty() || AllCallersAnalyzed) &&
        !AddressTaken.count({S.Symbol, S.TU});
    if (S.K == ValueSlot::Kind::Param && !St.Passed && !OnlyLocalCallers)
      St.CallUnknown = "no analyzed call of '" + S.Symbol +
                       "' passes it (its callers are outside the inputs)";
    // A static call key is written by static_call_update alone, every call
    // of which the front end records.
    if (S.K == ValueSlot::Kind::Global && !St.Followed && St.Unknown.empty() &&
        !StringRef(S.Symbol).starts_with(KeyPrefix))
      St.Unknown = "no TU follows its uses (not a file-scope "
                   "function-pointer variable there)";
    if (!St.Unknown.empty()) {
      St.Root = slotName(S) + ": " + St.Unknown;
      Work.push_back(S);
    }
  }
  // Step(From, To) along every flow out of the slots in Work, and again out
  // of every slot it changes, to a fixed point.
  auto Spread = [&](auto Step) {
    while (!Work.empty()) {
      ValueSlot S = Work.back();
      Work.pop_back();
      // std::map keeps references across inserts, and no step changes
      // Into: the list need not be copied.
      SlotState &From = Slots[S];
      for (const ValueSlot &To : From.Into)
        if (Step(S, From, To, Slots[To]))
          Work.push_back(To);
    }
  };
  // Unknown content spreads first; then values.
  Spread([&](const ValueSlot &S, const SlotState &From, const ValueSlot &,
             SlotState &T) {
    if (!T.Unknown.empty())
      return false;
    bool FromIsRoot = From.Root == slotName(S) + ": " + From.Unknown;
    T.Unknown = "it is written from " + slotName(S) +
                (FromIsRoot ? ", which cannot be followed: " + From.Unknown
                            : ", which cannot be followed (" + From.Root + ")");
    T.Root = From.Root;
    return true;
  });
  // A parameter nobody passes anything for taints the calls through the
  // parameters and locals it is passed on to (fwnode_connection_find_match
  // hands its `match` to fwnode_devcon_matches), not the members and
  // globals it is stored into.
  for (auto &[S, St] : Slots)
    if (!St.CallUnknown.empty())
      Work.push_back(S);
  Spread([&](const ValueSlot &S, const SlotState &From, const ValueSlot &To,
             SlotState &T) {
    if (!To.isVariable() || !T.Unknown.empty() || !T.CallUnknown.empty())
      return false;
    T.CallUnknown =
        "it is written from " + slotName(S) + " (" + From.CallUnknown + ")";
    return true;
  });
  for (auto &[S, St] : Slots)
    if (!St.Values.empty())
      Work.push_back(S);
  Spread([&](const ValueSlot &, const SlotState &From, const ValueSlot &,
             SlotState &T) {
    size_t Before = T.Values.size();
    T.Values.insert(From.Values.begin(), From.Values.end());
    return T.Values.size() != Before;
  });
  // A function passed for a parameter that goes somewhere nobody follows,
  // or of a function no TU defines, may end up anywhere: free.
  for (const auto &[P, F] : ParamStores) {
    const SlotState &St = Slots[P];
    if (!St.Defined || !St.Leak.empty())
      Free.insert(F);
  }
}

Expected<IndirectResolver>
IndirectResolver::refuseOpenWorld(const ReadResult &In) && {
  if (!FieldsComplete) {
    std::string Msg = "closed world needs struct-field facts from every TU; ";
    if (MissingFieldsTU.empty())
      Msg += "no input has any facts";
    else if (llvm::any_of(In.Inventory, [&](const ObjectInventory &Inv) {
               return !Inv.HasFactsSection && Inv.Origin == MissingFieldsTU;
             }))
      Msg += "'" + MissingFieldsTU +
             "' has no facts at all (built without -fplugin=stackbudget.so? "
             "if it is assembly, --trust-objects-without-facts assumes it "
             "stores no function into a struct member)";
    else
      Msg += "'" + MissingFieldsTU +
             "' has none (built without -fplugin=stackbudget.so?)";
    return createStringError(inconvertibleErrorCode(), Msg);
  }
  ClosedWorld = true;
  return std::move(*this);
}

std::optional<Resolution>
IndirectResolver::resolve(const FunctionFacts &Caller, const CallFact &C,
                          unsigned Ordinal, bool UseAnnotations,
                          bool UseFields) const {
  if (UseAnnotations && A) {
    const IndirectTargets *Found = nullptr;
    // A site named in its function beats a field or global named anywhere.
    for (const IndirectTargets &T : A->Indirect)
      if (!T.Function.empty() && T.Function == Caller.Name &&
          (T.TU.empty() || T.TU == Caller.TU) &&
          annotationMatchesCall(T, C, Ordinal)) {
        Found = &T;
        break;
      }
    if (!Found)
      for (const IndirectTargets &T : A->Indirect)
        if (T.Function.empty() && annotationMatchesCall(T, C, Ordinal)) {
          Found = &T;
          break;
        }
    if (Found) {
      Resolution R;
      R.Method = ResolutionMethod::Annotation;
      for (const std::string &Name : Found->Targets)
        R.Targets.push_back(refIn(Caller.TU, Name));
      llvm::sort(R.Targets);
      R.Key = "annotation " + where(Found->Loc) + " " + Caller.TU + " via " +
              C.details().Via;
      R.Description = "annotation at " + where(Found->Loc);
      return R;
    }
  }
  if (C.Kind != CallKind::Indirect)
    return std::nullopt;

  Resolution R;
  std::optional<ValueSlot> Slot;
  if (const CallDetails &D = C.details(); D.Field)
    Slot = ValueSlot::field(*D.Field);
  else if (D.CalleeSlot)
    Slot = *D.CalleeSlot;
  auto State = Slot ? Slots.find(*Slot) : Slots.end();
  if (!UseFields) {
    R.FallbackReason = "struct-field refinement is off";
  } else if (!Slot) {
    R.FallbackReason = "the callee is not loaded from a struct field or a "
                       "global, nor a parameter";
  } else if (!FieldsComplete) {
    R.FallbackReason = "TU '" + MissingFieldsTU +
                       "' has no struct-field facts (built without the "
                       "front-end half of the plugin)";
  } else if (Slot->K != ValueSlot::Kind::Field && State == Slots.end()) {
    // (A local variable that nothing is stored into is not in the facts
    // either; type matching is as good as an empty set there.)
    R.FallbackReason = slotName(*Slot) + " is not followed by any TU";
  } else if (State != Slots.end() && (!State->second.Unknown.empty() ||
                                       !State->second.CallUnknown.empty())) {
    const SlotState &St = State->second;
    R.FallbackReason = slotName(*Slot) + (Slot->K == ValueSlot::Kind::Field
                                              ? " escapes: "
                                              : " cannot be followed: ") +
                       (St.Unknown.empty() ? St.CallUnknown : St.Unknown);
  } else {
    R.Method = ResolutionMethod::Field;
    std::set<TargetRef> Targets;
    if (State != Slots.end())
      Targets = State->second.Values;
    // Memory can be written behind a member's or a global's back (the
    // refinement's assumption, docs/indirect-calls.md); a parameter only
    // holds what its callers pass and its function assigns.
    if (!Slot->isVariable())
      for (TargetRef &T : Types.candidates(C))
        if (Free.count(T))
          Targets.insert(std::move(T));
    R.Targets.assign(Targets.begin(), Targets.end());
    auto [Kind, Name, Offset, TU] = Slot->key();
    R.Key = "slot " + std::to_string(int(Kind)) + " " + Name + "+" +
            std::to_string(Offset) + " " + TU + " " + TypeMatcher::key(C);
    R.Description = slotName(*Slot);
    return R;
  }
  R.Method = ResolutionMethod::Type;
  R.Targets = Types.candidates(C);
  R.Key = "type " + TypeMatcher::key(C);
  R.Description = TypeMatcher::describe(C);
  return R;
}

std::optional<Resolution>
IndirectResolver::resolveStaticCall(StringRef Callee, std::string *Why) const {
  if (!Callee.starts_with(TrampolinePrefix))
    return std::nullopt;
  std::string Key = (KeyPrefix + Callee.drop_front(TrampolinePrefix.size())).str();
  auto Fail = [&](std::string Reason) -> std::optional<Resolution> {
    if (Why)
      *Why = std::move(Reason);
    return std::nullopt;
  };
  if (!AllStaticCallsUnknown.empty())
    return Fail(AllStaticCallsUnknown);
  auto It = StaticCalls.find(Key);
  if (It == StaticCalls.end())
    return Fail("no TU defines the static call key '" + Key + "'");
  StringRef Name = Callee.drop_front(TrampolinePrefix.size());
  const StaticKey &K = It->second;
  // An update with a value that is not a function constant: what the key's
  // slot holds when every such value can be followed (a member, a
  // parameter), else the trampoline's type.
  auto Slot = Slots.find(ValueSlot::global(Key));
  if (!K.Unknown.empty() && FieldsComplete && Slot != Slots.end() &&
      Slot->second.Unknown.empty() && Slot->second.CallUnknown.empty()) {
    Resolution R;
    R.Method = ResolutionMethod::StaticCall;
    std::set<TargetRef> Targets(K.Targets.begin(), K.Targets.end());
    Targets.insert(Slot->second.Values.begin(), Slot->second.Values.end());
    R.Targets.assign(Targets.begin(), Targets.end());
    R.Key = "static call " + Key + " slot";
    R.Description = "static call '" + Name.str() + "' (updated from slots)";
    return R;
  }
  if (!K.Unknown.empty()) {
    if (K.TrampolineType.details().SignatureIds.empty())
      return Fail(K.Unknown + "; no TU declares the trampoline's type");
    // Every target static_call_update installs has the trampoline's type
    // (the macro assigns it to a `typeof(&trampoline)` first).
    Resolution R;
    R.Method = ResolutionMethod::Type;
    std::set<TargetRef> Targets(K.Targets.begin(), K.Targets.end());
    for (TargetRef &T : Types.candidates(K.TrampolineType))
      Targets.insert(std::move(T));
    R.Targets.assign(Targets.begin(), Targets.end());
    R.Key = "static call " + Key + " " + TypeMatcher::key(K.TrampolineType);
    R.Description = "static call '" + Name.str() + "' (" + K.Unknown +
                    ") by " + TypeMatcher::describe(K.TrampolineType);
    R.FallbackReason = K.Unknown;
    return R;
  }
  Resolution R;
  R.Method = ResolutionMethod::StaticCall;
  R.Targets.assign(It->second.Targets.begin(), It->second.Targets.end());
  R.Key = "static call " + Key;
  R.Description = "static call '" + Name.str() + "'";
  return R;
}

bool IndirectResolver::isExcluded(StringRef Caller, StringRef Target) const {
  if (!A)
    return false;
  for (size_t I = 0; I < A->Exclusions.size(); ++I) {
    const Exclusion &E = A->Exclusions[I];
    if (E.To == Target && (E.From.empty() || E.From == Caller)) {
      ExclusionUsed[I] = true;
      return true;
    }
  }
  return false;
}

Error IndirectResolver::checkExclusions() const {
  if (!A)
    return Error::success();
  Error Errors = Error::success();
  for (size_t I = 0; I < A->Exclusions.size(); ++I) {
    if (ExclusionUsed[I])
      continue;
    const Exclusion &E = A->Exclusions[I];
    Errors = joinErrors(
        std::move(Errors),
        errorAt(E.Loc, "stale annotation: no call " +
                           (E.From.empty() ? std::string()
                                           : "from '" + E.From + "' ") +
                           "to '" + E.To + "'"));
  }
  return Errors;
}

unsigned PrecisionFigures::percentile(double Fraction) const {
  if (PerSite.empty())
    return 0;
  std::vector<unsigned> Sorted = PerSite;
  llvm::sort(Sorted);
  size_t Rank = static_cast<size_t>(std::ceil(Fraction * Sorted.size()));
  return Sorted[std::min(Sorted.size(), std::max<size_t>(Rank, 1)) - 1];
}

IndirectResolverFn resolverCallback(const IndirectResolver &R) {
  return [&R](const FunctionFacts &Caller, const CallFact &C,
              unsigned Ordinal) -> std::optional<ResolvedTargets> {
    std::optional<Resolution> Found;
    if (C.Kind == CallKind::Direct)
      Found = R.resolveStaticCall(C.Callee);
    else
      Found = R.resolve(Caller, C, Ordinal);
    if (!Found)
      return std::nullopt;
    ResolvedTargets T;
    for (const TargetRef &Ref : Found->Targets)
      T.Targets.push_back({Ref.Name, Ref.TU});
    T.Key = Found->Key;
    T.Description = Found->Description;
    T.ByType = Found->Method == ResolutionMethod::Type;
    // Every TU's stores, address-taken functions and static-call updates
    // are known: nothing can be called here. An annotation's empty set is
    // the user's word, not a fact of the program.
    T.NoTargetInProgram = R.closedWorld() && Found->Targets.empty() &&
                          Found->Method != ResolutionMethod::Annotation;
    return T;
  };
}

IndirectResolver::Figures IndirectResolver::precision() const {
  Figures Out;
  auto Count = [](PrecisionFigures &P, size_t N) {
    P.PerSite.push_back(N);
    ++P.Sites;
    P.Empty += N == 0;
    P.TotalCandidates += N;
    P.MaxCandidates = std::max<unsigned>(P.MaxCandidates, N);
  };
  for (const ObjectFacts &O : In->Objects)
    for (const FunctionFacts &F : O.Functions) {
      unsigned Ordinal = 0;
      for (const CallFact &C : F.Calls) {
        if (!isUnresolvedCall(C))
          continue;
        if (C.Kind == CallKind::Indirect) {
          Count(Out.Type, Types.candidates(C).size());
          Count(Out.Field, resolve(F, C, Ordinal, false, true)->Targets.size());
          Count(Out.Annotated,
                resolve(F, C, Ordinal, true, true)->Targets.size());
        }
        ++Ordinal;
      }
    }
  return Out;
}

} // namespace stackbudget

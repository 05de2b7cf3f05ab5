//===- Annotations.cpp - Read and validate annotation files ---------------===//

#include "stackbudget/Annotations.h"

#include "YAMLSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;

using namespace stackbudget;

LLVM_YAML_IS_SEQUENCE_VECTOR(IndirectTargets)
LLVM_YAML_IS_SEQUENCE_VECTOR(FrameAnnotation)
LLVM_YAML_IS_SEQUENCE_VECTOR(RecursionAnnotation)
LLVM_YAML_IS_SEQUENCE_VECTOR(Exclusion)
LLVM_YAML_IS_SEQUENCE_VECTOR(EntryAnnotation)

namespace llvm {
namespace yaml {

template <>
struct MappingTraits<IndirectTargets>
    : ValidatedMapping<MappingTraits<IndirectTargets>, IndirectTargets> {
  static void mapping(IO &IO, IndirectTargets &T) {
    T.Loc = yamlLocOf(IO);
    IO.mapOptional("function", T.Function);
    IO.mapOptional("tu", T.TU);
    IO.mapOptional("index", T.Index);
    IO.mapOptional("field", T.Field);
    IO.mapOptional("global", T.Global);
    IO.mapOptional("param", T.Param);
    IO.mapRequired("targets", T.Targets);
    IO.mapOptional("why", T.Why);
  }
  static std::string check(IndirectTargets &T) {
    unsigned Ways = (T.Index ? 1 : 0) + (!T.Field.empty() ? 1 : 0) +
                    (!T.Global.empty() ? 1 : 0) + (T.Param ? 1 : 0);
    if (Ways != 1)
      return "an indirect_calls entry names its calls by exactly one of "
             "'index', 'field', 'global' or 'param'";
    if ((T.Index || T.Param) && T.Function.empty())
      return "'index' and 'param' need the 'function' that makes the call";
    if (!T.Global.empty() && !T.Function.empty())
      return "'global' names calls anywhere; drop 'function'";
    StringRef Record, Member;
    if (!T.Field.empty() && !splitFieldName(T.Field, Record, Member))
      return "a field is written 'record::member', not '" + T.Field + "'";
    if (T.Targets.empty())
      return "an indirect_calls entry needs at least one target";
    return "";
  }
};

template <> struct MappingTraits<FrameAnnotation> {
  static void mapping(IO &IO, FrameAnnotation &F) {
    F.Loc = yamlLocOf(IO);
    IO.mapRequired("function", F.Function);
    IO.mapRequired("frame", F.Frame);
    IO.mapOptional("why", F.Why);
  }
};

template <>
struct MappingTraits<RecursionAnnotation>
    : ValidatedMapping<MappingTraits<RecursionAnnotation>, RecursionAnnotation> {
  static void mapping(IO &IO, RecursionAnnotation &R) {
    R.Loc = yamlLocOf(IO);
    IO.mapRequired("function", R.Function);
    IO.mapRequired("max_depth", R.MaxDepth);
    IO.mapOptional("why", R.Why);
  }
  static std::string check(RecursionAnnotation &R) {
    if (R.MaxDepth == 0)
      return "max_depth must be at least 1";
    return "";
  }
};

template <>
struct MappingTraits<Exclusion>
    : ValidatedMapping<MappingTraits<Exclusion>, Exclusion> {
  static void mapping(IO &IO, Exclusion &E) {
    E.Loc = yamlLocOf(IO);
    IO.mapOptional("from", E.From);
    IO.mapRequired("to", E.To);
    IO.mapRequired("reason", E.Reason);
  }
  static std::string check(Exclusion &E) {
    if (StringRef(E.Reason).trim().empty())
      return "an exclusion needs a non-empty 'reason'";
    return "";
  }
};

template <> struct MappingTraits<EntryAnnotation> {
  static void mapping(IO &IO, EntryAnnotation &E) {
    E.Loc = yamlLocOf(IO);
    IO.mapRequired("function", E.Function);
    IO.mapOptional("tu", E.TU);
    IO.mapRequired("stack", E.Stack);
    IO.mapOptional("why", E.Why);
  }
};

template <>
struct MappingTraits<Annotations>
    : ValidatedMapping<MappingTraits<Annotations>, Annotations> {
  static void mapping(IO &IO, Annotations &A) {
    IO.mapRequired("version", A.Version);
    IO.mapOptional("indirect_calls", A.Indirect);
    IO.mapOptional("frames", A.Frames);
    IO.mapOptional("recursion", A.Recursion);
    IO.mapOptional("exclude", A.Exclusions);
    IO.mapOptional("entries", A.Entries);
  }
  static std::string check(Annotations &A) {
    if (A.Version != AnnotationsVersion)
      return "unsupported annotations version " + std::to_string(A.Version) +
             " (this stackbudget reads version " +
             std::to_string(AnnotationsVersion) + ")";
    return "";
  }
};

} // namespace yaml
} // namespace llvm

namespace stackbudget {

bool splitFieldName(StringRef Spec, StringRef &Record, StringRef &Member) {
  std::tie(Record, Member) = Spec.split("::");
  return !Record.empty() && !Member.empty() && !Member.contains(':');
}

void Annotations::append(Annotations Other) {
  auto Move = [](auto &To, auto &From) {
    To.insert(To.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
  };
  Move(Indirect, Other.Indirect);
  Move(Frames, Other.Frames);
  Move(Recursion, Other.Recursion);
  Move(Exclusions, Other.Exclusions);
  Move(Entries, Other.Entries);
}

Expected<Annotations> parseAnnotations(MemoryBufferRef Buffer) {
  Annotations A;
  if (Error E = readYAML(Buffer, A, "annotation file"))
    return std::move(E);
  return std::move(A);
}

Expected<Annotations> loadAnnotations(StringRef Path,
                                      const SourceLoc &NamedAt) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf && NamedAt.isValid())
    return errorAt(NamedAt, "annotation file '" + Path +
                                "': " + Buf.getError().message());
  if (!Buf)
    return createStringError(Buf.getError(),
                             Path + ": " + Buf.getError().message());
  return parseAnnotations((*Buf)->getMemBufferRef());
}

namespace {

/// Which of the names the annotations use exist in the program. The names
/// are gathered from the annotations first and the facts are scanned once
/// against them: a set of every symbol of a program with 10^7 calls would
/// cost more than the check of a handful of annotations is worth.
class ProgramNames {
public:
  ProgramNames(const Annotations &A, const ReadResult &In) {
    for (const IndirectTargets &T : A.Indirect) {
      if (!T.Function.empty())
        Defined.try_emplace(T.Function);
      else if (!T.Field.empty())
        Fields.try_emplace(T.Field, false);
      else
        Globals.try_emplace(T.Global, false);
      for (const std::string &Target : T.Targets)
        Symbols.try_emplace(Target, false);
    }
    for (const FrameAnnotation &F : A.Frames)
      Symbols.try_emplace(F.Function, false);
    for (const RecursionAnnotation &R : A.Recursion)
      Defined.try_emplace(R.Function);
    for (const Exclusion &E : A.Exclusions) {
      Symbols.try_emplace(E.To, false);
      if (!E.From.empty())
        Defined.try_emplace(E.From);
    }
    for (const EntryAnnotation &E : A.Entries)
      Defined.try_emplace(E.Function);
    if (!Symbols.empty() || !Defined.empty() || !Fields.empty() ||
        !Globals.empty())
      scan(In);
  }

  /// Whether the program defines, declares or calls \p Name.
  bool hasSymbol(StringRef Name) const { return Symbols.lookup(Name); }
  /// Whether a call loads from or a TU stores to "record::member".
  bool hasField(StringRef Field) const { return Fields.lookup(Field); }
  /// Whether an indirect call loads its target from the global \p Name.
  bool hasGlobal(StringRef Name) const { return Globals.lookup(Name); }

  /// The definitions of \p Name (in \p TU, when not empty); \p Name must be
  /// one the annotations use.
  std::vector<const FunctionFacts *> definitions(StringRef Name,
                                                 StringRef TU) const {
    std::vector<const FunctionFacts *> Out;
    auto It = Defined.find(Name);
    if (It == Defined.end())
      return Out;
    for (const FunctionFacts *F : It->second)
      if (TU.empty() || F->TU == TU)
        Out.push_back(F);
    return Out;
  }

private:
  void scan(const ReadResult &In) {
    for (const ObjectFacts &O : In.Objects) {
      for (const ModuleFacts &M : O.Modules) {
        for (const AddressTakenDecl &D : M.AddressTakenDecls)
          see(Symbols, D.Name);
        for (const AliasFact &A : M.Aliases)
          see(Symbols, A.Name);
        if (M.Fields)
          for (const SlotStore &S : M.Fields->Stores)
            if (S.Slot.K == ValueSlot::Kind::Field)
              seeField(S.Slot.Field);
      }
      for (const FunctionFacts &F : O.Functions) {
        see(Symbols, F.Name);
        auto It = Defined.find(F.Name);
        if (It != Defined.end())
          It->second.push_back(&F);
        for (const CallFact &C : F.Calls) {
          if (!C.Callee.empty())
            see(Symbols, C.Callee);
          const CallDetails &D = C.details();
          if (D.Field)
            seeField(*D.Field);
          if (D.CalleeSlot && D.CalleeSlot->K == ValueSlot::Kind::Global)
            see(Globals, D.CalleeSlot->Symbol);
        }
      }
    }
    for (const ObjectInventory &Inv : In.Inventory)
      for (const std::string &Name : Inv.FunctionsWithoutFacts)
        see(Symbols, Name);
  }

  static void see(StringMap<bool> &Wanted, StringRef Name) {
    auto It = Wanted.find(Name);
    if (It != Wanted.end())
      It->second = true;
  }
  void seeField(const FieldRef &F) {
    if (F.Name.empty() || Fields.empty())
      return;
    SmallString<64> Key(F.Record);
    Key += "::";
    Key += F.Name;
    see(Fields, Key);
  }

  StringMap<bool> Symbols;
  StringMap<std::vector<const FunctionFacts *>> Defined;
  StringMap<bool> Fields;
  StringMap<bool> Globals;
};

} // namespace

bool isUnresolvedCall(const CallFact &C) {
  return C.Kind == CallKind::Indirect ||
         (C.Kind == CallKind::Asm && C.Callee.empty());
}

bool annotationMatchesCall(const IndirectTargets &T, const CallFact &C,
                           unsigned Ordinal) {
  if (T.Index)
    return *T.Index == Ordinal;
  if (!isUnresolvedCall(C))
    return false;
  const CallDetails &D = C.details();
  if (!T.Field.empty()) {
    StringRef Record, Member;
    splitFieldName(T.Field, Record, Member);
    return D.Field && D.Field->Record == Record && D.Field->Name == Member;
  }
  if (!T.Global.empty())
    return D.CalleeSlot && D.CalleeSlot->K == ValueSlot::Kind::Global &&
           D.CalleeSlot->Symbol == T.Global;
  if (T.Param)
    return D.CalleeParam == T.Param;
  return false;
}

Error validateAnnotations(const Annotations &A, const ReadResult &In,
                          function_ref<bool(StringRef)> HasStack) {
  ProgramNames Names(A, In);
  Error Errors = Error::success();
  auto Stale = [&](const SourceLoc &L, const Twine &Msg) {
    Errors = joinErrors(std::move(Errors),
                        errorAt(L, "stale annotation: " + Msg));
  };
  auto CheckFunction = [&](const SourceLoc &L, StringRef Name, StringRef Role) {
    if (Names.hasSymbol(Name))
      return true;
    Stale(L, Role + " '" + Name + "' does not exist in the program");
    return false;
  };
  auto CheckDefined = [&](const SourceLoc &L, StringRef Name, StringRef TU) {
    if (!Names.definitions(Name, TU).empty())
      return true;
    Stale(L, "function '" + Name + "'" +
                 (TU.empty() ? std::string() : " in '" + TU.str() + "'") +
                 " is not defined in the program (with facts)");
    return false;
  };

  for (const IndirectTargets &T : A.Indirect) {
    bool SiteExists = false;
    if (!T.Function.empty()) {
      if (!CheckDefined(T.Loc, T.Function, T.TU))
        continue;
      for (const FunctionFacts *F : Names.definitions(T.Function, T.TU)) {
        unsigned Ordinal = 0;
        for (const CallFact &C : F->Calls) {
          if (!isUnresolvedCall(C))
            continue;
          SiteExists |= annotationMatchesCall(T, C, Ordinal);
          ++Ordinal;
        }
      }
      if (!SiteExists)
        Stale(T.Loc, "'" + T.Function + "' makes no indirect call " +
                         (T.Index    ? "with index " + Twine(*T.Index)
                          : T.Param  ? "through parameter " + Twine(*T.Param)
                                     : "through field '" + T.Field + "'"));
    } else if (!T.Field.empty()) {
      if (!Names.hasField(T.Field))
        Stale(T.Loc, "no call loads from and no code stores to field '" +
                         T.Field + "'");
    } else if (!Names.hasGlobal(T.Global)) {
      Stale(T.Loc, "no indirect call loads its target from global '" +
                       T.Global + "'");
    }
    for (const std::string &Target : T.Targets)
      CheckFunction(T.Loc, Target, "target");
  }
  for (const FrameAnnotation &F : A.Frames)
    CheckFunction(F.Loc, F.Function, "function");
  for (const RecursionAnnotation &R : A.Recursion)
    CheckDefined(R.Loc, R.Function, "");
  for (const Exclusion &E : A.Exclusions) {
    if (!CheckFunction(E.Loc, E.To, "function"))
      continue;
    // Whether the call From -> To exists is checked once indirect calls
    // are resolved (IndirectResolver::checkExclusions).
    if (!E.From.empty())
      CheckDefined(E.Loc, E.From, "");
  }
  for (const EntryAnnotation &E : A.Entries) {
    CheckDefined(E.Loc, E.Function, E.TU);
    if (!HasStack(E.Stack))
      Errors = joinErrors(std::move(Errors),
                          errorAt(E.Loc, "entry '" + E.Function +
                                             "' runs on stack '" + E.Stack +
                                             "', which the profile does not "
                                             "define"));
  }
  return Errors;
}

} // namespace stackbudget

//===- Profile.cpp - Read a profile with llvm::yaml -----------------------===//

#include "stackbudget/Profile.h"

#include "YAMLSupport.h"

#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

using namespace stackbudget;

LLVM_YAML_IS_SEQUENCE_VECTOR(Reservation)
LLVM_YAML_IS_SEQUENCE_VECTOR(StackSpec)
LLVM_YAML_IS_SEQUENCE_VECTOR(EntryClass)
LLVM_YAML_IS_SEQUENCE_VECTOR(KnownFrame)
LLVM_YAML_IS_SEQUENCE_VECTOR(RecursionBound)
LLVM_YAML_IS_SEQUENCE_VECTOR(AnnotationFileRef)

namespace llvm {
namespace yaml {

template <> struct ScalarTraits<AnnotationFileRef> {
  static void output(const AnnotationFileRef &F, void *, raw_ostream &OS) {
    OS << F.Path;
  }
  static StringRef input(StringRef Scalar, void *Ctx, AnnotationFileRef &F) {
    F.Path = Scalar.str();
    if (Ctx)
      F.Loc = static_cast<YAMLLocationContext *>(Ctx)->currentLoc();
    return "";
  }
  static QuotingType mustQuote(StringRef S) { return needsQuotes(S); }
};

template <>
struct MappingTraits<Reservation>
    : ValidatedMapping<MappingTraits<Reservation>, Reservation> {
  static void mapping(IO &IO, Reservation &R) {
    IO.mapRequired("bytes", R.Bytes);
    IO.mapRequired("why", R.Why);
  }
  static std::string check(Reservation &R) {
    if (R.Why.empty())
      return "a reservation needs a 'why'";
    return "";
  }
};

template <>
struct MappingTraits<StackSpec>
    : ValidatedMapping<MappingTraits<StackSpec>, StackSpec> {
  static void mapping(IO &IO, StackSpec &S) {
    S.Loc = yamlLocOf(IO);
    IO.mapRequired("name", S.Name);
    IO.mapRequired("size", S.Size);
    IO.mapOptional("reserved", S.Reserved);
  }
  static std::string check(StackSpec &S) {
    if (S.Name.empty())
      return "a stack needs a name";
    if (S.Size == 0)
      return "stack '" + S.Name + "' has size 0";
    if (S.reservedBytes() >= S.Size)
      return "stack '" + S.Name + "' reserves " +
             std::to_string(S.reservedBytes()) + " of its " +
             std::to_string(S.Size) + " bytes";
    return "";
  }
};

template <>
struct MappingTraits<EntryClass>
    : ValidatedMapping<MappingTraits<EntryClass>, EntryClass> {
  static void mapping(IO &IO, EntryClass &E) {
    E.Loc = yamlLocOf(IO);
    IO.mapRequired("class", E.Class);
    IO.mapRequired("stack", E.Stack);
    IO.mapOptional("functions", E.Functions);
    IO.mapOptional("nests", E.Nests, false);
  }
  static std::string check(EntryClass &E) {
    for (const std::string &Pat : E.Functions)
      if (Expected<GlobPattern> G = GlobPattern::create(Pat); !G)
        return "bad pattern '" + Pat + "': " + toString(G.takeError());
    return "";
  }
};

template <>
struct MappingTraits<KnownFrame>
    : ValidatedMapping<MappingTraits<KnownFrame>, KnownFrame> {
  static void mapping(IO &IO, KnownFrame &F) {
    F.Loc = yamlLocOf(IO);
    IO.mapRequired("function", F.Function);
    IO.mapRequired("frame", F.Frame);
    IO.mapOptional("why", F.Why);
  }
  static std::string check(KnownFrame &F) {
    if (Expected<GlobPattern> G = GlobPattern::create(F.Function); !G)
      return "bad pattern '" + F.Function + "': " + toString(G.takeError());
    return "";
  }
};

template <>
struct MappingTraits<RecursionBound>
    : ValidatedMapping<MappingTraits<RecursionBound>, RecursionBound> {
  static void mapping(IO &IO, RecursionBound &B) {
    B.Loc = yamlLocOf(IO);
    IO.mapRequired("function", B.Function);
    IO.mapRequired("max_depth", B.MaxDepth);
    IO.mapOptional("why", B.Why);
  }
  static std::string check(RecursionBound &B) {
    if (B.MaxDepth == 0)
      return "max_depth must be at least 1";
    return "";
  }
};

template <>
struct MappingTraits<Profile>
    : ValidatedMapping<MappingTraits<Profile>, Profile> {
  static void mapping(IO &IO, Profile &P) {
    IO.mapRequired("version", P.Version);
    IO.mapOptional("target", P.Target);
    IO.mapOptional("call_overhead", P.CallOverhead);
    IO.mapOptional("frame_limit", P.FrameLimit);
    IO.mapRequired("stacks", P.Stacks);
    IO.mapOptional("entries", P.Entries);
    IO.mapOptional("frames", P.Frames);
    IO.mapOptional("recursion", P.Recursion);
    IO.mapOptional("annotations", P.AnnotationFiles);
    IO.mapOptional("closed_world", P.ClosedWorld, false);
  }
  static std::string check(Profile &P) {
    if (P.Version != ProfileVersion)
      return "unsupported profile version " + std::to_string(P.Version) +
             " (this stackbudget reads version " +
             std::to_string(ProfileVersion) + ")";
    if (P.Stacks.empty())
      return "a profile needs at least one stack";
    if (P.Target &&
        Triple(*P.Target).getArch() == Triple::UnknownArch)
      return "unknown target '" + *P.Target +
             "' (an architecture of a target triple: x86_64, aarch64, ...)";
    return "";
  }
};

} // namespace yaml
} // namespace llvm

namespace stackbudget {

uint64_t StackSpec::reservedBytes() const {
  uint64_t Sum = 0;
  for (const Reservation &R : Reserved)
    Sum += R.Bytes;
  return Sum;
}

uint64_t StackSpec::budget() const {
  uint64_t R = reservedBytes();
  return R >= Size ? 0 : Size - R;
}

const StackSpec *Profile::findStack(StringRef Name) const {
  for (const StackSpec &S : Stacks)
    if (S.Name == Name)
      return &S;
  return nullptr;
}

Profile defaultProfile(uint64_t StackSize) {
  Profile P;
  StackSpec Task;
  Task.Name = "task";
  Task.Size = StackSize;
  P.Stacks.push_back(std::move(Task));
  P.UncalledFunctionsAreEntries = true;
  return P;
}

Expected<Profile> parseProfile(MemoryBufferRef Buffer) {
  Profile P;
  if (Error E = readYAML(Buffer, P, "profile"))
    return std::move(E);
  P.Path = Buffer.getBufferIdentifier().str();

  // Cross-references that one mapping cannot see.
  for (size_t I = 0; I < P.Stacks.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (P.Stacks[I].Name == P.Stacks[J].Name)
        return errorAt(P.Stacks[I].Loc,
                       "stack '" + P.Stacks[I].Name + "' is defined twice");
  for (const EntryClass &E : P.Entries)
    if (!P.findStack(E.Stack))
      return errorAt(E.Loc, "entry class '" + E.Class +
                                "' runs on stack '" + E.Stack +
                                "', which the profile does not define");
  return std::move(P);
}

Expected<Profile> loadProfile(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), Path + ": " +
                                                 Buf.getError().message());
  return parseProfile((*Buf)->getMemBufferRef());
}

std::optional<uint64_t> callOverheadForTriple(StringRef TripleStr) {
  Triple T(TripleStr);
  switch (T.getArch()) {
  case Triple::x86_64:
    return 8;
  case Triple::x86:
    return 4;
  case Triple::aarch64:
  case Triple::aarch64_be:
  case Triple::arm:
  case Triple::armeb:
  case Triple::thumb:
  case Triple::thumbeb:
  case Triple::riscv32:
  case Triple::riscv64:
  case Triple::ppc:
  case Triple::ppcle:
  case Triple::ppc64:
  case Triple::ppc64le:
  case Triple::mips:
  case Triple::mipsel:
  case Triple::mips64:
  case Triple::mips64el:
  case Triple::loongarch32:
  case Triple::loongarch64:
  case Triple::systemz:
    // The return address goes to a register; a function that calls saves
    // it inside its own frame, which the recorded frame already counts.
    return 0;
  default:
    return std::nullopt;
  }
}

} // namespace stackbudget

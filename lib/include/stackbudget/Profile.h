//===- Profile.h - Stacks, entries and known frames of one program --------===//
//
// A profile says what the whole-program check checks against: the stacks a
// program runs on (size, and what is reserved on them before the first C
// function runs), which functions enter on which stack, the frames of
// functions the compiler never saw (assembly, other languages), and depth
// bounds for recursion. It is YAML (docs/profile-format.md), read with
// llvm::yaml so that a malformed file is an error at its line and column.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PROFILE_H
#define STACKBUDGET_PROFILE_H

#include "stackbudget/Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

constexpr unsigned ProfileVersion = 1;

/// Bytes of a stack that are in use before any entry function runs.
struct Reservation {
  uint64_t Bytes = 0;
  /// Why (mandatory in the file): what occupies them, and where the number
  /// comes from.
  std::string Why;
};

struct StackSpec {
  std::string Name;
  uint64_t Size = 0;
  std::vector<Reservation> Reserved;
  SourceLoc Loc;

  uint64_t reservedBytes() const;
  /// Size minus every reservation: what the worst path may use.
  uint64_t budget() const;
};

/// A class of entry points: functions whose symbol matches one of the glob
/// patterns (llvm::GlobPattern syntax), or that carry the source attribute
/// stack_entry("<Class>"), run on Stack.
struct EntryClass {
  std::string Class;
  std::string Stack;
  std::vector<std::string> Functions;
  /// Only functions of the TU of this source file (as FunctionFacts::TU
  /// spells it) match the patterns; empty: every TU. Set by an `entries:`
  /// annotation with `tu:` to pick one of several `static` functions.
  std::string TU;
  /// Entries of this class can begin on top of any other entry of their
  /// stack, at its deepest point (an exception taken in kernel mode on the
  /// task stack: a page fault on a user access inside a syscall, a WARN's
  /// #UD). The profile gives no bound on how deep they nest, so the stack
  /// has no smallest size proven sufficient (StackReport::smallestProven).
  bool Nests = false;
  SourceLoc Loc;
};

/// The whole stack use (own frame and everything it calls) of a function
/// that has no facts: assembly, or code built without the plugin. Facts win
/// over this when both exist.
struct KnownFrame {
  /// A symbol or a glob pattern.
  std::string Function;
  uint64_t Frame = 0;
  std::string Why;
  SourceLoc Loc;
};

/// Function is active at most MaxDepth times at once on one stack (a call
/// is active until it returns; a tail call out of it does not end it). It
/// bounds Function only; a cycle is bounded when its bounded functions cut
/// every cycle through it (CycleBound.h).
struct RecursionBound {
  std::string Function;
  uint64_t MaxDepth = 0;
  std::string Why;
  SourceLoc Loc;
};

/// An annotation file a profile names, and where it names it (so that a
/// file that cannot be read is an error at the profile's line).
struct AnnotationFileRef {
  std::string Path;
  SourceLoc Loc;
};

struct Profile {
  unsigned Version = ProfileVersion;
  /// Where the profile came from ("" for the built-in default profile).
  std::string Path;
  /// Bytes a call adds besides the callee's frame (the return address on
  /// x86-64). Empty: derived from the target triple of the facts.
  std::optional<uint64_t> CallOverhead;
  /// The architecture the profile describes, as LLVM names it in a triple
  /// (`x86_64`, `aarch64`); the check refuses facts of another. Empty: any.
  std::optional<std::string> Target;
  /// Frames larger than this get a [stackbudget-frame] warning.
  std::optional<uint64_t> FrameLimit;
  std::vector<StackSpec> Stacks;
  std::vector<EntryClass> Entries;
  std::vector<KnownFrame> Frames;
  std::vector<RecursionBound> Recursion;
  /// Annotation files (docs/annotations-format.md) to load with the
  /// profile; relative paths are relative to the profile's directory.
  std::vector<AnnotationFileRef> AnnotationFiles;
  /// `closed_world: true`: the inputs checked with this profile are the
  /// whole program (SessionConfig::ClosedWorld).
  bool ClosedWorld = false;
  /// No entry classes were given: every function that no function outside
  /// its own cycle calls is an entry on the first stack.
  bool UncalledFunctionsAreEntries = false;

  const StackSpec *findStack(llvm::StringRef Name) const;
};

/// The profile used when none is given: one stack 'task' of \p StackSize
/// bytes, nothing reserved, every uncalled function an entry.
Profile defaultProfile(uint64_t StackSize);

/// Parses a profile. Syntax errors, unknown keys, wrong types and
/// inconsistent values (an entry naming a stack that does not exist, more
/// reserved than the stack holds) are errors that start with
/// "file:line:col: error:". \p Buffer's identifier names the file.
llvm::Expected<Profile> parseProfile(llvm::MemoryBufferRef Buffer);

/// Reads and parses the profile in \p Path.
llvm::Expected<Profile> loadProfile(llvm::StringRef Path);

/// The call overhead of a target: 8 on x86-64 (return address), 4 on i386,
/// 0 where the return address goes to a link register that the callee's
/// frame saves (AArch64, ARM, RISC-V, PowerPC, ...). Empty when unknown.
std::optional<uint64_t> callOverheadForTriple(llvm::StringRef Triple);

} // namespace stackbudget

#endif // STACKBUDGET_PROFILE_H

//===- Annotations.h - What the user tells the check about a program ------===//
//
// An annotation file (YAML, docs/annotations-format.md, `version: 1`) says
// what the facts cannot: the targets of an indirect call (one call site, a
// struct field, a function-pointer global or parameter), the frame of an
// assembly function, a depth bound for a recursion, paths that cannot
// happen (each with its reason), and extra entry points.
//
// Annotations are closed-world: validateAnnotations() checks every entry
// against the program, and an entry that names a function, field, call site
// or cycle that does not exist is an error "stale annotation" at the entry's
// file:line:col, so that annotations cannot rot silently when the code
// changes. A malformed file is an error at its line and column too.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_ANNOTATIONS_H
#define STACKBUDGET_ANNOTATIONS_H

#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

constexpr unsigned AnnotationsVersion = 1;

/// The targets of indirect calls. Exactly one way of naming the calls:
///  - Function + Index: the Index-th (0-based) unresolved call of Function
///    (indirect calls and inline-asm calls without a readable target, in the
///    order the facts list them);
///  - Function + Field: every call of Function through that struct field;
///  - Field alone: every call in the program through that field
///    ("record::member");
///  - Global: every call through that function-pointer global variable;
///  - Function + Param: every call of Function through its parameter Param
///    (0-based).
struct IndirectTargets {
  std::string Function;
  /// Restricts Function (a `static` one) to the TU of that source file.
  std::string TU;
  std::optional<unsigned> Index;
  std::string Field;
  std::string Global;
  std::optional<unsigned> Param;
  std::vector<std::string> Targets;
  std::string Why;
  SourceLoc Loc;
};

struct FrameAnnotation {
  std::string Function;
  uint64_t Frame = 0;
  std::string Why;
  SourceLoc Loc;
};

struct RecursionAnnotation {
  std::string Function;
  uint64_t MaxDepth = 0;
  std::string Why;
  SourceLoc Loc;
};

/// A path that cannot happen: every call from From to To (both given), or
/// every call into To (From empty). Reason is mandatory.
struct Exclusion {
  std::string From;
  std::string To;
  std::string Reason;
  SourceLoc Loc;
};

struct EntryAnnotation {
  std::string Function;
  /// Restricts Function (a `static` one) to the TU of that source file,
  /// as IndirectTargets::TU does.
  std::string TU;
  std::string Stack;
  std::string Why;
  SourceLoc Loc;
};

struct Annotations {
  unsigned Version = AnnotationsVersion;
  std::vector<IndirectTargets> Indirect;
  std::vector<FrameAnnotation> Frames;
  std::vector<RecursionAnnotation> Recursion;
  std::vector<Exclusion> Exclusions;
  std::vector<EntryAnnotation> Entries;

  bool empty() const {
    return Indirect.empty() && Frames.empty() && Recursion.empty() &&
           Exclusions.empty() && Entries.empty();
  }
  /// Appends \p Other (several files may be given).
  void append(Annotations Other);
};

/// Parses one file; errors start with "file:line:col: error:".
llvm::Expected<Annotations> parseAnnotations(llvm::MemoryBufferRef Buffer);
/// Reads and parses \p Path. A file that cannot be read (missing, a
/// directory) is an error "Path: reason", or, when \p NamedAt is valid (a
/// profile's `annotations:` entry), "file:line:col: error: annotation
/// file 'Path': reason" at that entry.
llvm::Expected<Annotations> loadAnnotations(llvm::StringRef Path,
                                            const SourceLoc &NamedAt = {});

/// Splits "record::member" ("file_operations::read_iter").
bool splitFieldName(llvm::StringRef Spec, llvm::StringRef &Record,
                    llvm::StringRef &Member);

/// A call that annotations may give targets to: an indirect call, or an
/// inline-asm call whose target the recorder could not read.
bool isUnresolvedCall(const CallFact &C);

/// Whether \p T names \p C, the \p Ordinal-th unresolved call of the
/// function \p T names (the caller is matched by the caller).
bool annotationMatchesCall(const IndirectTargets &T, const CallFact &C,
                           unsigned Ordinal);

/// Checks every entry against the program (closed world): each function,
/// target, field, global, parameter, call site and path must exist. All
/// stale entries are reported, one per line, each "file:line:col: error:
/// stale annotation: ...". Whether a recursion bound names a cycle is
/// checked by the depth analysis, which knows the cycles; whether an
/// exclusion names a call, by IndirectResolver::checkExclusions. \p HasStack
/// says whether the profile defines a stack (for entries).
llvm::Error
validateAnnotations(const Annotations &A, const ReadResult &In,
                    llvm::function_ref<bool(llvm::StringRef)> HasStack);

} // namespace stackbudget

#endif // STACKBUDGET_ANNOTATIONS_H

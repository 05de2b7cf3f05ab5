//===- IndirectResolver.h - The targets of every indirect call ------------===//
//
// Resolves an indirect call to its candidate functions, trusting, in order:
//
//  1. annotations (Annotations.h): the call site, then the field, global or
//     parameter it calls through;
//  2. kernel static calls: a call to the trampoline `__SCT__name` reaches
//     the key's default and every static_call_update target (StaticCallFact);
//  3. struct-field refinement (MLTA): a call through `record::member`
//     reaches the functions stored into that member anywhere in the program,
//     plus the free functions of the call's type (FieldFacts); it falls
//     back to 4 when any TU lacks field facts or the member escapes;
//  4. type matching (TypeMatcher.h): the address-taken functions of the
//     call's C type, or of its signature where no C type is known.
//
// A target is a symbol and, for a `static` function, its TU. Every result
// says which method produced it and, for a fallback, why the better methods
// did not apply (docs/indirect-calls.md).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_INDIRECTRESOLVER_H
#define STACKBUDGET_INDIRECTRESOLVER_H

#include "stackbudget/Annotations.h"
#include "stackbudget/CallGraph.h"
#include "stackbudget/Facts.h"
#include "stackbudget/FactsReader.h"
#include "stackbudget/TypeMatcher.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace stackbudget {

enum class ResolutionMethod { Annotation, StaticCall, Field, Type };

const char *resolutionMethodName(ResolutionMethod M);

/// "field 'timer::function'", "global 'table'", "parameter 1 of 'f'",
/// "local variable 0 of 'f'".
std::string slotName(const ValueSlot &S);

struct Resolution {
  ResolutionMethod Method = ResolutionMethod::Type;
  std::vector<TargetRef> Targets;
  /// Equal for every call with the same resolution, so that a call graph
  /// can share one candidate-set node between them.
  std::string Key;
  /// A readable description ("field 'ops::read'", "annotation at f.yaml:3:5").
  std::string Description;
  /// Why a better method did not apply (empty when none could).
  std::string FallbackReason;
};

/// Counts for one way of resolving every indirect call of a program.
struct PrecisionFigures {
  unsigned Sites = 0;
  /// Sites with no candidate at all.
  unsigned Empty = 0;
  uint64_t TotalCandidates = 0;
  unsigned MaxCandidates = 0;
  /// Candidates of every site, for percentiles.
  std::vector<unsigned> PerSite;
  double mean() const {
    return Sites ? double(TotalCandidates) / Sites : 0.0;
  }
  /// The smallest count that at least \p Fraction of the sites do not
  /// exceed (0.5: the median, 0.99: p99).
  unsigned percentile(double Fraction) const;
};

/// How much the resolver may assume about the program (build()).
struct ResolverOptions {
  /// Objects without any facts (assembly) store no function into a struct
  /// member and convert no value into a function pointer.
  bool TrustObjectsWithoutFacts = false;
  /// The inputs are the whole program (vmlinux.o and every module): a call
  /// whose resolved set is empty has no target at all and adds nothing
  /// (docs/indirect-calls.md, "Closed world"). Refused unless every TU has
  /// struct-field facts.
  bool ClosedWorld = false;
};

class IndirectResolver {
public:
  /// \p A may be null (no annotations). Fails on stale annotations that
  /// only resolution can see (a call site that no TU has).
  /// With \p TrustObjectsWithoutFacts, objects that carry no facts at all
  /// (assembly) are assumed to store no function into a struct member and
  /// to convert no value into a function pointer; otherwise such an object
  /// turns field refinement off and makes erased functions opaque
  /// (TypeMatcher.h).
  static llvm::Expected<IndirectResolver>
  build(const ReadResult &In, const Annotations *A,
        bool TrustObjectsWithoutFacts = false);

  /// The same with \p Opts; with Opts.ClosedWorld, fails naming the first
  /// TU (or object without facts, unless Opts.TrustObjectsWithoutFacts)
  /// that has no struct-field facts.
  static llvm::Expected<IndirectResolver>
  build(const ReadResult &In, const Annotations *A,
        const ResolverOptions &Opts);

  /// Resolves the \p Ordinal-th unresolved call (isUnresolvedCall) \p C of
  /// \p Caller. Empty when nothing applies: an inline-asm call without an
  /// annotation (its target stays unknown).
  std::optional<Resolution> resolve(const FunctionFacts &Caller,
                                    const CallFact &C, unsigned Ordinal,
                                    bool UseAnnotations = true,
                                    bool UseFields = true) const;

  /// For a direct call to a static-call trampoline `__SCT__name`: the
  /// targets of the key; when some TU updates it with a value that is not a
  /// function constant, the functions of the trampoline's C type (method
  /// Type), or nullopt where that is not known either (with the reason in
  /// \p Why when given).
  std::optional<Resolution> resolveStaticCall(llvm::StringRef Callee,
                                              std::string *Why = nullptr) const;

  /// Whether the call Caller -> Target is excluded by an annotation; marks
  /// the exclusion as used.
  bool isExcluded(llvm::StringRef Caller, llvm::StringRef Target) const;

  /// Exclusions that matched no call: stale annotations.
  llvm::Error checkExclusions() const;

  /// Whether every TU has struct-field facts (else field refinement is off).
  bool fieldsComplete() const { return FieldsComplete; }

  /// Whether an empty resolved set means "no target in the whole program"
  /// (ResolverOptions::ClosedWorld).
  bool closedWorld() const { return ClosedWorld; }

  const TypeMatcher &types() const { return Types; }

  /// Candidates of every indirect call under type matching alone, with
  /// struct-field refinement, and with annotations too (issue 5's figures).
  struct Figures {
    PrecisionFigures Type, Field, Annotated;
  };
  Figures precision() const;

private:
  const ReadResult *In = nullptr;
  const Annotations *A = nullptr;
  TypeMatcher Types;
  bool FieldsComplete = false;
  bool ClosedWorld = false;
  std::string MissingFieldsTU;
  /// What the whole program puts into one slot (a field, a followed
  /// global, a parameter), to a fixed point over the flows between them.
  struct SlotState {
    std::set<TargetRef> Values;
    /// Why the content cannot be followed (empty when it can).
    std::string Unknown;
    /// The slots this one's content is copied into.
    std::vector<ValueSlot> Into;
    /// Parameters: some TU defines the function and says how it uses the
    /// parameter; the first use that is not followed.
    bool Defined = false;
    std::string Leak;
    /// Parameters: some analyzed call passes something for it.
    bool Passed = false;
    /// Why a call through the slot itself cannot trust its content, though
    /// what flows on from it is right (a parameter no analyzed call
    /// passes anything for).
    std::string CallUnknown;
    /// The slot whose content first could not be followed, and why, for
    /// a message that names the cause rather than the last hop.
    std::string Root;
    /// Globals: some TU followed every use of it.
    bool Followed = false;
  };
  std::map<ValueSlot, SlotState> Slots;
  std::set<TargetRef> Free;

  void joinIndirectCallArguments(const ReadResult &In,
                                 const std::set<TargetRef> &AddressTaken);
  /// \p AllCallersAnalyzed: every call of a function that is not address
  /// taken is in the inputs (a closed world with trusted assembly).
  void solveSlots(const std::vector<std::pair<ValueSlot, TargetRef>>
                      &ParamStores,
                  const std::set<TargetRef> &AddressTaken,
                  bool AllCallersAnalyzed);
  /// Fails, naming the first TU without struct-field facts, unless every
  /// TU has them; marks the resolver closed-world otherwise.
  llvm::Expected<IndirectResolver> refuseOpenWorld(const ReadResult &In) &&;
  struct StaticKey {
    std::set<TargetRef> Targets;
    std::string Unknown;
    /// The type of the trampoline, to match by when Unknown is set.
    CallFact TrampolineType;
  };
  std::map<std::string, StaticKey> StaticCalls;
  /// A static_call_update whose key is not a constant: every key unknown.
  std::string AllStaticCallsUnknown;
  mutable std::vector<bool> ExclusionUsed;

  /// (TU, name) of every `static` function.
  std::set<std::pair<std::string, std::string>> Locals;

  /// The function \p Name means in \p TU: its own static one, else the
  /// global one.
  TargetRef refIn(llvm::StringRef TU, llvm::StringRef Name) const;
};

/// The call graph's resolver hook answered by \p R, which must outlive it:
/// indirect and asm calls by resolve(), static-call trampolines by
/// resolveStaticCall(). In a closed world (closedWorld()), an empty set
/// from struct fields, type matching or a static-call key is marked
/// ResolvedTargets::NoTargetInProgram; an annotation's or an asm call's is
/// not.
IndirectResolverFn resolverCallback(const IndirectResolver &R);

} // namespace stackbudget

#endif // STACKBUDGET_INDIRECTRESOLVER_H

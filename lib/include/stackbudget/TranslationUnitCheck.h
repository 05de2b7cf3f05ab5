//===- TranslationUnitCheck.h - Path findings one TU proves alone ---------===//
//
// At compile time the recorder sees one translation unit. Most of a path is
// beyond it, but a chain of direct calls inside it is a real path of the
// final program: when that chain alone already exceeds a budget, the
// overflow is certain and the compile can say so, long before the link.
//
// Only what holds whatever the rest of the program is counts: direct calls
// (and asm calls with a named target) are kept; indirect calls, whose
// candidates a TU cannot know, are dropped; a worst path that enters a
// recursion is not reported (unbounded here, it is counted once: no proven
// path).
// Calls leaving the TU add their return address and nothing else. So every
// finding is a lower bound, and the whole-program check still runs later.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_TRANSLATIONUNITCHECK_H
#define STACKBUDGET_TRANSLATIONUNITCHECK_H

#include "stackbudget/Facts.h"
#include "stackbudget/Profile.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace stackbudget {

/// One entry whose direct-call path inside the TU exceeds its budget, in
/// the words of the whole-program check (FindingText.h).
struct TranslationUnitFinding {
  /// The entry's symbol and definition.
  std::string Function;
  SourceLoc Loc;
  uint64_t Bytes = 0;
  /// "stack path from 'f' may use at least N bytes, over the B-byte budget
  /// of stack 'task'" (no rule name).
  std::string Text;
  /// One note per hop: where it points and what it says.
  struct Note {
    SourceLoc Loc;
    std::string Text;
  };
  std::vector<Note> Notes;
};

/// The TU's facts with only the calls whose target the TU names: direct
/// calls and asm calls with a callee.
ObjectFacts directCallsOnly(const ObjectFacts &TU);

/// The findings of \p TU under the stacks and entry classes of \p P, worst
/// first. The profile's recursion bounds, assembly frames and annotation
/// files are about the whole program and are not used.
llvm::Expected<std::vector<TranslationUnitFinding>>
checkTranslationUnit(const ObjectFacts &TU, const Profile &P);

} // namespace stackbudget

#endif // STACKBUDGET_TRANSLATIONUNITCHECK_H

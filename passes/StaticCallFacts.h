//===- StaticCallFacts.h - Targets of the kernel's static calls -----------===//
//
// Linux static calls (include/linux/static_call.h, x86 HAVE_STATIC_CALL):
// `static_call(name)(args)` is a direct call to the trampoline
// `__SCT__name`, an assembly stub patched at run time to jump to the current
// target. The targets are visible in the IR of the TUs that set them:
//
//   DEFINE_STATIC_CALL(name, func)  ->  @__SCK__name = { ptr @func, ... }
//   static_call_update(name, f)     ->  call @__static_call_update(
//                                          @__SCK__name, @__SCT__name, @f)
//
// collectStaticCalls() reads both; the whole-program resolver
// (lib/src/IndirectResolver.cpp) turns a call to `__SCT__name` into a call to
// the union of the targets every TU installs. An update with a target that
// is not a function constant is recorded as unknown, and so is one whose key
// is not a constant `__SCK__` global (then every static call is unknown).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_STATICCALLFACTS_H
#define STACKBUDGET_STATICCALLFACTS_H

#include "stackbudget/Facts.h"

#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace stackbudget {

std::vector<StaticCallFact> collectStaticCalls(const llvm::Module &M);

} // namespace stackbudget

#endif // STACKBUDGET_STATICCALLFACTS_H

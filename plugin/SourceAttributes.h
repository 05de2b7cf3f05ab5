//===- SourceAttributes.h - stack_entry / stack_budget in source ----------===//
//
// The clang plugin registers two function attributes (docs/attributes.md):
//
//   __attribute__((stack_entry("irq")))     [[stackbudget::stack_entry("irq")]]
//   __attribute__((stack_budget(8192)))     [[stackbudget::stack_budget(8192)]]
//
// Sema checks them where they are written (a bad argument or subject is an
// error at the attribute) and notes them per declaration. Once the TU is
// parsed, they are gathered per emitted symbol, across redeclarations, for
// the IR pass that turns them into function attributes (IRSourceAttributes.h)
// so that they travel in bitcode through LTO to the recorder.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_PLUGIN_SOURCEATTRIBUTES_H
#define STACKBUDGET_PLUGIN_SOURCEATTRIBUTES_H

#include "../passes/IRSourceAttributes.h"

#include "llvm/ADT/StringMap.h"

namespace clang {
class ASTContext;
class DiagnosticsEngine;
} // namespace clang

namespace stackbudget {

/// Forgets the attributes noted so far. Called when a TU starts: the
/// in-process cc1 of the clang driver compiles several TUs in one process.
void resetSourceAttributes();

/// The attributes of every function of the TU, by symbol name, merged over
/// its redeclarations. Two redeclarations that disagree are an error at the
/// later attribute.
llvm::StringMap<SourceFunctionAttributes>
gatherSourceAttributes(clang::ASTContext &Ctx);

} // namespace stackbudget

#endif // STACKBUDGET_PLUGIN_SOURCEATTRIBUTES_H

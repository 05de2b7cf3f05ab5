//===- FactsRename.h - Symbol renames of objcopy, applied to the facts ----===//
//
// `objcopy --prefix-symbols=P` renames every symbol of an object after the
// compiler wrote its facts: arm64 Linux builds its early-boot code (and
// lib/fdt*.c a second time) so, as __pi_* symbols (arch/arm64/kernel/pi),
// and the arm64 EFI stub as __efistub_*. Facts that kept the old names
// would describe symbols the object no longer has, and clash with the
// real ones. kbuild/stackbudget-objcopy renames the facts with the symbols.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTSRENAME_H
#define STACKBUDGET_FACTSRENAME_H

#include "stackbudget/Facts.h"
#include "llvm/ADT/StringRef.h"

namespace stackbudget {

/// Prefixes every symbol name \p Facts holds, as `objcopy --prefix-symbols`
/// prefixes every symbol of the object, defined or not: functions, callees
/// and thunks, aliases, address-taken declarations, the globals and
/// functions of slots, stores, free functions, static-call keys and
/// targets, conversions. Type ids, TUs, files and struct fields stay.
void prefixSymbols(ObjectFacts &Facts, llvm::StringRef Prefix);

} // namespace stackbudget

#endif // STACKBUDGET_FACTSRENAME_H

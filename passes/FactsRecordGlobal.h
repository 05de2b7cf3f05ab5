//===- FactsRecordGlobal.h - One facts record as a global of the module ---===//
//
// Both recorders write records the same way: one ELF note per global, a
// private constant in the facts note section, marked !exclude
// (SHF_EXCLUDE: ld -r keeps the section, a final link drops it). What differs is when they
// write it: the LLVM 22 recorder after the IR passes, the LLVM 19 recorder
// before the last of them, where it must also keep the global alive.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTSRECORDGLOBAL_H
#define STACKBUDGET_FACTSRECORDGLOBAL_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace stackbudget {

/// Adds \p Records (encoded records) to \p M's facts section, as one note
/// with \p Reserve zero bytes of room to grow (rewriteFactsGlobal).
llvm::GlobalVariable *emitFactsGlobal(llvm::Module &M, llvm::StringRef Records,
                                      size_t Reserve = 0);

/// Replaces the records of a note emitFactsGlobal wrote, in a note of the
/// same size; false if they do not fit.
bool rewriteFactsGlobal(llvm::GlobalVariable &GV, llvm::StringRef Records);

} // namespace stackbudget

#endif // STACKBUDGET_FACTSRECORDGLOBAL_H

//===- FactsRecordGlobal.h - One facts record as a global of the module ---===//
//
// Both recorders write each record the same way: a private constant in
// the facts section, byte-aligned, marked !exclude (SHF_EXCLUDE: ld -r
// keeps the section, a final link drops it). What differs is when they
// write it: the LLVM 22 recorder after the IR passes, the LLVM 19 recorder
// before the last of them, where it must also keep the global alive.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTSRECORDGLOBAL_H
#define STACKBUDGET_FACTSRECORDGLOBAL_H

#include "llvm/ADT/StringRef.h"

namespace llvm {
class GlobalVariable;
class Module;
} // namespace llvm

namespace stackbudget {

/// Adds \p Bytes (one encoded record) to \p M's facts section.
llvm::GlobalVariable *emitFactsGlobal(llvm::Module &M, llvm::StringRef Bytes);

} // namespace stackbudget

#endif // STACKBUDGET_FACTSRECORDGLOBAL_H

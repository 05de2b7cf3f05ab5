//===- SymbolName.h - A global's symbol as the object file spells it ------===//

#ifndef STACKBUDGET_SYMBOLNAME_H
#define STACKBUDGET_SYMBOLNAME_H

#include "llvm/IR/GlobalValue.h"
#include "llvm/IR/Mangler.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace stackbudget {

/// What a call's relocation names (the Mangler's prefixes applied).
inline std::string symbolName(const llvm::GlobalValue &GV) {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  llvm::Mangler().getNameWithPrefix(OS, &GV, /*CannotUsePrivateLabel=*/false);
  return Name;
}

} // namespace stackbudget

#endif // STACKBUDGET_SYMBOLNAME_H

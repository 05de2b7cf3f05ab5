//===- EnumJSON.h - Read an enumeration back from its JSON spelling -------===//
//
// The facts and the report spell every enumeration as a string, written by
// one name function per enumeration (linkageName(), hopEdgeName(),
// unknownKindName(), ...) so that the files read the same in a dump as in
// the documentation. Readers map a spelling back through the same name
// function over the enumeration's values: there is no second table.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_ENUMJSON_H
#define STACKBUDGET_ENUMJSON_H

#include "stackbudget/JSONCompat.h" // before llvm/Support/JSON.h

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"

namespace stackbudget {

template <typename E, typename NameFn>
bool enumFromJSON(const llvm::json::Value &V, E &Out, llvm::json::Path P,
                  llvm::ArrayRef<E> All, NameFn Name) {
  std::optional<llvm::StringRef> S = V.getAsString();
  if (!S) {
    P.report("expected a string");
    return false;
  }
  for (E Each : All)
    if (*S == Name(Each)) {
      Out = Each;
      return true;
    }
  P.report("unknown value");
  return false;
}

} // namespace stackbudget

#endif // STACKBUDGET_ENUMJSON_H

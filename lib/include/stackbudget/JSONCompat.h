//===- JSONCompat.h - llvm::json pieces that older LLVM majors lack -------===//
//
// The facts map `unsigned` fields (line, column, 32-bit type ids). LLVM 20
// added json::fromJSON for `unsigned int`; on LLVM 19 the templates in
// llvm/Support/JSON.h (vector, optional, ObjectMapper::map) find no overload
// for it. The overload must be declared before JSON.h defines those
// templates, so that their unqualified calls see it: include this header
// first (FactsFormat.h does).
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_JSONCOMPAT_H
#define STACKBUDGET_JSONCOMPAT_H

#include "llvm/Config/llvm-config.h"

#include <cstdint>
#include <limits>
#include <optional>

#if LLVM_VERSION_MAJOR < 20
#ifdef LLVM_SUPPORT_JSON_H
#error "stackbudget/JSONCompat.h must be included before llvm/Support/JSON.h"
#endif

namespace llvm {
namespace json {
class Value;
class Path;
bool fromJSON(const Value &E, unsigned int &Out, Path P);
} // namespace json
} // namespace llvm

#include "llvm/Support/JSON.h"

namespace llvm {
namespace json {
/// Unlike a plain narrowing, a value that does not fit is an error: a facts
/// reader must never turn a corrupt number into a wrong one.
inline bool fromJSON(const Value &E, unsigned int &Out, Path P) {
  std::optional<uint64_t> V = E.getAsUINT64();
  if (!V || *V > std::numeric_limits<unsigned int>::max()) {
    P.report("expected unsigned integer");
    return false;
  }
  Out = static_cast<unsigned int>(*V);
  return true;
}
} // namespace json
} // namespace llvm
#endif // LLVM_VERSION_MAJOR < 20

#endif // STACKBUDGET_JSONCOMPAT_H

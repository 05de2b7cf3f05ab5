//===- FactsFormat.h - Encoding of facts inside an object file ------------===//
//
// Facts travel in the section `.stackbudget.facts` (SHF_EXCLUDE), as a
// sequence of self-delimiting records, because `ld -r` and archivers simply
// concatenate the sections of their inputs:
//
//   "SBFR"  u16le version  u16le kind  u32le payload size  payload (JSON)
//
// Zero bytes between records are padding and skipped. The full description,
// with the JSON fields and the compatibility rules, is docs/facts-format.md.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTSFORMAT_H
#define STACKBUDGET_FACTSFORMAT_H

#include "stackbudget/Facts.h"
#include "stackbudget/JSONCompat.h" // before llvm/Support/JSON.h
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace stackbudget {

constexpr llvm::StringLiteral FactsSectionName = ".stackbudget.facts";
constexpr llvm::StringLiteral RecordMagic = "SBFR";
constexpr uint16_t FactsVersion = 4;
constexpr size_t RecordHeaderSize = 12;

enum class RecordKind : uint16_t { Module = 1, Function = 2 };

/// One complete record (header and payload), ready to be placed in the
/// section.
std::string encodeRecord(const FunctionFacts &F);
std::string encodeRecord(const ModuleFacts &M);

/// Decodes the concatenated records of one section. \p Origin names the
/// object in every error, so that a corrupt or foreign-version section in a
/// link of thousands of objects can be found.
llvm::Error decodeSection(llvm::StringRef Bytes, ObjectFacts &Into);

llvm::json::Value toJSON(const FunctionFacts &F);
llvm::json::Value toJSON(const ModuleFacts &M);
bool fromJSON(const llvm::json::Value &V, FunctionFacts &F,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ModuleFacts &M, llvm::json::Path P);

} // namespace stackbudget

#endif // STACKBUDGET_FACTSFORMAT_H

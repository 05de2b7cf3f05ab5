//===- FactsFormat.h - Encoding of facts inside an object file ------------===//
//
// Facts travel in the section `.stackbudget.facts` (SHF_EXCLUDE), as a
// sequence of self-delimiting records, because `ld -r` and archivers simply
// concatenate the sections of their inputs:
//
//   "SBFR"  u16le version  u16le kind  u32le payload size  payload
//
// Version 5 writes blocks (kind 3): a string table and binary records that
// refer to it (FactsBinary.cpp). Version 4 objects, one JSON payload per
// record, are still read. Zero bytes between records are padding and
// skipped. The full description, byte by byte, with the compatibility
// rules, is docs/facts-format.md.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_FACTSFORMAT_H
#define STACKBUDGET_FACTSFORMAT_H

#include "stackbudget/Facts.h"
#include "stackbudget/JSONCompat.h" // before llvm/Support/JSON.h
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace stackbudget {

constexpr llvm::StringLiteral FactsSectionName = ".stackbudget.facts";
constexpr llvm::StringLiteral RecordMagic = "SBFR";
/// The version written.
constexpr uint16_t FactsVersion = 5;
/// The JSON version before it, still read: its content is the same.
constexpr uint16_t JSONFactsVersion = 4;
constexpr size_t RecordHeaderSize = 12;

/// Module and Function are version 4's JSON records, Block version 5's.
enum class RecordKind : uint16_t { Module = 1, Function = 2, Block = 3 };

/// One complete block (header and payload), ready to be placed in the
/// section: the records of one TU (the LLVM 22 recorder), or of one module
/// or function (the LLVM 19 recorder, which rewrites a function's record
/// when its frame is known), with their string table.
std::string encodeBlock(llvm::ArrayRef<ModuleFacts> Modules,
                        llvm::ArrayRef<FunctionFacts> Functions);
/// A block of one record.
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

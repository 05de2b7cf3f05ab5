//===- FactsFormat.h - Encoding of facts inside an object file ------------===//
//
// Facts travel in the ELF note section `.note.stackbudget` (SHF_EXCLUDE):
// each note of owner "stackbudget" holds a sequence of self-delimiting
// records, because `ld -r` and archivers simply concatenate the sections of
// their inputs:
//
//   "SBFR"  u16le version  u16le kind  u32le payload size  payload
//
// Versions 5 to 7 write blocks (kind 3): a string table and binary records
// that refer to it (FactsBinary.cpp); 6 added one function field, 7 refers
// to a string by its index in the sorted table. Version 4
// objects, one JSON payload per record in a `.stackbudget.facts` section,
// are still read. Zero bytes between records are padding and skipped. The
// full description, byte by byte, with the compatibility rules, is
// docs/facts-format.md.
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

/// An ELF note section: modpost ignores `.note*` and non-PROGBITS sections,
/// and SHF_EXCLUDE keeps it out of every final link, so kbuild takes the
/// facts in vmlinux.o and .ko files as they are (docs/kernel.md).
constexpr llvm::StringLiteral FactsSectionName = ".note.stackbudget";
/// The notes' owner and type: each note's descriptor holds records.
constexpr llvm::StringLiteral FactsNoteOwner = "stackbudget";
constexpr uint32_t FactsNoteType = 0x53420001; // "SB", 1
/// The note header, the owner's name with its zero, padded to 4 bytes.
constexpr size_t FactsNoteHeaderSize = 12 + 12;
/// Where version 4 kept its records, bare, in a PROGBITS section.
constexpr llvm::StringLiteral LegacyFactsSectionName = ".stackbudget.facts";
constexpr llvm::StringLiteral RecordMagic = "SBFR";
/// The version written.
constexpr uint16_t FactsVersion = 7;
/// The first binary version, still read: version 6 only added a field, and
/// version 7 changed how a record refers to a string.
constexpr uint16_t FirstBinaryFactsVersion = 5;
/// From this version on a string is its index in the block's string table,
/// before it its byte offset.
constexpr uint16_t FirstIndexedStringsVersion = 7;
/// The JSON version before it, still read: its content is the same.
constexpr uint16_t JSONFactsVersion = 4;
constexpr size_t RecordHeaderSize = 12;

/// Module and Function are version 4's JSON records; Block and (zlib)
/// CompressedBlock those of versions 5 to 7.
enum class RecordKind : uint16_t {
  Module = 1,
  Function = 2,
  Block = 3,
  CompressedBlock = 4
};

/// One complete block (header and payload), ready to be placed in the
/// section: the records of one TU (the LLVM 22 recorder), or of one module
/// or function (the LLVM 19 recorder, which rewrites a function's record
/// when its frame is known), with their string table.
/// With \p Compress, the block is zlib-compressed when that makes it
/// smaller (a TU's block shrinks to about half).
std::string encodeBlock(llvm::ArrayRef<ModuleFacts> Modules,
                        llvm::ArrayRef<FunctionFacts> Functions,
                        bool Compress = true);
/// A block of one record, not compressed: the LLVM 19 recorder rewrites
/// it in place and needs its size to follow the frame's.
std::string encodeRecord(const FunctionFacts &F);
std::string encodeRecord(const ModuleFacts &M);

/// One note of the facts section whose descriptor is \p Records, followed
/// by zeros (padding) up to \p MinDescSize and a multiple of 4.
std::string encodeFactsNote(llvm::StringRef Records, size_t MinDescSize = 0);

/// Decodes concatenated records: a note's descriptor, or a version-4
/// section. Into.Origin, \p Section and \p BaseOffset (where \p Bytes
/// start in it) name the object and the byte in every error, so that a
/// corrupt or foreign-version section in a link of thousands of objects can
/// be found.
llvm::Error decodeSection(llvm::StringRef Bytes, ObjectFacts &Into,
                          llvm::StringRef Section = FactsSectionName,
                          uint64_t BaseOffset = 0);

llvm::json::Value toJSON(const FunctionFacts &F);
llvm::json::Value toJSON(const ModuleFacts &M);
bool fromJSON(const llvm::json::Value &V, FunctionFacts &F,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ModuleFacts &M, llvm::json::Path P);

} // namespace stackbudget

#endif // STACKBUDGET_FACTSFORMAT_H

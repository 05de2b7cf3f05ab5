//===- RecorderOptions.h - Options shared by every door into the plugin ---===//
//
// One plugin .so is entered three ways: `-fplugin=` (options arrive as
// -fplugin-arg-stackbudget-KEY=VALUE), `-fpass-plugin=` and
// `ld.lld --load-pass-plugin=` (which accept no plugin options, see
// llvm/llvm-project#90956). All three read the environment variable
// STACKBUDGET_OPTIONS; -fplugin-arg values override it. The keys are listed
// in docs/options.md.
//
//===----------------------------------------------------------------------===//

#ifndef STACKBUDGET_RECORDEROPTIONS_H
#define STACKBUDGET_RECORDEROPTIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace stackbudget {

struct RecorderOptions {
  /// Warn when one function's frame is larger than this many bytes.
  std::optional<uint64_t> FrameLimit;
  /// Turn stackbudget warnings into errors.
  bool Error = false;
  /// Write facts into the object (on by default; off only for measuring).
  bool RecordFacts = true;
  /// At compile time, warn about paths of direct calls inside the TU that
  /// already exceed a budget of the profile (TranslationUnitCheck.h).
  bool TUCheck = true;

  // The whole-program check inside an LTO link (docs/lto.md). Profile and
  // stack size also give the budgets of the compile-time TU check.
  /// Run the check once the link's codegen is over.
  bool LinkCheck = false;
  /// Profile YAML; without it, one stack of LinkStackSize bytes.
  std::string LinkProfile;
  uint64_t LinkStackSize = 16384;
  /// Annotation files loaded after the profile's own; each `annotations=`
  /// key adds one, as `stackbudget check --annotations` does.
  std::vector<std::string> LinkAnnotations;
  /// Write the JSON report here.
  std::string LinkReport;
  /// Distinct worst paths per entry.
  unsigned LinkTopPaths = 1;
  /// With Error: an unknown path fails the link too.
  bool LinkErrorOnUnknown = false;
  /// Print what the collector saw (codegen units, records, inputs).
  bool LinkStats = false;
  /// The link is the whole program (SessionConfig::ClosedWorld).
  bool LinkClosedWorld = false;
  /// Objects without facts store no function into a struct member.
  bool LinkTrustObjectsWithoutFacts = false;
};

// Exported: the clang half of the plugin (stackbudget-clang.so, see
// plugin/ClangCompanion.cpp) parses -fplugin-arg options into the same
// process-wide options from another .so.
#pragma GCC visibility push(default)

/// The options in force for this process.
RecorderOptions &recorderOptions();

/// Applies one KEY=VALUE (or bare KEY for booleans). The error names the key
/// and what it accepts.
llvm::Error applyOption(RecorderOptions &Opts, llvm::StringRef KeyValue);

/// Applies a whitespace- or comma-separated list, as in STACKBUDGET_OPTIONS.
llvm::Error applyOptionList(RecorderOptions &Opts, llvm::StringRef List);

/// Reads STACKBUDGET_OPTIONS once; later calls return the first result.
llvm::Error loadOptionsFromEnvironment();

#pragma GCC visibility pop

} // namespace stackbudget

#endif // STACKBUDGET_RECORDEROPTIONS_H

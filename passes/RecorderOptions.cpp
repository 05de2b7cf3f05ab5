//===- RecorderOptions.cpp - Options shared by every door into the plugin -===//

#include "RecorderOptions.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Process.h"

using namespace llvm;

namespace stackbudget {

RecorderOptions &recorderOptions() {
  static RecorderOptions Opts;
  return Opts;
}

static Error optionError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "stackbudget: " + Msg);
}

/// A boolean option: a bare key means on.
static Error setBool(StringRef Key, std::optional<StringRef> V, bool &Out) {
  if (!V || *V == "1" || *V == "true" || *V == "on") {
    Out = true;
    return Error::success();
  }
  if (*V == "0" || *V == "false" || *V == "off") {
    Out = false;
    return Error::success();
  }
  return optionError("option '" + Key + "' takes 0/1, true/false or on/off, "
                     "not '" + *V + "'");
}

/// The keys of the link-time check (docs/lto.md). Sets \p Known when \p Key
/// is one of them.
static Error applyLinkCheckOption(RecorderOptions &Opts, StringRef Key,
                                  std::optional<StringRef> Value,
                                  bool &Known) {
  Known = true;
  auto Path = [&](std::string &Out) -> Error {
    if (!Value || Value->empty())
      return optionError("option '" + Key + "' takes a file name, as in " +
                         Key + "=FILE");
    Out = Value->str();
    return Error::success();
  };
  if (Key == "check")
    return setBool(Key, Value, Opts.LinkCheck);
  if (Key == "check-stats")
    return setBool(Key, Value, Opts.LinkStats);
  if (Key == "error-on-unknown")
    return setBool(Key, Value, Opts.LinkErrorOnUnknown);
  if (Key == "closed-world")
    return setBool(Key, Value, Opts.LinkClosedWorld);
  if (Key == "trust-objects-without-facts")
    return setBool(Key, Value, Opts.LinkTrustObjectsWithoutFacts);
  if (Key == "profile")
    return Path(Opts.LinkProfile);
  if (Key == "annotations") {
    std::string File;
    if (Error E = Path(File))
      return E;
    Opts.LinkAnnotations.push_back(std::move(File));
    return Error::success();
  }
  if (Key == "report")
    return Path(Opts.LinkReport);
  if (Key == "stack-size" || Key == "top") {
    uint64_t N;
    if (!Value || Value->getAsInteger(10, N) || N == 0 ||
        (Key == "top" && N > 1000))
      return optionError("option '" + Key + "' takes a positive number, as "
                         "in " + Key + (Key == "top" ? "=3" : "=16384"));
    if (Key == "top")
      Opts.LinkTopPaths = static_cast<unsigned>(N);
    else
      Opts.LinkStackSize = N;
    return Error::success();
  }
  Known = false;
  return Error::success();
}

Error applyOption(RecorderOptions &Opts, StringRef KeyValue) {
  auto [Key, RawValue] = KeyValue.split('=');
  std::optional<StringRef> Value;
  if (KeyValue.contains('='))
    Value = RawValue;

  if (Key == "frame-limit") {
    uint64_t N;
    if (!Value || Value->getAsInteger(10, N) || N == 0)
      return optionError("option 'frame-limit' takes a positive number of "
                         "bytes, as in frame-limit=1024");
    Opts.FrameLimit = N;
    return Error::success();
  }
  if (Key == "error")
    return setBool(Key, Value, Opts.Error);
  if (Key == "facts")
    return setBool(Key, Value, Opts.RecordFacts);
  if (Key == "tu-check")
    return setBool(Key, Value, Opts.TUCheck);
  bool KnownLinkCheckOption = false;
  if (Error E = applyLinkCheckOption(Opts, Key, Value, KnownLinkCheckOption))
    return E;
  if (KnownLinkCheckOption)
    return Error::success();
  return optionError("unknown option '" + Key +
                     "' (known options: frame-limit, error, facts, tu-check, "
                     "check, profile, annotations, stack-size, report, top, "
                     "error-on-unknown, check-stats, closed-world, "
                     "trust-objects-without-facts; see docs/options.md and "
                     "docs/lto.md)");
}

Error applyOptionList(RecorderOptions &Opts, StringRef List) {
  SmallVector<StringRef, 8> Items;
  SplitString(List, Items, " \t\n,");
  for (StringRef Item : Items)
    if (Error E = applyOption(Opts, Item))
      return E;
  return Error::success();
}

Error loadOptionsFromEnvironment() {
  // Initialized once even when ThinLTO backends (threads of ld.lld) start
  // their recorders at the same time.
  static const std::optional<std::string> FirstError =
      []() -> std::optional<std::string> {
    if (std::optional<std::string> Env =
            sys::Process::GetEnv("STACKBUDGET_OPTIONS"))
      if (Error E = applyOptionList(recorderOptions(), *Env))
        return "in STACKBUDGET_OPTIONS: " + toString(std::move(E));
    return std::nullopt;
  }();
  if (FirstError)
    return createStringError(inconvertibleErrorCode(), *FirstError);
  return Error::success();
}

} // namespace stackbudget

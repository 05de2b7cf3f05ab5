//===- link-args-fuzzer.cpp - libFuzzer harness for the link's command line ===//
//
// Any bytes are the command line of an ld.lld that loaded the plugin (what
// readOwnLinkCommandLine() reads from /proc/self/cmdline after expanding
// response files): arguments separated by NUL or newline, argv[0] first.
// parseLinkCommandLine() and isLinkerProgram() return what they find, never
// crash or hang. Seeds: the ld.lld command lines of tests/lit (tests/lit/lto)
// and the kernel's links through kbuild/stackbudget-ld (tests/fuzz/link-args/).
//
// The parser looks up `-l` names in the `-L` directories (sys::fs::exists);
// it opens no file, and neither does this harness.
//
//===----------------------------------------------------------------------===//

#include "LinkInputs.h"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<std::string> Args;
  // Empty arguments are kept: /proc/self/cmdline can hold them ("" on the
  // command line) and the parser must skip them itself.
  while (!Text.empty()) {
    size_t End = Text.find_first_of(llvm::StringRef("\0\n", 2));
    Args.push_back(Text.substr(0, End).str());
    Text = End == llvm::StringRef::npos ? llvm::StringRef()
                                        : Text.drop_front(End + 1);
  }
  if (!Args.empty())
    (void)stackbudget::isLinkerProgram(Args.front());
  stackbudget::LinkCommandLine L = stackbudget::parseLinkCommandLine(Args);
  (void)L;
  return 0;
}

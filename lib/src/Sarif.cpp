//===- Sarif.cpp - SARIF 2.1.0 log of a check result ----------------------===//

#include "stackbudget/Sarif.h"

#include "stackbudget/FindingText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace stackbudget {

std::string pathToURI(StringRef Path) {
  std::string Out;
  if (sys::path::is_absolute(Path, sys::path::Style::posix))
    Out = "file://";
  for (unsigned char C : Path) {
    if (isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
      continue;
    }
    Out += '%';
    Out += hexdigit(C >> 4, /*LowerCase=*/false);
    Out += hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Out;
}

namespace {

enum RuleIndex { PathRule = 0, UnknownRule = 1, FrameRule = 2 };

struct Rule {
  const char *Id;
  const char *Name;
  const char *Short;
  const char *Full;
};

const Rule Rules[] = {
    {"stackbudget-path", "StackPathOverBudget",
     "A call path can use more stack than its budget.",
     "The worst call path from an entry point (a syscall, an interrupt "
     "handler, a kthread function...) can use more bytes than the budget of "
     "the stack it runs on. The code flow lists each hop with its frame and "
     "the running total; shrink a frame on the path or break the chain."},
    {"stackbudget-unknown", "StackPathUnknown",
     "A call path has a part whose stack use is unknown.",
     "The worst call path from an entry point goes through something whose "
     "stack use cannot be proved (an indirect call without candidates, "
     "assembly without an annotated frame, an unbounded dynamic allocation, "
     "recursion without a depth bound). The bytes shown are a lower bound; "
     "the related locations say where the unknown parts are."},
    {"stackbudget-frame", "StackFrameOverLimit",
     "A function's own stack frame is over the frame budget.",
     "The frame the function's prologue reserves is larger than the "
     "profile's frame limit (like -Wframe-larger-than)."},
};

class SarifWriter {
public:
  SarifWriter(raw_ostream &OS, const CheckResult &R, const SarifOptions &Opts)
      : J(OS, 2), R(R), Opts(Opts) {
    Root = Opts.SourceRoot;
    while (Root.size() > 1 && Root.back() == '/')
      Root.pop_back();
  }

  void write() {
    J.object([&] {
      J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] { J.object([&] { writeRun(); }); });
    });
  }

private:
  json::OStream J;
  const CheckResult &R;
  const SarifOptions &Opts;
  std::string Root;

  void writeRun() {
    J.attributeObject("tool", [&] {
      J.attributeObject("driver", [&] {
        J.attribute("name", "stackbudget");
        J.attributeArray("rules", [&] {
          for (const Rule &Ru : Rules)
            J.object([&] {
              J.attribute("id", Ru.Id);
              J.attribute("name", Ru.Name);
              J.attributeObject("shortDescription",
                                [&] { J.attribute("text", Ru.Short); });
              J.attributeObject("fullDescription",
                                [&] { J.attribute("text", Ru.Full); });
              J.attributeObject("defaultConfiguration",
                                [&] { J.attribute("level", "warning"); });
            });
        });
      });
    });
    if (!Root.empty())
      J.attributeObject("originalUriBaseIds", [&] {
        J.attributeObject(SarifSourceRootId, [&] {
          J.attribute("uri", pathToURI(Root == "/" ? Root : Root + "/"));
          J.attributeObject("description", [&] {
            J.attribute("text", "The directory the build ran in; source "
                                "paths are relative to it.");
          });
        });
      });
    J.attributeArray("results", [&] {
      for (const FrameFinding &F : R.FrameFindings)
        writeFrameResult(F);
      for (const EntryReport &E : R.Entries) {
        // One result per entry and stack, as in the text diagnostics.
        if (E.OverBudget)
          writePathResult(E);
        else if (E.Unknown && Opts.WarnUnknown)
          writeUnknownResult(E);
      }
    });
    J.attribute("columnKind", "unicodeCodePoints");
  }

  void writeArtifact(StringRef File) {
    J.attributeObject("artifactLocation", [&] {
      StringRef Rel = File;
      bool Relative = !sys::path::is_absolute(File, sys::path::Style::posix);
      if (!Relative && !Root.empty() && Root != "/" &&
          File.starts_with(Root + "/")) {
        Rel = File.drop_front(Root.size() + 1);
        Relative = true;
      }
      Rel.consume_front("./");
      J.attribute("uri", pathToURI(Rel));
      if (Relative && !Root.empty())
        J.attribute("uriBaseId", SarifSourceRootId);
    });
  }

  void writePhysical(const SourceLoc &L) {
    J.attributeObject("physicalLocation", [&] {
      writeArtifact(L.File);
      J.attributeObject("region", [&] {
        J.attribute("startLine", int64_t(L.Line));
        if (L.Column)
          J.attribute("startColumn", int64_t(L.Column));
      });
    });
  }

  /// A location with an optional message and a logical location naming
  /// the function; an invalid source location keeps only the latter.
  void writeLocation(const SourceLoc &L, StringRef Function,
                     StringRef Message, std::optional<int64_t> Id) {
    J.object([&] {
      if (Id)
        J.attribute("id", *Id);
      if (L.isValid())
        writePhysical(L);
      J.attributeArray("logicalLocations", [&] {
        J.object([&] {
          J.attribute("name", Function);
          J.attribute("kind", "function");
        });
      });
      if (!Message.empty())
        J.attributeObject("message", [&] { J.attribute("text", Message); });
    });
  }

  void writeResultHead(RuleIndex Rule, bool IsError, const std::string &Text,
                       const SourceLoc &Loc, StringRef Function) {
    J.attribute("ruleId", Rules[Rule].Id);
    J.attribute("ruleIndex", int64_t(Rule));
    J.attribute("level", IsError ? "error" : "warning");
    J.attributeObject("message", [&] { J.attribute("text", Text); });
    J.attributeArray("locations", [&] {
      writeLocation(Loc, Function, "", std::nullopt);
    });
  }

  /// A stable identity for code scanning to follow a finding across
  /// commits while its numbers change: rule, entry and stack, not bytes.
  void writeFingerprint(StringRef Rule, StringRef Function, StringRef TU,
                        StringRef Stack) {
    J.attributeObject("partialFingerprints", [&] {
      J.attribute("stackbudgetFinding/v1",
                  (Rule + ":" + TU + ":" + Function + ":" + Stack).str());
    });
  }

  void writeCodeFlows(const EntryReport &E) {
    if (E.Paths.empty())
      return;
    J.attributeArray("codeFlows", [&] {
      for (size_t I = 0; I < E.Paths.size(); ++I) {
        const PathReport &P = E.Paths[I];
        J.object([&] {
          J.attributeObject("message", [&] {
            std::string Text = "path " + std::to_string(I + 1) + " of " +
                               std::to_string(E.Paths.size()) + " from '" +
                               E.Function + "' uses " +
                               (P.Unknown ? "at least " : "") +
                               std::to_string(P.Bytes) + " bytes";
            J.attribute("text", Text);
          });
          J.attributeArray("threadFlows", [&] {
            J.object([&] {
              J.attributeArray("locations", [&] {
                for (size_t H = 0; H < P.Hops.size(); ++H) {
                  const HopReport &Hop = P.Hops[H];
                  J.object([&] {
                    J.attributeBegin("location");
                    writeLocation(hopLocation(Hop), Hop.Function,
                                  hopText(Hop, R), std::nullopt);
                    J.attributeEnd();
                    J.attribute("nestingLevel", int64_t(H));
                    J.attribute("executionOrder", int64_t(H + 1));
                    J.attributeObject("properties", [&] {
                      J.attribute("edge", hopEdgeName(Hop.Edge));
                      J.attribute("frame", int64_t(Hop.Parts.own()));
                      J.attribute("frameUnknown", Hop.FrameUnknown);
                      J.attribute("total", int64_t(Hop.Total));
                    });
                  });
                }
              });
            });
          });
        });
      }
    });
  }

  void writeEntryProperties(const EntryReport &E) {
    J.attributeObject("properties", [&] {
      J.attribute("entry", E.Function);
      J.attribute("stack", E.Stack);
      J.attribute("budget", int64_t(E.Budget));
      J.attribute("bytes", int64_t(E.Bytes));
      J.attribute("unknown", E.Unknown);
    });
  }

  /// The unknowns of \p E, one related location each.
  void writeUnknownLocations(const EntryReport &E) {
    J.attributeArray("relatedLocations", [&] {
      for (size_t I = 0; I < E.Unknowns.size(); ++I) {
        const UnknownReport &U = R.Unknowns[E.Unknowns[I]];
        writeLocation(unknownLocation(U), U.Function, unknownNoteText(U),
                      int64_t(I));
      }
    });
  }

  void writePathResult(const EntryReport &E) {
    J.object([&] {
      writeResultHead(PathRule,
                      Opts.BudgetIsError || (E.Unknown && Opts.UnknownIsError),
                      pathFindingText(E), E.Loc, E.Function);
      writeCodeFlows(E);
      if (E.Unknown)
        writeUnknownLocations(E);
      writeFingerprint(Rules[PathRule].Id, E.Function, E.TU, E.Stack);
      writeEntryProperties(E);
    });
  }

  void writeUnknownResult(const EntryReport &E) {
    J.object([&] {
      writeResultHead(UnknownRule, Opts.UnknownIsError, unknownFindingText(E),
                      E.Loc, E.Function);
      writeCodeFlows(E);
      writeUnknownLocations(E);
      writeFingerprint(Rules[UnknownRule].Id, E.Function, E.TU, E.Stack);
      writeEntryProperties(E);
    });
  }

  void writeFrameResult(const FrameFinding &F) {
    J.object([&] {
      writeResultHead(FrameRule, Opts.BudgetIsError, frameFindingText(F),
                      F.Loc, F.Function);
      writeFingerprint(Rules[FrameRule].Id, F.Function, F.TU, "");
      J.attributeObject("properties", [&] {
        J.attribute("frame", int64_t(F.Frame));
        J.attribute("limit", int64_t(F.Limit));
      });
    });
  }
};

} // namespace

void writeSarif(raw_ostream &OS, const CheckResult &R,
                const SarifOptions &Opts) {
  SarifWriter(OS, R, Opts).write();
  OS << '\n';
}

} // namespace stackbudget

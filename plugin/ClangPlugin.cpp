//===- ClangPlugin.cpp - The -fplugin door into stackbudget ---------------===//
//
// clang -fplugin=stackbudget.so -fplugin-arg-stackbudget-KEY=VALUE ...
//
// The recorder itself is a MachineFunction pass (registered when the .so is
// loaded, see PassPluginEntry.cpp). Loaded as a clang plugin, the .so adds
// what only the front end has:
//  - the plugin options, checked with an error that names the key;
//  - location tracking without debug info (the same mode -Rpass uses), so
//    calls get file:line:col in every build and the object is unchanged;
//  - clang's diagnostics engine and each function's definition location, so
//    findings appear at the definition like any compiler warning.
//
//===----------------------------------------------------------------------===//

#include "../passes/RecorderFinding.h"
#include "../passes/SourcePaths.h"
#include "../passes/RecorderOptions.h"
#include "EmittedCode.h"
#include "FindingHandler.h"
#include "SourceAttributes.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace llvm;

namespace stackbudget {
namespace {

/// What the consumer lends AttachFileSpellingsPass once the TU is parsed.
struct SpellingSource {
  std::function<std::optional<std::string>(StringRef, StringRef)> Spell;
};

/// Writes clang's spelling of every file the module's debug info names
/// into the module (writeFileSpellings, SourcePaths.h), at the start of the
/// IR pipeline: the recorder reads it there, also in an LTO link.
class AttachFileSpellingsPass
    : public PassInfoMixin<AttachFileSpellingsPass> {
public:
  explicit AttachFileSpellingsPass(std::shared_ptr<SpellingSource> Source)
      : Source(std::move(Source)) {}
  PreservedAnalyses run(llvm::Module &M, ModuleAnalysisManager &) {
    if (Source->Spell)
      writeFileSpellings(M, Source->Spell);
    return PreservedAnalyses::all();
  }

private:
  std::shared_ptr<SpellingSource> Source;
};

/// Maps each function definition's symbol to where its name is written.
class DefinitionIndex : public RecursiveASTVisitor<DefinitionIndex> {
public:
  explicit DefinitionIndex(ASTContext &Ctx)
      : Names(Ctx), CPlusPlus(Ctx.getLangOpts().CPlusPlus) {}

  bool TraverseDecl(Decl *D) {
    return isUnemittedInlineBody(D) || RecursiveASTVisitor::TraverseDecl(D);
  }

  /// Indexes the TU's traversal scope. C defines functions at file scope
  /// only, so a C TU needs no walk below its top-level declarations:
  /// walking the types, parameters and fields of every declaration its
  /// headers bring was most of this index's cost (docs/performance.md).
  /// C++ defines functions in classes, namespaces, lambdas and local
  /// classes: it gets the whole walk.
  void index(ASTContext &Ctx) {
    if (CPlusPlus) {
      TraverseDecl(Ctx.getTranslationUnitDecl());
      return;
    }
    for (Decl *Top : Ctx.getTraversalScope()) {
      auto *TU = dyn_cast<TranslationUnitDecl>(Top);
      if (!TU) {
        indexTopLevel(Top);
        continue;
      }
      for (Decl *D : TU->decls())
        indexTopLevel(D);
    }
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return true;
    std::string Symbol = Names.getName(FD);
    if (!Symbol.empty())
      Locations.try_emplace(Symbol, FD->getLocation());
    return true;
  }

  SourceLocation find(StringRef Symbol, StringRef IRName) const {
    for (StringRef Name : {Symbol, IRName, IRName.split('.').first}) {
      auto It = Locations.find(Name);
      if (It != Locations.end())
        return It->second;
    }
    return SourceLocation();
  }

  const StringMap<SourceLocation> &locations() const { return Locations; }

private:
  void indexTopLevel(Decl *D) {
    if (auto *FD = dyn_cast<FunctionDecl>(D); FD && !isUnemittedInlineBody(FD))
      VisitFunctionDecl(FD);
  }

  ASTNameGenerator Names;
  bool CPlusPlus;
  StringMap<SourceLocation> Locations;
};

class StackBudgetConsumer : public ASTConsumer {
public:
  StackBudgetConsumer(
      CompilerInstance &CI,
      std::shared_ptr<StringMap<SourceFunctionAttributes>> SourceAttrs,
      std::shared_ptr<FindingSink> Findings,
      std::shared_ptr<SpellingSource> Spellings)
      : CI(CI), SourceAttrs(std::move(SourceAttrs)),
        Findings(std::move(Findings)), Spellers(std::move(Spellings)) {}

  ~StackBudgetConsumer() override {
    Findings->Report = nullptr;
    Spellers->Spell = nullptr;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    // Runs before the code generator's consumer (the plugin is added before
    // the main action), so the index is ready when the backend needs it.
    Index = std::make_unique<DefinitionIndex>(Ctx);
    useEmittedScope(Ctx);
    Index->index(Ctx);
    *SourceAttrs = gatherSourceAttributes(Ctx);
    // Definition columns reach the recorder in the IR, also in LTO
    // codegen, where this index is out of reach (IRSourceAttributes.h).
    for (const auto &Def : Index->locations()) {
      PresumedLoc P = CI.getSourceManager().getPresumedLoc(Def.second);
      if (P.isInvalid())
        continue;
      SourceFunctionAttributes &A = (*SourceAttrs)[Def.first()];
      A.DefLine = P.getLine();
      A.DefColumn = P.getColumn();
    }

    Spellers->Spell = [this](StringRef Dir, StringRef File) {
      return spelling(Dir, File);
    };

    Findings->Report = [this](const RecorderFinding &F) { report(F); };
  }

private:
  /// A finding of the recorder at the definition it names (a frame, a
  /// path's entry) or at its hop (a path's note).
  void report(const RecorderFinding &F) {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    if (F.rule() == RecorderFinding::Rule::PathNote) {
      unsigned NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
      Diags.Report(sourceLocation(F.loc()), NoteID) << F.text();
      return;
    }
    unsigned ID = Diags.getCustomDiagID(F.getSeverity() == DS_Error
                                            ? DiagnosticsEngine::Error
                                            : DiagnosticsEngine::Warning,
                                        "%0");
    Diags.Report(Index->find(F.symbol(), F.irName()), ID)
        << (F.text() + F.ruleSuffix()).str();
  }

  /// The name clang's diagnostics give the file debug info calls \p File
  /// in \p Dir: the path is joined, -fdebug-prefix-map undone (each
  /// mapping tried, the path as it is first), and the file looked up among
  /// the files this compile read. Empty for a file it did not read.
  std::optional<std::string> spelling(StringRef Dir, StringRef File) {
    SmallString<256> Path(File);
    if (!Dir.empty() && sys::path::is_relative(Path)) {
      Path = Dir;
      sys::path::append(Path, File);
    }
    auto [It, Inserted] = Spellings.try_emplace(Path);
    if (!Inserted)
      return It->second;
    SmallVector<std::string, 2> Candidates = {std::string(Path)};
    for (const auto &[From, To] : CI.getCodeGenOpts().DebugPrefixMap) {
      SmallString<256> Unmapped(Path);
      if (To.empty() ? sys::path::is_relative(Unmapped)
                     : sys::path::replace_path_prefix(Unmapped, To, From)) {
        if (To.empty()) {
          Unmapped = From;
          sys::path::append(Unmapped, Path);
        }
        Candidates.push_back(std::string(Unmapped));
      }
    }
    SourceManager &SM = CI.getSourceManager();
    for (const std::string &C : Candidates) {
      OptionalFileEntryRef FE = SM.getFileManager().getOptionalFileRef(C);
      if (!FE)
        continue;
      FileID FID = SM.translateFile(*FE);
      if (FID.isInvalid())
        continue;
      PresumedLoc P = SM.getPresumedLoc(SM.getLocForStartOfFile(FID),
                                        /*UseLineDirectives=*/false);
      if (P.isValid()) {
        It->second = std::string(P.getFilename());
        break;
      }
    }
    return It->second;
  }

  /// A hop's file:line:col back in this compile's source manager; invalid
  /// (a note without location) for a file it has not read.
  SourceLocation sourceLocation(const SourceLoc &L) const {
    if (!L.isValid())
      return SourceLocation();
    SourceManager &SM = CI.getSourceManager();
    OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(L.File);
    if (!File)
      return SourceLocation();
    return SM.translateFileLineCol(&File->getFileEntry(), L.Line,
                                   L.Column ? L.Column : 1);
  }

  CompilerInstance &CI;
  std::unique_ptr<DefinitionIndex> Index;
  /// spelling() of each joined debug-info path, computed once.
  StringMap<std::optional<std::string>> Spellings;
  /// Filled when the TU is parsed, read by the first IR pass.
  std::shared_ptr<StringMap<SourceFunctionAttributes>> SourceAttrs;
  /// Where the recorder's findings reach report().
  std::shared_ptr<FindingSink> Findings;
  /// Where AttachFileSpellingsPass finds spelling().
  std::shared_ptr<SpellingSource> Spellers;
};

class StackBudgetAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // Locations for calls and definitions without emitting debug info: the
    // mode clang itself uses for optimization remarks.
    if (CI.getCodeGenOpts().getDebugInfo() ==
        llvm::codegenoptions::NoDebugInfo)
      CI.getCodeGenOpts().setDebugInfo(llvm::codegenoptions::LocTrackingOnly);
    // stack_entry/stack_budget become IR function attributes before any
    // other IR pass runs (and before -flto writes bitcode).
    resetSourceAttributes();
    auto SourceAttrs = std::make_shared<StringMap<SourceFunctionAttributes>>();
    // The recorder's findings become clang diagnostics during this
    // compile's codegen (FindingHandler.h).
    auto Findings = std::make_shared<FindingSink>();
    // Files named as clang's diagnostics name them, in the IR for the
    // recorder (SourcePaths.h).
    auto Spellings = std::make_shared<SpellingSource>();
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
        [SourceAttrs, Findings, Spellings](PassBuilder &PB) {
          PB.registerPipelineStartEPCallback(
              [SourceAttrs, Findings, Spellings](ModulePassManager &MPM,
                                                 OptimizationLevel) {
                MPM.addPass(AttachSourceAttributesPass(SourceAttrs));
                MPM.addPass(AttachFileSpellingsPass(Spellings));
                MPM.addPass(InstallFindingHandlerPass(Findings));
              });
        });
    return std::make_unique<StackBudgetConsumer>(CI, SourceAttrs, Findings,
                                                 Spellings);
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
    if (Error E = loadOptionsFromEnvironment()) {
      Diags.Report(ID) << toString(std::move(E));
      return false;
    }
    for (const std::string &Arg : Args)
      if (Error E = applyOption(recorderOptions(), Arg)) {
        Diags.Report(ID) << toString(std::move(E)) +
                                " (from -fplugin-arg-stackbudget-" + Arg + ")";
        return false;
      }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace stackbudget

static FrontendPluginRegistry::Add<stackbudget::StackBudgetAction>
    RegisterAction("stackbudget",
                   "record stack frames and calls; check stack budgets");

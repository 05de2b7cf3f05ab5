//===- SourcePaths.cpp - File names of debug locations ---------------------===//

#include "SourcePaths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace stackbudget {

/// !stackbudget.file.spellings = !{!{DIFile, !"spelling"}, ...}
static constexpr StringLiteral SpellingsMD = "stackbudget.file.spellings";

void writeFileSpellings(Module &M, FileSpeller Spell) {
  DebugInfoFinder Finder;
  Finder.processModule(M);
  SmallPtrSet<const DIFile *, 32> Files;
  auto Add = [&](const DIScope *S) {
    if (S)
      if (const DIFile *F = S->getFile())
        Files.insert(F);
  };
  for (const DICompileUnit *CU : Finder.compile_units())
    Add(CU->getFile());
  for (const DISubprogram *SP : Finder.subprograms())
    Add(SP);
  for (const DIScope *S : Finder.scopes())
    Add(S);
  LLVMContext &Ctx = M.getContext();
  NamedMDNode *Out = M.getOrInsertNamedMetadata(SpellingsMD);
  for (const DIFile *F : Files)
    if (std::optional<std::string> S =
            Spell(F->getDirectory(), F->getFilename()))
      if (!S->empty())
        Out->addOperand(MDTuple::get(
            Ctx, {const_cast<DIFile *>(F), MDString::get(Ctx, *S)}));
}

SourceFiles::SourceFiles(const Module &M) {
  const NamedMDNode *In = M.getNamedMetadata(SpellingsMD);
  if (!In)
    return;
  for (const MDNode *N : In->operands()) {
    if (N->getNumOperands() != 2)
      continue;
    const auto *F = dyn_cast_or_null<DIFile>(N->getOperand(0));
    const auto *S = dyn_cast_or_null<MDString>(N->getOperand(1));
    if (F && S)
      Spellings.try_emplace(F, S->getString().str());
  }
}

std::string SourceFiles::path(const DIScope &Scope,
                              const DICompileUnit *Unit) const {
  if (const DIFile *F = Scope.getFile()) {
    auto It = Spellings.find(F);
    if (It != Spellings.end())
      return It->second;
  }
  StringRef File = Scope.getFilename();
  StringRef Dir = Scope.getDirectory();
  if (File.empty() || Dir.empty() || sys::path::is_absolute(File))
    return File.str();
  if (Unit && Dir == Unit->getDirectory())
    return File.str();
  SmallString<256> Joined(Dir);
  sys::path::append(Joined, File);
  return std::string(Joined);
}

std::string SourceFiles::path(const DILocation &Loc) const {
  const DICompileUnit *Unit = nullptr;
  if (const DISubprogram *SP = Loc.getScope()->getSubprogram())
    Unit = SP->getUnit();
  return path(*Loc.getScope(), Unit);
}

SourceLoc SourceFiles::loc(const DebugLoc &DL) const {
  SourceLoc L;
  if (const DILocation *Loc = DL.get()) {
    L.File = path(*Loc);
    L.Line = Loc->getLine();
    L.Column = Loc->getColumn();
  }
  return L;
}

} // namespace stackbudget

//===- SourcePaths.cpp - File names of debug locations ---------------------===//

#include "SourcePaths.h"
#include "RecorderHooks.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace stackbudget {

std::string sourcePath(const DIScope &Scope, const DICompileUnit *Unit) {
  StringRef File = Scope.getFilename();
  StringRef Dir = Scope.getDirectory();
  if (const SourceFileSpeller &Spell = sourceFileSpeller())
    if (std::optional<std::string> Spelled = Spell(Dir, File))
      return std::move(*Spelled);
  if (File.empty() || Dir.empty() || sys::path::is_absolute(File))
    return File.str();
  if (Unit && Dir == Unit->getDirectory())
    return File.str();
  SmallString<256> Joined(Dir);
  sys::path::append(Joined, File);
  return std::string(Joined);
}

std::string sourcePath(const DILocation &Loc) {
  const DICompileUnit *Unit = nullptr;
  if (const DISubprogram *SP = Loc.getScope()->getSubprogram())
    Unit = SP->getUnit();
  return sourcePath(*Loc.getScope(), Unit);
}

} // namespace stackbudget

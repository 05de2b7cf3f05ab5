//===- AnnotatedCheck.cpp - Wire annotations into the check ---------------===//

#include "stackbudget/AnnotatedCheck.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace stackbudget {

Expected<Annotations> loadAllAnnotations(const Profile &P,
                                         ArrayRef<std::string> Extra) {
  Annotations All;
  auto Load = [&](StringRef Path) -> Error {
    Expected<Annotations> A = loadAnnotations(Path);
    if (!A)
      return A.takeError();
    All.append(std::move(*A));
    return Error::success();
  };
  for (const std::string &File : P.AnnotationFiles) {
    SmallString<256> Path(File);
    if (sys::path::is_relative(Path) && !P.Path.empty()) {
      Path = sys::path::parent_path(P.Path);
      sys::path::append(Path, File);
    }
    if (Error E = Load(Path))
      return std::move(E);
  }
  for (const std::string &File : Extra)
    if (Error E = Load(File))
      return std::move(E);
  return std::move(All);
}

Error AnnotatedCheck::prepare(const ReadResult &In, const Annotations &A,
                              Profile &P, CheckOptions &Opts) {
  if (Error E = validateAnnotations(A, In, [&](StringRef Stack) {
        return P.findStack(Stack) != nullptr;
      }))
    return E;
  Expected<IndirectResolver> R = IndirectResolver::build(In, &A);
  if (!R)
    return R.takeError();
  Resolver = std::make_shared<IndirectResolver>(std::move(*R));

  for (const FrameAnnotation &F : A.Frames)
    P.Frames.push_back({F.Function, F.Frame, F.Why, F.Loc});
  for (const RecursionAnnotation &B : A.Recursion)
    P.Recursion.push_back({B.Function, B.MaxDepth, B.Why, B.Loc});
  for (const EntryAnnotation &E : A.Entries)
    P.Entries.push_back({"annotation", E.Stack, {E.Function}, E.Loc});

  Opts.ResolveIndirect = resolverCallback(*Resolver);
  std::shared_ptr<const IndirectResolver> Res = Resolver;
  if (!A.Exclusions.empty())
    Opts.IsExcluded = [Res](const Node &Caller, const Node &Callee) {
      return Res->isExcluded(Caller.Name, Callee.Name);
    };
  return Error::success();
}

Error AnnotatedCheck::finish() const {
  return Resolver ? Resolver->checkExclusions() : Error::success();
}

} // namespace stackbudget

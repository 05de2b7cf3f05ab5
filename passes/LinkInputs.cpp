//===- LinkInputs.cpp - What the running link reads and writes ------------===//

#include "LinkInputs.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/BinaryFormat/Magic.h"
#include "llvm/Object/Archive.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"

using namespace llvm;

namespace stackbudget {

bool isLinkerProgram(StringRef Program) {
  StringRef Name = sys::path::filename(Program);
  return Name == "ld" || Name.starts_with("ld.") || Name.starts_with("lld") ||
         Name.ends_with("-ld") || Name.contains("-ld.");
}

/// Options whose value may be the next argument. Only values that could be
/// mistaken for an input matter (inputs are also filtered by their magic),
/// but the list follows lld's ELF options that take a separate value.
static bool takesSeparateValue(StringRef Opt) {
  static const StringSet<> Opts = {
      "-o", "--output", "-output", "-T", "--script", "-L", "--library-path",
      "-l", "--library", "-e", "--entry", "-m", "-u", "--undefined", "-y",
      "--trace-symbol", "-z", "-h", "-soname", "--soname", "-R", "-rpath",
      "--rpath", "--just-symbols", "-dynamic-linker", "--dynamic-linker",
      "-I", "--version-script", "-version-script", "--dynamic-list",
      "-Map", "--Map", "--defsym", "--sysroot", "-F", "--filter", "-f",
      "--auxiliary", "--image-base", "-init", "--init", "-fini", "--fini",
      "--hash-style", "-plugin", "--plugin", "-plugin-opt", "--plugin-opt",
      "--load-pass-plugin", "-mllvm", "--mllvm", "--exclude-libs", "--wrap",
      "--error-limit", "--section-start", "-Ttext", "-Tdata", "-Tbss",
      "-b", "--format", "--orphan-handling", "--dependency-file",
      "--reproduce", "--retain-symbols-file", "--symbol-ordering-file",
      "--call-graph-ordering-file", "--remap-inputs", "--remap-inputs-file",
      "--unresolved-symbols", "--sort-section", "--pack-dyn-relocs",
      "--package-metadata", "--why-extract", "--thinlto-cache-dir",
      "--thinlto-cache-policy", "--lto-obj-path", "--thinlto-prefix-replace",
      "--thinlto-object-suffix-replace", "--plugin-opt=thinlto-prefix-replace",
      "--print-archive-stats", "--target2", "--emit-relocs-to",
      "--compress-debug-sections", "--build-id", "--lto-emit-asm-to"};
  return Opts.contains(Opt);
}

namespace {

/// A -l of the command line, and whether -Bstatic was in force there.
struct LibraryRequest {
  std::string Name;
  bool Static = false;
};

/// The archive lld links for \p Lib from the first directory of
/// \p SearchDirs that has it; empty when none has it, or when a shared
/// library would win (a dynamic link): it has no facts.
std::string findLibrary(const LibraryRequest &Lib,
                        ArrayRef<std::string> SearchDirs) {
  StringRef Name = Lib.Name;
  for (const std::string &Dir : SearchDirs) {
    SmallString<256> P(Dir);
    if (Name.starts_with(":")) {
      sys::path::append(P, Name.drop_front());
      if (sys::fs::exists(P))
        return P.str().str();
      continue;
    }
    SmallString<256> So(Dir);
    sys::path::append(So, "lib" + Name + ".so");
    if (!Lib.Static && sys::fs::exists(So))
      return "";
    sys::path::append(P, "lib" + Name + ".a");
    if (sys::fs::exists(P))
      return P.str().str();
  }
  return "";
}

} // namespace

LinkCommandLine parseLinkCommandLine(ArrayRef<std::string> Args) {
  LinkCommandLine L;
  if (Args.empty())
    return L;
  L.Program = Args.front();
  SmallVector<std::string, 4> SearchDirs;
  SmallVector<LibraryRequest, 4> Libraries;
  // For each of L.Inputs, the index in Libraries of the -l it names, or -1
  // for a path. (Not a marker inside the string: an argument may hold any
  // byte.)
  std::vector<int> LibraryOf;
  bool Static = false;
  for (size_t I = 1, E = Args.size(); I < E; ++I) {
    StringRef A = Args[I];
    auto Next = [&]() -> StringRef {
      return I + 1 < E ? StringRef(Args[++I]) : StringRef();
    };
    if (A.empty())
      continue;
    if (A.front() != '-' || A == "-") {
      L.Inputs.push_back(A.str());
      LibraryOf.push_back(-1);
      continue;
    }
    StringRef Opt = A.split('=').first;
    StringRef EqValue = A.split('=').second;
    bool HasEq = A.contains('=');
    // Values joined with '=' or separate.
    auto Value = [&]() -> StringRef { return HasEq ? EqValue : Next(); };

    if (A == "-r" || A == "--relocatable" || A == "-i") {
      L.Relocatable = true;
    } else if (A == "-static" || A == "--static" || A == "-Bstatic" ||
               A == "-dn" || A == "-non_shared") {
      Static = true;
    } else if (A == "-Bdynamic" || A == "-dy" || A == "-call_shared") {
      Static = false;
    } else if (Opt == "-o" || Opt == "--output" || Opt == "-output") {
      L.Output = Value().str();
    } else if (A.starts_with("-o") && !A.starts_with("--") && A.size() > 2 &&
               !A.starts_with("-oformat")) {
      L.Output = A.drop_front(2).str();
    } else if (Opt == "-L" || Opt == "--library-path") {
      SearchDirs.push_back(Value().str());
    } else if (A.starts_with("-L") && A.size() > 2) {
      SearchDirs.push_back(A.drop_front(2).str());
    } else if (Opt == "-l" || Opt == "--library") {
      Libraries.push_back({Value().str(), Static});
      L.Inputs.emplace_back();
      LibraryOf.push_back(static_cast<int>(Libraries.size() - 1));
    } else if (A.starts_with("-l") && A.size() > 2) {
      Libraries.push_back({A.drop_front(2).str(), Static});
      L.Inputs.emplace_back();
      LibraryOf.push_back(static_cast<int>(Libraries.size() - 1));
    } else if (Opt == "--thinlto-cache-dir" || Opt == "--lto-cache-dir" ||
               A.contains("plugin-opt=cache-dir") ||
               A.contains("plugin-opt=thinlto-cache-dir")) {
      L.UsesLTOCache = true;
      if (!HasEq && takesSeparateValue(Opt))
        Next();
    } else if (A == "--thinlto-index-only" ||
               A.starts_with("--thinlto-index-only=") ||
               A.contains("plugin-opt=thinlto-index-only")) {
      L.IndexOnly = true;
    } else if (Opt == "--lto-partitions" || Opt == "-lto-partitions" ||
               A.contains("plugin-opt=lto-partitions=")) {
      StringRef V = A.contains("plugin-opt=") ? A.rsplit('=').second
                                               : Value();
      unsigned N;
      if (!V.getAsInteger(10, N))
        L.LTOPartitions = N;
    } else if (A == "-plugin-opt" || A == "--plugin-opt") {
      StringRef V = Next();
      unsigned N;
      if (V.consume_front("lto-partitions=") && !V.getAsInteger(10, N))
        L.LTOPartitions = N;
      if (V.starts_with("cache-dir") || V.starts_with("thinlto-cache-dir"))
        L.UsesLTOCache = true;
      if (V.starts_with("thinlto-index-only"))
        L.IndexOnly = true;
    } else if (!HasEq && takesSeparateValue(A)) {
      Next();
    }
  }

  // lld resolves -l against every -L of the command line, in order.
  std::vector<std::string> Resolved;
  for (size_t I = 0, E = L.Inputs.size(); I < E; ++I) {
    if (LibraryOf[I] < 0) {
      Resolved.push_back(L.Inputs[I]);
      continue;
    }
    const LibraryRequest &Lib = Libraries[LibraryOf[I]];
    std::string Found = findLibrary(Lib, SearchDirs);
    if (Found.empty())
      L.MissingLibraries.push_back(Lib.Name);
    else
      Resolved.push_back(std::move(Found));
  }
  L.Inputs = std::move(Resolved);
  return L;
}

Expected<LinkCommandLine> readOwnLinkCommandLine() {
  // /proc files report size 0: read them as a stream.
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFileAsStream("/proc/self/cmdline");
  if (!Buf)
    return createStringError(Buf.getError(),
                             "stackbudget: cannot read the link's command "
                             "line from /proc/self/cmdline");
  BumpPtrAllocator Alloc;
  StringSaver Saver(Alloc);
  SmallVector<const char *, 64> Argv;
  SmallVector<StringRef, 64> Parts;
  (*Buf)->getBuffer().split(Parts, '\0', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts)
    Argv.push_back(Saver.save(P).data());
  if (!cl::ExpandResponseFiles(Saver, cl::TokenizeGNUCommandLine, Argv))
    return createStringError(inconvertibleErrorCode(),
                             "stackbudget: cannot expand a response file of "
                             "the link's command line");
  std::vector<std::string> Args(Argv.begin(), Argv.end());
  return parseLinkCommandLine(Args);
}

static Error readMember(MemoryBufferRef Buf, StringRef Origin,
                        ReadResult &Into, unsigned &FilesRead) {
  switch (identify_magic(Buf.getBuffer())) {
  case file_magic::elf_relocatable:
    ++FilesRead;
    return readFactsBuffer(Buf, Origin, Into);
  default:
    // Bitcode is compiled (and recorded) in this process; shared objects,
    // linker scripts and the rest carry no facts.
    return Error::success();
  }
}

Error readNonBitcodeInputs(const LinkCommandLine &Link, ReadResult &Into,
                           unsigned &FilesRead) {
  StringSet<> Seen;
  for (const std::string &Path : Link.Inputs) {
    // The same archive named twice (--start-group habits) is read once.
    if (!Seen.insert(Path).second)
      continue;
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFile(Path, /*IsText=*/false,
                              /*RequiresNullTerminator=*/false);
    if (!Buf)
      continue; // lld itself reports inputs it cannot open.
    MemoryBufferRef Ref = (*Buf)->getMemBufferRef();
    if (identify_magic(Ref.getBuffer()) != file_magic::archive) {
      if (Error E = readMember(Ref, Path, Into, FilesRead))
        return E;
      continue;
    }
    Expected<std::unique_ptr<object::Archive>> Ar =
        object::Archive::create(Ref);
    if (!Ar)
      return createStringError(inconvertibleErrorCode(),
                               Path + ": " + toString(Ar.takeError()));
    Error Err = Error::success();
    for (const object::Archive::Child &C : (*Ar)->children(Err)) {
      Expected<StringRef> Name = C.getName();
      if (!Name)
        return createStringError(inconvertibleErrorCode(),
                                 Path + ": " + toString(Name.takeError()));
      Expected<MemoryBufferRef> M = C.getMemoryBufferRef();
      if (!M)
        return createStringError(inconvertibleErrorCode(),
                                 Path + "(" + *Name +
                                     "): " + toString(M.takeError()));
      // A member cut short by the end of the archive: LLVM reports it only
      // at the next member; its bytes are not read (as in FactsReader.cpp).
      if (!(*Ar)->isThin() && M->getBufferEnd() > Ref.getBufferEnd())
        return createStringError(inconvertibleErrorCode(),
                                 Path + ": truncated or malformed archive "
                                        "(offset to next archive member past "
                                        "the end of the archive after member " +
                                     *Name + ")");
      if (Error E = readMember(*M, (Path + "(" + *Name + ")").str(), Into,
                               FilesRead))
        return E;
    }
    if (Err)
      return createStringError(inconvertibleErrorCode(),
                               Path + ": " + toString(std::move(Err)));
  }
  return Error::success();
}

} // namespace stackbudget

// The folder a benchmark writes its databases and files into: a fresh
// temporary folder, or the one given with --work_dir.
#ifndef CLOUT_BENCH_WORK_DIR_H_
#define CLOUT_BENCH_WORK_DIR_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/report.h"

namespace clout::bench {

struct WorkDir {
  std::string root;
  // Whether Release removes `root` itself; otherwise only `folders`.
  bool remove_root = false;
  // Folders below `root` (names, not paths) that the benchmark creates.
  std::vector<std::string> folders;

  // root + "/" + name.
  std::string Path(const std::string& name) const;
};

// Prepares `dir`: root is `work_dir_flag`, created if missing, or, when that
// is empty, the folder `make_temp` returns (removed again by Release). The
// `folders` must not exist yet below it. Returns INVALID_ARGUMENT when the
// folder cannot be created and ALREADY_EXISTS for an existing folder.
absl::Status PrepareWorkDir(const std::string& work_dir_flag,
                            const std::function<std::string()>& make_temp,
                            const std::vector<std::string>& folders,
                            WorkDir* dir);

// With `keep`, prints "kept <root>"; otherwise removes what PrepareWorkDir
// set up (the whole root if it made it, else the folders only), ignoring
// errors.
void ReleaseWorkDir(const WorkDir& dir, bool keep);

// What main asks of RunInWorkDir.
struct WorkDirSpec {
  std::string work_dir_flag;  // --work_dir; empty: a temporary folder.
  std::function<std::string()> make_temp;
  std::vector<std::string> folders;
  // Whether the folder goes at the end even when --work_dir named it.
  bool always_remove_root = false;
  bool keep = false;  // --keep.
};

// The whole of a benchmark's main after parsing the flags: prepares the
// work folder, calls `run` with it, releases it and returns Finish's exit
// code for the outcome (`run` adds its figures to the ResultLine).
int RunInWorkDir(
    const WorkDirSpec& spec,
    const std::function<absl::Status(const WorkDir&, ResultLine*)>& run);

// The whole of a benchmark's main: parses the command line (absl flags),
// then RunInWorkDir with the spec `spec_from_flags` makes from the flags.
int BenchMain(
    int argc, char** argv, WorkDirSpec (*spec_from_flags)(),
    const std::function<absl::Status(const WorkDir&, ResultLine*)>& run);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_WORK_DIR_H_

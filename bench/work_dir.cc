#include "bench/work_dir.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "absl/flags/parse.h"
#include "server/common/strings.h"

namespace clout::bench {

std::string WorkDir::Path(const std::string& name) const {
  return root + "/" + name;
}

absl::Status PrepareWorkDir(const std::string& work_dir_flag,
                            const std::function<std::string()>& make_temp,
                            const std::vector<std::string>& folders,
                            WorkDir* dir) {
  if (work_dir_flag.empty()) {
    dir->root = make_temp();
    dir->remove_root = true;
  } else {
    dir->root = work_dir_flag;
    std::error_code ec;
    std::filesystem::create_directories(dir->root, ec);
    if (ec) {
      return absl::InvalidArgumentError(StrCat(
          "cannot create --work_dir ", work_dir_flag, ": ", ec.message()));
    }
  }
  dir->folders = folders;
  for (const std::string& name : folders) {
    const std::string path = dir->Path(name);
    if (std::filesystem::exists(path)) {
      return absl::AlreadyExistsError(
          StrCat(path, " exists; the benchmark needs fresh folders"));
    }
  }
  return absl::OkStatus();
}

void ReleaseWorkDir(const WorkDir& dir, bool keep) {
  if (keep) {
    std::printf("\nkept %s\n", dir.root.c_str());
    return;
  }
  std::error_code ec;
  if (dir.remove_root) {
    std::filesystem::remove_all(dir.root, ec);
    return;
  }
  for (const std::string& name : dir.folders) {
    std::filesystem::remove_all(dir.Path(name), ec);
  }
}

int RunInWorkDir(
    const WorkDirSpec& spec,
    const std::function<absl::Status(const WorkDir&, ResultLine*)>& run) {
  WorkDir dir;
  if (absl::Status st = PrepareWorkDir(spec.work_dir_flag, spec.make_temp,
                                       spec.folders, &dir);
      !st.ok()) {
    return Finish(st, nullptr);
  }
  if (spec.always_remove_root) dir.remove_root = true;
  ResultLine result;
  const absl::Status st = run(dir, &result);
  ReleaseWorkDir(dir, spec.keep);
  return Finish(st, &result);
}

int BenchMain(
    int argc, char** argv, WorkDirSpec (*spec_from_flags)(),
    const std::function<absl::Status(const WorkDir&, ResultLine*)>& run) {
  absl::ParseCommandLine(argc, argv);
  return RunInWorkDir(spec_from_flags(), run);
}

}  // namespace clout::bench

#include "server/plugin_host/plugin_registry.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "server/common/log.h"
#include "server/common/strings.h"
#include "server/plugin_host/plugin_loader.h"

namespace clout::plugin_host {
namespace {

bool SameFile(const LoadedPlugin& p, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  const int64_t mtime_ns =
      int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  return p.file_size() == st.st_size && p.file_mtime_ns() == mtime_ns;
}

using MetricsByFile =
    std::map<std::string, std::vector<std::shared_ptr<const Metric>>>;

// The *.so files of `dir` in name order; a folder that cannot be read adds
// a report.
std::vector<std::string> ListFiles(const std::string& dir,
                                   std::vector<FileReport>* reports) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".so") {
      files.push_back(entry.path().filename().string());
    }
  }
  if (ec) {
    FileReport r;
    r.file = dir;
    r.error = StrCat(dir, ": cannot read plugin folder: ", ec.message());
    CLOUT_LOG(WARNING) << r.error;
    reports->push_back(std::move(r));
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Claims the names of `file`'s metrics in *owner. If another file has one
// of them already, the file is refused as a whole: *metrics is emptied and
// the names it claimed are released.
void Claim(const std::string& file,
           std::vector<std::shared_ptr<const Metric>>* metrics,
           std::map<std::string, std::string>* owner, FileReport* report) {
  for (const auto& m : *metrics) {
    auto [it, inserted] = owner->emplace(m->name, file);
    if (!inserted) {
      report->error = StrCat(file, ": metric '", m->name,
                             "' is already provided by ", it->second);
      metrics->clear();
      break;
    }
  }
  if (!metrics->empty()) return;
  for (auto it = owner->begin(); it != owner->end();) {
    it = it->second == file ? owner->erase(it) : std::next(it);
  }
}

// Completes and logs the report of a file that now provides `metrics`.
void Report(const std::vector<std::shared_ptr<const Metric>>& metrics,
            FileReport* report) {
  report->loaded = !metrics.empty();
  if (report->loaded) {
    report->plugin = metrics.front()->plugin->name();
    report->plugin_version = metrics.front()->plugin->version();
    for (const auto& m : metrics) report->metrics.push_back(m->name);
  }
  if (!report->error.empty()) {
    CLOUT_LOG(WARNING) << "plugin refused: " << report->error;
  } else {
    CLOUT_LOG(INFO) << "plugin " << report->file << ": " << report->plugin
                    << " " << report->plugin_version << " ("
                    << report->metrics.size() << " metrics)";
  }
}

}  // namespace

PluginRegistry::PluginRegistry(std::string plugin_dir, std::string staging_dir)
    : plugin_dir_(std::move(plugin_dir)),
      staging_dir_(std::move(staging_dir)),
      current_(std::make_shared<RegistrySnapshot>()) {}

std::shared_ptr<const RegistrySnapshot> PluginRegistry::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

std::vector<FileReport> PluginRegistry::Reload() {
  std::lock_guard<std::mutex> reload_lock(reload_mu_);
  std::vector<FileReport> reports;
  const std::vector<std::string> files = ListFiles(plugin_dir_, &reports);
  // The metrics of each previously loaded file, to reuse or keep.
  MetricsByFile old_by_file;
  for (const auto& [name, metric] : Snapshot()->metrics) {
    old_by_file[metric->plugin->file()].push_back(metric);
  }
  auto next = std::make_shared<RegistrySnapshot>();
  std::map<std::string, std::string> owner;  // metric name -> file
  for (const std::string& file : files) {
    FileReport report;
    report.file = file;
    auto previous = old_by_file.find(file);
    std::vector<std::shared_ptr<const Metric>> metrics = LoadOrKeep(
        file, previous == old_by_file.end() ? nullptr : &previous->second,
        &report);
    Claim(file, &metrics, &owner, &report);
    for (const auto& m : metrics) next->metrics[m->name] = m;
    Report(metrics, &report);
    reports.push_back(std::move(report));
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = std::move(next);
  }
  return reports;
}

std::vector<std::shared_ptr<const Metric>> PluginRegistry::LoadOrKeep(
    const std::string& file,
    const std::vector<std::shared_ptr<const Metric>>* previous,
    FileReport* report) const {
  const std::string path = StrCat(plugin_dir_, "/", file);
  if (previous != nullptr && SameFile(*previous->front()->plugin, path)) {
    return *previous;  // Unchanged: keep the loaded library.
  }
  absl::StatusOr<LoadedFile> loaded = LoadPluginFile(path, staging_dir_);
  if (loaded.ok()) {
    return {loaded->metrics.begin(), loaded->metrics.end()};
  }
  report->error = std::string(loaded.status().message());
  if (previous == nullptr) return {};
  report->error += "; keeping the version loaded before";
  return *previous;
}

}  // namespace clout::plugin_host

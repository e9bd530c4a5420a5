// PluginRegistry: the set of metrics currently loaded from the plugin
// folder, replaced atomically on reload.
//
// Readers take a snapshot (a shared_ptr) and keep using it for the whole
// call, so a reload never pulls a library from under a running call: the old
// library is unloaded when its last call finishes. Thread-safe.
#ifndef CLOUT_SERVER_PLUGIN_HOST_PLUGIN_REGISTRY_H_
#define CLOUT_SERVER_PLUGIN_HOST_PLUGIN_REGISTRY_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_catalog.h"

namespace clout::plugin_host {

// The outcome of loading one file.
struct FileReport {
  std::string file;
  bool loaded = false;
  std::string error;  // Starts with the file name.
  std::string plugin, plugin_version;
  std::vector<std::string> metrics;
};

class PluginRegistry : public MetricCatalog {
 public:
  // `plugin_dir` holds the *.so files; `staging_dir` receives the copies
  // that are actually loaded (each is unlinked right after loading).
  PluginRegistry(std::string plugin_dir, std::string staging_dir);

  // Loads every *.so in the folder (in file name order) and swaps the new
  // set in. A file whose size and modification time are unchanged since the
  // last load is not loaded again. A file that fails to load now but loaded
  // before keeps its previous version. Of two files declaring the same
  // metric name, the first in name order wins and the second is refused. A
  // missing folder loads nothing (and is reported). Reloads are serialized.
  std::vector<FileReport> Reload();

  std::shared_ptr<const RegistrySnapshot> Snapshot() const override;

  const std::string& plugin_dir() const { return plugin_dir_; }

 private:
  // The metrics of `file`: loaded anew, or `previous` (its metrics loaded
  // before, if any) when the file is unchanged or now fails to load.
  std::vector<std::shared_ptr<const Metric>> LoadOrKeep(
      const std::string& file,
      const std::vector<std::shared_ptr<const Metric>>* previous,
      FileReport* report) const;

  const std::string plugin_dir_;
  const std::string staging_dir_;
  std::mutex reload_mu_;  // Held for a whole Reload.
  mutable std::mutex mu_;
  std::shared_ptr<const RegistrySnapshot> current_;  // Guarded by mu_.
};

}  // namespace clout::plugin_host

#endif  // CLOUT_SERVER_PLUGIN_HOST_PLUGIN_REGISTRY_H_

// Loading one plugin file: copy it aside, dlopen it, validate what it
// declares against ABI 1 and copy the declarations into host memory.
#ifndef CLOUT_SERVER_PLUGIN_HOST_PLUGIN_LOADER_H_
#define CLOUT_SERVER_PLUGIN_HOST_PLUGIN_LOADER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/plugin_host/metric.h"

namespace clout::plugin_host {

struct LoadedFile {
  std::shared_ptr<LoadedPlugin> plugin;
  std::vector<std::shared_ptr<Metric>> metrics;
};

// Loads the plugin at `path`. The file is first copied into `staging_dir`
// and loaded from the copy (which is then unlinked), so that replacing the
// file on disk cannot disturb the running code. Each metric gets a serial
// no other load shares (Metric::serial). Returns FailedPrecondition with a
// message that starts with the file name and says what is wrong: not
// readable, not loadable, not a clout plugin, another ABI version, a
// malformed declaration. Thread-safe.
absl::StatusOr<LoadedFile> LoadPluginFile(const std::string& path,
                                          const std::string& staging_dir);

}  // namespace clout::plugin_host

#endif  // CLOUT_SERVER_PLUGIN_HOST_PLUGIN_LOADER_H_

// Host-side descriptions of loaded plugins and their metrics.
//
// Everything a plugin declares is copied into these structures when it is
// loaded, so nothing here points into plugin memory except the compute
// function and Metric::raw, which stay valid as long as the LoadedPlugin
// that owns the library is alive: a Metric holds a shared_ptr to it.
#ifndef CLOUT_SERVER_PLUGIN_HOST_METRIC_H_
#define CLOUT_SERVER_PLUGIN_HOST_METRIC_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clout/plugin.h"

namespace clout::plugin_host {

struct ParamSpec {
  std::string name;
  std::string description;
  uint32_t type = 0;  // CLOUT_PARAM_*
  double default_value = 0;
  double min_value = 0;
  double max_value = 0;
  std::vector<std::string> choices;  // ENUM only.
};

// A shared library that was loaded, with the identity it declared. Unloads
// the library when destroyed.
class LoadedPlugin {
 public:
  LoadedPlugin(void* handle, std::string file, std::string name,
               std::string version, int64_t file_size, int64_t file_mtime_ns)
      : handle_(handle),
        file_(std::move(file)),
        name_(std::move(name)),
        version_(std::move(version)),
        file_size_(file_size),
        file_mtime_ns_(file_mtime_ns) {}
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  const std::string& file() const { return file_; }  // File name in the folder.
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  // Identity of the file when it was loaded, to skip reloading it unchanged.
  int64_t file_size() const { return file_size_; }
  int64_t file_mtime_ns() const { return file_mtime_ns_; }

 private:
  void* handle_;
  std::string file_, name_, version_;
  int64_t file_size_, file_mtime_ns_;
};

// Call counters of one metric. Updated without locks.
struct MetricCounters {
  std::atomic<int64_t> calls{0};
  std::atomic<int64_t> errors{0};
  std::atomic<int64_t> total_ns{0};
  std::atomic<int64_t> max_ns{0};
};

// One metric of a loaded plugin.
struct Metric {
  std::shared_ptr<LoadedPlugin> plugin;
  std::string name;
  std::string version;
  std::string description;
  uint32_t output_kind = CLOUT_OUTPUT_SCALAR;
  std::string unit;
  bool thread_safe = false;
  // CLOUT_METRIC_LATEST_POST_SAMPLES (honoured from ABI 1.1 plugins only).
  bool latest_post_samples = false;
  std::vector<std::string> account_fields;
  std::vector<std::string> post_fields;
  std::vector<ParamSpec> params;
  std::vector<std::string> row_columns;
  clout_compute_fn_v1 compute = nullptr;
  // Unique per load: a reloaded plugin's metric gets a new serial.
  uint64_t serial = 0;
  // The metric's declaration as the plugin holds it (read-only), for
  // diagnostics; the host reads the copies above.
  const clout_metric_v1* raw = nullptr;

  // Serializes calls of metrics that are not thread-safe.
  mutable std::mutex call_mu;
  mutable MetricCounters counters;

  // "metric 'm' of plugin 'p' (file.so)", for messages.
  std::string Describe() const;
  // The choices of the parameter named "variant", if any.
  std::vector<std::string> Variants() const;
};

}  // namespace clout::plugin_host

#endif  // CLOUT_SERVER_PLUGIN_HOST_METRIC_H_

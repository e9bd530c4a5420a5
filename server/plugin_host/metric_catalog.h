// MetricCatalog: where the metrics engine finds the metrics it runs, by
// name. PluginRegistry is the server's catalog (the plugin folder); tests
// may hand the engine a fixed set of in-process metrics instead.
#ifndef CLOUT_SERVER_PLUGIN_HOST_METRIC_CATALOG_H_
#define CLOUT_SERVER_PLUGIN_HOST_METRIC_CATALOG_H_

#include <map>
#include <memory>
#include <string>

#include "server/plugin_host/metric.h"

namespace clout::plugin_host {

// An immutable set of metrics by name.
struct RegistrySnapshot {
  std::map<std::string, std::shared_ptr<const Metric>> metrics;
};

class MetricCatalog {
 public:
  virtual ~MetricCatalog() = default;

  // The metrics loaded now, never null. A caller keeps the snapshot for the
  // whole of its call: the metrics (and the code behind them) stay valid
  // while it holds it, whatever reloads happen meanwhile. Thread-safe.
  virtual std::shared_ptr<const RegistrySnapshot> Snapshot() const = 0;
};

}  // namespace clout::plugin_host

#endif  // CLOUT_SERVER_PLUGIN_HOST_METRIC_CATALOG_H_

// MetricJob: a metric request checked against the loaded metrics, ready to
// run for any number of creators.
#ifndef CLOUT_SERVER_METRICS_METRIC_JOB_H_
#define CLOUT_SERVER_METRICS_METRIC_JOB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "server/metrics/metric_engine.h"
#include "server/plugin_host/metric_call.h"
#include "server/plugin_host/metric_catalog.h"

namespace clout::metrics {

struct MetricJob {
  std::shared_ptr<const plugin_host::Metric> metric;
  // One value per declared parameter, in order (plugin_host::ResolveParams).
  std::vector<double> params;
  int64_t start_ms = 0;
  int64_t end_ms = 0;  // Resolved: a request's 0 becomes the current time.
  // Only windows with an explicit end are cached: "now" moves.
  bool cacheable = false;
  // The request's deadline and cancellation, for every plugin call.
  plugin_host::CallOptions options;
};

// Checks `request` against `loaded`: InvalidArgument for an empty metric
// name, a bad window or a bad parameter; NotFound, listing the loaded
// metrics, for a metric that is not loaded.
absl::StatusOr<MetricJob> MakeJob(const plugin_host::RegistrySnapshot& loaded,
                                  const MetricRequest& request);

// The job's parameters by name, in declared order, as a client would give
// them.
std::vector<std::pair<std::string, ParamValue>> NamedParams(
    const MetricJob& job);

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_METRIC_JOB_H_

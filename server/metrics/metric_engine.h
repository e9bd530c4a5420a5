// MetricEngine: runs plugin metrics over the stored series.
//
// The engine turns a request (a metric by name, a window, parameter values)
// into a validated job, gathers each creator's inputs from the store,
// calls the metric through the plugin host and keeps what it may reuse:
// results, post lists, latest post samples and the creator lists of
// filters. Its types are plain C++: the API layer converts them from and to
// protobuf, and absl::Status codes map one to one to gRPC codes.
//
//   std::unique_ptr<MetricEngine> engine =
//       NewMetricEngine(store, registry, MetricEngine::Options());
//   MetricRequest request;
//   request.metric = "engagement_rate";
//   request.start_ms = start;
//   request.end_ms = end;
//   absl::StatusOr<MetricResult> result = engine->Compute(request, "yt:42");
//   if (result.ok()) Use(result->output->value);
//
// A MetricEngine is safe for concurrent use from multiple threads without
// external synchronization.
#ifndef CLOUT_SERVER_METRICS_METRIC_ENGINE_H_
#define CLOUT_SERVER_METRICS_METRIC_ENGINE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/plugin_host/metric_call.h"
#include "server/plugin_host/metric_catalog.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

using plugin_host::ParamValue;
// Which creators a batch or ranking covers.
using storage::CreatorFilter;

// What to compute, for one creator or many.
struct MetricRequest {
  std::string metric;  // A loaded metric's name.
  // The window [start_ms, end_ms); an end of 0 means now, and a window
  // that ends now is never cached (now moves).
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // By parameter name; parameters left out take their defaults.
  std::map<std::string, ParamValue> params;
  // The calls stop, as Cancelled or DeadlineExceeded, once the deadline has
  // passed or `cancelled` (if set) returns true. `cancelled` is called from
  // several threads at once, as often as the plugins poll: it must be
  // thread-safe and cheap.
  std::chrono::steady_clock::time_point deadline =
      std::chrono::steady_clock::time_point::max();
  std::function<bool()> cancelled;
};

// One creator's result.
struct MetricResult {
  std::shared_ptr<const plugin_host::Metric> metric;
  std::string creator_id;
  int64_t window_start_ms = 0;
  int64_t window_end_ms = 0;  // Resolved: never 0.
  // Value, variant, formula, components, rows and points. Never null;
  // shared with the result cache, hence immutable.
  std::shared_ptr<const plugin_host::MetricOutput> output;
  // Every parameter the metric declares, in declared order, with the value
  // used (the default where none was given).
  std::vector<std::pair<std::string, ParamValue>> parameters;
};

// A ranking of creators by a scalar metric.
struct RankRequest {
  MetricRequest metric;
  CreatorFilter filter;
  int top_k = 0;  // 1..kMaxTopK; 0 means 10.
  bool ascending = false;
};

struct RankResult {
  struct Entry {
    std::string creator_id;
    double value = 0;
  };
  // Best first; ties in creator id order. At most top_k entries.
  std::vector<Entry> entries;
  int creators_considered = 0;
  // Creators without data for the window (NotFound or FailedPrecondition).
  int creators_skipped = 0;
  std::string unit;
};

// Receives the outcome of one creator of a batch. Called from several
// threads at once, in no particular order: the sink serializes what needs
// it. Returns false to stop the batch (the receiver is gone): creators not
// yet started are then left out.
using BatchSink = std::function<bool(const std::string& creator_id,
                                     const absl::StatusOr<MetricResult>&)>;

class MetricEngine {
 public:
  static constexpr int kMaxTopK = 1000;

  struct Options {
    // Memory for cached results (0 keeps none).
    size_t result_cache_bytes = size_t{256} << 20;
    // Memory for the creators' post lists and latest post samples.
    size_t post_directory_bytes = size_t{128} << 20;
    size_t latest_sample_bytes = size_t{64} << 20;
    // Threads computing ComputeBatch and Rank besides the calling thread.
    size_t workers = 1;
  };

  // The result cache's counters since the engine was made.
  struct Stats {
    int64_t result_hits = 0;
    int64_t result_misses = 0;
    int64_t result_bytes = 0;
  };

  virtual ~MetricEngine() = default;

  // The metrics that can be computed now.
  virtual std::shared_ptr<const plugin_host::RegistrySnapshot> Metrics()
      const = 0;

  // Computes the metric for one creator, or takes it from the cache.
  // InvalidArgument for a bad creator id, window or parameter; NotFound for
  // an unknown metric or creator; FailedPrecondition (or the plugin's own
  // code) when the data does not allow a value; Cancelled or
  // DeadlineExceeded when the request stopped; Internal when the plugin
  // misbehaved. Messages name the field or the metric and its plugin.
  virtual absl::StatusOr<MetricResult> Compute(
      const MetricRequest& request, const std::string& creator_id) = 0;

  // Computes the metric for each of `creator_ids` or, if that is empty, for
  // every creator matching `filter`, in parallel, handing each outcome to
  // `sink`. A request error (as for Compute, or a bad id in `creator_ids`,
  // named "creator_ids[i]") is returned before any creator is computed.
  // Cancelled if `sink` asked to stop; OK otherwise, whatever the outcomes.
  virtual absl::Status ComputeBatch(const MetricRequest& request,
                                    const std::vector<std::string>& creator_ids,
                                    const CreatorFilter& filter,
                                    const BatchSink& sink) = 0;

  // Ranks the creators matching the filter by a scalar metric.
  // InvalidArgument for a top_k outside 1..kMaxTopK or a series metric, and
  // the request errors of Compute. The first creator error other than "no
  // data" fails the whole ranking (and stops computing the rest).
  virtual absl::StatusOr<RankResult> Rank(const RankRequest& request) = 0;

  virtual Stats stats() const = 0;
};

// An engine over `store` and the metrics of `catalog`, both of which must
// outlive it.
std::unique_ptr<MetricEngine> NewMetricEngine(
    storage::SeriesStore* store, const plugin_host::MetricCatalog* catalog,
    const MetricEngine::Options& options);

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_METRIC_ENGINE_H_

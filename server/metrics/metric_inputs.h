// Gathering what a metric reads from the store.
#ifndef CLOUT_SERVER_METRICS_METRIC_INPUTS_H_
#define CLOUT_SERVER_METRICS_METRIC_INPUTS_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "server/metrics/latest_samples.h"
#include "server/metrics/post_directory.h"
#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_call.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

// Where inputs come from. Not owned; each must outlive the calls.
struct InputSources {
  storage::SeriesStore* store = nullptr;  // Required.
  // The creators' post lists; null lists the posts from the store each time.
  PostDirectory* directory = nullptr;
  // The latest post samples; null reads the post series instead.
  LatestSampleCache* latest = nullptr;
};

// One creator's inputs of one metric over the window [start_ms, end_ms).
struct InputScope {
  const plugin_host::Metric* metric = nullptr;  // Required.
  std::string_view creator_id;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
};

// Fills *out with the inputs of `scope` as clout/plugin.h promises them:
// each declared account series over the window plus its last sample before
// it; the posts published in the window (or of unknown publication time
// with samples in it), by publication time, with each declared post series
// from publication to the window's end. Series that were never written are
// empty. NotFound if the creator does not exist; the store's error if a
// read fails. With `sources.latest`, a metric that declares
// CLOUT_METRIC_LATEST_POST_SAMPLES gets, for posts of known publication
// time, only the latest sample of each post series in [publication, end),
// from that cache when the window ends after it.
// `out` may hold an earlier call's input (MetricInput::Release); its buffers
// are reused. What *out borrows stays valid until out->Release() or the
// next call with `out`. Thread-safe for distinct `out`s.
absl::Status GatherInput(const InputSources& sources, const InputScope& scope,
                         plugin_host::MetricInput* out);

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_METRIC_INPUTS_H_

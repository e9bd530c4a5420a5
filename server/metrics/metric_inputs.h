// Gathering what a metric reads from the store.
#ifndef CLOUT_SERVER_METRICS_METRIC_INPUTS_H_
#define CLOUT_SERVER_METRICS_METRIC_INPUTS_H_

#include <string_view>

#include "absl/status/status.h"
#include "server/metrics/latest_samples.h"
#include "server/metrics/post_directory.h"
#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_call.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

// Fills *out with the inputs of `metric` for one creator and the window
// [start, end), as clout/plugin.h promises them: each declared account
// series over the window plus its last sample before it; the posts
// published in the window (or of unknown publication time with samples in
// it), by publication time, with each declared post series from
// publication to the window's end. Series that were never written are
// empty. NotFound if the creator does not exist. The posts come from
// `directory` when given, else from the store directly. With `latest`, a
// metric that declares CLOUT_METRIC_LATEST_POST_SAMPLES gets, for posts of
// known publication time, only the latest sample of each post series in
// [publication, end), from that cache when the window ends after it.
// `out` may hold an earlier call's input (MetricInput::Release); its buffers
// are reused.
absl::Status GatherInput(storage::SeriesStore* store,
                         const plugin_host::Metric& metric,
                         PostDirectory* directory, LatestSampleCache* latest,
                         std::string_view creator_id, int64_t start,
                         int64_t end, plugin_host::MetricInput* out);

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_METRIC_INPUTS_H_

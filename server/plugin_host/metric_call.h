// Calling a metric: resolving parameters against its schema, lending it the
// inputs, collecting and validating what it reports.
#ifndef CLOUT_SERVER_PLUGIN_HOST_METRIC_CALL_H_
#define CLOUT_SERVER_PLUGIN_HOST_METRIC_CALL_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/samples.h"
#include "server/plugin_host/metric.h"

namespace clout::plugin_host {

// A parameter value as a client gave it.
struct ParamValue {
  enum class Kind { kInt, kDouble, kBool, kChoice };
  Kind kind = Kind::kInt;
  int64_t int_value = 0;
  double double_value = 0;
  bool bool_value = false;
  std::string choice;
};

// Checks `given` against the metric's schema and returns one value per
// declared parameter, in order, with defaults for those not given.
// InvalidArgument naming the metric and the parameter for an unknown name,
// a value of the wrong kind, or a value out of bounds.
absl::StatusOr<std::vector<double>> ResolveParams(
    const Metric& metric, const std::map<std::string, ParamValue>& given);

// One input series: samples it owns, or samples borrowed from memory the
// store or a cache keeps (`lent`), valid while `pin` or, for memory shared
// by many series of one input, MetricInput::pins holds it.
struct InputSeries {
  SampleColumns owned;
  SampleSpan borrowed;  // Used when lent is set.
  bool lent = false;
  std::shared_ptr<const void> pin;

  // Borrows `span`, kept valid by `keep` (or by the input's pins if null).
  void Lend(SampleSpan span, std::shared_ptr<const void> keep) {
    borrowed = span;
    lent = true;
    pin = std::move(keep);
  }
  SampleSpan span() const { return lent ? borrowed : SampleSpan::Of(owned); }
  size_t size() const { return span().size; }
  bool empty() const { return size() == 0; }
  // Empty again, keeping the owned buffers' capacity.
  void Reset() {
    owned.Clear();
    borrowed = {};
    lent = false;
    pin.reset();
  }
};

// The data a call reads, held by the caller for the duration of the call.
struct MetricInput {
  std::string creator_id;
  int64_t window_start_ms = 0;
  int64_t window_end_ms = 0;
  // One per metric.account_fields entry.
  std::vector<InputSeries> account;
  struct Post {
    std::string post_id;
    int64_t published_ms = 0;
    std::vector<InputSeries> fields;  // One per post_fields entry.
  };
  std::vector<Post> posts;
  // Keep alive what several series borrow from (a latest-sample table).
  std::vector<std::shared_ptr<const void>> pins;
  // Set by Release: every series is empty, so a reuser need not reset them.
  bool released = false;

  // Drops what the series borrow (cache entries they pin) and their
  // samples, keeping the buffers' capacity for the next call: a caller that
  // computes many creators reuses one input.
  void Release() {
    for (InputSeries& s : account) s.Reset();
    for (Post& p : posts) {
      for (InputSeries& s : p.fields) s.Reset();
    }
    pins.clear();
    released = true;
  }
};

struct MetricOutput {
  bool has_value = false;
  double value = 0;
  std::string variant, formula;
  struct Component {
    std::string name;
    double value = 0;
    std::string note;
  };
  std::vector<Component> components;
  struct Row {
    std::string key;
    int64_t timestamp_ms = 0;
    std::vector<double> values;
  };
  std::vector<Row> rows;
  std::vector<std::pair<int64_t, double>> points;
};

struct CallOptions {
  // The call stops (host->cancelled() turns true) at the deadline.
  std::chrono::steady_clock::time_point deadline =
      std::chrono::steady_clock::time_point::max();
  // Also polled by host->cancelled(); may be empty.
  std::function<bool()> cancelled;
  // Limit of host->alloc() memory per call.
  size_t max_alloc_bytes = size_t{256} << 20;
  // Only the value is wanted (CLOUT_INPUT_VALUE_ONLY): the output carries
  // no variant, formula, components or rows.
  bool value_only = false;
};

// Runs the metric on `input`, which must have one series per declared
// field, and `params`, one value per declared parameter (ResolveParams).
// Errors name the metric and plugin: the plugin's own error code and
// message; Internal for exceptions (reported by the C++ layer), unknown
// codes and malformed output; DeadlineExceeded when the plugin stopped
// because the deadline passed. Honors the thread-safety flag and updates
// the metric's counters. Safe to call from many threads at once.
absl::StatusOr<MetricOutput> CallMetric(const Metric& metric,
                                        const MetricInput& input,
                                        const std::vector<double>& params,
                                        const CallOptions& options);

}  // namespace clout::plugin_host

#endif  // CLOUT_SERVER_PLUGIN_HOST_METRIC_CALL_H_

// Timing Metrics.Compute (and the bare unary-call floor) of a metrics_bench
// server, and printing the figures.
#ifndef CLOUT_BENCH_METRICS_COMPUTE_H_
#define CLOUT_BENCH_METRICS_COMPUTE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/latency.h"
#include "bench/metrics_server.h"
#include "bench/report.h"
#include "clout/v1/metrics.pb.h"

namespace clout::bench {

// Untimed calls before every timed series of calls.
inline constexpr int kWarmupCalls = 100;

// What one Compute measurement saw.
struct ComputeFigures {
  Latency latency;   // Microseconds.
  double value = 0;  // Of the last response.
  int rows = 0;
  int64_t plugin_calls = 0;  // Calls into the plugin during the timed calls.
};

// Times `iterations` sequential Compute calls after kWarmupCalls untimed
// ones. distinct: end_ms of each call is the request's end_ms plus a fresh
// offset (1, 2, ... ms), so the result cache never holds the answer while
// the data read is the same; otherwise the identical request is repeated.
// INTERNAL for a non-finite value.
absl::StatusOr<ComputeFigures> MeasureCompute(
    Server* server, const clout::v1::ComputeRequest& base, bool distinct,
    int iterations);

// Times `iterations` sequential Metrics.ListMetrics calls (no computation,
// no storage access): the floor of a unary call on this channel.
absl::StatusOr<Latency> MeasureRpcFloor(Server* server, int iterations);

// p50, p90, p99 and max lines, with the Compute targets after p50 and p99
// when `with_targets`.
void PrintLatencyFull(const std::string& what, const Latency& l,
                      bool with_targets, const std::string& key,
                      ResultLine* result);

// One "<what> p50 / p99" line.
void PrintLatencyShort(const std::string& what, const Latency& l,
                       const std::string& key, ResultLine* result);

clout::v1::ParameterValue Choice(const std::string& choice);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_METRICS_COMPUTE_H_

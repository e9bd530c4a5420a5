// Timing Metrics.Rank of a metrics_bench server (cold, warm and over new
// windows), and printing the figures.
#ifndef CLOUT_BENCH_METRICS_RANK_H_
#define CLOUT_BENCH_METRICS_RANK_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/latency.h"
#include "bench/metrics_server.h"
#include "bench/report.h"

namespace clout::bench {

// Entries asked of every Rank call.
inline constexpr int kTopK = 100;

struct RankFigures {
  double cold_ms = 0;
  // Calls over a window no call asked for before (end_ms moved by a few
  // ms): no cached result, but the samples were read by the cold call.
  Latency recomputed;  // Microseconds.
  Latency warm;        // Microseconds.
  int considered = 0;
  int skipped = 0;
  int entries = 0;
  int64_t cold_plugin_calls = 0;
  int64_t warm_plugin_calls = 0;
  double recomputed_cpu_ms = 0;  // Server CPU per new-window call.
  std::string first_creator;
  double first_value = 0;
};

// Ranks the top kTopK creators by engagement_rate over [start_ms, end_ms):
// one cold call, `iterations` warm ones (the identical request), then calls
// over windows moved by 1, 2, ... ms. INTERNAL when the cold call returns an
// unexpected number of entries or a later call ranks differently.
absl::StatusOr<RankFigures> MeasureRank(Server* server, int64_t start_ms,
                                        int64_t end_ms, int iterations);

void PrintRank(const RankFigures& f, int creators, double target_ms,
               const std::string& key, ResultLine* result);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_METRICS_RANK_H_

// The inputs abi_overhead_bench hands engagement_rate: one synthetic
// creator's series as the server would gather them.
#ifndef CLOUT_BENCH_ABI_INPUTS_H_
#define CLOUT_BENCH_ABI_INPUTS_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "bench/workload.h"
#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_call.h"

namespace clout::bench {

struct CreatorInput {
  int creator_index = 0;
  plugin_host::MetricInput input;  // Fields in the order the metric declares.
  int64_t samples = 0;
};

// `wanted` when it is >= 0; otherwise the first of the first `search`
// creators of `w` (whatever w.creators says) with exactly `posts` posts, or 0
// when none has.
int ChooseCreator(WorkloadOptions w, int wanted, int search, int posts);

// The synthetic creator's series as the server would gather them for
// `metric` over [start, start + days): account fields, then every post
// published in the window with its declared post fields. INTERNAL when an
// account field has no series.
absl::StatusOr<CreatorInput> BuildInput(const WorkloadOptions& w,
                                        int creator_index,
                                        const plugin_host::Metric& metric);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_ABI_INPUTS_H_

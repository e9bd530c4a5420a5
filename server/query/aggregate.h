// Downsampling of a series into fixed steps, for ReadSeries.
#ifndef CLOUT_SERVER_QUERY_AGGREGATE_H_
#define CLOUT_SERVER_QUERY_AGGREGATE_H_

#include <cstdint>
#include <vector>

#include "clout/v1/types.pb.h"
#include "server/common/samples.h"

namespace clout::query {

struct AggregateResult {
  std::vector<int64_t> timestamps;  // Start of each non-empty step.
  std::vector<int64_t> values;      // Integer aggregations.
  std::vector<double> double_values;  // MEAN and RATE.
  std::vector<uint32_t> flags;      // OR of flags per step; empty if none.
};

// True for the aggregations whose result is a double (MEAN, RATE).
bool IsDoubleAggregation(clout::v1::Aggregation aggregation);

// Aggregates `samples` (sorted by time) into steps of `step_ms` aligned to
// multiples of step_ms since the epoch. Only non-empty steps are returned.
// Preconditions: step_ms > 0, aggregation != AGGREGATION_NONE. Integer sums
// wrap on overflow rather than trap (counters are far below that).
void Aggregate(const SampleColumns& samples, int64_t step_ms,
               clout::v1::Aggregation aggregation, AggregateResult* out);

}  // namespace clout::query

#endif  // CLOUT_SERVER_QUERY_AGGREGATE_H_

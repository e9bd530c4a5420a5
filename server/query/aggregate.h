// Downsampling of a series into fixed steps, for ReadSeries.
#ifndef CLOUT_SERVER_QUERY_AGGREGATE_H_
#define CLOUT_SERVER_QUERY_AGGREGATE_H_

#include <cstdint>
#include <vector>

#include "server/common/samples.h"

namespace clout::query {

// How the samples of one step reduce to one value.
enum class Aggregation {
  kLast,   // The last sample's value.
  kFirst,  // The first sample's value.
  kMin,
  kMax,
  kSum,    // Wraps on overflow.
  kMean,   // A double.
  kCount,  // The number of samples.
  kDelta,  // last - first.
  kRate,   // (last - first) per second between their timestamps; a double,
           // 0 for a step of one sample.
};

struct AggregateResult {
  std::vector<int64_t> timestamps;    // Start of each non-empty step.
  std::vector<int64_t> values;        // Integer aggregations.
  std::vector<double> double_values;  // kMean and kRate.
  std::vector<uint32_t> flags;        // OR of flags per step; empty if none.
};

// True for the aggregations whose result is a double (kMean, kRate).
bool IsDoubleAggregation(Aggregation aggregation);

// Aggregates `samples` (sorted by time) into steps of `step_ms` aligned to
// multiples of step_ms since the epoch. Only non-empty steps are returned.
// Precondition: step_ms > 0. Integer sums wrap on overflow rather than trap
// (counters are far below that).
void Aggregate(const SampleColumns& samples, int64_t step_ms,
               Aggregation aggregation, AggregateResult* out);

}  // namespace clout::query

#endif  // CLOUT_SERVER_QUERY_AGGREGATE_H_

#include "server/query/aggregate.h"

#include <algorithm>

namespace clout::query {

bool IsDoubleAggregation(Aggregation aggregation) {
  return aggregation == Aggregation::kMean || aggregation == Aggregation::kRate;
}

namespace {

int64_t StepStart(int64_t t, int64_t step) {
  int64_t q = t / step;
  if (t % step != 0 && t < 0) --q;
  return q * step;
}

// Reduces samples [begin, end) of one step.
void Reduce(const SampleColumns& s, size_t begin, size_t end,
            Aggregation aggregation, AggregateResult* out) {
  const auto& ts = s.timestamps;
  const auto& vs = s.values;
  switch (aggregation) {
    case Aggregation::kLast:
      out->values.push_back(vs[end - 1]);
      break;
    case Aggregation::kFirst:
      out->values.push_back(vs[begin]);
      break;
    case Aggregation::kMin:
      out->values.push_back(
          *std::min_element(vs.begin() + begin, vs.begin() + end));
      break;
    case Aggregation::kMax:
      out->values.push_back(
          *std::max_element(vs.begin() + begin, vs.begin() + end));
      break;
    case Aggregation::kSum:
    case Aggregation::kMean: {
      uint64_t sum = 0;
      double dsum = 0;
      for (size_t i = begin; i < end; ++i) {
        sum += static_cast<uint64_t>(vs[i]);
        dsum += static_cast<double>(vs[i]);
      }
      if (aggregation == Aggregation::kSum) {
        out->values.push_back(static_cast<int64_t>(sum));
      } else {
        out->double_values.push_back(dsum / static_cast<double>(end - begin));
      }
      break;
    }
    case Aggregation::kCount:
      out->values.push_back(static_cast<int64_t>(end - begin));
      break;
    case Aggregation::kDelta:
      out->values.push_back(vs[end - 1] - vs[begin]);
      break;
    case Aggregation::kRate: {
      const int64_t dt = ts[end - 1] - ts[begin];
      out->double_values.push_back(
          dt == 0 ? 0.0
                  : static_cast<double>(vs[end - 1] - vs[begin]) * 1000.0 /
                        static_cast<double>(dt));
      break;
    }
  }
}

}  // namespace

void Aggregate(const SampleColumns& samples, int64_t step_ms,
               Aggregation aggregation, AggregateResult* out) {
  *out = AggregateResult();
  const auto& ts = samples.timestamps;
  bool any_flag = false;
  std::vector<uint32_t> flags;
  for (size_t begin = 0; begin < ts.size();) {
    const int64_t start = StepStart(ts[begin], step_ms);
    size_t end = begin + 1;
    uint32_t f = samples.flag(begin);
    while (end < ts.size() && ts[end] - start < step_ms) {
      f |= samples.flag(end);
      ++end;
    }
    out->timestamps.push_back(start);
    Reduce(samples, begin, end, aggregation, out);
    flags.push_back(f);
    any_flag |= f != 0;
    begin = end;
  }
  if (any_flag) out->flags = std::move(flags);
}

}  // namespace clout::query

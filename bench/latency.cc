#include "bench/latency.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "bench/report.h"
#include "server/common/strings.h"

namespace clout::bench {

DurationSample::DurationSample(std::vector<double> values)
    : sorted_(std::move(values)) {
  std::sort(sorted_.begin(), sorted_.end());
}

double DurationSample::Min() const {
  return sorted_.empty() ? 0 : sorted_.front();
}

double DurationSample::Max() const {
  return sorted_.empty() ? 0 : sorted_.back();
}

double DurationSample::Mean() const {
  if (sorted_.empty()) return 0;
  double sum = 0;
  for (double v : sorted_) sum += v;
  return sum / static_cast<double>(sorted_.size());
}

double DurationSample::Median() const {
  const size_t n = sorted_.size();
  if (n == 0) return 0;
  return n % 2 == 1 ? sorted_[n / 2]
                    : (sorted_[n / 2 - 1] + sorted_[n / 2]) / 2;
}

double DurationSample::NearestRank(double p) const {
  if (sorted_.empty()) return 0;
  const size_t k = static_cast<size_t>(std::ceil(p * sorted_.size()));
  return sorted_[std::clamp<size_t>(k, 1, sorted_.size()) - 1];
}

double DurationSample::AtPercentIndex(int percent) const {
  if (sorted_.empty()) return 0;
  return sorted_[std::min(sorted_.size() - 1, sorted_.size() * percent / 100)];
}

Latency Summarize(std::vector<double> durations) {
  const DurationSample sample(std::move(durations));
  Latency l;
  l.p50 = sample.NearestRank(0.50);
  l.p90 = sample.NearestRank(0.90);
  l.p99 = sample.NearestRank(0.99);
  l.max = sample.Max();
  l.mean = sample.Mean();
  return l;
}

void PrintLatencyLines(const std::string& what, const Latency& l,
                       const std::string& p50_note, const std::string& p99_note,
                       const std::string& key, ResultLine* result) {
  Line(StrCat(what, " p50"), Fixed(l.p50, 1), "us", p50_note);
  Line(StrCat(what, " p90"), Fixed(l.p90, 1), "us");
  Line(StrCat(what, " p99"), Fixed(l.p99, 1), "us", p99_note);
  Line(StrCat(what, " max"), Fixed(l.max, 1), "us");
  result->Add(key + "_p50_us", l.p50, 1);
  result->Add(key + "_p90_us", l.p90, 1);
  result->Add(key + "_p99_us", l.p99, 1);
  result->Add(key + "_max_us", l.max, 1);
}

}  // namespace clout::bench

// spike_detector.cc: see spike_detector.h for the method.
#include "spike_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/stats.h"

namespace clout::builtin {
namespace {

constexpr double kMadToSigma = 1.4826;  // MAD of a normal sample -> sigma.
constexpr int64_t kMaxStep = 1'000'000'000'000;

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// One sampled day: its last sample.
struct DayPoint {
  int64_t day;
  int64_t t;
  int64_t value;
};

// The last sample of each UTC day, before window_end_ms.
std::vector<DayPoint> DailyPoints(const plugin::SeriesView& s,
                                  int64_t window_end_ms) {
  std::vector<DayPoint> days;
  const size_t n = s.LowerBound(window_end_ms);
  for (size_t i = 0; i < n; ++i) {
    const int64_t day = FloorDiv(s.timestamp(i), kDayMs);
    if (!days.empty() && days.back().day == day) {
      days.back() = {day, s.timestamp(i), s.value(i)};
    } else {
      days.push_back({day, s.timestamp(i), s.value(i)});
    }
  }
  return days;
}

// Indices of the deltas forming delta i's baseline (see the header).
std::vector<size_t> BaselineOf(size_t i, size_t count, size_t n) {
  std::vector<size_t> b;
  for (size_t j = i > n ? i - n : 0; j < i; ++j) b.push_back(j);
  if (b.size() < kMinPriorDays) {
    for (size_t j = i + 1; j < count && b.size() < n; ++j) b.push_back(j);
  }
  return b;
}

// Scores deltas[i] against its baseline.
void Score(std::vector<DayDelta>& deltas, size_t i, size_t baseline_days) {
  DayDelta& d = deltas[i];
  const std::vector<size_t> base = BaselineOf(i, deltas.size(), baseline_days);
  if (base.size() < kMinBaselineDays) return;

  // The counts at the baseline days' endpoints, as (day, value) points.
  std::vector<std::pair<int64_t, double>> points;
  double q = static_cast<double>(kMaxStep);
  auto add_point = [&](int64_t day, double value) {
    q = std::min(q, RoundingStep(static_cast<int64_t>(value)));
    for (const auto& p : points) {
      if (p.first == day) return;
    }
    points.emplace_back(day, value);
  };
  std::vector<double> rates;
  for (size_t j : base) {
    const DayDelta& b = deltas[j];
    add_point(b.day - b.gap_days, b.start_value);
    add_point(b.day, b.end_value);
    rates.push_back(b.per_day);
  }
  q = std::min({q, RoundingStep(static_cast<int64_t>(d.start_value)),
                RoundingStep(static_cast<int64_t>(d.end_value))});

  // Theil-Sen slope, leaving out the pair that spans day d alone.
  std::vector<double> slopes;
  for (size_t a = 0; a < points.size(); ++a) {
    for (size_t b = a + 1; b < points.size(); ++b) {
      int64_t d0 = points[a].first, d1 = points[b].first;
      if (d0 > d1) std::swap(d0, d1);
      if (d0 == d.day - d.gap_days && d1 == d.day) continue;
      slopes.push_back((points[b].second - points[a].second) /
                       static_cast<double>(points[b].first - points[a].first));
    }
  }
  const double m = Median(slopes);
  std::vector<double> deviations;
  for (double r : rates) deviations.push_back(std::fabs(r - m));
  const double s_obs = kMadToSigma * Median(deviations);
  const double floor = kRelativeFloor * d.start_value;
  const double var_nat = std::max(s_obs * s_obs - q * q / 6, floor * floor);
  const double g = d.gap_days;

  d.scored = true;
  d.baseline_per_day = m;
  d.rounding_step = q;
  d.natural_var = var_nat;
  d.sigma = std::sqrt(var_nat / g + q * q / (6 * g * g));
  d.z = d.sigma > 0 ? (d.per_day - m) / d.sigma : 0;
}

}  // namespace

double RoundingStep(int64_t value) {
  if (value == 0) return static_cast<double>(kMaxStep);
  int64_t step = 1;
  while (step < kMaxStep && value % (step * 10) == 0) step *= 10;
  return static_cast<double>(step);
}

std::string DayString(int64_t day) {
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  const int64_t z = day + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  const int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  const int64_t yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  char buf[72];  // Room for any int64 fields: no truncation warning.
  std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lld",
                static_cast<long long>(yy), static_cast<long long>(mm),
                static_cast<long long>(dd));
  return buf;
}

SpikeReport DetectSpikes(const plugin::SeriesView& series,
                         int64_t window_end_ms, const SpikeOptions& options) {
  SpikeReport report;
  const std::vector<DayPoint> days = DailyPoints(series, window_end_ms);
  for (size_t i = 1; i < days.size(); ++i) {
    const DayPoint& p = days[i - 1];
    const DayPoint& d = days[i];
    const int64_t gap = d.day - p.day;
    if (gap > kMaxGapDays) continue;
    DayDelta delta;
    delta.day = d.day;
    delta.start_ms = p.t;
    delta.end_ms = d.t;
    delta.start_value = static_cast<double>(p.value);
    delta.end_value = static_cast<double>(d.value);
    delta.gap_days = static_cast<int>(gap);
    delta.per_day = (delta.end_value - delta.start_value) / delta.gap_days;
    report.total_gain += std::max(0.0, delta.end_value - delta.start_value);
    report.deltas.push_back(delta);
  }
  std::vector<DayDelta>& deltas = report.deltas;
  for (size_t i = 0; i < deltas.size(); ++i) {
    Score(deltas, i, options.baseline_days);
    report.scored_days += deltas[i].scored;
  }

  // Runs of consecutive elevated days.
  size_t i = 0;
  while (i < deltas.size()) {
    if (!deltas[i].scored || deltas[i].z < kBurstEntryZ) {
      ++i;
      continue;
    }
    size_t last = i;
    while (last + 1 < deltas.size() && deltas[last + 1].scored &&
           deltas[last + 1].z >= kBurstEntryZ &&
           deltas[last + 1].start_ms == deltas[last].end_ms) {
      ++last;
    }
    Burst burst;
    burst.first = i;
    burst.last = last;
    double var = 0, q = 0;
    for (size_t j = i; j <= last; ++j) {
      const DayDelta& d = deltas[j];
      burst.excess += (d.per_day - d.baseline_per_day) * d.gap_days;
      var += d.natural_var * d.gap_days;
      q = std::max(q, d.rounding_step);
    }
    var += q * q / 6;
    burst.z = burst.excess / std::sqrt(var);
    burst.start_value = deltas[i].start_value;
    burst.start_ms = deltas[i].start_ms;
    burst.end_ms = deltas[last].end_ms;
    const double material = std::max(
        options.min_spike_fraction * burst.start_value, kMinSpikeAccounts);
    if (burst.z >= options.z_threshold && burst.excess >= material) {
      report.bursts.push_back(burst);
    }
    i = last + 1;
  }
  return report;
}

}  // namespace clout::builtin

// stats.h: the summary statistics clout's built-in metrics share, so that
// every metric aggregates the same way. Header-only (called in the metrics'
// hot loops); uses only the standard library.
#ifndef CLOUT_PLUGINS_COMMON_STATS_H_
#define CLOUT_PLUGINS_COMMON_STATS_H_

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace clout::builtin {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The arithmetic mean; NaN if `v` is empty.
inline double Mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? kNaN : sum / static_cast<double>(v.size());
}

// The median (mean of the two middle values for an even count); NaN if
// empty. Takes `v` by value: it reorders its copy. `v` must hold no NaN.
inline double Median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid),
                   v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(
      v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_COMMON_STATS_H_

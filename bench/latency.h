// Wall-clock timing and the order statistics the benchmarks print for a set
// of timed calls. Units are the caller's: every function returns values in
// the unit of the durations it is given.
#ifndef CLOUT_BENCH_LATENCY_H_
#define CLOUT_BENCH_LATENCY_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace clout::bench {

class ResultLine;

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

inline double Micros(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

inline double Nanos(Clock::time_point from, Clock::time_point to) {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count());
}

inline double MicrosSince(Clock::time_point start) {
  return Micros(start, Clock::now());
}

// A set of measured durations, sorted once on construction. Every accessor
// returns 0 for an empty set.
class DurationSample {
 public:
  explicit DurationSample(std::vector<double> values);

  size_t size() const { return sorted_.size(); }
  double Min() const;
  double Max() const;
  // Sum of the values taken in ascending order, divided by their count.
  double Mean() const;
  // The middle value, or the mean of the two middle ones for an even count.
  double Median() const;
  // Nearest rank: the ceil(p * n)-th smallest value, the rank clamped to
  // [1, n].
  double NearestRank(double p) const;
  // The value at 0-based index n * percent / 100 (integer division), at most
  // the last one.
  double AtPercentIndex(int percent) const;

 private:
  std::vector<double> sorted_;
};

// Nearest-rank percentiles, maximum and mean of one measurement.
struct Latency {
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

Latency Summarize(std::vector<double> durations);

// Prints "<what> p50", "p90", "p99" and "max" lines in microseconds, the
// notes after the p50 and p99 figures, and adds <key>_p50_us ... _max_us to
// `result`.
void PrintLatencyLines(const std::string& what, const Latency& l,
                       const std::string& p50_note, const std::string& p99_note,
                       const std::string& key, ResultLine* result);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_LATENCY_H_

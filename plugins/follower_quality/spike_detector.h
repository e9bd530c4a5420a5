// spike_detector.h: finds growth bursts in a daily counter (followers,
// following) that its own recent history does not explain, tolerating
// counts the platform rounds for display.
//
// The method, per UTC day d that has a sample (the last of the day is used)
// and a previous sampled day p at most kMaxGapDays before it:
//   delta_d    = (F_d - F_p) / (d - p)             growth per day
//   baseline   = the deltas of up to N = baseline_days earlier days; when
//                fewer than kMinPriorDays exist (the window's start), the
//                nearest later days fill it up to N. Day d is never in its
//                own baseline; fewer than kMinBaselineDays: d is not scored.
//   m_d        = Theil-Sen slope of F over the baseline days (median of the
//                pairwise slopes between their samples, except the pair
//                that spans d alone). Unlike the median of daily deltas, it
//                is not pulled to 0 by counts rounded to a coarse step
//                (1.2M stays 1.2M for days, then jumps by 100K), and a few
//                outlying days do not move it.
//   q          = the rounding step: the largest power of ten dividing every
//                count involved (100,000 for 133,800,000 and 37,900,000).
//   var_nat    = max((1.4826 * MAD)^2 - q^2/6, (kRelativeFloor * F_p)^2):
//                day-to-day variability beyond rounding, MAD being the
//                median absolute deviation of the baseline deltas from m_d.
//                q^2/6 is the variance of the difference of two counts each
//                rounded to q.
//   sigma_d    = sqrt(var_nat / g + q^2 / (6 g^2)) for a gap of g days
//   z_d        = (delta_d - m_d) / sigma_d          a robust z-score
// A burst is a run of consecutive days each with z_d >= kBurstEntryZ. Its
// excess E = sum (delta_d - m_d) * g_d and its z-score
//   Z = E / sqrt(sum var_nat_d * g_d + q^2 / 6)
// count rounding once: the rounding errors of a run's inner days cancel.
// The burst is flagged when Z >= z_threshold (3.5, the cut-off Iglewicz and
// Hoaglin recommend for modified z-scores) and E is material: at least
// min_spike_fraction of the count before the burst and kMinSpikeAccounts.
#ifndef CLOUT_PLUGINS_FOLLOWER_QUALITY_SPIKE_DETECTOR_H_
#define CLOUT_PLUGINS_FOLLOWER_QUALITY_SPIKE_DETECTOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "clout/plugin.hpp"

namespace clout::builtin {

inline constexpr int64_t kDayMs = 86'400'000;
// Two sampled days further apart than this are not compared.
inline constexpr int kMaxGapDays = 7;
// Below this many earlier days, later days fill the baseline.
inline constexpr size_t kMinPriorDays = 7;
// A day needs a baseline of at least this many days to be scored.
inline constexpr size_t kMinBaselineDays = 5;
// A day joins a burst when its z-score reaches this.
inline constexpr double kBurstEntryZ = 1.0;
// Floor of the natural day-to-day variability: 0.1% of the count.
inline constexpr double kRelativeFloor = 0.001;
// A burst must add at least this many accounts beyond the baseline.
inline constexpr double kMinSpikeAccounts = 100;

struct SpikeOptions {
  size_t baseline_days = 14;
  double z_threshold = 3.5;
  double min_spike_fraction = 0.02;
};

// The growth observed on one day against its baseline.
struct DayDelta {
  int64_t day = 0;       // UTC day (days since 1970-01-01) of the sample.
  int64_t start_ms = 0;  // The previous day's sample.
  int64_t end_ms = 0;    // This day's sample.
  double start_value = 0;
  double end_value = 0;
  int gap_days = 1;
  double per_day = 0;           // (end_value - start_value) / gap_days.
  bool scored = false;          // False: too short a baseline.
  double baseline_per_day = 0;  // m_d.
  double natural_var = 0;       // var_nat, per day.
  double rounding_step = 1;     // q.
  double sigma = 0;             // sigma_d.
  double z = 0;                 // z_d.
};

// A flagged burst: deltas[first..last] of the report.
struct Burst {
  size_t first = 0;
  size_t last = 0;
  double excess = 0;       // E, in accounts.
  double z = 0;            // Z.
  double start_value = 0;  // The count before the burst.
  int64_t start_ms = 0;    // The sample before the burst.
  int64_t end_ms = 0;      // The burst's last sample.
};

struct SpikeReport {
  std::vector<DayDelta> deltas;
  std::vector<Burst> bursts;
  size_t scored_days = 0;
  // Sum of the positive day-to-day changes: the growth the window saw.
  double total_gain = 0;
};

// Runs the detector over the samples of `series` before `window_end_ms`.
SpikeReport DetectSpikes(const plugin::SeriesView& series,
                         int64_t window_end_ms, const SpikeOptions& options);

// The rounding step of a count: the largest power of ten dividing it (1 for
// 0), at most 10^12.
double RoundingStep(int64_t value);

// "YYYY-MM-DD" of a UTC day number.
std::string DayString(int64_t day);

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_FOLLOWER_QUALITY_SPIKE_DETECTOR_H_

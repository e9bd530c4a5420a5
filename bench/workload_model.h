// The creator-level model of the synthetic workload (bench/workload.h):
// each creator's parameters, post plans, scrape gaps and account counters,
// drawn from the creator's own random streams. Internal to the generator's
// source files.
#ifndef CLOUT_BENCH_WORKLOAD_MODEL_H_
#define CLOUT_BENCH_WORKLOAD_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/workload.h"
#include "bench/workload_random.h"

namespace clout::bench::workload_internal {

struct CreatorParams {
  double followers0 = 0;    // follower count at start_ms
  double growth0 = 0;       // long-run organic growth per day (fraction)
  int tz_offset_hours = 0;  // audience's local time minus UTC
  double reach = 0;         // expected views per follower of a typical post
  double like_rate = 0;     // typical likes per view
  int64_t following0 = 0;
  int64_t posts_baseline = 0;  // posts published before start_ms
  int64_t likes_baseline = 0;  // likes of posts published before start_ms
  int num_posts = 0;
};

struct PostPlan {
  int64_t published_ms = 0;
  double virality = 1;          // multiplier on expected views
  bool viral = false;           // triggers a follower burst
  double burst_peak = 1;        // follower growth multiplier at the burst peak
  double burst_peak_hours = 1;  // hours from publishing to the burst peak
  double fast_share = 0;        // share of views in the fast component
  double tau_fast_hours = 1;    // time constant of the fast component
  double tau_tail_hours = 1;    // half-saturation time of the long tail
  double like_rate = 0;
  double comment_rate = 0;  // comments per like
  double share_rate = 0;    // shares per like
  double save_rate = 0;     // saves per like
};

// The creator's parameters, from its kCreatorStream.
CreatorParams DrawCreatorParams(const WorkloadOptions& options,
                                int creator_index);

// The posts of a creator sorted by publishing time.
std::vector<PostPlan> DrawPostPlans(const WorkloadOptions& options,
                                    int creator_index,
                                    const CreatorParams& creator);

// "p<creator, 6 digits>-<post, 4 digits>".
std::string PostId(int creator_index, int post_index);

// Multiplier of the daily rhythm for activity at `hour_index`: 1 + amplitude *
// cos(2 pi (local hour - 20) / 24), i.e. peaking at 20:00 local time and
// averaging exactly 1 over a day.
double Rhythm(const WorkloadOptions& options, const CreatorParams& creator,
              int64_t hour_index, double amplitude);

// First sampling hour index strictly after `published_ms`.
inline int64_t FirstHourAfter(const WorkloadOptions& options,
                              int64_t published_ms) {
  return FloorDiv(published_ms - options.start_ms, kHourMs) + 1;
}

// Whether post hour `h` (>= first_hour) is on the post's sampling schedule.
inline bool IsPostSampleHour(int64_t h, int64_t first_hour) {
  return h < first_hour + kPostHourlySamples ||
         FloorMod24(h) == kPostDailySampleHour;
}

// Which hourly scrapes of the creator succeeded (1) or are missing (0):
// isolated misses and short outages, about 1 % in total.
std::vector<uint8_t> DrawScrapeMask(const WorkloadOptions& options,
                                    int creator_index, int64_t hours);

// Simulates followers at every hour index (value at start_ms + h hours).
std::vector<int64_t> SimulateFollowers(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       const std::vector<PostPlan>& posts,
                                       int64_t hours);

// The following count at every hour index: rare small steps.
std::vector<int64_t> SimulateFollowing(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       int64_t hours);

}  // namespace clout::bench::workload_internal

#endif  // CLOUT_BENCH_WORKLOAD_MODEL_H_

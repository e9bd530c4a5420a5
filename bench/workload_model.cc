#include "bench/workload_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "bench/workload_random.h"

// workload_random.h, included last, turns off floating-point contraction for
// the rest of this file.

namespace clout::bench::workload_internal {
namespace {

// Relative preference for publishing at each local hour of the day.
constexpr int kPublishHourWeights[24] = {
    2, 1, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 8, 9, 10, 11, 12, 11, 9, 6, 4};

// cos(2 pi k / 24) for k = 0..23.
constexpr double kCos24[24] = {
    1.0,
    0.96592582628906829,
    0.86602540378443865,
    0.70710678118654752,
    0.5,
    0.25881904510252076,
    0.0,
    -0.25881904510252076,
    -0.5,
    -0.70710678118654752,
    -0.86602540378443865,
    -0.96592582628906829,
    -1.0,
    -0.96592582628906829,
    -0.86602540378443865,
    -0.70710678118654752,
    -0.5,
    -0.25881904510252076,
    0.0,
    0.25881904510252076,
    0.5,
    0.70710678118654752,
    0.86602540378443865,
    0.96592582628906829,
};

// Hour of the day (UTC) of the instant start_ms + hour_index hours.
int UtcHourOfDay(const WorkloadOptions& options, int64_t hour_index) {
  return FloorMod24(FloorDiv(options.start_ms, kHourMs) + hour_index);
}

}  // namespace

CreatorParams DrawCreatorParams(const WorkloadOptions& options,
                                int creator_index) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kCreatorStream);
  CreatorParams p;
  p.followers0 = std::floor(rng.LogUniform(1e4, 5e7));
  p.growth0 = rng.LogUniform(0.0002, 0.005);
  p.tz_offset_hours = static_cast<int>(rng.UniformInt(18)) - 8;  // -8..+9
  // Smaller accounts get relatively more reach from recommendation feeds.
  p.reach = rng.LogUniform(0.05, 0.5) * Exp(0.15 * Log(1e5 / p.followers0));
  p.like_rate = rng.LogUniform(0.04, 0.10);
  p.following0 = static_cast<int64_t>(rng.LogUniform(50, 2000));
  p.posts_baseline = static_cast<int64_t>(rng.LogUniform(30, 3000));
  p.likes_baseline =
      static_cast<int64_t>(p.followers0 * rng.LogUniform(3.0, 30.0));
  const double activity = rng.Uniform(0.5, 1.5);
  p.num_posts = static_cast<int>(
      std::floor(options.posts_per_creator * activity + rng.Uniform()));
  if (p.num_posts < 0) p.num_posts = 0;
  return p;
}

std::vector<PostPlan> DrawPostPlans(const WorkloadOptions& options,
                                    int creator_index,
                                    const CreatorParams& creator) {
  std::vector<PostPlan> plans;
  if (options.days <= 0) return plans;
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kPostPlanStream);
  const int64_t latest_ms =
      options.start_ms + options.days * kDayMs - 2 * kHourMs;  // exclusive
  int weight_total = 0;
  for (int w : kPublishHourWeights) weight_total += w;
  plans.reserve(static_cast<size_t>(creator.num_posts));
  for (int i = 0; i < creator.num_posts; ++i) {
    PostPlan plan;
    bool placed = false;
    for (int attempt = 0; attempt < 8 && !placed; ++attempt) {
      const int64_t day = rng.UniformInt(options.days);
      int pick = static_cast<int>(rng.UniformInt(weight_total));
      int local_hour = 0;
      while (pick >= kPublishHourWeights[local_hour]) {
        pick -= kPublishHourWeights[local_hour];
        ++local_hour;
      }
      const int utc_hour = FloorMod24(local_hour - creator.tz_offset_hours);
      const int hour_in_day = FloorMod24(utc_hour - UtcHourOfDay(options, 0));
      const int64_t t = options.start_ms + day * kDayMs +
                        hour_in_day * kHourMs + rng.UniformInt(3600) * 1000;
      if (t < latest_ms) {
        plan.published_ms = t;
        placed = true;
      }
    }
    if (!placed) {  // only likely when days is very small
      plan.published_ms =
          options.start_ms +
          rng.UniformInt((latest_ms - options.start_ms) / 1000) * 1000;
    }
    plan.viral = rng.Bernoulli(0.04);
    if (plan.viral) {
      plan.virality = rng.LogUniform(10.0, 100.0);
      plan.burst_peak = std::clamp(plan.virality / 2.0, 5.0, 50.0);
      plan.burst_peak_hours = rng.Uniform(8.0, 20.0);
    } else {
      plan.virality = Exp(0.6 * rng.Normal());
    }
    plan.fast_share = rng.Uniform(0.6, 0.85);
    plan.tau_fast_hours = rng.LogUniform(6.0, 24.0);
    plan.tau_tail_hours = 24.0 * rng.LogUniform(5.0, 20.0);
    plan.like_rate =
        std::clamp(creator.like_rate * rng.LogUniform(0.8, 1.25), 0.03, 0.12);
    plan.comment_rate = rng.LogUniform(0.005, 0.03);
    plan.share_rate = rng.LogUniform(0.02, 0.10);
    plan.save_rate = rng.LogUniform(0.03, 0.15);
    plans.push_back(plan);
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const PostPlan& a, const PostPlan& b) {
                     return a.published_ms < b.published_ms;
                   });
  return plans;
}

std::string PostId(int creator_index, int post_index) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "p%06d-%04d", creator_index, post_index);
  return buf;
}

double Rhythm(const WorkloadOptions& options, const CreatorParams& creator,
              int64_t hour_index, double amplitude) {
  const int local =
      FloorMod24(UtcHourOfDay(options, hour_index) + creator.tz_offset_hours);
  return 1.0 + amplitude * kCos24[FloorMod24(local - 20)];
}

std::vector<uint8_t> DrawScrapeMask(const WorkloadOptions& options,
                                    int creator_index, int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kScrapeStream);
  std::vector<uint8_t> present(static_cast<size_t>(hours), 1);
  int64_t outage_left = 0;
  for (int64_t h = 0; h < hours; ++h) {
    if (outage_left > 0) {
      present[h] = 0;
      --outage_left;
    } else if (rng.Bernoulli(0.001)) {
      present[h] = 0;
      outage_left = 2 + rng.UniformInt(6);  // outage of 3..8 hours
    } else if (rng.Bernoulli(0.0045)) {
      present[h] = 0;
    }
  }
  return present;
}

std::vector<int64_t> SimulateFollowers(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       const std::vector<PostPlan>& posts,
                                       int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kFollowersStream);
  // Daily knots of the organic growth rate: a mean-reverting random walk of
  // its logarithm, linearly interpolated in between.
  const double log_g0 = Log(creator.growth0);
  const double log_min = Log(0.0001);
  const double log_max = Log(0.01);
  std::vector<double> knots(static_cast<size_t>(options.days) + 1);
  double log_g = log_g0;
  for (double& knot : knots) {
    knot = Exp(log_g);
    log_g = log_g0 + 0.95 * (log_g - log_g0) + 0.1 * rng.Normal();
    log_g = std::clamp(log_g, log_min, log_max);
  }
  // Viral bursts: growth multiplied by 1 + (peak - 1) x e^(1 - x), where x is
  // the time since publishing in units of the time to the peak.
  std::vector<double> boost(static_cast<size_t>(hours), 1.0);
  for (const PostPlan& post : posts) {
    if (!post.viral) continue;
    const double published_h =
        static_cast<double>(post.published_ms - options.start_ms) / kHourMs;
    const int64_t first = FirstHourAfter(options, post.published_ms);
    const int64_t last = std::min<int64_t>(
        hours, first + static_cast<int64_t>(10.0 * post.burst_peak_hours));
    for (int64_t h = first; h < last; ++h) {
      const double x =
          (static_cast<double>(h) - published_h) / post.burst_peak_hours;
      boost[h] += (post.burst_peak - 1.0) * x * Exp(1.0 - x);
    }
  }
  std::vector<int64_t> followers(static_cast<size_t>(hours));
  int64_t f = static_cast<int64_t>(creator.followers0);
  for (int64_t h = 0; h < hours; ++h) {
    if (h > 0) {
      // Net gain during the hour (h - 1, h].
      const int64_t day = (h - 1) / 24;
      const double frac = static_cast<double>((h - 1) % 24) / 24.0;
      const double g = knots[day] * (1.0 - frac) + knots[day + 1] * frac;
      const double noise = Exp(0.25 * rng.Normal() - 0.03125);  // mean 1
      const double lambda = static_cast<double>(f) * g / 24.0 *
                            Rhythm(options, creator, h - 1, 0.5) *
                            boost[h - 1] * noise;
      f += rng.Poisson(lambda);
      // Very rare purges of inactive or fake followers.
      if (rng.Bernoulli(1.0 / (24.0 * 180.0))) {
        const double share = rng.LogUniform(0.0005, 0.005);
        f -= std::max<int64_t>(
            1, static_cast<int64_t>(static_cast<double>(f) * share));
        if (f < 0) f = 0;
      }
    }
    followers[h] = f;
  }
  return followers;
}

std::vector<int64_t> SimulateFollowing(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kFollowingStream);
  std::vector<int64_t> following(static_cast<size_t>(hours));
  int64_t v = creator.following0;
  for (int64_t h = 0; h < hours; ++h) {
    if (h > 0 && rng.Bernoulli(0.004)) {
      const int64_t step = 1 + rng.UniformInt(3);
      v += rng.Bernoulli(0.65) ? step : -step;
      if (v < 0) v = 0;
    }
    following[h] = v;
  }
  return following;
}

}  // namespace clout::bench::workload_internal

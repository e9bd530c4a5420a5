// follower_quality: a 0-100 score of how organic a creator's audience looks
// from public counts alone, with every component reported.
//
// Components (weights; a component without data is left out and the others
// renormalised; below kMinCoverage of the weight there is no score):
//   engagement_vs_tier  0.35  median engagement rate (same definition and
//                             variant as engagement_rate) against the
//                             benchmark of the creator's follower tier;
//   follower_spikes     0.30  share of the window's follower gain that came
//                             in bursts no post explains (spike_detector.h);
//   following_spikes    0.10  share of the following-count gain that came in
//                             bursts (mass following);
//   comment_like_ratio  0.15  comments per like over the posts: bought likes
//                             rarely come with comments;
//   engagement_evenness 0.10  coefficient of variation of the posts' rates.
// Public counts cannot tell real from bot followers: the score flags
// patterns that often accompany bought followers or engagement. The result
// says so. Definitions, weights and sources: docs/metrics.md.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clout/plugin.hpp"
#include "common/post_engagement.h"
#include "common/report.h"
#include "common/samples.h"
#include "common/stats.h"
#include "spike_detector.h"
#include "tier_benchmarks.h"

namespace {

namespace cp = clout::plugin;
namespace cb = clout::builtin;

enum Param : size_t {
  kVariant,
  kBaselineDays,
  kZThreshold,
  kMinSpikePercent,
  kExplainHours
};
constexpr cb::PostFields kFields = {/*views=*/0, /*likes=*/1, /*comments=*/2,
                                    /*shares=*/3, /*saves=*/cb::kNoField};

constexpr double kWeightEngagement = 0.35;
constexpr double kWeightFollowerSpikes = 0.30;
constexpr double kWeightFollowingSpikes = 0.10;
constexpr double kWeightCommentLike = 0.15;
constexpr double kWeightEvenness = 0.10;
// Least total weight of the available components for a score.
constexpr double kMinCoverage = 0.30;
// comment_like_ratio: 0 at or below kCommentLikeZero, 100 at or above
// kCommentLikeFull, log-linear between (one decade).
constexpr double kCommentLikeZero = 0.0002;
constexpr double kCommentLikeFull = 0.002;
// engagement_evenness: 100 at or below kCvFull, 0 at or above kCvZero.
constexpr double kCvFull = 0.5;
constexpr double kCvZero = 2.0;
using cb::kHourMs;

constexpr const char* kCaveat =
    "public counts cannot tell real from bot followers: this score flags "
    "patterns that often come with bought followers or engagement, it does "
    "not measure how many followers are real";

using cb::FormatCount;
using cb::FormatNumber;

struct FollowerQuality {
  static constexpr const char* kName = "follower_quality";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr const char* kDescription =
      "A 0-100 score of how organic the audience looks from public counts: "
      "engagement against the follower tier's benchmark, follower and "
      "following bursts no post explains, comment-to-like ratio and evenness "
      "of engagement, each reported as a component. Public counts cannot "
      "tell real from bot followers.";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "score";
  static constexpr bool kThreadSafe = true;
  // Posts are read through RatePost (latest counts before the window's end)
  // and their publication times only.
  static constexpr bool kLatestPostSamples = true;
  static constexpr std::array<const char*, 2> kAccountFields = {"followers",
                                                                "following"};
  static constexpr std::array<const char*, 4> kPostFields = {
      "views", "likes", "comments", "shares"};
  static constexpr std::array<const char*, 2> kVariants = {"by_followers",
                                                           "by_views"};
  static constexpr std::array<clout_param_spec_v1, 5> kParams = {
      cp::EnumParam("variant",
                    "Engagement rate denominator, as in engagement_rate",
                    kVariants, 0),
      cp::IntParam("baseline_days",
                   "Days of history each day is compared "
                   "with",
                   14, 7, 90),
      cp::DoubleParam("z_threshold", "Robust z-score that flags a burst", 3.5,
                      2, 20),
      cp::DoubleParam("min_spike_percent",
                      "Least burst size, in percent of the count before it", 2,
                      0, 100),
      cp::IntParam("explain_hours",
                   "A post this many hours before a follower burst explains "
                   "it",
                   48, 0, 336)};
  static constexpr std::array<const char*, 8> kRowColumns = {
      "delta_per_day", "baseline_per_day", "sigma_per_day", "day_z",
      "burst_z",       "burst_excess",     "rounding_step", "explained"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out);
};

// Collects sub-scores and what could not be scored.
class Scorecard {
 public:
  explicit Scorecard(const cp::Output& out) : out_(out) {}

  // An available component: its 0-100 score and weight.
  cp::Status Score(const std::string& name, double weight, double score,
                   const std::string& note) {
    weight_ += weight;
    weighted_ += weight * score;
    return out_.AddComponent("score_" + name, score,
                             "weight " + FormatNumber(weight) + "; " + note);
  }
  // A component left out, and why.
  void Unavailable(const std::string& name, const std::string& why) {
    if (!missing_.empty()) missing_ += "; ";
    missing_ += name + " (" + why + ")";
  }
  double coverage() const { return weight_; }
  double value() const { return weighted_ / weight_; }
  const std::string& missing() const { return missing_; }

 private:
  const cp::Output& out_;
  double weight_ = 0;
  double weighted_ = 0;
  std::string missing_;
};

double Clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

std::string Formula(const char* variant) {
  return std::string(
             "score = sum(w_c * s_c) / sum(w_c) over the available "
             "components c, weights engagement_vs_tier 0.35, follower_spikes "
             "0.30, following_spikes 0.10, comment_like_ratio 0.15, "
             "engagement_evenness 0.10; s_engagement_vs_tier = 100 * min(1, "
             "median_i(rate_i) / tier benchmark), rate_i as engagement_rate ") +
         variant +
         "; s_follower_spikes = 100 * (1 - excess of unexplained follower "
         "bursts / follower gain); s_following_spikes = 100 * (1 - excess of "
         "following bursts / following gain); s_comment_like_ratio = 100 * "
         "clamp(log10((sum comments / sum likes) / 0.0002), 0, 1); "
         "s_engagement_evenness = 100 * clamp((2 - CV(rate_i)) / 1.5, 0, 1). "
         "Note: " +
         kCaveat;
}

// Adds one row per day of each burst, keyed "<field>:<YYYY-MM-DD>".
cp::Status AddBurstRows(const cp::Output& out, const char* field,
                        const cb::SpikeReport& report,
                        const std::vector<double>& explained) {
  for (size_t b = 0; b < report.bursts.size(); ++b) {
    const cb::Burst& burst = report.bursts[b];
    for (size_t i = burst.first; i <= burst.last; ++i) {
      const cb::DayDelta& d = report.deltas[i];
      const std::array<double, 8> row = {
          d.per_day, d.baseline_per_day, d.sigma,         d.z,
          burst.z,   burst.excess,       d.rounding_step, explained[b]};
      CLOUT_RETURN_IF_ERROR(out.AddRow(
          std::string(field) + ":" + cb::DayString(d.day), d.end_ms, row));
    }
  }
  return cp::Status::Ok();
}

// The engagement-vs-tier component and its raw values.
cp::Status ScoreEngagement(const cp::Output& out, Scorecard& card,
                           bool by_views, int64_t followers,
                           const std::vector<double>& rates) {
  const double er = cb::Median(rates);
  const cb::TierBenchmark& tier =
      by_views ? cb::TierOf(cb::kByViewsBenchmarks, followers)
               : cb::TierOf(cb::kByFollowersBenchmarks, followers);
  const char* source = by_views ? cb::kByViewsSource : cb::kByFollowersSource;
  const double score = 100 * std::min(1.0, er / tier.engagement_percent);
  CLOUT_RETURN_IF_ERROR(
      card.Score("engagement_vs_tier", kWeightEngagement, score,
                 "median engagement rate " + FormatNumber(er) + "% over " +
                     std::to_string(rates.size()) + " posts vs " +
                     FormatNumber(tier.engagement_percent) + "% for " +
                     tier.tier + " followers"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "followers", static_cast<double>(followers),
      std::string("latest count in the window; tier ") + tier.tier));
  CLOUT_RETURN_IF_ERROR(
      out.AddComponent("engagement_rate_percent", er,
                       "median per-post rate, defined as engagement_rate's"));
  return out.AddComponent("engagement_benchmark_percent",
                          tier.engagement_percent,
                          std::string(source) + ", tier " + tier.tier);
}

// The burst detector's options from the metric's parameters.
cb::SpikeOptions SpikeOptionsOf(const cp::Input& in) {
  cb::SpikeOptions spike;
  spike.baseline_days = static_cast<size_t>(in.param(kBaselineDays));
  spike.z_threshold = in.param(kZThreshold);
  spike.min_spike_fraction = in.param(kMinSpikePercent) / 100;
  return spike;
}

// What the posts give: their engagement rates and, over the posts with
// both counts, the likes and comments.
struct PostTally {
  std::vector<double> rates;  // Of the rated posts.
  double likes = 0, comments = 0;
  size_t with_both = 0;  // Posts with a likes and a comments count.
};

// Rates every post as engagement_rate does (saves excluded, like the
// benchmarks) into *tally; Cancelled if the host says stop.
cp::Status RatePosts(const cp::Input& in, const cp::Output& out, bool by_views,
                     PostTally* tally) {
  cb::EngagementOptions opt;
  opt.denominator =
      by_views ? cb::Denominator::kViews : cb::Denominator::kFollowers;
  const cp::SeriesView followers = in.account(0);
  size_t cursor = 0;  // In the followers series; posts come in order.
  for (size_t i = 0; i < in.post_count(); ++i) {
    if (i % 256 == 0 && out.Cancelled()) return cp::Status::Cancelled();
    const cb::PostEngagement e = cb::RatePost(
        in.post(i), followers, in.window_end_ms(), kFields, opt, &cursor);
    if (e.skip == cb::SkipReason::kNone) tally->rates.push_back(e.rate_percent);
    if (!std::isnan(e.likes) && !std::isnan(e.comments)) {
      tally->likes += e.likes;
      tally->comments += e.comments;
      ++tally->with_both;
    }
  }
  return cp::Status::Ok();
}

// 1. Engagement against the tier benchmark of the latest follower count.
cp::Status ScoreTier(const cp::Input& in, const cp::Output& out,
                     Scorecard& card, bool by_views,
                     const std::vector<double>& rates) {
  const cp::SeriesView followers = in.account(0);
  const std::optional<size_t> last =
      cb::LastBefore(followers, in.window_end_ms());
  if (!last) {
    card.Unavailable("engagement_vs_tier", "no followers sample, so no tier");
    return cp::Status::Ok();
  }
  if (rates.empty()) {
    card.Unavailable("engagement_vs_tier", "no post could be rated");
    return cp::Status::Ok();
  }
  return ScoreEngagement(out, card, by_views, followers.value(*last), rates);
}

// The bursts of `series` (the `counter` counts) before `window_end_ms`, or
// nullopt, with `component` marked unavailable, when no day has a baseline.
std::optional<cb::SpikeReport> DetectBursts(const cp::SeriesView& series,
                                            int64_t window_end_ms,
                                            const cb::SpikeOptions& spike,
                                            const char* component,
                                            const char* counter,
                                            Scorecard& card) {
  cb::SpikeReport report = cb::DetectSpikes(series, window_end_ms, spike);
  if (report.scored_days > 0) return report;
  card.Unavailable(component, std::string("too few daily ") + counter +
                                  " samples for a baseline");
  return std::nullopt;
}

// Whether a post published up to `explain_ms` before the burst, or during
// it, explains it.
bool Explained(const cp::Input& in, const cb::Burst& b, int64_t explain_ms) {
  bool ex = false;
  for (size_t i = 0; i < in.post_count() && !ex; ++i) {
    const int64_t t = in.post(i).published_ms();
    ex = t != 0 && t >= b.start_ms - explain_ms && t <= b.end_ms;
  }
  return ex;
}

// 2. Follower bursts no post explains.
cp::Status ScoreFollowerBursts(const cp::Input& in, const cp::Output& out,
                               Scorecard& card, const cb::SpikeReport& fr,
                               int64_t explain_ms) {
  std::vector<double> explained;
  double unexplained_excess = 0;
  size_t unexplained = 0, unexplained_days = 0;
  for (const cb::Burst& b : fr.bursts) {
    const bool ex = Explained(in, b, explain_ms);
    explained.push_back(ex ? 1.0 : 0.0);
    if (!ex) {
      ++unexplained;
      unexplained_days += b.last - b.first + 1;
      unexplained_excess += b.excess;
    }
  }
  const double share =
      fr.total_gain > 0 ? Clamp01(unexplained_excess / fr.total_gain) : 0;
  CLOUT_RETURN_IF_ERROR(card.Score(
      "follower_spikes", kWeightFollowerSpikes, 100 * (1 - share),
      "unexplained follower bursts: " + std::to_string(unexplained) + " (" +
          std::to_string(unexplained_days) + " days), adding " +
          FormatCount(unexplained_excess) + " followers beyond the baseline, " +
          FormatNumber(100 * share) + "% of the window's gain of " +
          FormatCount(fr.total_gain) +
          "; a burst is explained by a post published up to " +
          std::to_string(explain_ms / kHourMs) +
          " h before it (posts before the window are not seen)"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "follower_bursts_unexplained", static_cast<double>(unexplained),
      "rows keyed followers:<day> give each burst day's robust z-score"));
  CLOUT_RETURN_IF_ERROR(
      out.AddComponent("follower_bursts_explained",
                       static_cast<double>(fr.bursts.size() - unexplained)));
  return AddBurstRows(out, "followers", fr, explained);
}

// 3. Following-count bursts (mass following).
cp::Status ScoreFollowingBursts(const cp::Output& out, Scorecard& card,
                                const cb::SpikeReport& gr) {
  double excess = 0;
  for (const cb::Burst& b : gr.bursts) excess += b.excess;
  const double share = gr.total_gain > 0 ? Clamp01(excess / gr.total_gain) : 0;
  CLOUT_RETURN_IF_ERROR(card.Score(
      "following_spikes", kWeightFollowingSpikes, 100 * (1 - share),
      "following bursts: " + std::to_string(gr.bursts.size()) + ", adding " +
          FormatCount(excess) + " followings beyond the baseline, " +
          FormatNumber(100 * share) + "% of the window's gain"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("following_bursts",
                                         static_cast<double>(gr.bursts.size()),
                                         "rows keyed following:<day>"));
  return AddBurstRows(out, "following", gr,
                      std::vector<double>(gr.bursts.size(), cb::kNaN));
}

// 4. Comments per like.
cp::Status ScoreCommentLike(const cp::Output& out, Scorecard& card,
                            const PostTally& posts) {
  if (posts.likes <= 0) {
    card.Unavailable("comment_like_ratio", "no post with likes and comments");
    return cp::Status::Ok();
  }
  const double ratio = posts.comments / posts.likes;
  const double score =
      ratio > 0 ? 100 * Clamp01(std::log10(ratio / kCommentLikeZero) /
                                std::log10(kCommentLikeFull / kCommentLikeZero))
                : 0;
  CLOUT_RETURN_IF_ERROR(card.Score(
      "comment_like_ratio", kWeightCommentLike, score,
      FormatCount(posts.comments) + " comments / " + FormatCount(posts.likes) +
          " likes over " + std::to_string(posts.with_both) +
          " posts; 0 at or below 0.0002, 100 at or above 0.002 (a very "
          "low ratio is a bot-like signal)"));
  return out.AddComponent("comment_like_ratio", ratio);
}

// 5. Evenness of engagement across posts.
cp::Status ScoreEvenness(const cp::Output& out, Scorecard& card,
                         const std::vector<double>& rates) {
  const double mean = cb::Mean(rates);
  if (rates.size() < 3 || !(mean > 0)) {
    card.Unavailable("engagement_evenness",
                     "fewer than 3 rated posts with engagement");
    return cp::Status::Ok();
  }
  double ss = 0;
  for (double r : rates) ss += (r - mean) * (r - mean);
  const double cv = std::sqrt(ss / static_cast<double>(rates.size())) / mean;
  CLOUT_RETURN_IF_ERROR(
      card.Score("engagement_evenness", kWeightEvenness,
                 100 * Clamp01((kCvZero - cv) / (kCvZero - kCvFull)),
                 "coefficient of variation " + FormatNumber(cv) + " of " +
                     std::to_string(rates.size()) +
                     " posts' rates; 100 at or below 0.5, 0 at or above 2"));
  return out.AddComponent("engagement_cv", cv);
}

// The score from the components scored, or FailedPrecondition when too
// little of the weight had data.
cp::Status Finish(const cp::Output& out, const Scorecard& card) {
  if (card.coverage() < kMinCoverage - 1e-9) {
    return cp::Status::FailedPrecondition(
        "follower_quality: not enough data for a score (components without "
        "data: " +
        card.missing() + ")");
  }
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "data_coverage", card.coverage(),
      "share of the weight with data" +
          (card.missing().empty() ? std::string()
                                  : "; without data: " + card.missing()) +
          ". Note: " + kCaveat));
  return out.SetValue(card.value());
}

cp::Status FollowerQuality::Compute(const cp::Input& in, cp::Output& out) {
  const bool by_views = in.param(kVariant) == 1;
  if (!out.value_only()) {
    CLOUT_RETURN_IF_ERROR(out.SetVariant(kVariants[by_views ? 1 : 0],
                                         Formula(kVariants[by_views])));
  }
  const cb::SpikeOptions spike = SpikeOptionsOf(in);
  const int64_t explain_ms =
      static_cast<int64_t>(in.param(kExplainHours)) * kHourMs;
  Scorecard card(out);
  PostTally posts;
  CLOUT_RETURN_IF_ERROR(RatePosts(in, out, by_views, &posts));
  CLOUT_RETURN_IF_ERROR(ScoreTier(in, out, card, by_views, posts.rates));

  if (out.Cancelled()) return cp::Status::Cancelled();
  if (const auto fr = DetectBursts(in.account(0), in.window_end_ms(), spike,
                                   "follower_spikes", "follower", card)) {
    CLOUT_RETURN_IF_ERROR(ScoreFollowerBursts(in, out, card, *fr, explain_ms));
  }
  if (const auto gr = DetectBursts(in.account(1), in.window_end_ms(), spike,
                                   "following_spikes", "following", card)) {
    CLOUT_RETURN_IF_ERROR(ScoreFollowingBursts(out, card, *gr));
  }

  CLOUT_RETURN_IF_ERROR(ScoreCommentLike(out, card, posts));
  CLOUT_RETURN_IF_ERROR(ScoreEvenness(out, card, posts.rates));
  return Finish(out, card);
}

}  // namespace

CLOUT_DEFINE_PLUGIN("follower_quality", "1.0.0", FollowerQuality)

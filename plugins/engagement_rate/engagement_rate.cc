// engagement_rate: interactions per post relative to the creator's audience
// (by_followers) or to the post's views (by_views), in percent, aggregated
// as the mean or the median over the posts published in the window.
//
// Definitions and sources: docs/metrics.md. The per-post rate is computed by
// common/post_engagement.h, which follower_quality shares.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "clout/plugin.hpp"
#include "common/post_engagement.h"
#include "common/report.h"
#include "common/stats.h"

namespace {

namespace cp = clout::plugin;
namespace cb = clout::builtin;

constexpr int64_t kMaxMinViews = 1'000'000'000'000;

// Parameter positions in kParams.
enum Param : size_t { kVariant, kAggregation, kIncludeSaves, kMinViews };
// Post field positions in kPostFields.
constexpr cb::PostFields kFields = {/*views=*/0, /*likes=*/1, /*comments=*/2,
                                    /*shares=*/3, /*saves=*/4};

struct EngagementRate {
  static constexpr const char* kName = "engagement_rate";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr const char* kDescription =
      "Interactions per post (likes + comments + shares, saves optional) "
      "divided by the creator's followers at posting time (by_followers) or "
      "by the post's views (by_views), in percent; the mean or median over "
      "the posts published in the window, with one row per post.";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "percent";
  static constexpr bool kThreadSafe = true;
  // Each post's counts are its latest samples before the window's end
  // (RatePost), so the host may pass just those.
  static constexpr bool kLatestPostSamples = true;
  static constexpr std::array<const char*, 1> kAccountFields = {"followers"};
  static constexpr std::array<const char*, 5> kPostFields = {
      "views", "likes", "comments", "shares", "saves"};
  static constexpr std::array<const char*, 2> kVariants = {"by_followers",
                                                           "by_views"};
  static constexpr std::array<const char*, 2> kAggregations = {"mean",
                                                               "median"};
  static constexpr std::array<clout_param_spec_v1, 4> kParams = {
      cp::EnumParam("variant",
                    "Denominator: followers at posting time, or post views",
                    kVariants, 0),
      cp::EnumParam("aggregation", "How per-post rates are combined",
                    kAggregations, 0),
      cp::BoolParam("include_saves", "Count saves as interactions", false),
      cp::IntParam("min_views",
                   "by_views: skip posts with fewer views than this", 0, 0,
                   kMaxMinViews)};
  static constexpr std::array<const char*, 7> kRowColumns = {
      "interactions", "denominator", "rate_percent", "likes",
      "comments",     "shares",      "saves"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out);
};

// The formula text for the result, with the parameters substituted.
std::string Formula(const cb::EngagementOptions& opt, bool median) {
  std::string interactions = "likes_i + comments_i + shares_i";
  if (opt.include_saves) interactions += " + saves_i";
  std::string f = "rate_i = (" + interactions + ") / ";
  if (opt.denominator == cb::Denominator::kViews) {
    f += "views_i * 100, posts with views_i < min_views (" +
         std::to_string(opt.min_views) + ") or views_i = 0 skipped";
  } else {
    f += "followers(published_i) * 100, followers interpolated linearly "
         "between the samples around publication";
  }
  f += "; counts are each post's latest sample before the window end; "
       "value = ";
  f += median ? "median" : "mean";
  f += " of rate_i over the rated posts";
  return f;
}

// The metric's options from its parameters.
cb::EngagementOptions OptionsOf(const cp::Input& in) {
  cb::EngagementOptions opt;
  opt.denominator = in.param(kVariant) == 1 ? cb::Denominator::kViews
                                            : cb::Denominator::kFollowers;
  opt.include_saves = in.param(kIncludeSaves) != 0;
  opt.min_views = static_cast<int64_t>(in.param(kMinViews));
  return opt;
}

// Every post's rating, the rates of the rated ones, and what was counted
// over them.
struct Tally {
  std::vector<cb::PostEngagement> posts;  // One per input post, in order.
  std::vector<double> rates;              // Of the rated posts.
  int skipped[cb::kSkipReasonCount] = {};
  // Over the rated posts.
  int missing_comments = 0, missing_shares = 0, missing_saves = 0;
  int with_missing = 0, rounded = 0, extrapolated = 0, unknown_published = 0;
  // Of `rates`, for a full result.
  double mean = 0, median = 0;
};

// Rates every post into *tally; Cancelled if the host says stop.
cp::Status RatePosts(const cp::Input& in, const cp::Output& out,
                     const cb::EngagementOptions& opt, Tally* tally) {
  const cp::SeriesView followers = in.account(0);
  const size_t n = in.post_count();
  tally->posts.reserve(n);
  tally->rates.reserve(n);
  size_t cursor = 0;  // In the followers series; posts come in order.
  for (size_t i = 0; i < n; ++i) {
    if (i % 256 == 0 && out.Cancelled()) return cp::Status::Cancelled();
    const cb::PostEngagement e = cb::RatePost(
        in.post(i), followers, in.window_end_ms(), kFields, opt, &cursor);
    tally->posts.push_back(e);
    if (e.skip != cb::SkipReason::kNone) {
      ++tally->skipped[static_cast<int>(e.skip)];
      continue;
    }
    tally->rates.push_back(e.rate_percent);
    tally->missing_comments += e.missing_comments;
    tally->missing_shares += e.missing_shares;
    tally->missing_saves += e.missing_saves;
    tally->with_missing +=
        e.missing_comments || e.missing_shares || e.missing_saves;
    tally->rounded += e.rounded;
    tally->extrapolated += e.followers_extrapolated;
    tally->unknown_published += e.unknown_published;
  }
  return cp::Status::Ok();
}

// "no likes sample: 2, zero views: 1"; empty when no post was skipped.
std::string SkipNote(const Tally& tally) {
  std::string note;
  for (int r = 1; r < cb::kSkipReasonCount; ++r) {
    if (tally.skipped[r] == 0) continue;
    if (!note.empty()) note += ", ";
    note += cb::SkipReasonName(static_cast<cb::SkipReason>(r));
    note += ": " + std::to_string(tally.skipped[r]);
  }
  return note;
}

// The components of a full result: counts of posts, both aggregates and
// the quality of the counts used.
cp::Status AddComponents(const cp::Output& out, const Tally& tally,
                         const cb::EngagementOptions& opt, bool median,
                         const std::string& skip_note) {
  const size_t n = tally.posts.size();
  const size_t rated = tally.rates.size();
  CLOUT_RETURN_IF_ERROR(cb::AddPostsInWindow(out, n));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_rated", static_cast<double>(rated),
      std::string("the value is the ") + (median ? "median" : "mean") +
          " of these posts' rates"));
  CLOUT_RETURN_IF_ERROR(
      out.AddComponent("posts_skipped", static_cast<double>(n - rated),
                       skip_note.empty() ? "none" : skip_note));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("mean_rate_percent", tally.mean));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("median_rate_percent", tally.median));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_with_missing_counts", tally.with_missing,
      "rated posts where a count had no sample and counted as 0: comments " +
          std::to_string(tally.missing_comments) + ", shares " +
          std::to_string(tally.missing_shares) +
          (opt.include_saves ? ", saves " + std::to_string(tally.missing_saves)
                             : std::string())));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_with_rounded_counts", tally.rounded,
      "rated posts using a count the platform displayed rounded (e.g. "
      "1.2M): their rates are approximate"));
  if (opt.denominator == cb::Denominator::kViews) return cp::Status::Ok();
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_followers_extrapolated", tally.extrapolated,
      "rated posts published outside the followers series: the nearest "
      "followers sample was used"));
  return out.AddComponent(
      "posts_unknown_publication_time", tally.unknown_published,
      "rated posts of unknown publication time: followers were taken at "
      "the post's first sample");
}

cp::Status EngagementRate::Compute(const cp::Input& in, cp::Output& out) {
  const bool by_views = in.param(kVariant) == 1;
  const bool median = in.param(kAggregation) == 1;
  const cb::EngagementOptions opt = OptionsOf(in);
  if (!out.value_only()) {
    CLOUT_RETURN_IF_ERROR(
        out.SetVariant(kVariants[by_views ? 1 : 0], Formula(opt, median)));
  }

  Tally tally;
  CLOUT_RETURN_IF_ERROR(RatePosts(in, out, opt, &tally));
  const std::string skip_note = SkipNote(tally);
  const size_t n = in.post_count();
  if (n == 0) return cb::NoPostsInWindow("engagement_rate");
  if (tally.rates.empty()) {
    return cp::Status::FailedPrecondition(
        "engagement_rate: no post can be rated (" + std::to_string(n) +
        " in the window; " + skip_note + ")");
  }

  if (out.value_only()) {
    return out.SetValue(median ? cb::Median(tally.rates)
                               : cb::Mean(tally.rates));
  }
  tally.mean = cb::Mean(tally.rates);
  tally.median = cb::Median(tally.rates);
  CLOUT_RETURN_IF_ERROR(out.SetValue(median ? tally.median : tally.mean));
  CLOUT_RETURN_IF_ERROR(AddComponents(out, tally, opt, median, skip_note));
  return cb::AddPostRows(in, out, [&tally](size_t i) {
    const cb::PostEngagement& e = tally.posts[i];
    return std::array<double, kRowColumns.size()>{
        e.interactions, e.denominator, e.rate_percent, e.likes,
        e.comments,     e.shares,      e.saves};
  });
}

}  // namespace

CLOUT_DEFINE_PLUGIN("engagement_rate", "1.0.0", EngagementRate)

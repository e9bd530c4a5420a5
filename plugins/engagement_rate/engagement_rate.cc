// engagement_rate: interactions per post relative to the creator's audience
// (by_followers) or to the post's views (by_views), in percent, aggregated
// as the mean or the median over the posts published in the window.
//
// Definitions and sources: docs/metrics.md. The per-post rate is computed by
// post_engagement.h, which follower_quality shares.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "clout/plugin.hpp"
#include "post_engagement.h"

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

cp::Status EngagementRate::Compute(const cp::Input& in, cp::Output& out) {
  const bool by_views = in.param(kVariant) == 1;
  const bool median = in.param(kAggregation) == 1;
  cb::EngagementOptions opt;
  opt.denominator =
      by_views ? cb::Denominator::kViews : cb::Denominator::kFollowers;
  opt.include_saves = in.param(kIncludeSaves) != 0;
  opt.min_views = static_cast<int64_t>(in.param(kMinViews));
  if (!out.value_only()) {
    CLOUT_RETURN_IF_ERROR(
        out.SetVariant(kVariants[by_views ? 1 : 0], Formula(opt, median)));
  }

  const cp::SeriesView followers = in.account(0);
  const size_t n = in.post_count();
  std::vector<cb::PostEngagement> posts;
  posts.reserve(n);
  std::vector<double> rates;
  rates.reserve(n);
  int skipped[cb::kSkipReasonCount] = {};
  int missing_comments = 0, missing_shares = 0, missing_saves = 0;
  int with_missing = 0, rounded = 0, extrapolated = 0, unknown_published = 0;
  size_t cursor = 0;  // In the followers series; posts come in order.
  for (size_t i = 0; i < n; ++i) {
    if (i % 256 == 0 && out.Cancelled()) return cp::Status::Cancelled();
    const cb::PostEngagement e =
        cb::RatePost(in.post(i), followers, in.window_end_ms(), kFields, opt,
                     &cursor);
    posts.push_back(e);
    if (e.skip != cb::SkipReason::kNone) {
      ++skipped[static_cast<int>(e.skip)];
      continue;
    }
    rates.push_back(e.rate_percent);
    missing_comments += e.missing_comments;
    missing_shares += e.missing_shares;
    missing_saves += e.missing_saves;
    with_missing += e.missing_comments || e.missing_shares || e.missing_saves;
    rounded += e.rounded;
    extrapolated += e.followers_extrapolated;
    unknown_published += e.unknown_published;
  }

  std::string skip_note;
  for (int r = 1; r < cb::kSkipReasonCount; ++r) {
    if (skipped[r] == 0) continue;
    if (!skip_note.empty()) skip_note += ", ";
    skip_note += cb::SkipReasonName(static_cast<cb::SkipReason>(r));
    skip_note += ": " + std::to_string(skipped[r]);
  }
  if (n == 0) {
    return cp::Status::FailedPrecondition(
        "engagement_rate: no posts in the window; it needs at least one post "
        "published in [window_start, window_end)");
  }
  if (rates.empty()) {
    return cp::Status::FailedPrecondition(
        "engagement_rate: no post can be rated (" + std::to_string(n) +
        " in the window; " + skip_note + ")");
  }

  if (out.value_only()) {
    return out.SetValue(median ? cb::Median(rates) : cb::Mean(rates));
  }
  const double mean = cb::Mean(rates);
  const double med = cb::Median(rates);
  CLOUT_RETURN_IF_ERROR(out.SetValue(median ? med : mean));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_in_window", static_cast<double>(n),
      "posts passed by the host: published in the window, or of unknown "
      "publication time with samples in it"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_rated", static_cast<double>(rates.size()),
      std::string("the value is the ") + (median ? "median" : "mean") +
          " of these posts' rates"));
  CLOUT_RETURN_IF_ERROR(
      out.AddComponent("posts_skipped", static_cast<double>(n - rates.size()),
                       skip_note.empty() ? "none" : skip_note));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("mean_rate_percent", mean));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("median_rate_percent", med));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_with_missing_counts", with_missing,
      "rated posts where a count had no sample and counted as 0: comments " +
          std::to_string(missing_comments) + ", shares " +
          std::to_string(missing_shares) +
          (opt.include_saves ? ", saves " + std::to_string(missing_saves)
                             : std::string())));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_with_rounded_counts", rounded,
      "rated posts using a count the platform displayed rounded (e.g. "
      "1.2M): their rates are approximate"));
  if (!by_views) {
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "posts_followers_extrapolated", extrapolated,
        "rated posts published outside the followers series: the nearest "
        "followers sample was used"));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "posts_unknown_publication_time", unknown_published,
        "rated posts of unknown publication time: followers were taken at "
        "the post's first sample"));
  }

  for (size_t i = 0; i < n; ++i) {
    const cb::PostEngagement& e = posts[i];
    const std::array<double, kRowColumns.size()> row = {
        e.interactions, e.denominator, e.rate_percent, e.likes,
        e.comments,     e.shares,      e.saves};
    const cp::PostView post = in.post(i);
    CLOUT_RETURN_IF_ERROR(out.AddRow(post.id(), post.published_ms(), row));
  }
  return cp::Status::Ok();
}

}  // namespace

CLOUT_DEFINE_PLUGIN("engagement_rate", "1.0.0", EngagementRate)

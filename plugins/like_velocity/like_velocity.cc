// like_velocity: how fast a creator's posts collect likes in their first h
// hours, as likes per hour, and each post's velocity relative to the
// creator's median.
//
// Per post, with h = the `hours` parameter:
//   start      = the publication time; likes at start = the last sample at
//                or before publication, or 0 if there is none. With an
//                unknown publication time, the first sample is the start.
//   likes(t_h) = likes at start + h, interpolated linearly between the two
//                points around it (the zero at publication counts as a
//                point), exact when a sample falls on it.
//   velocity   = (likes(t_h) - likes at start) / h.
// Posts whose samples end before start + h are skipped. The value is the
// median velocity; relative_velocity = velocity / median. Rows name the two
// points used so users can judge each estimate. Definitions and sources:
// docs/metrics.md.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "clout/plugin.hpp"
#include "common/report.h"
#include "common/samples.h"
#include "common/stats.h"

namespace {

namespace cp = clout::plugin;
namespace cb = clout::builtin;

using cb::kFlagRounded;
using cb::kHourMs;
using cb::kNaN;

// Why a post has no velocity.
enum class Skip { kNone, kNoLikes, kNotReachingH };

// The estimate for one post; NaN where not available.
struct Velocity {
  Skip skip = Skip::kNone;
  double velocity = kNaN;
  double likes_at_h = kNaN;
  double before_ms = kNaN;  // Point before (or at) start + h.
  double after_ms = kNaN;   // Point at or after start + h.
  bool interpolated = false;
  double start_ms = kNaN;
  double likes_at_start = kNaN;
  bool unknown_published = false;
  bool from_publication_zero = false;  // The point before is the zero.
  bool rounded = false;
};

// A point of a post's likes curve: a sample, or the zero at publication.
struct CurvePoint {
  int64_t t;
  double likes;
  uint32_t flags;
};

// Estimates one post's velocity over `hours` from its likes samples before
// `window_end_ms`.
Velocity Estimate(const cp::PostView& post, int64_t hours,
                  int64_t window_end_ms) {
  Velocity v;
  const cp::SeriesView likes = post.field(0);
  const size_t n = likes.LowerBound(window_end_ms);  // Samples in the window.
  if (n == 0) {
    v.skip = Skip::kNoLikes;
    return v;
  }
  std::vector<CurvePoint> curve;
  curve.reserve(n + 1);
  int64_t start = post.published_ms();
  bool zero_at_start = false;
  if (start == 0) {
    v.unknown_published = true;
    start = likes.timestamp(0);
  } else if (likes.timestamp(0) > start) {
    zero_at_start = true;  // No sample at or before publication.
    curve.push_back({start, 0.0, 0});
  }
  for (size_t i = 0; i < n; ++i) {
    curve.push_back({likes.timestamp(i), static_cast<double>(likes.value(i)),
                     likes.flags(i)});
  }
  // Likes at start: the last point at or before it.
  const auto at_or_before = [&](int64_t t) {
    size_t k = 0;
    while (k + 1 < curve.size() && curve[k + 1].t <= t) ++k;
    return k;
  };
  const CurvePoint& s = curve[at_or_before(start)];
  v.start_ms = static_cast<double>(start);
  v.likes_at_start = s.likes;

  const int64_t t_h = start + hours * kHourMs;
  const auto after =
      std::find_if(curve.begin(), curve.end(),
                   [&](const CurvePoint& p) { return p.t >= t_h; });
  if (after == curve.end()) {
    v.skip = Skip::kNotReachingH;
    v.before_ms = static_cast<double>(curve.back().t);
    return v;
  }
  // curve[0].t <= start < t_h, so a point before `after` exists.
  const CurvePoint& a = *after;
  const CurvePoint& b = a.t == t_h ? a : *(after - 1);
  v.before_ms = static_cast<double>(b.t);
  v.after_ms = static_cast<double>(a.t);
  v.interpolated = a.t != t_h;
  v.from_publication_zero = zero_at_start && &b == &curve[0];
  v.likes_at_h = v.interpolated ? b.likes + (a.likes - b.likes) *
                                                static_cast<double>(t_h - b.t) /
                                                static_cast<double>(a.t - b.t)
                                : a.likes;
  v.rounded = ((a.flags | b.flags | s.flags) & kFlagRounded) != 0;
  v.velocity = (v.likes_at_h - v.likes_at_start) / static_cast<double>(hours);
  return v;
}

struct LikeVelocity {
  static constexpr const char* kName = "like_velocity";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr const char* kDescription =
      "Likes per hour over the first h hours after publishing (likes at "
      "publication + h interpolated linearly between samples), the median "
      "over the posts in the window, and each post's velocity relative to "
      "that median.";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "likes per hour";
  static constexpr bool kThreadSafe = true;
  static constexpr std::array<const char*, 0> kAccountFields = {};
  static constexpr std::array<const char*, 1> kPostFields = {"likes"};
  static constexpr std::array<clout_param_spec_v1, 1> kParams = {cp::IntParam(
      "hours", "Hours after publishing the velocity covers", 24, 1, 720)};
  static constexpr std::array<const char*, 8> kRowColumns = {
      "velocity_per_hour", "likes_at_h",    "sample_before_ms",
      "sample_after_ms",   "interpolated",  "relative_velocity",
      "start_ms",          "likes_at_start"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out);
};

std::string Formula(int64_t hours) {
  const std::string h = std::to_string(hours);
  return "velocity_i = (likes_i(start_i + " + h + " h) - likes_i(start_i)) / " +
         h +
         " h; start_i = publication time, likes_i(start_i) = last sample at "
         "or before it, else 0 (unknown publication time: the first sample "
         "is start_i); likes_i(t) interpolated linearly between the points "
         "around t; value = median_i(velocity_i); relative_velocity_i = "
         "velocity_i / value";
}

// Every post's estimate, the velocities of the rated ones, and what was
// counted over them.
struct Tally {
  std::vector<Velocity> posts;         // One per input post, in order.
  std::vector<double> velocities;      // Of the rated posts.
  int no_likes = 0, not_reaching = 0;  // Skipped posts, by reason.
  // Over the rated posts.
  int unknown = 0, interpolated = 0, from_zero = 0, rounded = 0;
};

// Estimates every post into *tally; Cancelled if the host says stop.
cp::Status EstimatePosts(const cp::Input& in, const cp::Output& out,
                         int64_t hours, Tally* tally) {
  const size_t n = in.post_count();
  tally->posts.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (i % 256 == 0 && out.Cancelled()) return cp::Status::Cancelled();
    tally->posts.push_back(Estimate(in.post(i), hours, in.window_end_ms()));
    const Velocity& v = tally->posts.back();
    tally->no_likes += v.skip == Skip::kNoLikes;
    tally->not_reaching += v.skip == Skip::kNotReachingH;
    if (v.skip != Skip::kNone) continue;
    tally->velocities.push_back(v.velocity);
    tally->unknown += v.unknown_published;
    tally->interpolated += v.interpolated;
    tally->from_zero += v.from_publication_zero;
    tally->rounded += v.rounded;
  }
  return cp::Status::Ok();
}

// The components of a full result: counts of posts, the mean, and the
// quality of the estimates.
cp::Status AddComponents(const cp::Output& out, const Tally& tally,
                         int64_t hours) {
  const std::vector<double>& velocities = tally.velocities;
  double sum = 0;
  for (double x : velocities) sum += x;
  CLOUT_RETURN_IF_ERROR(cb::AddPostsInWindow(out, tally.posts.size()));
  CLOUT_RETURN_IF_ERROR(
      out.AddComponent("posts_rated", static_cast<double>(velocities.size()),
                       "the value is the median of these posts' velocities"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_not_reaching_h", tally.not_reaching,
      "skipped: their likes samples end before start + " +
          std::to_string(hours) +
          " h (the host passes samples up to the window end)"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent("posts_without_likes", tally.no_likes,
                                         "skipped: no likes sample"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "mean_velocity_per_hour", sum / static_cast<double>(velocities.size())));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_interpolated", tally.interpolated,
      "rated posts whose likes at start + h lie between two points"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_from_publication_zero", tally.from_zero,
      "rated posts interpolated from 0 likes at publication to their first "
      "sample (no sample between): a coarse estimate"));
  CLOUT_RETURN_IF_ERROR(out.AddComponent(
      "posts_unknown_publication_time", tally.unknown,
      "rated posts of unknown publication time: h counted from their first "
      "sample"));
  return out.AddComponent(
      "posts_with_rounded_likes", tally.rounded,
      "rated posts using a likes count the platform displayed rounded: "
      "their velocity is approximate");
}

// The row of post `v`; relative_velocity against `median`.
std::array<double, LikeVelocity::kRowColumns.size()> RowOf(const Velocity& v,
                                                           double median) {
  const double relative =
      v.skip == Skip::kNone && median != 0 ? v.velocity / median : kNaN;
  return {v.velocity,
          v.likes_at_h,
          v.before_ms,
          v.after_ms,
          v.skip == Skip::kNone ? (v.interpolated ? 1.0 : 0.0) : kNaN,
          relative,
          v.start_ms,
          v.likes_at_start};
}

cp::Status LikeVelocity::Compute(const cp::Input& in, cp::Output& out) {
  const int64_t hours = static_cast<int64_t>(in.param(0));
  if (!out.value_only()) {
    CLOUT_RETURN_IF_ERROR(out.SetVariant("first_hours_linear", Formula(hours)));
  }
  Tally tally;
  CLOUT_RETURN_IF_ERROR(EstimatePosts(in, out, hours, &tally));
  const size_t n = in.post_count();
  if (n == 0) return cb::NoPostsInWindow("like_velocity");
  if (tally.velocities.empty()) {
    return cp::Status::FailedPrecondition(
        "like_velocity: no post has likes samples reaching " +
        std::to_string(hours) + " h after publication (" + std::to_string(n) +
        " in the window; no likes samples: " + std::to_string(tally.no_likes) +
        ", samples ending before " + std::to_string(hours) +
        " h: " + std::to_string(tally.not_reaching) + ")");
  }

  const double median = cb::Median(tally.velocities);
  CLOUT_RETURN_IF_ERROR(out.SetValue(median));
  if (out.value_only()) return cp::Status::Ok();
  CLOUT_RETURN_IF_ERROR(AddComponents(out, tally, hours));
  return cb::AddPostRows(in, out, [&tally, median](size_t i) {
    return RowOf(tally.posts[i], median);
  });
}

}  // namespace

CLOUT_DEFINE_PLUGIN("like_velocity", "1.0.0", LikeVelocity)

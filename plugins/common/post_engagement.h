// post_engagement.h: the per-post engagement rate of clout's built-in
// metrics, shared by engagement_rate and follower_quality so that both rate
// a post the same way. RatePost is inline (it runs once per post); uses only
// the public plugin SDK.
//
// A post's rate, in percent:
//   by_followers: (likes + comments + shares [+ saves]) / followers(t) * 100
//                 where t is the publication time and followers(t) is
//                 interpolated linearly between the account samples around
//                 t (the host passes the last sample before the window);
//   by_views:     (likes + comments + shares [+ saves]) / views * 100.
// Each count is the post's latest sample before the window's end. Missing
// comments, shares or saves series count as 0 (some platforms do not expose
// them) and are reported; a post without a likes sample cannot be rated.
#ifndef CLOUT_PLUGINS_COMMON_POST_ENGAGEMENT_H_
#define CLOUT_PLUGINS_COMMON_POST_ENGAGEMENT_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "clout/plugin.hpp"
#include "common/samples.h"
#include "common/stats.h"

namespace clout::builtin {

inline constexpr size_t kNoField = static_cast<size_t>(-1);

enum class Denominator { kFollowers, kViews };

// Where each post field sits in the metric's kPostFields (kNoField: the
// metric does not read it).
struct PostFields {
  size_t views = kNoField;
  size_t likes = kNoField;
  size_t comments = kNoField;
  size_t shares = kNoField;
  size_t saves = kNoField;
};

struct EngagementOptions {
  Denominator denominator = Denominator::kFollowers;
  bool include_saves = false;
  // by_views: posts with fewer views are skipped.
  int64_t min_views = 0;
};

// Why a post got no rate. Order matches SkipReasonName().
enum class SkipReason {
  kNone,
  kNoLikes,        // No likes sample before the window's end.
  kNoViews,        // by_views: no views sample.
  kBelowMinViews,  // by_views: views < min_views.
  kZeroViews,      // by_views: views == 0 (zero denominator).
  kNoFollowers,    // by_followers: no followers sample at all.
  kZeroFollowers,  // by_followers: followers at posting time == 0.
};
inline constexpr int kSkipReasonCount = 7;

// A short text for `r` ("no likes sample"), for notes.
const char* SkipReasonName(SkipReason r);

// The rating of one post. Counts are NaN where the series is empty.
struct PostEngagement {
  double likes = kNaN;
  double comments = kNaN;
  double shares = kNaN;
  double saves = kNaN;
  double interactions = kNaN;  // NaN without likes.
  double denominator = kNaN;   // Followers at posting time, or views.
  double rate_percent = kNaN;  // NaN unless skip == kNone.
  SkipReason skip = SkipReason::kNone;
  bool missing_comments = false;  // Counted as 0.
  bool missing_shares = false;    // Counted as 0.
  bool missing_saves = false;     // Counted as 0 (only with include_saves).
  bool rounded = false;           // A sample used carries the rounded flag.
  // by_followers: the posting time was outside the followers series, so the
  // nearest sample was used.
  bool followers_extrapolated = false;
  // by_followers: publication time unknown; the post's first sample time
  // stood in for it.
  bool unknown_published = false;
};

// Followers at time t: interpolated between the samples around t, or the
// nearest sample when t is outside the series (*extrapolated set).
// `cursor`, if given, carries the search position from one call to the next
// (SeriesView::LowerBoundFrom): posts come in publication order.
// Precondition: !followers.empty().
inline double FollowersAt(const plugin::SeriesView& followers, int64_t t,
                          bool* extrapolated, bool* rounded,
                          size_t* cursor = nullptr) {
  const size_t n = followers.size();
  // First sample at or after t.
  const size_t i = cursor == nullptr ? followers.LowerBound(t)
                                     : followers.LowerBoundFrom(*cursor, t);
  if (cursor != nullptr) *cursor = i;
  size_t lo = i;
  size_t hi = i;
  if (i == n) {
    lo = hi = n - 1;  // After the last sample.
  } else if (followers.timestamp(i) != t && i > 0) {
    lo = i - 1;  // Between two samples.
  }              // Else exactly at sample i, or before the first sample.
  *extrapolated = lo == hi && followers.timestamp(lo) != t;
  *rounded = ((followers.flags(lo) | followers.flags(hi)) & kFlagRounded) != 0;
  if (lo == hi) return static_cast<double>(followers.value(lo));
  // Between samples lo and hi (= lo + 1), as SeriesView::Interpolate would
  // find them again.
  const double t0 = static_cast<double>(followers.timestamp(lo));
  const double t1 = static_cast<double>(followers.timestamp(hi));
  const double v0 = static_cast<double>(followers.value(lo));
  const double v1 = static_cast<double>(followers.value(hi));
  return v0 + (v1 - v0) * (static_cast<double>(t) - t0) / (t1 - t0);
}

// Earliest sample time across the post's fields, or nullopt if none.
inline std::optional<int64_t> FirstSampleTime(const plugin::PostView& post,
                                              const PostFields& f) {
  std::optional<int64_t> first;
  for (size_t idx : {f.views, f.likes, f.comments, f.shares, f.saves}) {
    if (idx == kNoField) continue;
    const plugin::SeriesView s = post.field(idx);
    if (s.empty()) continue;
    if (!first || s.timestamp(0) < *first) first = s.timestamp(0);
  }
  return first;
}

// Rates one post. `followers` is the account's followers series (only read
// by_followers); `window_end_ms` bounds the samples used; `followers_cursor`
// is FollowersAt's cursor, for callers that rate posts in order.
inline PostEngagement RatePost(const plugin::PostView& post,
                               const plugin::SeriesView& followers,
                               int64_t window_end_ms, const PostFields& f,
                               const EngagementOptions& opt,
                               size_t* followers_cursor = nullptr) {
  PostEngagement e;
  // Latest count of field `idx` before the window's end; NaN if none.
  auto latest = [&](size_t idx) {
    if (idx == kNoField) return kNaN;
    const plugin::SeriesView s = post.field(idx);
    const std::optional<size_t> i = LastBefore(s, window_end_ms);
    if (!i) return kNaN;
    if (s.flags(*i) & kFlagRounded) e.rounded = true;
    return static_cast<double>(s.value(*i));
  };
  e.likes = latest(f.likes);
  e.comments = latest(f.comments);
  e.shares = latest(f.shares);
  if (opt.include_saves) e.saves = latest(f.saves);

  if (std::isnan(e.likes)) {
    e.skip = SkipReason::kNoLikes;
  } else {
    e.missing_comments = std::isnan(e.comments);
    e.missing_shares = std::isnan(e.shares);
    e.missing_saves = opt.include_saves && std::isnan(e.saves);
    e.interactions = e.likes + (e.missing_comments ? 0 : e.comments) +
                     (e.missing_shares ? 0 : e.shares) +
                     (opt.include_saves && !e.missing_saves ? e.saves : 0);
  }

  if (opt.denominator == Denominator::kViews) {
    e.denominator = latest(f.views);
    if (e.skip != SkipReason::kNone) return e;
    if (std::isnan(e.denominator)) {
      e.skip = SkipReason::kNoViews;
    } else if (e.denominator < static_cast<double>(opt.min_views)) {
      e.skip = SkipReason::kBelowMinViews;
    } else if (e.denominator == 0) {
      e.skip = SkipReason::kZeroViews;
    }
  } else {
    if (followers.empty()) {
      if (e.skip == SkipReason::kNone) e.skip = SkipReason::kNoFollowers;
      return e;
    }
    int64_t t = post.published_ms();
    if (t == 0) {
      e.unknown_published = true;
      t = FirstSampleTime(post, f).value_or(window_end_ms);
    }
    bool rounded = false;
    e.denominator = FollowersAt(followers, t, &e.followers_extrapolated,
                                &rounded, followers_cursor);
    e.rounded = e.rounded || rounded;
    if (e.skip == SkipReason::kNone && e.denominator == 0) {
      e.skip = SkipReason::kZeroFollowers;
    }
  }
  if (e.skip == SkipReason::kNone) {
    e.rate_percent = e.interactions / e.denominator * 100.0;
  }
  return e;
}

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_COMMON_POST_ENGAGEMENT_H_

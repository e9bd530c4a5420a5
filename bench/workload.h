// Synthetic creator-analytics workload for benchmarks and tests.
//
// The generator produces the time series that a scraper of a short-video
// platform would record for a population of creators: hourly account counters
// (followers, following, likes_total, posts_total) and, for every post, its
// engagement counters (views, likes, comments, shares, saves), hourly for the
// first 72 hours after publishing and daily afterwards.
//
// Determinism contract: the output depends only on the WorkloadOptions value.
// The same options give byte-identical series on every platform and compiler
// that implements IEEE-754 binary64 arithmetic without fused multiply-add
// contraction (the implementation uses its own PRNG and its own exp/log built
// from +, -, *, / only; it never uses <random> distributions or libm
// transcendental functions).
//
// Model summary (all "per creator" parameters are drawn from the creator's own
// random streams, so creators are independent of each other):
//  * followers: initial value log-uniform in [10k, 50M]; organic growth of
//    0.02-0.5 %/day whose rate drifts slowly (mean-reverting random walk);
//    hourly net gains are Poisson-distributed around the expected gain with a
//    little extra (lognormal) dispersion and a daily rhythm that peaks in the
//    creator's local evening; each viral post triggers a burst of several days
//    in which growth peaks at 5-50x; rare purges (about one per creator and
//    half-year) remove 0.05-0.5 %.
//  * following: 50-2000, changes rarely by small steps.
//  * posts_total: an older baseline plus 1 for every post published so far.
//  * likes_total: an older baseline plus the sum, over the creator's posts, of
//    each post's like counter at that hour (so it is consistent with the posts
//    and non-decreasing).
//  * posts: about options.posts_per_creator per creator (between 0.5x and
//    1.5x, depending on the creator), published at a random instant of the
//    period, mostly in the creator's local afternoon and evening. Expected
//    total views scale with the follower count at publishing time, with a
//    creator-specific reach, lognormal per-post variation and a 4 % chance of
//    going viral (10-100x). Cumulative views follow a saturating curve (most
//    views within 1-3 days, then a long hyperbolic tail); likes are 3-12 % of
//    views, comments 0.5-3 %, shares 2-10 % and saves 3-15 % of likes, all with
//    Poisson noise. Every post counter is non-decreasing.
//  * scraping gaps: about 1 % of the scheduled scrapes of a creator are missing
//    (isolated hours and short outages); a missing scrape drops the account
//    samples and any post samples of that hour, except that the first sample
//    of a post is never dropped. There is no timestamp jitter.
#ifndef CLOUT_BENCH_WORKLOAD_H_
#define CLOUT_BENCH_WORKLOAD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace clout::bench {

// One time series. timestamps_ms is strictly increasing, values has the same
// size and every value is >= 0. A generated series is never empty.
struct SeriesData {
  std::string creator_id;  // e.g. "synth:000123"
  std::string post_id;     // empty for account series
  // Account series: followers, following, likes_total, posts_total.
  // Post series: views, likes, comments, shares, saves.
  std::string field;
  std::vector<int64_t> timestamps_ms;
  std::vector<int64_t> values;
};

struct WorkloadOptions {
  uint64_t seed = 42;
  int creators = 500;
  int days = 90;
  int posts_per_creator = 20;
  // Start of the period. Sampling instants are start_ms + k hours, so this
  // should be on the hour. Default: 2025-01-01T00:00:00Z.
  int64_t start_ms = 1735689600000;
};

struct PostInfo {
  std::string creator_id;
  std::string post_id;
  int64_t published_ms;
};

// Hour of the day, counted from start_ms, at which posts older than 72 hours
// are sampled (with the default start_ms: 12:00 UTC).
inline constexpr int kPostDailySampleHour = 12;
// Number of hourly samples a post gets before it switches to daily sampling.
inline constexpr int kPostHourlySamples = 72;

// The creator id of creator `creator_index`: "synth:" followed by the index
// written with at least 6 digits ("synth:000123").
std::string CreatorId(int creator_index);

// Generates every series of creator `creator_index` (0 <= creator_index <
// options.creators) and hands each one to `sink`, in this order: followers,
// following, likes_total, posts_total, then for each post in publishing order
// views, likes, comments, shares, saves. Creators are independent, so
// different creators may be generated concurrently from different threads
// (`sink` must then be thread-safe itself). Nothing is emitted when
// options.days <= 0 or creator_index is out of range.
void GenerateCreator(const WorkloadOptions& options, int creator_index,
                     const std::function<void(SeriesData&&)>& sink);

// Generates all creators in index order; equivalent to calling
// GenerateCreator for 0, 1, ..., options.creators - 1.
void Generate(const WorkloadOptions& options,
              const std::function<void(SeriesData&&)>& sink);

// The posts of creator `creator_index` in publishing order (the same posts,
// ids and publishing instants that GenerateCreator emits series for), e.g. for
// metadata upserts. Cheap: it does not simulate any counter. Every
// published_ms lies in [start_ms, start_ms + days * 24 h - 2 h).
std::vector<PostInfo> Posts(const WorkloadOptions& options, int creator_index);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_WORKLOAD_H_

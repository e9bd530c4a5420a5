// tier_benchmarks.h: published engagement-rate benchmarks by follower tier,
// used by follower_quality to judge a creator's engagement against
// creators of the same size. Sources and caveats: docs/metrics.md.
#ifndef CLOUT_PLUGINS_FOLLOWER_QUALITY_TIER_BENCHMARKS_H_
#define CLOUT_PLUGINS_FOLLOWER_QUALITY_TIER_BENCHMARKS_H_

#include <array>
#include <cstdint>

namespace clout::builtin {

// A follower tier [min_followers, next tier's min) and its benchmark.
struct TierBenchmark {
  int64_t min_followers;
  const char* tier;           // e.g. "100K-1M".
  double engagement_percent;  // The benchmark engagement rate.
};

// by_followers: HypeAuditor's Instagram engagement-rate benchmark (March
// 2018, about 37,000 accounts, 90 days), median ER per tier, where ER =
// (likes + comments) / followers.
inline constexpr std::array<TierBenchmark, 6> kByFollowersBenchmarks = {{
    {0, "0-1K", 16.99},
    {1'000, "1K-5K", 6.45},
    {5'000, "5K-20K", 3.76},
    {20'000, "20K-100K", 2.63},
    {100'000, "100K-1M", 2.57},
    {1'000'000, "1M+", 2.56},
}};
inline constexpr const char* kByFollowersSource =
    "HypeAuditor Instagram engagement benchmark 2018, median ER of the tier";

// by_views: Rival IQ's 2023 TikTok Benchmark Report, engagement rate by
// view ((likes + comments + shares) / views). It gives 3.8% under 5K
// followers and 7.5% over 1M; between them clout uses the report's average
// over all accounts, 4.14%.
inline constexpr std::array<TierBenchmark, 3> kByViewsBenchmarks = {{
    {0, "0-5K", 3.8},
    {5'000, "5K-1M", 4.14},
    {1'000'000, "1M+", 7.5},
}};
inline constexpr const char* kByViewsSource =
    "Rival IQ 2023 TikTok Benchmark Report, engagement rate by view";

// The benchmark of the tier `followers` falls in.
template <size_t N>
constexpr const TierBenchmark& TierOf(const std::array<TierBenchmark, N>& table,
                                      int64_t followers) {
  size_t i = 0;
  while (i + 1 < N && followers >= table[i + 1].min_followers) ++i;
  return table[i];
}

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_FOLLOWER_QUALITY_TIER_BENCHMARKS_H_

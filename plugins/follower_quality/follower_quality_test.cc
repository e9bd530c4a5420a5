// Tests of the follower_quality plugin, loaded from its .so through the
// plugin harness: sub-scores and the spike detector worked out by hand,
// rounding tolerance, and the genuine bursts of the real TikTok data.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "testing/csv_reader.h"
#include "testing/plugin_harness.h"

namespace clout::plugin_testing {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kJune1 = 19'144 * kDay;  // 2022-06-01T00:00:00Z.

// Noon of day d after 2022-06-01.
int64_t Noon(int64_t d) { return kJune1 + d * kDay + 12 * kHour; }

class FollowerQualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    plugin_ = Plugin::Open(CLOUT_PLUGIN_PATH, &error);
    ASSERT_NE(plugin_, nullptr) << error;
  }
  Result Run(const Inputs& in) const {
    return plugin_->Compute("follower_quality", in);
  }
  std::unique_ptr<Plugin> plugin_;
};

// Row keys of the result that start with `prefix`.
std::set<std::string> RowKeys(const Result& r, const std::string& prefix) {
  std::set<std::string> keys;
  for (const Row& row : r.rows) {
    if (row.key.rfind(prefix, 0) == 0) keys.insert(row.key);
  }
  return keys;
}

// Followers at noon of days 0..20: 10,003 + 100 a day, except day 11 which
// adds 1,000 (counts end in 3, so the rounding step is 1).
Inputs SpikeFixture() {
  Inputs in;
  in.window_start_ms = kJune1;
  in.window_end_ms = kJune1 + 21 * kDay;
  int64_t f = 10'003;
  Series& followers = in.account["followers"];
  for (int64_t d = 0; d <= 20; ++d) {
    if (d > 0) f += d == 11 ? 1'000 : 100;
    followers.Add(Noon(d), f);
  }
  return in;
}

TEST_F(FollowerQualityTest, UnexplainedSpikeWorkedByHand) {
  // Day 11 (2022-06-12): its baseline is days 1..10, all +100: every
  // pairwise slope is 100, so m = 100 and MAD = 0. Rounding step q = 1.
  // var_nat = max(0 - 1/6, (0.001 * 11,003)^2) = 11.003^2 = 121.066009.
  // sigma = sqrt(121.066009 + 1/6) = 11.0106; z = (1,000 - 100) / sigma
  // = 81.74. Day 12's baseline holds day 11, but the Theil-Sen slope
  // (55 of 66 pairs at 100) and the MAD stay at 100 and 0: z = 0, so the
  // burst is day 11 alone: E = 900, Z = z. Material: 900 >= max(2% of
  // 11,003, 100).
  // Gain in the window: 19 * 100 + 1,000 = 2,900; unexplained share
  // 900 / 2,900, score 100 * (1 - 9/29) = 2,000 / 29. No other component
  // has data (no posts, no following series): coverage 0.30, value =
  // that score.
  const Result r = Run(SpikeFixture());
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.variant, "by_followers");
  const double sigma = std::sqrt(11.003 * 11.003 + 1.0 / 6);
  EXPECT_EQ(RowKeys(r, ""), std::set<std::string>{"followers:2022-06-12"});
  const std::string day = "followers:2022-06-12";
  EXPECT_DOUBLE_EQ(r.Cell(day, "delta_per_day"), 1'000);
  EXPECT_DOUBLE_EQ(r.Cell(day, "baseline_per_day"), 100);
  EXPECT_NEAR(r.Cell(day, "sigma_per_day"), sigma, 1e-9);
  EXPECT_NEAR(r.Cell(day, "day_z"), 900 / sigma, 1e-9);
  EXPECT_NEAR(r.Cell(day, "burst_z"), 900 / sigma, 1e-9);
  EXPECT_NEAR(r.Cell(day, "burst_z"), 81.74, 0.01);
  EXPECT_DOUBLE_EQ(r.Cell(day, "burst_excess"), 900);
  EXPECT_EQ(r.Cell(day, "rounding_step"), 1);
  EXPECT_EQ(r.Cell(day, "explained"), 0);
  EXPECT_EQ(r.FindRow(day)->timestamp_ms, Noon(11));
  EXPECT_NEAR(r.FindComponent("score_follower_spikes")->value, 2000.0 / 29,
              1e-9);
  EXPECT_EQ(r.FindComponent("follower_bursts_unexplained")->value, 1);
  EXPECT_EQ(r.FindComponent("follower_bursts_explained")->value, 0);
  EXPECT_DOUBLE_EQ(r.FindComponent("data_coverage")->value, 0.30);
  EXPECT_NEAR(*r.value, 2000.0 / 29, 1e-9);
  EXPECT_EQ(r.FindComponent("score_engagement_vs_tier"), nullptr);
}

TEST_F(FollowerQualityTest, ValueOnlyCallsGiveTheSameValue) {
  for (const char* variant : {"by_followers", "by_views"}) {
    Inputs in = SpikeFixture();
    in.params["variant"] = variant;
    EXPECT_EQ(plugin_->CheckValueOnly("follower_quality", in), "") << variant;
  }
  Inputs in = SpikeFixture();
  in.value_only = true;
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_TRUE(r.rows.empty());
  EXPECT_TRUE(r.components.empty());
}

TEST_F(FollowerQualityTest, SaysWhatPublicCountsCannotShow) {
  const Result r = Run(SpikeFixture());
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  const std::string caveat = "public counts cannot tell real from bot";
  EXPECT_NE(r.formula.find(caveat), std::string::npos) << r.formula;
  EXPECT_NE(r.FindComponent("data_coverage")->note.find(caveat),
            std::string::npos);
  EXPECT_NE(r.FindComponent("data_coverage")
                ->note.find("engagement_vs_tier (no post could be rated)"),
            std::string::npos)
      << r.FindComponent("data_coverage")->note;
}

TEST_F(FollowerQualityTest, PostBeforeTheSpikeExplainsIt) {
  // A post published at day 10 + 18 h, inside [day 10 noon - 48 h,
  // day 11 noon]: the burst is explained and costs nothing.
  // Its rate: followers at posting 11,003 + 1,000 * 6/24 = 11,253;
  // (1,000 + 100 + 25) / 11,253 = 9.997% >= the 5K-20K benchmark of 3.76%
  // (latest followers 12,903): 100. Comments per like 0.1 >= 0.002: 100.
  // Evenness needs 3 posts. All available scores are 100: value 100.
  Inputs in = SpikeFixture();
  Post p{"p", kJune1 + 10 * kDay + 18 * kHour, {}};
  for (const auto& [field, value] :
       {std::pair<const char*, int64_t>{"likes", 1'000},
        {"comments", 100},
        {"shares", 25}}) {
    p.fields[field] = Series::Of({{Noon(12), value}});
  }
  in.posts = {p};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.Cell("followers:2022-06-12", "explained"), 1);
  EXPECT_EQ(r.FindComponent("score_follower_spikes")->value, 100);
  EXPECT_EQ(r.FindComponent("follower_bursts_explained")->value, 1);
  EXPECT_NEAR(r.FindComponent("engagement_rate_percent")->value,
              1125.0 / 11253 * 100, 1e-9);
  EXPECT_EQ(r.FindComponent("engagement_benchmark_percent")->value, 3.76);
  EXPECT_EQ(r.FindComponent("followers")->value, 12'903);
  EXPECT_DOUBLE_EQ(r.FindComponent("data_coverage")->value, 0.80);
  EXPECT_DOUBLE_EQ(*r.value, 100);

  // A post published after the burst (1 h after its last sample) does not
  // explain it.
  in.posts[0].published_ms = Noon(11) + kHour;
  EXPECT_EQ(Run(in).Cell("followers:2022-06-12", "explained"), 0);
}

TEST_F(FollowerQualityTest, EngagementCommentsAndEvennessWorkedByHand) {
  // Followers 200,000 every day for 31 days (no bursts: score 100); tier
  // 100K-1M, benchmark 2.57% (HypeAuditor).
  // Posts (likes, comments, shares) -> interactions / 200,000:
  //   a, b, c: (1,000, 5, 995) -> 2,000 -> 1%;  d: (17,000, 5, 995) ->
  //   18,000 -> 9%.
  // engagement_vs_tier: median(1, 1, 1, 9) = 1 -> 100 * 1 / 2.57.
  // comment_like_ratio: 20 / 20,000 = 0.001 -> 100 * log10(0.001 /
  //   0.0002) = 100 * log10(5) = 69.897.
  // evenness: mean 3, deviations (-2, -2, -2, 6), variance 48 / 4 = 12,
  //   CV = sqrt(12) / 3 = 1.1547 -> 100 * (2 - 1.1547) / 1.5 = 56.353.
  // value = (0.35 * 38.911 + 0.30 * 100 + 0.15 * 69.897 + 0.10 * 56.353)
  //         / 0.90 = 66.376.
  Inputs in;
  in.window_start_ms = kJune1;
  in.window_end_ms = kJune1 + 31 * kDay;
  for (int64_t d = 0; d <= 30; ++d) {
    in.account["followers"].Add(Noon(d), 200'000);
  }
  const int64_t likes[] = {1'000, 1'000, 1'000, 17'000};
  const char* ids[] = {"a", "b", "c", "d"};
  for (int i = 0; i < 4; ++i) {
    Post p{ids[i], Noon(2 * i + 1), {}};
    p.fields["likes"] = Series::Of({{Noon(2 * i + 2), likes[i]}});
    p.fields["comments"] = Series::Of({{Noon(2 * i + 2), 5}});
    p.fields["shares"] = Series::Of({{Noon(2 * i + 2), 995}});
    p.fields["views"] = Series::Of({{Noon(2 * i + 2), 100'000}});
    in.posts.push_back(p);
  }
  Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  const double s_er = 100 * 1 / 2.57;
  const double s_cl = 100 * std::log10(5.0);
  const double cv = std::sqrt(12.0) / 3;
  const double s_even = 100 * (2 - cv) / 1.5;
  EXPECT_NEAR(r.FindComponent("score_engagement_vs_tier")->value, s_er, 1e-9);
  EXPECT_DOUBLE_EQ(r.FindComponent("engagement_rate_percent")->value, 1);
  EXPECT_EQ(r.FindComponent("engagement_benchmark_percent")->value, 2.57);
  EXPECT_NE(
      r.FindComponent("engagement_benchmark_percent")->note.find("HypeAuditor"),
      std::string::npos);
  EXPECT_NEAR(r.FindComponent("score_comment_like_ratio")->value, s_cl, 1e-9);
  EXPECT_DOUBLE_EQ(r.FindComponent("comment_like_ratio")->value, 0.001);
  EXPECT_NEAR(r.FindComponent("engagement_cv")->value, cv, 1e-12);
  EXPECT_NEAR(r.FindComponent("score_engagement_evenness")->value, s_even,
              1e-9);
  EXPECT_EQ(r.FindComponent("score_follower_spikes")->value, 100);
  EXPECT_DOUBLE_EQ(r.FindComponent("data_coverage")->value, 0.90);
  EXPECT_NEAR(*r.value,
              (0.35 * s_er + 0.30 * 100 + 0.15 * s_cl + 0.10 * s_even) / 0.90,
              1e-9);
  EXPECT_NEAR(*r.value, 66.376, 0.001);

  // by_views: 2,000 / 100,000 = 2% for a, b, c and 18% for d; median 2%
  // against Rival IQ's 4.14% for 5K-1M followers: 100 * 2 / 4.14.
  in.params["variant"] = "by_views";
  r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.variant, "by_views");
  EXPECT_NEAR(r.FindComponent("score_engagement_vs_tier")->value,
              100 * 2 / 4.14, 1e-9);
  EXPECT_NE(
      r.FindComponent("engagement_benchmark_percent")->note.find("Rival IQ"),
      std::string::npos);
}

TEST_F(FollowerQualityTest, MassFollowingIsAFollowingBurst) {
  // Following 301 for days 0..10, 2,301 from day 11 on: day 11's baseline
  // is flat (m = 0, MAD = 0), q = 1, var_nat = (0.001 * 301)^2, so
  // z = 2,000 / sqrt(0.301^2 + 1/6) = 3,942. The whole following gain is
  // the burst: score 0. Followers grow by exactly 100 a day (score 100).
  // value = (0.30 * 100 + 0.10 * 0) / 0.40 = 75.
  Inputs in = SpikeFixture();
  Series& followers = in.account["followers"];
  for (size_t i = 0; i < followers.size(); ++i) {
    followers.values[i] = 10'003 + 100 * static_cast<int64_t>(i);
  }
  for (int64_t d = 0; d <= 20; ++d) {
    in.account["following"].Add(Noon(d), d < 11 ? 301 : 2'301);
  }
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(RowKeys(r, "followers:").size(), 0u);
  EXPECT_EQ(RowKeys(r, "following:"),
            std::set<std::string>{"following:2022-06-12"});
  EXPECT_NEAR(r.Cell("following:2022-06-12", "day_z"),
              2000 / std::sqrt(0.301 * 0.301 + 1.0 / 6), 1e-6);
  EXPECT_TRUE(std::isnan(r.Cell("following:2022-06-12", "explained")));
  EXPECT_EQ(r.FindComponent("score_following_spikes")->value, 0);
  EXPECT_EQ(r.FindComponent("following_bursts")->value, 1);
  EXPECT_DOUBLE_EQ(*r.value, 75);
}

// Followers of about 1M growing 40,000 a day, shown rounded to 100,000
// (1.0M, 1.0M, 1.1M, 1.1M, 1.2M, ...): a staircase of 0 and +100,000 days.
Inputs RoundedStaircase(int64_t jump_day, int64_t jump) {
  Inputs in;
  in.window_start_ms = kJune1;
  in.window_end_ms = kJune1 + 40 * kDay;
  for (int64_t d = 0; d < 40; ++d) {
    const int64_t truth = 1'000'000 + 40'000 * d + (d >= jump_day ? jump : 0);
    const int64_t shown = (truth + 50'000) / 100'000 * 100'000;
    in.account["followers"].Add(Noon(d), shown, /*rounded=*/4);
  }
  return in;
}

TEST_F(FollowerQualityTest, RoundingStepsAreNotSpikes) {
  // The median daily delta is 0 and the MAD is 0 on most baselines: a
  // naive robust z-score would make every +100,000 step infinite. The
  // Theil-Sen baseline (40,000 a day) and the rounding variance keep them
  // ordinary.
  const Result r = Run(RoundedStaircase(/*jump_day=*/100, 0));
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(RowKeys(r, "followers:").size(), 0u);
  EXPECT_EQ(r.FindComponent("score_follower_spikes")->value, 100);
}

TEST_F(FollowerQualityTest, RealJumpThroughRoundedCountsIsFound) {
  // The same staircase with 400,000 extra followers on day 20 (2022-06-21).
  const Result r = Run(RoundedStaircase(/*jump_day=*/20, 400'000));
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  const std::set<std::string> days = RowKeys(r, "followers:");
  ASSERT_EQ(days.count("followers:2022-06-21"), 1u) << days.size();
  EXPECT_EQ(r.Cell("followers:2022-06-21", "rounding_step"), 100'000);
  EXPECT_GE(r.Cell("followers:2022-06-21", "burst_z"), 3.5);
  EXPECT_LT(r.FindComponent("score_follower_spikes")->value, 100);
}

TEST_F(FollowerQualityTest, NotEnoughDataIsFailedPrecondition) {
  Result r = Run(Inputs());
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("not enough data"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("too few daily follower samples"), std::string::npos)
      << r.error;

  // A week of followers is too short a baseline; one post with no comments
  // series gives comment_like_ratio nothing to count and the engagement
  // component alone (0.35) is enough.
  Inputs in;
  for (int64_t d = 0; d < 4; ++d) in.account["followers"].Add(Noon(d), 1'000);
  Post p{"p", Noon(1), {}};
  p.fields["likes"] = Series::Of({{Noon(2), 50}});
  in.posts = {p};
  r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(r.FindComponent("data_coverage")->value, 0.35);
  // 50 / 1,000 = 5% against 6.45% (1K-5K): 100 * 5 / 6.45.
  EXPECT_NEAR(*r.value, 100 * 5 / 6.45, 1e-9);
}

// --- Real data: TikTok top creators, daily, 2022 (see the data README). ---

int64_t ParseUtcMs(const std::string& s) {
  std::tm tm{};
  tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(s.substr(8, 2));
  tm.tm_hour = std::stoi(s.substr(11, 2));
  tm.tm_min = std::stoi(s.substr(14, 2));
  tm.tm_sec = std::stoi(s.substr(17, 2));
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

// The daily followers of `handle` in [start, end), flagged rounded (the
// file's counts are display-rounded), as the host would pass them.
Inputs DailyCreator(const std::string& handle, const std::string& start,
                    const std::string& end) {
  Inputs in;
  in.creator_id = "tiktok:" + handle;
  in.window_start_ms = ParseUtcMs(start);
  in.window_end_ms = ParseUtcMs(end);
  const char* dir = std::getenv("CLOUT_REAL_DATA_DIR");
  const std::string path =
      std::string(dir) + "/tiktok_top_creators_daily_2022.csv";
  CsvTable t;
  std::string error;
  EXPECT_TRUE(ReadCsvFile(path, &t, &error)) << error;  // Fail, not skip.
  const int c_handle = t.Column("handle"), c_at = t.Column("last_snapshot_utc"),
            c_followers = t.Column("followers");
  EXPECT_GE(c_handle, 0);
  EXPECT_GE(c_at, 0);
  EXPECT_GE(c_followers, 0);
  if (c_handle < 0 || c_at < 0 || c_followers < 0) return in;
  for (const auto& rec : t.records) {
    if (rec[c_handle] != handle) continue;
    const int64_t t_ms = ParseUtcMs(rec[c_at]);
    if (t_ms < in.window_start_ms || t_ms >= in.window_end_ms) continue;
    in.account["followers"].Add(t_ms, std::stoll(rec[c_followers]),
                                /*rounded=*/4);
  }
  return in;
}

#define REQUIRE_REAL_DATA()                            \
  if (std::getenv("CLOUT_REAL_DATA_DIR") == nullptr) { \
    GTEST_SKIP() << "CLOUT_REAL_DATA_DIR is not set";  \
  }

TEST_F(FollowerQualityTest, FlagsChrisHemsworthBurstOfJuly2022) {
  REQUIRE_REAL_DATA();
  // 1.5M on 07-15, then 1.7M, 1.9M, 2.1M (+13% a day), then about
  // +50,000 a day, all rounded to 100,000. The burst is at the start of
  // the creator's series, so its baseline is the days after it.
  const Inputs in = DailyCreator("chrishemsworth", "2022-07-15T00:00:00Z",
                                 "2022-08-21T00:00:00Z");
  ASSERT_EQ(in.account.at("followers").size(), 37u);
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(
      RowKeys(r, "followers:"),
      (std::set<std::string>{"followers:2022-07-16", "followers:2022-07-17",
                             "followers:2022-07-18"}));
  for (const char* day : {"followers:2022-07-16", "followers:2022-07-17",
                          "followers:2022-07-18"}) {
    EXPECT_EQ(r.Cell(day, "delta_per_day"), 200'000) << day;
    EXPECT_GE(r.Cell(day, "burst_z"), 3.5) << day;
    EXPECT_EQ(r.Cell(day, "rounding_step"), 100'000) << day;
    EXPECT_EQ(r.Cell(day, "explained"), 0) << day;  // No posts in the data.
  }
  EXPECT_EQ(r.FindComponent("follower_bursts_unexplained")->value, 1);
  EXPECT_LT(r.FindComponent("score_follower_spikes")->value, 100);
}

TEST_F(FollowerQualityTest, FlagsChanningTatumBurstOfMarch2022) {
  REQUIRE_REAL_DATA();
  // 1.0M on 03-24, 1.1M, 1.2M on 03-25 and 03-26, 1.3M on 03-29, then
  // +100,000 every week or two.
  const Result r = Run(DailyCreator("channingtatum", "2022-03-24T00:00:00Z",
                                    "2022-04-24T00:00:00Z"));
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  const std::set<std::string> days = RowKeys(r, "followers:");
  EXPECT_EQ(days.count("followers:2022-03-25"), 1u);
  for (const std::string& day : days) {
    EXPECT_GE(day, "followers:2022-03-25");
    EXPECT_LE(day, "followers:2022-03-29");
  }
  EXPECT_EQ(r.FindComponent("follower_bursts_unexplained")->value, 1);
}

}  // namespace
}  // namespace clout::plugin_testing

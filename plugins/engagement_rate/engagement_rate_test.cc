// Tests of the engagement_rate plugin, loaded from its .so through the
// plugin harness: values worked out by hand on small fixtures, edge cases,
// and per-video rates on real TikTok data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "testing/csv_reader.h"
#include "testing/plugin_harness.h"

namespace clout::plugin_testing {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;

class EngagementRateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    plugin_ = Plugin::Open(CLOUT_PLUGIN_PATH, &error);
    ASSERT_NE(plugin_, nullptr) << error;
  }
  Result Run(const Inputs& in) const {
    return plugin_->Compute("engagement_rate", in);
  }
  std::unique_ptr<Plugin> plugin_;
};

// A post with one sample per given count, all at time t (-1: no series).
Post MakePost(const std::string& id, int64_t published_ms, int64_t t,
              int64_t views, int64_t likes, int64_t comments, int64_t shares,
              int64_t saves = -1) {
  Post p{id, published_ms, {}};
  const std::pair<const char*, int64_t> counts[] = {{"views", views},
                                                    {"likes", likes},
                                                    {"comments", comments},
                                                    {"shares", shares},
                                                    {"saves", saves}};
  for (const auto& [field, value] : counts) {
    if (value >= 0) p.fields[field] = Series::Of({{t, value}});
  }
  return p;
}

// Followers 10,000 at day 0 (before the window) and 12,000 at day 10;
// window [day 1, day 20).
//   a: published day 5: followers 10,000 + 2,000 * 5/10 = 11,000.
//      likes 990 + comments 88 + shares 22 = 1,100 -> 1,100/11,000 = 10%.
//      (saves 110; a likes sample after the window end is ignored.)
//   b: published day 10, exactly at a sample: 12,000.
//      540 + 60 + 0 = 600 -> 600/12,000 = 5%.
//   c: published day 15, after the last sample: nearest, 12,000.
//      likes 300, no comments or shares series (counted 0) -> 2.5%.
Inputs FollowersFixture() {
  Inputs in;
  in.window_start_ms = 1 * kDay;
  in.window_end_ms = 20 * kDay;
  in.account["followers"] = Series::Of({{0, 10'000}, {10 * kDay, 12'000}});
  Post a = MakePost("a", 5 * kDay, 7 * kDay, -1, 990, 88, 22, 110);
  a.fields["likes"] =
      Series::Of({{6 * kDay, 500}, {7 * kDay, 990}, {25 * kDay, 5'000}});
  in.posts = {a, MakePost("b", 10 * kDay, 12 * kDay, -1, 540, 60, 0),
              MakePost("c", 15 * kDay, 16 * kDay, -1, 300, -1, -1)};
  return in;
}

TEST_F(EngagementRateTest, DescribesItself) {
  const clout_metric_v1* m = plugin_->FindMetric("engagement_rate");
  ASSERT_NE(m, nullptr);
  EXPECT_STREQ(m->unit, "percent");
  EXPECT_EQ(m->output_kind, static_cast<uint32_t>(CLOUT_OUTPUT_SCALAR));
  ASSERT_EQ(m->param_count, 4u);
  EXPECT_STREQ(m->params[0].name, "variant");
  EXPECT_STREQ(m->params[0].enum_values[0], "by_followers");
  EXPECT_STREQ(m->params[0].enum_values[1], "by_views");
  EXPECT_STREQ(m->params[1].name, "aggregation");
  EXPECT_STREQ(m->params[2].name, "include_saves");
  EXPECT_STREQ(m->params[3].name, "min_views");
  EXPECT_EQ(m->params[3].default_value, 0);
}

TEST_F(EngagementRateTest, ByFollowersMeanWorkedByHand) {
  const Result r = Run(FollowersFixture());
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.variant, "by_followers");
  EXPECT_NE(r.formula.find("followers(published_i)"), std::string::npos);
  // mean(10, 5, 2.5) = 17.5 / 3.
  EXPECT_DOUBLE_EQ(*r.value, 17.5 / 3);
  EXPECT_DOUBLE_EQ(r.Cell("a", "rate_percent"), 10.0);
  EXPECT_DOUBLE_EQ(r.Cell("a", "denominator"), 11'000);
  EXPECT_DOUBLE_EQ(r.Cell("a", "interactions"), 1'100);
  EXPECT_DOUBLE_EQ(r.Cell("a", "likes"), 990);    // Not the day-25 sample.
  EXPECT_TRUE(std::isnan(r.Cell("a", "saves")));  // include_saves is off.
  EXPECT_DOUBLE_EQ(r.Cell("b", "rate_percent"), 5.0);
  EXPECT_DOUBLE_EQ(r.Cell("c", "rate_percent"), 2.5);
  EXPECT_TRUE(std::isnan(r.Cell("c", "comments")));
  EXPECT_EQ(r.rows[0].timestamp_ms, 5 * kDay);
  EXPECT_EQ(r.FindComponent("posts_in_window")->value, 3);
  EXPECT_EQ(r.FindComponent("posts_rated")->value, 3);
  EXPECT_EQ(r.FindComponent("posts_skipped")->value, 0);
  EXPECT_DOUBLE_EQ(r.FindComponent("median_rate_percent")->value, 5.0);
  EXPECT_EQ(r.FindComponent("posts_with_missing_counts")->value, 1);     // c.
  EXPECT_EQ(r.FindComponent("posts_followers_extrapolated")->value, 1);  // c.
  EXPECT_EQ(r.FindComponent("posts_unknown_publication_time")->value, 0);
}

TEST_F(EngagementRateTest, MedianAndSaves) {
  Inputs in = FollowersFixture();
  in.params["aggregation"] = "median";
  EXPECT_DOUBLE_EQ(*Run(in).value, 5.0);  // median(10, 5, 2.5).

  // a: (990 + 88 + 22 + 110) / 11,000 = 11%; b and c have no saves series
  // (counted 0): mean(11, 5, 2.5) = 18.5 / 3.
  in.params["aggregation"] = "mean";
  in.params["include_saves"] = true;
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(*r.value, 18.5 / 3);
  EXPECT_DOUBLE_EQ(r.Cell("a", "saves"), 110);
  EXPECT_NE(r.formula.find("saves_i"), std::string::npos);
  EXPECT_EQ(r.FindComponent("posts_with_missing_counts")->value, 2);
}

// by_views, per post:
//   v1: (800 + 150 + 50) / 10,000 = 10%   (views flagged rounded)
//   v2: (100 + 10 + 10) / 2,000   = 6%
//   v3: 0 views                   -> skipped (zero denominator)
//   v4: no views series           -> skipped
//   v5: (40 + 5 + 5) / 500        = 10%
//   v6: (150 + 10 + 0) / 4,000    = 4%
// mean(10, 6, 10, 4) = 7.5; median of the even count: (6 + 10) / 2 = 8.
Inputs ViewsFixture() {
  Inputs in;
  in.params["variant"] = "by_views";
  Post v1 = MakePost("v1", 1 * kHour, 2 * kHour, -1, 800, 150, 50);
  v1.fields["views"].Add(2 * kHour, 10'000, /*rounded=*/4);
  in.posts = {v1,
              MakePost("v2", 2 * kHour, 3 * kHour, 2'000, 100, 10, 10),
              MakePost("v3", 3 * kHour, 4 * kHour, 0, 0, 0, 0),
              MakePost("v4", 4 * kHour, 5 * kHour, -1, 9, 1, 1),
              MakePost("v5", 5 * kHour, 6 * kHour, 500, 40, 5, 5),
              MakePost("v6", 6 * kHour, 7 * kHour, 4'000, 150, 10, 0)};
  return in;
}

TEST_F(EngagementRateTest, ByViewsWorkedByHand) {
  Inputs in = ViewsFixture();
  Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.variant, "by_views");
  EXPECT_DOUBLE_EQ(*r.value, 7.5);
  EXPECT_DOUBLE_EQ(r.Cell("v1", "rate_percent"), 10.0);
  EXPECT_DOUBLE_EQ(r.Cell("v2", "rate_percent"), 6.0);
  EXPECT_TRUE(std::isnan(r.Cell("v3", "rate_percent")));
  EXPECT_DOUBLE_EQ(r.Cell("v3", "denominator"), 0);
  EXPECT_TRUE(std::isnan(r.Cell("v4", "denominator")));
  EXPECT_EQ(r.FindComponent("posts_skipped")->value, 2);
  EXPECT_EQ(r.FindComponent("posts_skipped")->note,
            "no views sample: 1, zero views: 1");
  EXPECT_EQ(r.FindComponent("posts_with_rounded_counts")->value, 1);
  EXPECT_EQ(r.FindComponent("posts_followers_extrapolated"), nullptr);

  in.params["aggregation"] = "median";
  EXPECT_DOUBLE_EQ(*Run(in).value, 8.0);

  // min_views 1,000 also skips v5: median(10, 6, 4) = 6, mean = 20 / 3.
  // (v3's 0 views are below min_views too, which is reported first.)
  in.params["min_views"] = 1'000;
  r = Run(in);
  EXPECT_DOUBLE_EQ(*r.value, 6.0);
  EXPECT_EQ(r.FindComponent("posts_skipped")->note,
            "no views sample: 1, fewer views than min_views: 2");
  in.params["aggregation"] = "mean";
  EXPECT_DOUBLE_EQ(*Run(in).value, 20.0 / 3);
}

TEST_F(EngagementRateTest, ValueOnlyCallsGiveTheSameValueAndSkipTheRest) {
  for (const auto& [name, fixture] :
       {std::pair{"by_followers", FollowersFixture()},
        std::pair{"by_views", ViewsFixture()}}) {
    for (const char* aggregation : {"mean", "median"}) {
      Inputs in = fixture;
      in.params["aggregation"] = aggregation;
      EXPECT_EQ(plugin_->CheckValueOnly("engagement_rate", in), "")
          << name << ", " << aggregation;
    }
    Inputs in = fixture;
    in.value_only = true;
    Result r = Run(in);
    ASSERT_EQ(r.code, CLOUT_OK) << r.error;
    EXPECT_FALSE(r.variant_set) << name;
    EXPECT_TRUE(r.components.empty()) << name;
    EXPECT_TRUE(r.rows.empty()) << name;
  }
  // A host of ABI 1.0 passes no flags (the harness fills the memory behind
  // its shorter struct with set bits): the plugin must report everything.
  Inputs in = FollowersFixture();
  in.abi_1_0_input = true;
  Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_TRUE(r.variant_set);
  EXPECT_EQ(r.rows.size(), 3u);
  EXPECT_DOUBLE_EQ(*r.value, 17.5 / 3);
}

TEST_F(EngagementRateTest, UnknownPublicationTimeUsesFirstSample) {
  // Published 0 (unknown): followers are taken at the post's first sample,
  // day 5: 10,000 + 2,000 * 5/10 = 11,000. Latest likes 550 -> 5%.
  Inputs in;
  in.account["followers"] = Series::Of({{0, 10'000}, {10 * kDay, 12'000}});
  Post u{"u", 0, {}};
  u.fields["likes"] = Series::Of({{5 * kDay, 100}, {8 * kDay, 550}});
  u.fields["comments"] = Series::Of({{8 * kDay, 0}});
  u.fields["shares"] = Series::Of({{8 * kDay, 0}});
  in.posts = {u};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(*r.value, 5.0);
  EXPECT_DOUBLE_EQ(r.Cell("u", "denominator"), 11'000);
  EXPECT_EQ(r.FindComponent("posts_unknown_publication_time")->value, 1);
}

TEST_F(EngagementRateTest, RoundedFollowerCounts) {
  // Followers shown rounded: 1.2M then 1.3M. Published halfway:
  // 1,250,000; (60,000 + 1,500 + 1,000) / 1,250,000 = 5%.
  Inputs in;
  in.account["followers"] =
      Series::Of({{0, 1'200'000}, {2 * kDay, 1'300'000}}, /*rounded=*/4);
  in.posts = {MakePost("p", 1 * kDay, 2 * kDay, -1, 60'000, 1'500, 1'000)};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(*r.value, 5.0);
  EXPECT_EQ(r.FindComponent("posts_with_rounded_counts")->value, 1);
}

TEST_F(EngagementRateTest, NoPostsIsFailedPrecondition) {
  Inputs in;
  in.account["followers"] = Series::Of({{0, 100}});
  const Result r = Run(in);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("no posts"), std::string::npos) << r.error;
}

TEST_F(EngagementRateTest, NoRateablePostIsFailedPreconditionWithReasons) {
  // Followers 0 at posting time (zero denominator), and a post whose likes
  // series is empty.
  Inputs in;
  in.account["followers"] = Series::Of({{0, 0}, {kDay, 0}});
  in.posts = {MakePost("zero", kHour, 2 * kHour, -1, 5, 1, 1),
              MakePost("empty", kHour, 2 * kHour, -1, -1, 1, 1)};
  Result r = Run(in);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("no post can be rated (2 in the window; no likes "
                         "sample: 1, zero followers at posting time: 1)"),
            std::string::npos)
      << r.error;

  // No followers series at all.
  in.account.clear();
  r = Run(in);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("no followers sample: 1"), std::string::npos)
      << r.error;

  // by_views with every post at 0 views.
  Inputs views;
  views.params["variant"] = "by_views";
  views.posts = {MakePost("z", kHour, 2 * kHour, 0, 0, 0, 0)};
  r = Run(views);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("zero views: 1"), std::string::npos) << r.error;
}

TEST_F(EngagementRateTest, SkippedPostsStillGetARow) {
  const Result r = Run(ViewsFixture());
  ASSERT_EQ(r.rows.size(), 6u);
  EXPECT_EQ(r.row_columns, (std::vector<std::string>{
                               "interactions", "denominator", "rate_percent",
                               "likes", "comments", "shares", "saves"}));
  EXPECT_DOUBLE_EQ(r.Cell("v4", "interactions"), 11);
}

// --- Real data: TikTok trending videos, 2026 (see the data README). ---

// Parses a non-negative integer field; -1 when empty.
int64_t Count(const std::string& s) { return s.empty() ? -1 : std::stoll(s); }

// Unix time of "YYYY-MM-DDTHH:MM:SSZ", in ms.
int64_t ParseUtcMs(const std::string& s) {
  std::tm tm{};
  EXPECT_EQ(s.size(), 20u) << s;
  tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(s.substr(8, 2));
  tm.tm_hour = std::stoi(s.substr(11, 2));
  tm.tm_min = std::stoi(s.substr(14, 2));
  tm.tm_sec = std::stoi(s.substr(17, 2));
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

struct Snapshot {
  int64_t collected_ms, plays, likes, comments, shares, saves;
};

TEST_F(EngagementRateTest, ByViewsMatchesTrendingVideosPerVideo) {
  const char* dir = std::getenv("CLOUT_REAL_DATA_DIR");
  if (dir == nullptr) GTEST_SKIP() << "CLOUT_REAL_DATA_DIR is not set";
  const std::string path =
      std::string(dir) + "/tiktok_trending_videos_snapshots_2026.csv";
  CsvTable t;
  std::string error;
  ASSERT_TRUE(ReadCsvFile(path, &t, &error)) << error;  // Fail, not skip.
  const int c_at = t.Column("collected_at_utc"), c_id = t.Column("video_id"),
            c_created = t.Column("create_time"),
            c_plays = t.Column("play_count"), c_likes = t.Column("like_count"),
            c_comments = t.Column("comment_count"),
            c_shares = t.Column("share_count"),
            c_saves = t.Column("favorite_count");
  for (int c : {c_at, c_id, c_created, c_plays, c_likes, c_comments, c_shares,
                c_saves}) {
    ASSERT_GE(c, 0) << "missing column in " << path;
  }
  ASSERT_EQ(t.records.size(), 73u);

  // Every snapshot of every video, by video, in time order.
  std::map<std::string, std::vector<Snapshot>> videos;
  std::map<std::string, int64_t> created_ms;
  for (const auto& rec : t.records) {
    videos[rec[c_id]].push_back({ParseUtcMs(rec[c_at]), Count(rec[c_plays]),
                                 Count(rec[c_likes]), Count(rec[c_comments]),
                                 Count(rec[c_shares]), Count(rec[c_saves])});
    created_ms[rec[c_id]] = std::stoll(rec[c_created]) * 1000;
  }
  ASSERT_EQ(videos.size(), 56u);

  Inputs in;
  in.params["variant"] = "by_views";
  int64_t first_created = INT64_MAX, last_collected = 0;
  std::map<std::string, double> expected, expected_with_saves;
  int missing_saves = 0;
  for (auto& [id, snaps] : videos) {
    // Time order; a repeated timestamp keeps the later row, as the host
    // does on ingest (video 7595083496788462878 has a duplicated row).
    std::stable_sort(snaps.begin(), snaps.end(),
                     [](const Snapshot& a, const Snapshot& b) {
                       return a.collected_ms < b.collected_ms;
                     });
    for (size_t i = snaps.size(); i-- > 1;) {
      if (snaps[i - 1].collected_ms == snaps[i].collected_ms) {
        snaps.erase(snaps.begin() + static_cast<std::ptrdiff_t>(i - 1));
      }
    }
    Post p{id, created_ms[id], {}};
    for (const Snapshot& s : snaps) {
      const std::pair<const char*, int64_t> fields[] = {
          {"views", s.plays},
          {"likes", s.likes},
          {"comments", s.comments},
          {"shares", s.shares},
          {"saves", s.saves}};
      for (const auto& [field, value] : fields) {
        if (value >= 0) p.fields[field].Add(s.collected_ms, value);
      }
    }
    in.posts.push_back(p);
    // Independently: the latest snapshot's (likes+comments+shares)/plays.
    const Snapshot& last = snaps.back();
    const double base =
        static_cast<double>(last.likes + last.comments + last.shares);
    expected[id] = base / static_cast<double>(last.plays) * 100;
    // With saves: favorite_count of the latest snapshot that has one (the
    // first two rows of the file predate that column); none counts 0.
    int64_t saves = -1;
    for (const Snapshot& s : snaps) {
      if (s.saves >= 0) saves = s.saves;
    }
    if (saves < 0) ++missing_saves;
    expected_with_saves[id] =
        (base + static_cast<double>(std::max<int64_t>(saves, 0))) /
        static_cast<double>(last.plays) * 100;
    first_created = std::min(first_created, created_ms[id]);
    last_collected = std::max(last_collected, last.collected_ms);
  }
  std::stable_sort(in.posts.begin(), in.posts.end(),
                   [](const Post& a, const Post& b) {
                     return a.published_ms < b.published_ms;
                   });
  in.window_start_ms = first_created;
  in.window_end_ms = last_collected + 1;

  for (bool with_saves : {false, true}) {
    in.params["include_saves"] = with_saves;
    const Result r = Run(in);
    ASSERT_EQ(r.code, CLOUT_OK) << r.error;
    ASSERT_EQ(r.rows.size(), 56u);
    const auto& want = with_saves ? expected_with_saves : expected;
    std::vector<double> rates;
    for (const auto& [id, rate] : want) {
      EXPECT_NEAR(r.Cell(id, "rate_percent"), rate, 1e-9 * rate)
          << id << (with_saves ? " with saves" : "");
      rates.push_back(rate);
    }
    double mean = 0;
    for (double x : rates) mean += x;
    mean /= static_cast<double>(rates.size());
    EXPECT_NEAR(*r.value, mean, 1e-9 * mean);
    EXPECT_EQ(r.FindComponent("posts_rated")->value, 56);
    EXPECT_EQ(r.FindComponent("posts_with_missing_counts")->value,
              with_saves ? missing_saves : 0);
  }
  // Video 7611246448977480991 has one snapshot, from the old schema.
  EXPECT_EQ(missing_saves, 1);
}

}  // namespace
}  // namespace clout::plugin_testing

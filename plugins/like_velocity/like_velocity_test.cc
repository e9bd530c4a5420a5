// Tests of the like_velocity plugin, loaded from its .so through the plugin
// harness: velocities worked out by hand on small fixtures, edge cases, and
// real TikTok snapshots.
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
// A base time (2022-04-15T04:26:40Z), so that publication times are never 0
// (which means "unknown").
constexpr int64_t kT0 = 1'650'000'000'000;

int64_t At(double hours) {
  return kT0 + static_cast<int64_t>(hours * static_cast<double>(kHour));
}

Post LikesPost(const std::string& id, int64_t published_ms,
               std::initializer_list<std::pair<double, int64_t>> samples,
               uint32_t flags = 0) {
  Post p{id, published_ms, {}};
  Series& likes = p.fields["likes"];
  for (const auto& [hours, value] : samples) likes.Add(At(hours), value, flags);
  return p;
}

class LikeVelocityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    plugin_ = Plugin::Open(CLOUT_PLUGIN_PATH, &error);
    ASSERT_NE(plugin_, nullptr) << error;
  }
  Result Run(const Inputs& in) const {
    return plugin_->Compute("like_velocity", in);
  }
  std::unique_ptr<Plugin> plugin_;
};

// h = 24 (the default). Times in hours after kT0.
//   p1: published 0; samples 12 h: 600, 30 h: 1,500. Likes at 24 h lie
//       between them: 600 + (1,500 - 600) * (24 - 12) / (30 - 12) = 1,200.
//       velocity = (1,200 - 0) / 24 = 50 per hour.
//   p2: published 0; a sample exactly at 24 h: 480 -> 20 per hour, not
//       interpolated.
//   p3: published 100 h; first sample at 148 h: 2,400. No sample before
//       it, so from 0 at publication: 2,400 * 24 / 48 = 1,200 -> 50 per h.
//   p4: published 0; samples end at 10 h -> skipped (not reaching h).
//   p5: publication unknown; samples 1,000 h: 100, 1,012 h: 400,
//       1,036 h: 1,000. Start = first sample (100 likes); at 1,024 h:
//       400 + 600 * 12 / 24 = 700 -> (700 - 100) / 24 = 25 per hour.
//   p6: no likes samples -> skipped.
// Median of the even count (20, 25, 50, 50): (25 + 50) / 2 = 37.5.
// Relative: p1 50 / 37.5 = 4/3, p2 20 / 37.5 = 8/15, p5 25 / 37.5 = 2/3.
Inputs Fixture() {
  Inputs in;
  in.window_start_ms = kT0;
  in.window_end_ms = At(2000);
  in.posts = {LikesPost("p1", At(0), {{12, 600}, {30, 1500}}),
              LikesPost("p2", At(0), {{24, 480}, {48, 900}}),
              LikesPost("p4", At(0), {{5, 10}, {10, 20}}),
              LikesPost("p3", At(100), {{148, 2400}}),
              LikesPost("p5", 0, {{1000, 100}, {1012, 400}, {1036, 1000}}),
              Post{"p6", At(500), {}}};
  return in;
}

TEST_F(LikeVelocityTest, WorkedByHand) {
  const Result r = Run(Fixture());
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(r.variant, "first_hours_linear");
  EXPECT_NE(r.formula.find("likes_i(start_i + 24 h)"), std::string::npos)
      << r.formula;
  EXPECT_DOUBLE_EQ(*r.value, 37.5);

  EXPECT_DOUBLE_EQ(r.Cell("p1", "velocity_per_hour"), 50);
  EXPECT_DOUBLE_EQ(r.Cell("p1", "likes_at_h"), 1200);
  EXPECT_EQ(r.Cell("p1", "sample_before_ms"), At(12));
  EXPECT_EQ(r.Cell("p1", "sample_after_ms"), At(30));
  EXPECT_EQ(r.Cell("p1", "interpolated"), 1);
  EXPECT_DOUBLE_EQ(r.Cell("p1", "relative_velocity"), 4.0 / 3);

  EXPECT_DOUBLE_EQ(r.Cell("p2", "velocity_per_hour"), 20);
  EXPECT_EQ(r.Cell("p2", "interpolated"), 0);
  EXPECT_EQ(r.Cell("p2", "sample_before_ms"), At(24));
  EXPECT_EQ(r.Cell("p2", "sample_after_ms"), At(24));
  EXPECT_DOUBLE_EQ(r.Cell("p2", "relative_velocity"), 8.0 / 15);

  EXPECT_DOUBLE_EQ(r.Cell("p3", "velocity_per_hour"), 50);
  EXPECT_EQ(r.Cell("p3", "sample_before_ms"), At(100));  // The zero.
  EXPECT_EQ(r.Cell("p3", "sample_after_ms"), At(148));
  EXPECT_EQ(r.Cell("p3", "likes_at_start"), 0);

  EXPECT_TRUE(std::isnan(r.Cell("p4", "velocity_per_hour")));
  EXPECT_EQ(r.Cell("p4", "sample_before_ms"), At(10));  // Last sample.
  EXPECT_TRUE(std::isnan(r.Cell("p4", "sample_after_ms")));

  EXPECT_DOUBLE_EQ(r.Cell("p5", "velocity_per_hour"), 25);
  EXPECT_EQ(r.Cell("p5", "start_ms"), At(1000));
  EXPECT_EQ(r.Cell("p5", "likes_at_start"), 100);
  EXPECT_DOUBLE_EQ(r.Cell("p5", "relative_velocity"), 2.0 / 3);
  EXPECT_EQ(r.FindRow("p5")->timestamp_ms, 0);  // Unknown publication.

  EXPECT_TRUE(std::isnan(r.Cell("p6", "likes_at_h")));
  EXPECT_EQ(r.rows.size(), 6u);

  EXPECT_EQ(r.FindComponent("posts_in_window")->value, 6);
  EXPECT_EQ(r.FindComponent("posts_rated")->value, 4);
  EXPECT_EQ(r.FindComponent("posts_not_reaching_h")->value, 1);
  EXPECT_EQ(r.FindComponent("posts_without_likes")->value, 1);
  EXPECT_EQ(r.FindComponent("posts_interpolated")->value, 3);  // p1 p3 p5.
  EXPECT_EQ(r.FindComponent("posts_from_publication_zero")->value, 1);
  EXPECT_EQ(r.FindComponent("posts_unknown_publication_time")->value, 1);
  // (50 + 20 + 50 + 25) / 4.
  EXPECT_DOUBLE_EQ(r.FindComponent("mean_velocity_per_hour")->value, 36.25);
}

TEST_F(LikeVelocityTest, ValueOnlyCallsGiveTheSameValue) {
  for (int64_t hours : {6, 24, 48}) {
    Inputs in = Fixture();
    in.params["hours"] = hours;
    EXPECT_EQ(plugin_->CheckValueOnly("like_velocity", in), "") << hours;
  }
  Inputs in = Fixture();
  in.value_only = true;
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_TRUE(r.rows.empty());
  EXPECT_TRUE(r.components.empty());
}

TEST_F(LikeVelocityTest, HoursParameter) {
  // h = 12: p1 has a sample at 12 h: 600 / 12 = 50. p2: from 0 at
  // publication to 480 at 24 h: 240 at 12 h -> 20. p4: 10 h < 12 h,
  // skipped. p3: 2,400 * 12 / 48 = 600 -> 50. p5: start 1,000 h (100),
  // at 1,012 h: 400 -> 300 / 12 = 25. Median(20, 25, 50, 50) = 37.5.
  Inputs in = Fixture();
  in.params["hours"] = 12;
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(r.Cell("p1", "velocity_per_hour"), 50);
  EXPECT_EQ(r.Cell("p1", "interpolated"), 0);
  EXPECT_DOUBLE_EQ(r.Cell("p2", "velocity_per_hour"), 20);
  EXPECT_EQ(r.Cell("p2", "sample_before_ms"), At(0));
  EXPECT_DOUBLE_EQ(r.Cell("p5", "velocity_per_hour"), 25);
  EXPECT_DOUBLE_EQ(*r.value, 37.5);

  in.params["hours"] = 0;  // Out of bounds [1, 720].
  EXPECT_EQ(Run(in).code, CLOUT_INVALID_ARGUMENT);
}

TEST_F(LikeVelocityTest, SampleBeforePublicationGivesLikesAtStart) {
  // A sample 1 h before publication (5 likes) is the count at start; 24 h
  // later: 245 -> (245 - 5) / 24 = 10 per hour. Odd count: the median is
  // the middle value, here the only one.
  Inputs in;
  in.posts = {LikesPost("p", At(200), {{199, 5}, {224, 245}})};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(*r.value, 10);
  EXPECT_EQ(r.Cell("p", "likes_at_start"), 5);
  EXPECT_EQ(r.FindComponent("posts_from_publication_zero")->value, 0);
}

TEST_F(LikeVelocityTest, SamplesAfterTheWindowAreNotUsed) {
  // The window ends at 20 h: the 30 h sample is outside, so p1 does not
  // reach 24 h even though a later sample exists.
  Inputs in = Fixture();
  in.window_end_ms = At(20);
  in.posts = {LikesPost("p1", At(0), {{12, 600}, {30, 1500}})};
  const Result r = Run(in);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("samples ending before 24 h: 1"), std::string::npos)
      << r.error;
}

TEST_F(LikeVelocityTest, RoundedAndDecreasingCounts) {
  // Rounded display counts that dip: 1.2K at 12 h, 1.1K at 36 h. At 24 h:
  // 1,200 - 100 * 12 / 24 = 1,150 -> 1,150 / 24 per hour.
  Inputs in;
  in.posts = {LikesPost("p", At(0), {{12, 1200}, {36, 1100}}, /*rounded=*/4)};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_DOUBLE_EQ(*r.value, 1150.0 / 24);
  EXPECT_EQ(r.FindComponent("posts_with_rounded_likes")->value, 1);
}

TEST_F(LikeVelocityTest, ZeroMedianLeavesRelativeVelocityUnavailable) {
  // No likes in 24 h anywhere: median 0, relative velocity is NaN (a zero
  // denominator), not infinite.
  Inputs in;
  in.posts = {LikesPost("a", At(0), {{0, 0}, {30, 0}}),
              LikesPost("b", At(0), {{1, 0}, {24, 0}})};
  const Result r = Run(in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(*r.value, 0);
  EXPECT_TRUE(std::isnan(r.Cell("a", "relative_velocity")));
}

TEST_F(LikeVelocityTest, NoPostsOrNoUsablePostIsFailedPrecondition) {
  Result r = Run(Inputs());
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("no posts"), std::string::npos) << r.error;

  Inputs in;
  in.posts = {Post{"empty", At(0), {}}};
  r = Run(in);
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_NE(r.error.find("no likes samples: 1"), std::string::npos) << r.error;

  // Unknown publication time and a single sample: nothing h hours later.
  in.posts = {LikesPost("one", 0, {{5, 100}})};
  EXPECT_EQ(Run(in).code, CLOUT_FAILED_PRECONDITION);
}

// --- Real data: TikTok trending videos, 2026 (see the data README). ---

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

// Every video of the file as a post with its likes snapshots (a repeated
// timestamp keeps the later row, as the host does on ingest).
std::vector<Post> TrendingVideos() {
  const char* dir = std::getenv("CLOUT_REAL_DATA_DIR");
  const std::string path =
      std::string(dir) + "/tiktok_trending_videos_snapshots_2026.csv";
  CsvTable t;
  std::string error;
  EXPECT_TRUE(ReadCsvFile(path, &t, &error)) << error;
  const int c_at = t.Column("collected_at_utc"), c_id = t.Column("video_id"),
            c_created = t.Column("create_time"),
            c_likes = t.Column("like_count");
  std::map<std::string, Post> posts;
  std::map<std::string, std::map<int64_t, int64_t>> likes;
  for (const auto& rec : t.records) {
    posts[rec[c_id]] = {rec[c_id], std::stoll(rec[c_created]) * 1000, {}};
    likes[rec[c_id]][ParseUtcMs(rec[c_at])] = std::stoll(rec[c_likes]);
  }
  std::vector<Post> out;
  for (auto& [id, post] : posts) {
    for (const auto& [t_ms, value] : likes[id])
      post.fields["likes"].Add(t_ms, value);
    out.push_back(post);
  }
  std::sort(out.begin(), out.end(), [](const Post& a, const Post& b) {
    return a.published_ms < b.published_ms;
  });
  return out;
}

// The likes curve of a post computed here, independently: 0 at
// publication, then the snapshots; linear between points.
double LikesAt(const Post& p, int64_t t) {
  std::vector<std::pair<int64_t, double>> pts = {{p.published_ms, 0.0}};
  const Series& s = p.fields.at("likes");
  for (size_t i = 0; i < s.size(); ++i) {
    pts.emplace_back(s.timestamps_ms[i], static_cast<double>(s.values[i]));
  }
  for (size_t i = 1; i < pts.size(); ++i) {
    if (pts[i].first >= t) {
      const auto& [t0, v0] = pts[i - 1];
      const auto& [t1, v1] = pts[i];
      return v0 + (v1 - v0) * static_cast<double>(t - t0) /
                      static_cast<double>(t1 - t0);
    }
  }
  return NAN;
}

TEST_F(LikeVelocityTest, TrendingVideosMatchIndependentInterpolation) {
  if (std::getenv("CLOUT_REAL_DATA_DIR") == nullptr) {
    GTEST_SKIP() << "CLOUT_REAL_DATA_DIR is not set";
  }
  const std::vector<Post> videos = TrendingVideos();
  ASSERT_EQ(videos.size(), 56u);
  Inputs in;
  in.posts = videos;
  in.window_start_ms = videos.front().published_ms;
  in.window_end_ms = ParseUtcMs("2026-03-16T00:00:00Z");
  // Every first snapshot is 74 h or more after publication, so with h = 24
  // each velocity is interpolated from 0 at publication to the first
  // snapshot; with h = 240 some videos fall between two snapshots (e.g.
  // 7611898500556655903, snapshots 235.7 h and 339.5 h after publication)
  // and others do not reach h.
  for (int hours : {24, 240}) {
    in.params["hours"] = hours;
    const Result r = Run(in);
    ASSERT_EQ(r.code, CLOUT_OK) << r.error;
    std::vector<double> velocities;
    int not_reaching = 0;
    for (const Post& p : videos) {
      const int64_t t_h = p.published_ms + hours * kHour;
      const double want = LikesAt(p, t_h) / hours;
      if (std::isnan(want)) {
        ++not_reaching;
        EXPECT_TRUE(std::isnan(r.Cell(p.id, "velocity_per_hour"))) << p.id;
        continue;
      }
      velocities.push_back(want);
      EXPECT_NEAR(r.Cell(p.id, "velocity_per_hour"), want, 1e-9 * want)
          << p.id << " h=" << hours;
    }
    EXPECT_EQ(r.FindComponent("posts_not_reaching_h")->value, not_reaching);
    std::sort(velocities.begin(), velocities.end());
    const size_t m = velocities.size() / 2;
    const double median = velocities.size() % 2
                              ? velocities[m]
                              : (velocities[m - 1] + velocities[m]) / 2;
    EXPECT_NEAR(*r.value, median, 1e-9 * median);
    if (hours == 24) {
      EXPECT_EQ(not_reaching, 0);
      EXPECT_EQ(r.FindComponent("posts_from_publication_zero")->value, 56);
    } else {
      EXPECT_GT(not_reaching, 0);
      // 7611898500556655903: 240 h falls between its snapshots taken 235.7 h
      // and 339.5 h after publication; the row names those two.
      const std::string id = "7611898500556655903";
      const Post& v = *std::find_if(videos.begin(), videos.end(),
                                    [&](const Post& p) { return p.id == id; });
      const std::vector<int64_t>& ts = v.fields.at("likes").timestamps_ms;
      const auto after =
          std::lower_bound(ts.begin(), ts.end(), v.published_ms + 240 * kHour);
      ASSERT_NE(after, ts.begin());
      ASSERT_NE(after, ts.end());
      EXPECT_EQ(r.Cell(id, "sample_before_ms"), *(after - 1));
      EXPECT_EQ(r.Cell(id, "sample_after_ms"), *after);
      EXPECT_EQ(r.Cell(id, "interpolated"), 1);
    }
  }
}

}  // namespace
}  // namespace clout::plugin_testing

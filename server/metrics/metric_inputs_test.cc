#include "server/metrics/metric_inputs.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::metrics {
namespace {

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01
const char* const kCreator = "tiktok:1";

struct Sample {
  size_t size = 0;
  int64_t t = 0, v = 0;
  uint32_t flags = 0;
  bool operator==(const Sample& o) const {
    return size == o.size &&
           (size == 0 || (t == o.t && v == o.v && flags == o.flags));
  }
};

Sample LastOf(const plugin_host::InputSeries& s) {
  const SampleSpan span = s.span();
  if (span.size == 0) return {};
  const size_t i = span.size - 1;
  return {1, span.timestamps[i], span.values[i],
          span.flags == nullptr ? 0 : span.flags[i]};
}

class MetricInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clout_metric_inputs_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto s = storage::RocksDbSeriesStore::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    directory_ = std::make_unique<PostDirectory>(store_.get());
    latest_ = std::make_unique<LatestSampleCache>(store_.get());
    storage::CreatorRecord c;
    c.creator_id = kCreator;
    int created = 0;
    ASSERT_TRUE(store_->UpsertCreators({c}, &created).ok());
    metric_.name = "latest_counts";
    metric_.account_fields = {"followers"};
    metric_.post_fields = {"views", "likes", "saves"};
    metric_.latest_post_samples = true;
  }
  void TearDown() override {
    latest_.reset();
    directory_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Write(const std::string& post, const std::string& field, int64_t t,
             int64_t v, uint32_t flags = 0) {
    std::vector<storage::SeriesWrite> batch(1);
    batch[0].id = storage::SeriesId{kCreator, post, field};
    batch[0].samples.Append(t, v, flags);
    ASSERT_TRUE(store_->Write(&batch).ok());
  }
  void AddPost(const std::string& id, int64_t published_ms) {
    storage::PostRecord p;
    p.creator_id = kCreator;
    p.post_id = id;
    p.published_ms = published_ms;
    int created = 0;
    ASSERT_TRUE(store_->UpsertPosts({p}, &created).ok());
  }
  // Gathers [start, end) with the caches and without, and checks that the
  // cached inputs are the last samples of the whole ones, post by post.
  void ExpectLatestMatchesWhole(int64_t start, int64_t end,
                                const std::string& step) {
    plugin_host::MetricInput cached, whole;
    ASSERT_TRUE(GatherInput({store_.get(), directory_.get(), latest_.get()},
                            {&metric_, kCreator, start, end}, &cached)
                    .ok());
    ASSERT_TRUE(GatherInput({store_.get(), nullptr, nullptr},
                            {&metric_, kCreator, start, end}, &whole)
                    .ok());
    ASSERT_EQ(cached.posts.size(), whole.posts.size()) << step;
    for (size_t p = 0; p < whole.posts.size(); ++p) {
      const auto& c = cached.posts[p];
      const auto& w = whole.posts[p];
      ASSERT_EQ(c.post_id, w.post_id) << step;
      for (size_t f = 0; f < metric_.post_fields.size(); ++f) {
        EXPECT_EQ(LastOf(c.fields[f]), LastOf(w.fields[f]))
            << step << ": post " << w.post_id << " field "
            << metric_.post_fields[f] << " window [" << start << ", " << end
            << ")";
        if (w.published_ms != 0) {
          EXPECT_LE(c.fields[f].size(), 1u) << "only the latest sample";
        } else {
          EXPECT_EQ(c.fields[f].size(), w.fields[f].size())
              << "unknown publication time: the whole series";
        }
      }
    }
    ASSERT_EQ(cached.account.size(), 1u);
    EXPECT_EQ(cached.account[0].size(), whole.account[0].size());
  }

  // Random writes, deletes and new posts, checking three windows after each.
  void RunRandomRounds(int rounds);

  std::filesystem::path dir_;
  std::unique_ptr<storage::RocksDbSeriesStore> store_;
  plugin_host::Metric metric_;
  std::unique_ptr<PostDirectory> directory_;
  std::unique_ptr<LatestSampleCache> latest_;
};

TEST_F(MetricInputsTest, LatestSamplesMatchWholeSeriesThroughChanges) {
  RunRandomRounds(40);
}

// A cache too small for one table keeps none and still answers right.
TEST_F(MetricInputsTest, TinyLatestCacheStillAnswersRight) {
  latest_ = std::make_unique<LatestSampleCache>(store_.get(), /*max_bytes=*/1);
  RunRandomRounds(12);
}

void MetricInputsTest::RunRandomRounds(int rounds) {
  std::mt19937_64 rng(7);
  const std::vector<std::string> posts = {"a", "b", "c", "d", "e"};
  for (size_t i = 0; i < posts.size(); ++i) {
    // Post "e" has an unknown publication time.
    AddPost(posts[i], i + 1 == posts.size() ? 0 : kT0 + i * 24 * kHour);
  }
  for (int h = 0; h < 24 * 10; ++h) Write("", "followers", kT0 + h * kHour, h);
  const std::vector<std::string> fields = {"views", "likes"};  // No saves.
  auto random_write = [&] {
    const std::string& post = posts[rng() % posts.size()];
    const std::string& field = fields[rng() % fields.size()];
    const int64_t t = kT0 + static_cast<int64_t>(rng() % (24 * 12)) * kHour;
    Write(post, field, t, static_cast<int64_t>(rng() % 1000),
          rng() % 5 == 0 ? 4 : 0);
  };
  for (int i = 0; i < 200; ++i) random_write();
  // A sample before its post's publication.
  Write("c", "views", kT0, 5);

  for (int round = 0; round < rounds; ++round) {
    const std::string step = "round " + std::to_string(round);
    // Windows inside the data (read from the store), one ending just after
    // a sample time, then one ending after every sample (served from
    // memory). The narrower windows come first, so the wide one extends
    // the table with the posts they did not need.
    const int64_t mid = kT0 + static_cast<int64_t>(rng() % (24 * 12)) * kHour;
    ExpectLatestMatchesWhole(kT0 + 24 * kHour, mid + 1, step + " mid + 1");
    ExpectLatestMatchesWhole(kT0, mid, step + " to mid");
    ExpectLatestMatchesWhole(kT0, kT0 + 24 * 30 * kHour, step + " wide");
    ExpectLatestMatchesWhole(kT0 + 2 * 24 * kHour, kT0 + 24 * 30 * kHour,
                             step + " wide, later start");
    switch (round % 4) {
      case 0:
        random_write();
        break;
      case 1: {
        int64_t affected = 0;
        const int64_t from = kT0 + static_cast<int64_t>(rng() % 200) * kHour;
        ASSERT_TRUE(store_
                        ->DeleteSamples(kCreator, posts[rng() % posts.size()],
                                        "", false, from, from + 30 * kHour,
                                        &affected)
                        .ok());
        break;
      }
      case 2:
        AddPost("f" + std::to_string(round), kT0 + round * kHour);
        break;
      default:
        break;  // Unchanged data: the cached table is used again.
    }
  }
}

}  // namespace
}  // namespace clout::metrics

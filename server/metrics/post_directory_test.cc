#include "server/metrics/post_directory.h"

#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::metrics {
namespace {

class PostDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clout_post_directory_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto s = storage::RocksDbSeriesStore::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    storage::CreatorRecord c;
    c.creator_id = "tiktok:1";
    int created = 0;
    ASSERT_TRUE(store_->UpsertCreators({c}, &created).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void AddPost(const std::string& id, int64_t published_ms) {
    storage::PostRecord p;
    p.creator_id = "tiktok:1";
    p.post_id = id;
    p.published_ms = published_ms;
    int created = 0;
    ASSERT_TRUE(store_->UpsertPosts({p}, &created).ok());
  }
  static std::vector<std::string> Ids(const PostList& posts) {
    std::vector<std::string> ids;
    for (const auto& p : posts) ids.push_back(p.post_id);
    return ids;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::RocksDbSeriesStore> store_;
};

TEST_F(PostDirectoryTest, ListsPostsAndFollowsEveryChange) {
  PostDirectory directory(store_.get());
  AddPost("b", 2000);
  AddPost("a", 1000);
  auto posts = directory.Get("tiktok:1");
  ASSERT_TRUE(posts.ok()) << posts.status();
  EXPECT_EQ(Ids(**posts), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*posts)->at(0).published_ms, 1000);

  // Unchanged: the same list object is served again.
  auto again = directory.Get("tiktok:1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), posts->get());

  // A new post, a changed publication time, a sample naming an unknown post.
  AddPost("c", 3000);
  AddPost("a", 1500);
  std::vector<storage::SeriesWrite> batch(1);
  batch[0].id = storage::SeriesId{"tiktok:1", "d", "views"};
  batch[0].samples.Append(5000, 10, 0);
  ASSERT_TRUE(store_->Write(&batch).ok());
  auto changed = directory.Get("tiktok:1");
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(Ids(**changed), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ((*changed)->at(0).published_ms, 1500);
  EXPECT_EQ((*changed)->at(3).published_ms, 0) << "bare record: unknown";

  int64_t posts_deleted = 0, series_deleted = 0;
  ASSERT_TRUE(
      store_->DeleteCreator("tiktok:1", &posts_deleted, &series_deleted).ok());
  EXPECT_EQ(directory.Get("tiktok:1").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PostDirectoryTest, UnknownCreatorIsNotFound) {
  PostDirectory directory(store_.get());
  EXPECT_EQ(directory.Get("tiktok:404").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PostDirectoryTest, ListsCorrectlyWhenNothingFits) {
  PostDirectory directory(store_.get(), /*max_bytes=*/0);
  for (int i = 0; i < 5; ++i) AddPost("p" + std::to_string(i), 1000 + i);
  for (int round = 0; round < 2; ++round) {
    auto posts = directory.Get("tiktok:1");
    ASSERT_TRUE(posts.ok());
    EXPECT_EQ((*posts)->size(), 5u);
  }
}

// Bounded by memory, the least recently used list goes first: a creator in
// constant use stays while others come and go.
TEST_F(PostDirectoryTest, KeepsTheRecentlyUsedWhenFull) {
  // Three creators with lists of equal size, large enough for the cache's
  // own overhead per entry not to matter.
  for (const char* creator : {"tiktok:1", "tiktok:2", "tiktok:3"}) {
    storage::CreatorRecord c;
    c.creator_id = creator;
    int created = 0;
    ASSERT_TRUE(store_->UpsertCreators({c}, &created).ok());
    std::vector<storage::PostRecord> posts(200);
    for (size_t i = 0; i < posts.size(); ++i) {
      posts[i].creator_id = creator;
      posts[i].post_id = "post" + std::to_string(1000 + i);
      posts[i].published_ms = 1000 + static_cast<int64_t>(i);
    }
    ASSERT_TRUE(store_->UpsertPosts(posts, &created).ok());
  }
  auto probe = ListAllPosts(store_.get(), "tiktok:1");
  ASSERT_TRUE(probe.ok());
  // Room for two of the three lists.
  PostDirectory directory(store_.get(), PostDirectory::Charge(*probe) * 5 / 2);
  auto get = [&](const char* creator) {
    auto posts = directory.Get(creator);
    EXPECT_TRUE(posts.ok()) << posts.status();
    return posts.ok() ? *posts : nullptr;
  };
  const auto hot = get("tiktok:1");
  for (int round = 0; round < 4; ++round) {
    get(round % 2 == 0 ? "tiktok:2" : "tiktok:3");
    // The same list object: served from memory, not listed again.
    EXPECT_EQ(get("tiktok:1"), hot) << "round " << round;
  }
  // The one least recently used was pushed out, and is listed anew.
  const auto cold = get("tiktok:2");
  get("tiktok:1");
  get("tiktok:3");
  EXPECT_NE(get("tiktok:2"), cold);
}

}  // namespace
}  // namespace clout::metrics

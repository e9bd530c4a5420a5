#include "server/metrics/result_cache.h"

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace clout::metrics {
namespace {

ResultKey Key(const std::string& creator, int64_t end_ms) {
  return ResultKey{7, creator, 1000, end_ms, {1.0, 0.0}};
}

ResultCache::Result Value(double v) {
  auto out = std::make_shared<plugin_host::MetricOutput>();
  out->has_value = true;
  out->value = v;
  out->formula = std::string(200, 'f');
  return std::shared_ptr<const plugin_host::MetricOutput>(std::move(out));
}

TEST(ResultCacheTest, FindsOnlyTheSameKeyAndGeneration) {
  ResultCache cache(1 << 20);
  cache.Insert(Key("a", 2000), 5, Value(1.5));
  auto hit = cache.Find(Key("a", 2000), 5);
  ASSERT_TRUE(hit.has_value());
  ASSERT_TRUE(hit->ok());
  EXPECT_EQ((**hit)->value, 1.5);
  EXPECT_FALSE(cache.Find(Key("a", 2000), 6).has_value()) << "newer data";
  EXPECT_FALSE(cache.Find(Key("a", 2001), 5).has_value()) << "other window";
  EXPECT_FALSE(cache.Find(Key("b", 2000), 5).has_value()) << "other creator";
  ResultKey other_params = Key("a", 2000);
  other_params.params = {1.0, 1.0};
  EXPECT_FALSE(cache.Find(other_params, 5).has_value());
  EXPECT_EQ(cache.counters().hits, 1);
  EXPECT_EQ(cache.counters().misses, 4);
}

TEST(ResultCacheTest, KeepsWhatTheDataDecided) {
  ResultCache cache(1 << 20);
  cache.Insert(Key("a", 2000), 1,
               absl::FailedPreconditionError("no posts in the window"));
  auto hit = cache.Find(Key("a", 2000), 1);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ResultCacheTest, EvictsTheLeastRecentlyUsedWithinItsBudget) {
  constexpr size_t kBudget = 64 << 10;
  ResultCache cache(kBudget);
  cache.Insert(Key("kept", 1), 1, Value(42));
  for (int i = 0; i < 2000; ++i) {
    cache.Insert(Key("c" + std::to_string(i), 1), 1, Value(i));
    // Used all along, so never the least recently used.
    ASSERT_TRUE(cache.Find(Key("kept", 1), 1).has_value()) << i;
  }
  EXPECT_TRUE(cache.Find(Key("c1999", 1), 1).has_value());
  EXPECT_FALSE(cache.Find(Key("c0", 1), 1).has_value());
  EXPECT_LE(cache.counters().bytes, static_cast<int64_t>(kBudget));
}

TEST(ResultCacheTest, ZeroBudgetKeepsNothing) {
  ResultCache cache(0);
  cache.Insert(Key("a", 1), 1, Value(1));
  EXPECT_FALSE(cache.Find(Key("a", 1), 1).has_value());
}

}  // namespace
}  // namespace clout::metrics

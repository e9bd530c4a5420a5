#include "server/storage/decoded_block_cache.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace clout::storage {
namespace {

std::string Encode(int64_t t0, int n, int64_t value_step) {
  SampleColumns s;
  for (int64_t i = 0; i < n; ++i) {
    s.Append(t0 + i * 3600000, i * value_step, 0);
  }
  std::string out;
  EncodeSamples(s, &out);
  return out;
}

SampleColumns Decoded(const std::string& bytes) {
  Record r;
  EXPECT_TRUE(DecodeRecord(bytes, &r).ok());
  return r.samples;
}

TEST(DecodedBlockCacheTest, HitsOnlyForTheSameBytes) {
  DecodedBlockCache cache(8 << 20);
  const std::string a = Encode(1000, 200, 5);
  const std::string b = Encode(1000, 200, 6);  // Same key, changed block.
  DecodedBlockCache::Lease lease;
  ASSERT_TRUE(cache.Decode("key", a, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(a));
  ASSERT_TRUE(cache.Decode("key", a, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(a));
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);

  ASSERT_TRUE(cache.Decode("key", b, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(b)) << "a changed block is decoded anew";
  EXPECT_EQ(cache.stats().hits, 1u);
  ASSERT_TRUE(cache.Decode("key", b, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(b));
  EXPECT_EQ(cache.stats().hits, 2u) << "and replaces the old entry";
}

TEST(DecodedBlockCacheTest, WithoutFillNothingIsKept) {
  DecodedBlockCache cache(8 << 20);
  const std::string a = Encode(1000, 50, 1);
  DecodedBlockCache::Lease lease;
  ASSERT_TRUE(cache.Decode("k", a, false, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(a));
  ASSERT_TRUE(cache.Decode("k", a, false, &lease).ok());
  EXPECT_EQ(cache.stats().hits, 0u);
  EXPECT_EQ(cache.stats().usage_bytes, 0u);
}

TEST(DecodedBlockCacheTest, DisabledCacheStillDecodes) {
  DecodedBlockCache cache(0);
  const std::string a = Encode(1000, 50, 1);
  DecodedBlockCache::Lease lease;
  ASSERT_TRUE(cache.Decode("k", a, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(a));
  ASSERT_TRUE(cache.Decode("k", a, true, &lease).ok());
  EXPECT_EQ(lease.samples(), Decoded(a));
  EXPECT_EQ(cache.stats().hits, 0u);
}

TEST(DecodedBlockCacheTest, CorruptRecordIsRefusedAndNotCached) {
  DecodedBlockCache cache(8 << 20);
  std::string bad = Encode(1000, 100, 3);
  bad.resize(bad.size() / 2);
  DecodedBlockCache::Lease lease;
  absl::Status st = cache.Decode("k", bad, true, &lease);
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss) << st;
  EXPECT_EQ(cache.stats().usage_bytes, 0u);
}

TEST(DecodedBlockCacheTest, StaysWithinItsBudgetAndLeasesOutliveEviction) {
  constexpr size_t kBudget = 1 << 20;
  DecodedBlockCache cache(kBudget);
  const std::string first = Encode(1000, 1000, 7);
  DecodedBlockCache::Lease held;
  absl::Status st = cache.Decode("first", first, true, &held);
  ASSERT_TRUE(st.ok()) << st;
  // Far more blocks than fit: the cache evicts, but not the pinned one's
  // samples from under the lease.
  for (int i = 0; i < 400; ++i) {
    DecodedBlockCache::Lease lease;
    const std::string bytes = Encode(1000 + i, 1000, i + 1);
    ASSERT_TRUE(
        cache.Decode("k" + std::to_string(i), bytes, true, &lease).ok());
    EXPECT_EQ(lease.samples().size(), 1000u);
  }
  EXPECT_EQ(held.samples(), Decoded(first));
  // Usage is the budget plus at most the pinned entry.
  EXPECT_LE(cache.stats().usage_bytes, kBudget + 64 * 1024);
}

TEST(DecodedBlockCacheTest, StampedLookupsNeedTheSameStamp) {
  DecodedBlockCache cache(8 << 20);
  const std::string a = Encode(1000, 100, 3);
  const std::string b = Encode(1000, 100, 4);
  DecodedBlockCache::Lease lease;
  EXPECT_FALSE(cache.LookupStamped("k", 7, &lease)) << "nothing cached yet";
  ASSERT_TRUE(cache.Decode("k", a, true, &lease).ok());
  EXPECT_FALSE(cache.LookupStamped("k", 7, &lease))
      << "decoded without a stamp";
  ASSERT_TRUE(cache.Decode("k", a, true, &lease, /*stamp=*/7).ok());
  ASSERT_TRUE(cache.LookupStamped("k", 7, &lease)) << "a hit takes the stamp";
  EXPECT_EQ(lease.samples(), Decoded(a));
  EXPECT_TRUE(lease.pinned());
  EXPECT_FALSE(cache.LookupStamped("k", 8, &lease)) << "another stamp";
  EXPECT_FALSE(lease.pinned());
  EXPECT_FALSE(cache.LookupStamped("other", 7, &lease)) << "another key";
  EXPECT_FALSE(cache.LookupStamped("k", DecodedBlockCache::kUnstamped, &lease));

  // Changed bytes under a newer stamp replace the entry; the old stamp no
  // longer finds anything.
  ASSERT_TRUE(cache.Decode("k", b, true, &lease, /*stamp=*/9).ok());
  EXPECT_FALSE(cache.LookupStamped("k", 7, &lease));
  ASSERT_TRUE(cache.LookupStamped("k", 9, &lease));
  EXPECT_EQ(lease.samples(), Decoded(b));
  EXPECT_EQ(cache.stats().stamped_hits, 2u);
}

TEST(DecodedBlockCacheTest, BlockListsNeedTheSameStamp) {
  DecodedBlockCache cache(8 << 20);
  std::vector<uint32_t> blocks = {99};
  EXPECT_FALSE(cache.GetBlockList(42, 1, &blocks));
  EXPECT_EQ(blocks, std::vector<uint32_t>{99}) << "left alone on a miss";
  cache.PutBlockList(42, 1, {3, 5, 8});
  ASSERT_TRUE(cache.GetBlockList(42, 1, &blocks));
  EXPECT_EQ(blocks, (std::vector<uint32_t>{3, 5, 8}));
  EXPECT_FALSE(cache.GetBlockList(42, 2, &blocks));
  EXPECT_FALSE(cache.GetBlockList(43, 1, &blocks));
  cache.PutBlockList(42, 2, {});
  EXPECT_FALSE(cache.GetBlockList(42, 1, &blocks)) << "replaced";
  ASSERT_TRUE(cache.GetBlockList(42, 2, &blocks));
  EXPECT_TRUE(blocks.empty());

  DecodedBlockCache disabled(0);
  disabled.PutBlockList(42, 1, {3});
  EXPECT_FALSE(disabled.GetBlockList(42, 1, &blocks));
  DecodedBlockCache::Lease lease;
  ASSERT_TRUE(disabled.Decode("k", Encode(1, 2, 3), true, &lease, 1).ok());
  EXPECT_FALSE(disabled.LookupStamped("k", 1, &lease));
}

}  // namespace
}  // namespace clout::storage

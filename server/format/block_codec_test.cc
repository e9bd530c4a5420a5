#include "server/format/block_codec.h"

#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace clout::storage {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

SampleColumns RoundTrip(const SampleColumns& in) {
  std::string bytes;
  EncodeSamples(in, &bytes);
  Record r;
  absl::Status st = DecodeRecord(bytes, &r);
  EXPECT_TRUE(st.ok()) << st;
  EXPECT_EQ(r.type, RecordType::kSamples);
  auto count = PeekSampleCount(bytes);
  EXPECT_TRUE(count.ok());
  EXPECT_EQ(*count, in.size());
  return r.samples;
}

SampleColumns Make(std::vector<int64_t> ts, std::vector<int64_t> vs,
                   std::vector<uint32_t> flags = {}) {
  SampleColumns s;
  s.timestamps = std::move(ts);
  s.values = std::move(vs);
  s.flags = std::move(flags);
  return s;
}

TEST(BlockCodec, EmptyAndSingle) {
  EXPECT_EQ(RoundTrip(SampleColumns{}), SampleColumns{});
  SampleColumns one = Make({1700000000000}, {42}, {4});
  EXPECT_EQ(RoundTrip(one), one);
}

TEST(BlockCodec, Extremes) {
  SampleColumns s = Make({kMin, kMin + 1, -1, 0, 1, kMax - 1, kMax},
                         {kMax, kMin, 0, kMax, -1, kMin, kMax});
  EXPECT_EQ(RoundTrip(s), s);
  SampleColumns t = Make({kMin, kMax}, {kMin, kMax});
  EXPECT_EQ(RoundTrip(t), t);
  // Deltas that are all multiples of 2^62 exercise the divisor path.
  SampleColumns u = Make({kMin, 0, int64_t{1} << 62}, {0, kMin, 0});
  EXPECT_EQ(RoundTrip(u), u);
}

TEST(BlockCodec, RegularHourlyCounterIsCompact) {
  SampleColumns s;
  int64_t v = 1000000;
  for (int i = 0; i < 2160; ++i) {
    s.Append(1735689600000 + int64_t{i} * 3600000, v, 0);
    v += 40 + (i * 7919) % 9;  // Steady growth with a little noise.
  }
  std::string bytes;
  EncodeSamples(s, &bytes);
  // Timestamps cost one bit each; values a few bits.
  EXPECT_LT(bytes.size(), s.size()) << "bytes per sample above 1";
  EXPECT_EQ(RoundTrip(s), s);
}

TEST(BlockCodec, RoundedCountsUseDivisor) {
  // Values rounded to 100k, as platforms display them.
  SampleColumns s;
  for (int i = 0; i < 500; ++i) {
    s.Append(1648154404000 + int64_t{i} * 3600000 + (i % 7) * 61000,
             6200000 + (i / 50) * 100000, 0);
  }
  std::string bytes;
  EncodeSamples(s, &bytes);
  EXPECT_LT(bytes.size(), s.size() * 2);
  EXPECT_EQ(RoundTrip(s), s);
}

TEST(BlockCodec, AppendKeepsAFlagOnTheFirstSample) {
  SampleColumns s;
  s.Append(1, 10, 4);
  s.Append(2, 20, 0);
  EXPECT_EQ(s.flags, (std::vector<uint32_t>{4, 0}));
  SampleColumns t;
  t.Append(1, 10, 0);
  t.Append(2, 20, 2);
  EXPECT_EQ(t.flags, (std::vector<uint32_t>{0, 2}));
}

TEST(BlockCodec, FlagsRoundTrip) {
  SampleColumns all_same = Make({1, 2, 3}, {1, 2, 3}, {2, 2, 2});
  EXPECT_EQ(RoundTrip(all_same), all_same);
  SampleColumns runs = Make({1, 2, 3, 4}, {1, 2, 3, 4}, {0, 6, 6, 1});
  EXPECT_EQ(RoundTrip(runs), runs);
  SampleColumns zeros = Make({1, 2}, {1, 2}, {0, 0});
  SampleColumns back = RoundTrip(zeros);
  EXPECT_TRUE(back.flags.empty());
  EXPECT_EQ(back, zeros);  // Empty flags compare equal to all-zero flags.
}

// Property test: random series of many shapes round-trip exactly.
TEST(BlockCodec, RandomSeriesRoundTrip) {
  std::mt19937_64 rng(20261126);
  for (int iter = 0; iter < 3000; ++iter) {
    const int n = static_cast<int>(rng() % 400);
    const int shape = iter % 6;
    SampleColumns s;
    int64_t t = static_cast<int64_t>(rng() % 4102444800000);
    int64_t v = static_cast<int64_t>(rng() >> (rng() % 64));
    for (int i = 0; i < n; ++i) {
      switch (shape) {
        case 0:  // Arbitrary 64-bit values, wrapping deltas.
          t += 1 + static_cast<int64_t>(rng() >> 2);
          v = static_cast<int64_t>(rng());
          break;
        case 1:  // Hourly with rare jitter; growing counter.
          t += 3600000 +
               ((rng() % 20 == 0) ? static_cast<int64_t>(rng() % 5000) : 0);
          v += static_cast<int64_t>(rng() % 50);
          break;
        case 2:  // Negative deltas.
          t += 1 + static_cast<int64_t>(rng() % 1000);
          v -= static_cast<int64_t>(rng() % 1000000);
          break;
        case 3:  // Constant value, constant step.
          t += 1000;
          break;
        case 4:  // Extremes mixed in.
          t += 1 + static_cast<int64_t>(rng() % 3);
          v = (rng() % 2) ? kMax : kMin;
          break;
        default:  // Large multiples (rounded counts).
          t += 1000 * (1 + static_cast<int64_t>(rng() % 4000));
          v += 100000 * static_cast<int64_t>(rng() % 3);
          break;
      }
      uint32_t flag = (rng() % 10 == 0) ? static_cast<uint32_t>(rng() % 8) : 0;
      s.Append(t, v, flag);
    }
    // Keep timestamps strictly increasing even if `t` wrapped.
    SortAndDeduplicate(&s);
    ASSERT_EQ(RoundTrip(s), s) << "iteration " << iter;
  }
}

TEST(BlockCodec, SortAndDeduplicateKeepsLastOfRepeatedTimestamps) {
  SampleColumns s =
      Make({5, 1, 5, 3, 1}, {50, 10, 51, 30, 11}, {0, 0, 4, 0, 0});
  SortAndDeduplicate(&s);
  EXPECT_EQ(s, Make({1, 3, 5}, {11, 30, 51}, {0, 0, 4}));
}

TEST(BlockCodec, MergeNewerWinsAndInterleaves) {
  SampleColumns older = Make({1, 3, 5, 7}, {10, 30, 50, 70});
  SampleColumns newer = Make({2, 3, 8}, {20, 31, 80}, {1, 1, 1});
  SampleColumns out;
  MergeSamples(older, newer, &out);
  EXPECT_EQ(out, Make({1, 2, 3, 5, 7, 8}, {10, 20, 31, 50, 70, 80},
                      {0, 1, 1, 0, 0, 1}));
  // Disjoint runs, either order.
  MergeSamples(Make({10, 11}, {1, 2}), Make({1, 2}, {3, 4}), &out);
  EXPECT_EQ(out, Make({1, 2, 10, 11}, {3, 4, 1, 2}));
}

// Property test: merging equals applying writes to a map in order.
TEST(BlockCodec, MergeMatchesReferenceModel) {
  std::mt19937_64 rng(7);
  for (int iter = 0; iter < 500; ++iter) {
    std::map<int64_t, int64_t> model;
    SampleColumns acc, out;
    for (int w = 0; w < 5; ++w) {
      SampleColumns batch;
      int n = static_cast<int>(rng() % 50);
      for (int i = 0; i < n; ++i) {
        int64_t t = static_cast<int64_t>(rng() % 100);
        int64_t v = static_cast<int64_t>(rng() % 1000);
        batch.Append(t, v, 0);
        model[t] = v;
      }
      SortAndDeduplicate(&batch);
      MergeSamples(acc, batch, &out);
      std::swap(acc, out);
      if (rng() % 4 == 0) {
        int64_t a = static_cast<int64_t>(rng() % 100);
        int64_t b = a + static_cast<int64_t>(rng() % 30);
        DeleteRange(a, b, &acc);
        model.erase(model.lower_bound(a), model.lower_bound(b));
      }
    }
    SampleColumns expected;
    for (auto [t, v] : model) expected.Append(t, v, 0);
    ASSERT_EQ(acc, expected) << "iteration " << iter;
  }
}

TEST(BlockCodec, DeleteRangeRecordRoundTrip) {
  std::string bytes;
  EncodeDeleteRange(100, 200, &bytes);
  Record r;
  ASSERT_TRUE(DecodeRecord(bytes, &r).ok());
  EXPECT_EQ(r.type, RecordType::kDeleteRange);
  EXPECT_EQ(r.delete_start, 100);
  EXPECT_EQ(r.delete_end, 200);
  EXPECT_EQ(*PeekSampleCount(bytes), 0u);
}

// Corrupt input is rejected with DataLoss and never read out of bounds
// (run under a sanitizer or valgrind to check the latter).
TEST(BlockCodec, CorruptInputIsRejected) {
  SampleColumns s;
  for (int i = 0; i < 300; ++i) s.Append(i * 1000, i * i, i % 3 == 0 ? 2 : 0);
  std::string good;
  EncodeSamples(s, &good);
  Record r;
  EXPECT_EQ(DecodeRecord("", &r).code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeRecord(std::string(1, '\x09'), &r).code(),
            absl::StatusCode::kDataLoss);
  for (size_t cut = 1; cut < good.size(); cut += 7) {
    absl::Status st = DecodeRecord(good.substr(0, cut), &r);
    EXPECT_FALSE(st.ok()) << "truncated at " << cut;
  }
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    std::string bad = good;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    (void)DecodeRecord(bad, &r);  // Must not crash; may or may not detect.
  }
  // A huge declared count is refused before allocating.
  std::string huge = "\x01\xff\xff\xff\xff\xff\xff\xff\xff\x7f";
  EXPECT_EQ(DecodeRecord(huge, &r).code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace clout::storage

#include "server/storage/rocksdb_series_store.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "server/format/keys.h"
#include "server/storage/last_sample_for_tests.h"
#include "server/storage/sample_merge_operator.h"
#include "server/storage/series_tail.h"

namespace clout::storage {
namespace {

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01

SampleColumns Make1(int64_t t, int64_t v) {
  SampleColumns s;
  s.Append(t, v, 0);
  return s;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clout_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto s = RocksDbSeriesStore::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
  }
  void WriteOne(std::string_view creator, std::string_view post,
                std::string_view field, const SampleColumns& samples) {
    std::vector<SeriesWrite> batch(1);
    batch[0].id = SeriesId{creator, post, field};
    batch[0].samples = samples;
    absl::Status st = store_->Write(&batch);
    ASSERT_TRUE(st.ok()) << st;
  }
  SampleColumns ReadAll(std::string_view creator, std::string_view post,
                        std::string_view field) {
    SampleColumns out;
    absl::Status st =
        store_->Read(SeriesId{creator, post, field}, 0, kMaxTimestampMs, &out);
    EXPECT_TRUE(st.ok()) << st;
    return out;
  }

  // The series' last sample by ReadLast, as "t=v/flag" (t from kT0), or
  // "none".
  std::string Last(std::string_view creator, std::string_view post,
                   std::string_view field) {
    return LastSampleText(store_.get(), SeriesId{creator, post, field}, kT0);
  }

  std::filesystem::path dir_;
  std::unique_ptr<RocksDbSeriesStore> store_;
};

TEST_F(StoreTest, OutOfOrderDuplicatesAndManyBlocksMatchModel) {
  std::mt19937_64 rng(1);
  std::map<int64_t, int64_t> model;
  for (int w = 0; w < 40; ++w) {
    SampleColumns batch;
    for (int i = 0; i < 200; ++i) {
      // A year of hours: spans several blocks; many repeats across writes.
      int64_t t = kT0 + static_cast<int64_t>(rng() % (24 * 365)) * kHour;
      int64_t v = static_cast<int64_t>(rng() % 1000000);
      batch.Append(t, v, 0);
      model[t] = v;
    }
    WriteOne("tiktok:1", "", "followers", batch);
    if (w == 20) Reopen();
  }
  SampleColumns expected;
  for (auto [t, v] : model) expected.Append(t, v, 0);
  EXPECT_EQ(ReadAll("tiktok:1", "", "followers"), expected);
  ASSERT_TRUE(store_->Compact().ok());
  EXPECT_EQ(ReadAll("tiktok:1", "", "followers"), expected);
  Reopen();
  EXPECT_EQ(ReadAll("tiktok:1", "", "followers"), expected);
  auto stats = store_->Stats(true);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->samples, static_cast<int64_t>(model.size()));
  EXPECT_EQ(stats->series, 1);
  EXPECT_EQ(stats->creators, 1);
}

TEST_F(StoreTest, RangeReadReturnsOnlyTheRange) {
  SampleColumns s;
  for (int i = 0; i < 24 * 200; ++i) s.Append(kT0 + i * kHour, i, 0);
  WriteOne("c", "p1", "views", s);
  SampleColumns out;
  const int64_t from = kT0 + 1000 * kHour, to = kT0 + 3500 * kHour;
  ASSERT_TRUE(store_->Read(SeriesId{"c", "p1", "views"}, from, to, &out).ok());
  ASSERT_EQ(out.size(), 2500u);
  EXPECT_EQ(out.timestamps.front(), from);
  EXPECT_EQ(out.timestamps.back(), to - kHour);
  EXPECT_EQ(out.values.front(), 1000);
}

TEST_F(StoreTest, ReadManyMatchesSingleReadsAndFindsThePriorSample) {
  SampleColumns a, b;
  for (int i = 0; i < 24 * 300; ++i) a.Append(kT0 + i * kHour, i, 0);
  for (int i = 0; i < 10; ++i) b.Append(kT0 + i * 30 * 24 * kHour, 100 + i, 4);
  WriteOne("c", "", "followers", a);
  WriteOne("c", "p", "views", b);
  std::vector<SeriesRead> reads(4);
  reads[0].id = SeriesId{"c", "", "followers"};
  reads[0].start = kT0 + 5000 * kHour;
  reads[0].end = kT0 + 5010 * kHour;
  reads[0].with_prior = true;
  reads[1].id = SeriesId{"c", "p", "views"};
  // Between samples 3 and 4, in a later block than sample 3: the prior
  // sample comes from an earlier block.
  reads[1].start = kT0 + 100 * 24 * kHour;
  reads[1].end = kMaxTimestampMs;
  reads[1].with_prior = true;
  reads[2].id = SeriesId{"c", "", "nothing"};
  reads[2].end = kMaxTimestampMs;
  reads[3].id = SeriesId{"c", "", "followers"};
  reads[3].start = 0;
  reads[3].end = kMaxTimestampMs;
  ASSERT_TRUE(store_->ReadMany(&reads).ok());
  ASSERT_TRUE(reads[0].found);
  ASSERT_EQ(reads[0].samples.size(), 11u);
  EXPECT_EQ(reads[0].samples.timestamps[0], kT0 + 4999 * kHour);
  EXPECT_EQ(reads[0].samples.values[10], 5009);
  ASSERT_EQ(reads[1].samples.size(), 7u);
  EXPECT_EQ(reads[1].samples.timestamps[0], kT0 + 90 * 24 * kHour);
  EXPECT_EQ(reads[1].samples.flag(0), 4u);
  EXPECT_FALSE(reads[2].found);
  EXPECT_TRUE(reads[2].samples.empty());
  EXPECT_EQ(reads[3].samples, a);
}

TEST_F(StoreTest, MissingSeriesIsNotFound) {
  SampleColumns out;
  EXPECT_EQ(
      store_->Read(SeriesId{"nobody", "", "followers"}, 0, 1, &out).code(),
      absl::StatusCode::kNotFound);
}

TEST_F(StoreTest, DeleteSamplesRemovesOnlyTheRangeAcrossBlocks) {
  SampleColumns s;
  for (int i = 0; i < 24 * 400; ++i) s.Append(kT0 + i * kHour, i, 0);
  WriteOne("c", "", "followers", s);
  WriteOne("c", "", "following", s);
  const int64_t from = kT0 + 100 * kHour, to = kT0 + 24 * 300 * kHour;
  int64_t affected = 0;
  ASSERT_TRUE(
      store_->DeleteSamples("c", "", "followers", false, from, to, &affected)
          .ok());
  EXPECT_EQ(affected, 1);
  SampleColumns expected;
  for (int i = 0; i < 24 * 400; ++i) {
    int64_t t = kT0 + i * kHour;
    if (t < from || t >= to) expected.Append(t, i, 0);
  }
  EXPECT_EQ(ReadAll("c", "", "followers"), expected);
  EXPECT_EQ(ReadAll("c", "", "following"), s);
  // Writing into the deleted range again works.
  WriteOne("c", "", "followers", Make1(from, 7));
  EXPECT_EQ(ReadAll("c", "", "followers").size(), expected.size() + 1);
  ASSERT_TRUE(store_->Compact().ok());
  EXPECT_EQ(ReadAll("c", "", "followers").size(), expected.size() + 1);
}

// The decoded sample cache holds blocks that were read; whatever changes
// them afterwards (an overwrite, a new sample, a delete range, compaction)
// must show in the next read, which the cache serves only unchanged blocks.
TEST_F(StoreTest, DecodedCacheNeverServesChangedBlocks) {
  std::map<int64_t, int64_t> model;
  SampleColumns s;
  for (int i = 0; i < 24 * 30; ++i) {
    s.Append(kT0 + i * kHour, 1000 + i, 0);
    model[kT0 + i * kHour] = 1000 + i;
  }
  WriteOne("c", "", "followers", s);
  auto expect_model = [&](const char* step) {
    SampleColumns expected;
    for (const auto& [t, v] : model) expected.Append(t, v, 0);
    EXPECT_EQ(ReadAll("c", "", "followers"), expected) << step;
    std::vector<SeriesRead> reads(1);
    reads[0].id = SeriesId{"c", "", "followers"};
    reads[0].start = 0;
    reads[0].end = kMaxTimestampMs;
    ASSERT_TRUE(store_->ReadMany(&reads).ok()) << step;
    EXPECT_EQ(reads[0].samples, expected) << step;
  };
  expect_model("first read");
  const uint64_t hits_before = store_->decoded_cache_stats().hits;
  expect_model("second read");
  EXPECT_GT(store_->decoded_cache_stats().hits, hits_before)
      << "an unchanged block is served from the cache";

  WriteOne("c", "", "followers", Make1(kT0 + 5 * kHour, 7));  // Overwrite.
  model[kT0 + 5 * kHour] = 7;
  expect_model("after an overwrite");
  WriteOne("c", "", "followers", Make1(kT0 + 24 * 30 * kHour, 9));  // Append.
  model[kT0 + 24 * 30 * kHour] = 9;
  expect_model("after an appended sample");
  int64_t affected = 0;
  ASSERT_TRUE(store_
                  ->DeleteSamples("c", "", "followers", false, kT0,
                                  kT0 + 10 * kHour, &affected)
                  .ok());
  for (int i = 0; i < 10; ++i) model.erase(kT0 + i * kHour);
  expect_model("after a delete range");
  ASSERT_TRUE(store_->Compact().ok());
  expect_model("after compaction");
  EXPECT_GT(store_->decoded_cache_stats().usage_bytes, 0u);
}

// ReadMany answers repeated reads of unchanged creators from the decoded
// cache alone (stamped with the creator's generation). Through random
// writes, overwrites in earlier blocks, deletes and compactions, every read
// (first or repeated, with or without the prior sample, borrowed or not)
// must equal a model of the data.
TEST_F(StoreTest, ReadsFromStampsMatchAModelThroughRandomChanges) {
  struct Target {
    std::string creator, post, field;
  };
  const std::vector<Target> targets = {
      {"a", "", "followers"}, {"a", "p1", "likes"}, {"b", "", "followers"}};
  std::vector<std::map<int64_t, int64_t>> model(targets.size());
  // About three years: a dozen blocks of 2^33 ms.
  const int64_t span = 3 * 365 * 24 * kHour;
  std::mt19937_64 rng(7);
  auto uniform = [&](int64_t lo, int64_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  auto write = [&](size_t i, int count) {
    SampleColumns s;
    std::map<int64_t, int64_t> batch;
    for (int k = 0; k < count; ++k) {
      batch[kT0 + uniform(0, span / kHour) * kHour] = uniform(0, 1 << 20);
    }
    for (const auto& [t, v] : batch) {
      s.Append(t, v, 0);
      model[i][t] = v;
    }
    WriteOne(targets[i].creator, targets[i].post, targets[i].field, s);
  };
  for (size_t i = 0; i < targets.size(); ++i) write(i, 400);

  auto check_reads = [&](const std::string& step) {
    std::vector<SeriesRead> reads(6);
    std::vector<size_t> which(reads.size());
    for (size_t r = 0; r < reads.size(); ++r) {
      which[r] = static_cast<size_t>(uniform(0, targets.size() - 1));
      const Target& t = targets[which[r]];
      reads[r].id = SeriesId{t.creator, t.post, t.field};
      reads[r].start = kT0 + uniform(-span / 4, span);
      reads[r].end = reads[r].start + uniform(0, span / 2);
      reads[r].with_prior = uniform(0, 1) == 1;
      reads[r].borrow = uniform(0, 1) == 1;
      reads[r].fill = uniform(0, 3) != 0;
    }
    // Every series' last sample, from its stored tail.
    for (size_t i = 0; i < targets.size(); ++i) {
      const auto& m = model[i];
      const std::string expected =
          m.empty() ? "none"
                    : std::to_string(m.rbegin()->first - kT0) + "=" +
                          std::to_string(m.rbegin()->second) + "/0";
      EXPECT_EQ(Last(targets[i].creator, targets[i].post, targets[i].field),
                expected)
          << step << ", last sample of " << targets[i].creator << "/"
          << targets[i].post << "/" << targets[i].field;
    }
    // Twice: the second time mostly from stamps.
    for (int pass = 0; pass < 2; ++pass) {
      ASSERT_TRUE(store_->ReadMany(&reads).ok()) << step;
      for (size_t r = 0; r < reads.size(); ++r) {
        const auto& m = model[which[r]];
        SampleColumns expected;
        if (reads[r].end > reads[r].start) {
          auto from = m.lower_bound(reads[r].start);
          if (reads[r].with_prior && from != m.begin()) --from;
          for (auto it = from; it != m.end() && it->first < reads[r].end;
               ++it) {
            expected.Append(it->first, it->second, 0);
          }
        }
        const SampleSpan got = reads[r].span();
        SampleColumns actual;
        for (size_t k = 0; k < got.size; ++k) {
          actual.Append(got.timestamps[k], got.values[k],
                        got.flags == nullptr ? 0 : got.flags[k]);
        }
        EXPECT_EQ(actual, expected)
            << step << ", pass " << pass << ", read " << r << " of "
            << targets[which[r]].creator << "/" << targets[which[r]].field
            << " [" << reads[r].start << ", " << reads[r].end << ")"
            << (reads[r].with_prior ? " with prior" : "");
      }
    }
  };

  const uint64_t stamped_before = store_->decoded_cache_stats().stamped_hits;
  for (int round = 0; round < 60; ++round) {
    const std::string step = "round " + std::to_string(round);
    const size_t i = static_cast<size_t>(uniform(0, targets.size() - 1));
    switch (uniform(0, 5)) {
      case 0:
        write(i, 1);  // Often into an early block: a new prior sample.
        break;
      case 1:
        write(i, 50);
        break;
      case 2: {
        // Now and then from a point before the series' last sample to past
        // its end, so the tail goes and an earlier sample takes its place.
        const bool cut_tail = round % 4 == 2 && !model[i].empty();
        const int64_t from =
            cut_tail ? model[i].rbegin()->first - uniform(0, span / 8)
                     : kT0 + uniform(0, span);
        const int64_t to =
            cut_tail ? kMaxTimestampMs : from + uniform(0, span / 8);
        int64_t affected = 0;
        ASSERT_TRUE(store_
                        ->DeleteSamples(targets[i].creator, targets[i].post,
                                        targets[i].field, false, from, to,
                                        &affected)
                        .ok());
        model[i].erase(model[i].lower_bound(from), model[i].lower_bound(to));
        break;
      }
      case 3:
        if (round % 10 == 3) {
          ASSERT_TRUE(store_->Compact().ok());
        } else if (round % 10 == 8) {
          Reopen();
        }
        break;
      default:
        break;  // Reads of unchanged data.
    }
    check_reads(step);
    if (HasFailure()) return;
  }
  EXPECT_GT(store_->decoded_cache_stats().stamped_hits, stamped_before)
      << "repeated reads were answered from stamps";
}

// ReadLast answers from the tails kept beside the blocks: they must follow
// every kind of change the blocks do.
TEST_F(StoreTest, LastSamplesFollowWritesDeletesAndReopens) {
  EXPECT_EQ(Last("c", "p", "likes"), "none") << "never written";
  SampleColumns s;
  for (int i = 0; i < 10; ++i)
    s.Append(kT0 + i * kHour, 100 + i, i == 9 ? 4 : 0);
  WriteOne("c", "p", "likes", s);
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=109/4");
  WriteOne("c", "p", "likes", Make1(kT0 + 2 * kHour, 7));
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=109/4")
      << "an earlier sample changes nothing";
  WriteOne("c", "p", "likes", Make1(kT0 + 9 * kHour, 200));
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=200/0")
      << "the later write of the same timestamp wins, as in the blocks";
  // Into the next block and back: the greatest timestamp wins.
  WriteOne("c", "p", "likes", Make1(kT0 + kBlockSpanMs, 300));
  WriteOne("c", "p", "likes", Make1(kT0 + 20 * kHour, 250));
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(kBlockSpanMs) + "=300/0");
  EXPECT_EQ(Last("c", "", "likes"), "none") << "another series";

  int64_t affected = 0;
  // A delete that spares the tail leaves it.
  ASSERT_TRUE(store_
                  ->DeleteSamples("c", "p", "likes", false, kT0,
                                  kT0 + 3 * kHour, &affected)
                  .ok());
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(kBlockSpanMs) + "=300/0");
  // One that takes it gives way to the last sample before its range, in an
  // earlier block.
  ASSERT_TRUE(store_
                  ->DeleteSamples("c", "p", "likes", false, kT0 + 15 * kHour,
                                  kMaxTimestampMs, &affected)
                  .ok());
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=200/0");
  Reopen();
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=200/0");
  ASSERT_TRUE(store_->Compact().ok());
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(9 * kHour) + "=200/0");
  // Every sample deleted: no last sample, while the series still exists.
  ASSERT_TRUE(
      store_->DeleteSamples("c", "", "", true, 0, kMaxTimestampMs, &affected)
          .ok());
  EXPECT_EQ(Last("c", "p", "likes"), "none");
  EXPECT_EQ(ReadAll("c", "p", "likes").size(), 0u);
  WriteOne("c", "p", "likes", Make1(kT0 + kHour, 5));
  EXPECT_EQ(Last("c", "p", "likes"), std::to_string(kHour) + "=5/0");
  // A deleted creator's tails go with it; a new one starts from nothing.
  int64_t posts = 0, series = 0;
  ASSERT_TRUE(store_->DeleteCreator("c", &posts, &series).ok());
  EXPECT_EQ(Last("c", "p", "likes"), "none");
  WriteOne("c", "p", "likes", Make1(kT0, 1));
  Reopen();
  EXPECT_EQ(Last("c", "p", "likes"), "0=1/0");
}

// A database written before tails existed (no tails column family, no
// marker) gets every tail built from its blocks when opened.
TEST_F(StoreTest, TailsAreBuiltForADatabaseWithoutThem) {
  SampleColumns s;
  for (int i = 0; i < 300; ++i) s.Append(kT0 + i * kHour, i, i % 5 == 0);
  WriteOne("a", "", "followers", s);
  WriteOne("a", "p1", "views", s);
  WriteOne("b", "p2", "likes", Make1(kT0 + 3 * kBlockSpanMs, 42));
  WriteOne("b", "p3", "likes", Make1(kT0, 1));
  int64_t affected = 0;
  ASSERT_TRUE(store_
                  ->DeleteSamples("b", "p3", "likes", false, 0, kMaxTimestampMs,
                                  &affected)
                  .ok());
  store_.reset();
  {
    // What an older server left: the same data without tails. (Opened with
    // the merge operators: without them RocksDB would stop replaying the
    // log at the first merge.)
    rocksdb::DBOptions options;
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const char* name : {"default", "meta", "series", "blocks", "tails"}) {
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    families[3].options.merge_operator = NewSampleMergeOperator();
    families[4].options.merge_operator = NewTailMergeOperator();
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(
        rocksdb::DB::Open(options, dir_.string(), families, &handles, &raw)
            .ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(
        db->Delete(rocksdb::WriteOptions(), handles[0], "tails_complete").ok());
    ASSERT_TRUE(db->DropColumnFamily(handles[4]).ok());
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
    ASSERT_TRUE(db->Close().ok());
  }
  std::vector<std::string> progress;
  RocksDbSeriesStore::Options options;
  options.progress = [&progress](const std::string& m) {
    progress.push_back(m);
  };
  auto reopened = RocksDbSeriesStore::Open(dir_.string(), options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  ASSERT_EQ(progress.size(), 2u) << "told when the build starts and ends";
  EXPECT_NE(progress[0].find("of 4 series"), std::string::npos) << progress[0];
  EXPECT_NE(progress[1].find("built"), std::string::npos) << progress[1];
  EXPECT_EQ(Last("a", "", "followers"), std::to_string(299 * kHour) + "=299/0");
  EXPECT_EQ(Last("a", "p1", "views"), std::to_string(299 * kHour) + "=299/0");
  EXPECT_EQ(Last("b", "p2", "likes"),
            std::to_string(3 * kBlockSpanMs) + "=42/0");
  EXPECT_EQ(Last("b", "p3", "likes"), "none") << "every sample deleted";
  // And they are kept from then on, without building them again.
  WriteOne("a", "p1", "views", Make1(kT0 + 400 * kHour, 7));
  store_.reset();
  reopened = RocksDbSeriesStore::Open(dir_.string(), options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  EXPECT_EQ(progress.size(), 2u);
  EXPECT_EQ(Last("a", "p1", "views"), std::to_string(400 * kHour) + "=7/0");
}

// Writes (and now and then deletes) samples of a few series from two
// threads into the store in `dir` until the process is killed, which it
// does itself after `writes` calls, with writes in flight.
void WriteUntilKilled(const std::string& dir, int seed, int writes) {
  auto opened = RocksDbSeriesStore::Open(dir, {});
  if (!opened.ok()) std::_Exit(2);
  RocksDbSeriesStore* store = opened->get();
  std::atomic<int> done{0};
  auto writer = [&](int w) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed * 10 + w));
    const std::vector<std::string> posts = {"p0", "p1", "p2", "p3"};
    for (int64_t n = 0;; ++n) {
      std::vector<SeriesWrite> batch(posts.size());
      for (size_t p = 0; p < posts.size(); ++p) {
        batch[p].id = SeriesId{"k", posts[p], "likes"};
        for (int i = 0; i < 20; ++i) {
          // Mostly later than what is stored, sometimes earlier, and the
          // two writers collide on timestamps.
          const int64_t t =
              kT0 + (n * 10 + static_cast<int64_t>(rng() % 40)) * kHour;
          batch[p].samples.Append(t, static_cast<int64_t>(rng() % 1000), 0);
        }
      }
      if (!store->Write(&batch).ok()) std::_Exit(3);
      if (rng() % 6 == 0) {
        const int64_t from = kT0 + (n * 10 + 20) * kHour;
        int64_t affected = 0;
        store
            ->DeleteSamples("k", posts[rng() % posts.size()], "likes", false,
                            from, kMaxTimestampMs, &affected)
            .IgnoreError();
      }
      done.fetch_add(1);
    }
  };
  std::thread a(writer, 0), b(writer, 1);
  while (done.load() < writes) std::this_thread::yield();
  ::kill(::getpid(), SIGKILL);
  a.join();
  b.join();
}

// A kill at any moment leaves every tail equal to the last sample of its
// series, since tails change in the same atomic step as the blocks.
TEST(StoreKillTest, TailsAgreeWithTheBlocksAfterAKill) {
  // The child process runs this test again up to EXPECT_EXIT; it finds the
  // parent's folder in the environment.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  constexpr char kDirVariable[] = "CLOUT_STORE_KILL_TEST_DIR";
  if (::getenv(kDirVariable) == nullptr) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("clout_store_kill_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    ::setenv(kDirVariable, dir.c_str(), 1);
  }
  const std::string dir = ::getenv(kDirVariable);
  for (int round = 0; round < 3; ++round) {
    EXPECT_EXIT(WriteUntilKilled(dir, round, 100 + 50 * round),
                ::testing::KilledBySignal(SIGKILL), "");
    auto opened = RocksDbSeriesStore::Open(dir, {});
    ASSERT_TRUE(opened.ok()) << opened.status();
    RocksDbSeriesStore* store = opened->get();
    for (const char* post : {"p0", "p1", "p2", "p3"}) {
      const SeriesId id{"k", post, "likes"};
      SampleColumns all;
      ASSERT_TRUE(store->Read(id, 0, kMaxTimestampMs, &all).ok());
      std::vector<LastRead> last(1);
      last[0].id = id;
      ASSERT_TRUE(store->ReadLast(&last).ok());
      ASSERT_EQ(last[0].found, !all.empty()) << "round " << round << post;
      if (all.empty()) continue;
      EXPECT_EQ(last[0].timestamp, all.timestamps.back())
          << "round " << round << ", " << post;
      EXPECT_EQ(last[0].value, all.values.back())
          << "round " << round << ", " << post;
    }
  }
  std::filesystem::remove_all(dir);
  ::unsetenv(kDirVariable);
}

TEST_F(StoreTest, ReadsWithTheDecodedCacheOffMatch) {
  SampleColumns s;
  for (int i = 0; i < 500; ++i) s.Append(kT0 + i * kHour, i * 3, i % 7 == 0);
  WriteOne("c", "p", "likes", s);
  store_.reset();
  RocksDbSeriesStore::Options options;
  options.decoded_cache_bytes = 0;
  auto reopened = RocksDbSeriesStore::Open(dir_.string(), options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  EXPECT_EQ(ReadAll("c", "p", "likes"), s);
  EXPECT_EQ(ReadAll("c", "p", "likes"), s);
  const DecodedBlockCache::Stats stats = store_->decoded_cache_stats();
  EXPECT_EQ(stats.hits, 0u);
  EXPECT_EQ(stats.capacity_bytes, 0u);
}

TEST_F(StoreTest, DeleteCreatorRemovesEverything) {
  SampleColumns s;
  for (int i = 0; i < 100; ++i) s.Append(kT0 + i * kHour, i, 0);
  WriteOne("a", "", "followers", s);
  WriteOne("a", "p", "likes", s);
  WriteOne("b", "", "followers", s);
  int64_t posts = 0, series = 0;
  ASSERT_TRUE(store_->DeleteCreator("a", &posts, &series).ok());
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(series, 2);
  SampleColumns out;
  EXPECT_EQ(
      store_->Read(SeriesId{"a", "", "followers"}, 0, kMaxTimestampMs, &out)
          .code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetCreator("a").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadAll("b", "", "followers"), s);
  // Recreating the creator starts from nothing.
  WriteOne("a", "", "followers", Make1(kT0, 1));
  EXPECT_EQ(ReadAll("a", "", "followers").size(), 1u);
  Reopen();
  EXPECT_EQ(ReadAll("a", "", "followers").size(), 1u);
  auto stats = store_->Stats(true);
  EXPECT_EQ(stats->samples, 101);
  EXPECT_EQ(stats->creators, 2);
  EXPECT_EQ(stats->posts, 0);
}

TEST_F(StoreTest, CatalogGenerationMovesWithCreatorRecordsOnly) {
  uint64_t g = store_->CatalogGeneration();
  auto changed = [&](const char* step) {
    const uint64_t now = store_->CatalogGeneration();
    EXPECT_NE(now, g) << step;
    g = now;
  };
  auto unchanged = [&](const char* step) {
    EXPECT_EQ(store_->CatalogGeneration(), g) << step;
  };
  WriteOne("a", "", "followers", Make1(kT0, 1));
  changed("a new creator by a write");
  WriteOne("a", "", "followers", Make1(kT0 + kHour, 2));
  WriteOne("a", "p", "likes", Make1(kT0, 3));
  unchanged("samples and a post of an existing creator");
  std::vector<CreatorRecord> creators(1);
  creators[0].creator_id = "a";
  creators[0].labels["tier"] = "micro";
  int created = 0;
  ASSERT_TRUE(store_->UpsertCreators(creators, &created).ok());
  changed("an upserted record");
  int64_t posts = 0, series = 0;
  ASSERT_TRUE(store_->DeleteCreator("a", &posts, &series).ok());
  changed("a deleted creator");
}

TEST_F(StoreTest, RecordsAndListing) {
  std::vector<CreatorRecord> creators(3);
  for (int i = 0; i < 3; ++i) {
    creators[i].creator_id = "tiktok:" + std::to_string(i);
    creators[i].platform = i == 2 ? "youtube" : "tiktok";
    creators[i].labels["tier"] = i == 0 ? "mega" : "micro";
  }
  int created = 0;
  ASSERT_TRUE(store_->UpsertCreators(creators, &created).ok());
  EXPECT_EQ(created, 3);
  ASSERT_TRUE(store_->UpsertCreators(creators, &created).ok());
  EXPECT_EQ(created, 0);

  CreatorFilter filter;
  filter.platform = "tiktok";
  auto page = store_->ListCreators(filter, "", 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->creators.size(), 1u);
  EXPECT_EQ(page->creators[0].creator_id, "tiktok:0");
  page = store_->ListCreators(filter, page->next_after, 1);
  ASSERT_EQ(page->creators.size(), 1u);
  EXPECT_EQ(page->creators[0].creator_id, "tiktok:1");
  EXPECT_TRUE(page->next_after.empty());
  filter.labels["tier"] = "micro";
  filter.platform.clear();
  page = store_->ListCreators(filter, "", 10);
  EXPECT_EQ(page->creators.size(), 2u);

  PostRecord post;
  post.creator_id = "nobody";
  post.post_id = "p";
  EXPECT_EQ(store_->UpsertPosts({post}, &created).code(),
            absl::StatusCode::kNotFound);
  post.creator_id = "tiktok:0";
  post.published_ms = kT0;
  ASSERT_TRUE(store_->UpsertPosts({post}, &created).ok());
  auto posts = store_->ListPosts("tiktok:0", kT0, 0, "", 10);
  ASSERT_TRUE(posts.ok());
  ASSERT_EQ(posts->posts.size(), 1u);
  EXPECT_EQ(posts->posts[0].published_ms, kT0);
  posts = store_->ListPosts("tiktok:0", kT0 + 1, 0, "", 10);
  EXPECT_TRUE(posts->posts.empty());

  WriteOne("tiktok:0", "", "followers", Make1(kT0, 5));
  auto info = store_->GetCreator("tiktok:0");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->post_count, 1);
  EXPECT_EQ(info->account_fields, std::vector<std::string>{"followers"});
  EXPECT_EQ(info->creator.labels.at("tier"), "mega");
}

TEST_F(StoreTest, ExportVisitsEverySeriesAndCheckpointOpens) {
  SampleColumns s;
  for (int i = 0; i < 10; ++i) s.Append(kT0 + i * kHour, i, 0);
  WriteOne("a", "", "followers", s);
  WriteOne("a", "p", "views", s);
  WriteOne("b", "", "followers", s);
  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->Export("a", 0, kMaxTimestampMs,
                           [&](const SeriesId& id, const SampleColumns& got) {
                             EXPECT_EQ(got, s);
                             seen.push_back(std::string(id.post_id) + "/" +
                                            std::string(id.field));
                             return true;
                           })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"/followers", "p/views"}));

  const std::string copy = dir_.string() + "_checkpoint";
  std::filesystem::remove_all(copy);
  ASSERT_TRUE(store_->Checkpoint(copy).ok());
  EXPECT_EQ(store_->Checkpoint(copy).code(), absl::StatusCode::kAlreadyExists);
  auto other = RocksDbSeriesStore::Open(copy, {});
  ASSERT_TRUE(other.ok()) << other.status();
  SampleColumns out;
  ASSERT_TRUE(
      (*other)
          ->Read(SeriesId{"b", "", "followers"}, 0, kMaxTimestampMs, &out)
          .ok());
  EXPECT_EQ(out, s);
  other->reset();
  std::filesystem::remove_all(copy);
}

TEST_F(StoreTest, SecondOpenOfSameFolderIsRefused) {
  auto second = RocksDbSeriesStore::Open(dir_.string(), {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace clout::storage

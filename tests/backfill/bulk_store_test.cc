// RocksDbSeriesStore's bulk methods in process: resolving series ids,
// ingesting bulk SST files merged with stored samples (the loaded sample
// wins at equal timestamps), advancing creator generations, serving reads
// during ingestion, and refusing files that are not valid bulk files
// without changing anything.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"
#include "server/format/block_codec.h"
#include "server/format/bulk_file.h"
#include "server/format/keys.h"
#include "server/storage/last_sample_for_tests.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::storage {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kT0 = 1735689600000;  // 2025-01-01
constexpr int64_t kHour = 3600000;

std::string TempDir(const std::string& name) {
  std::random_device rd;
  auto dir =
      std::filesystem::temp_directory_path() /
      (name + "_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

SampleColumns Samples(std::vector<std::pair<int64_t, int64_t>> points,
                      uint32_t flag = 0) {
  SampleColumns s;
  for (auto [t, v] : points) s.Append(t, v, flag);
  return s;
}

class BulkStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir("clout_bulk_store_test");
    Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    store_.reset();
    auto store = RocksDbSeriesStore::Open(dir_ + "/data", {});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  std::vector<uint64_t> Resolve(const std::vector<SeriesId>& ids,
                                int64_t* created = nullptr) {
    std::vector<uint64_t> out;
    int64_t n = 0;
    EXPECT_TRUE(store_->ResolveSeriesIds(ids, &out, &n).ok());
    if (created != nullptr) *created = n;
    return out;
  }

  // Writes a bulk file of (series id, samples), in the given order.
  std::string File(
      const std::vector<std::pair<uint64_t, SampleColumns>>& series) {
    const std::string path = dir_ + "/f" + std::to_string(files_++) + ".sst";
    BulkSstWriter writer;
    EXPECT_TRUE(writer.Open(path).ok());
    for (const auto& [sid, samples] : series) {
      EXPECT_TRUE(writer.AddSeries(sid, samples).ok());
    }
    EXPECT_TRUE(writer.Finish(nullptr).ok());
    return path;
  }

  SampleColumns Read(const SeriesId& id) {
    SampleColumns out;
    absl::Status st = store_->Read(id, 0, kMaxTimestampMs, &out);
    EXPECT_TRUE(st.ok()) << st;
    return out;
  }

  // The series' last sample by ReadLast, as "t=v/flag" (t from kT0), or
  // "none".
  std::string Last(const SeriesId& id) {
    return LastSampleText(store_.get(), id, kT0);
  }

  std::string dir_;
  int files_ = 0;
  std::unique_ptr<RocksDbSeriesStore> store_;
};

TEST_F(BulkStoreTest, LoadedSamplesMergeWithStoredOnesAndWinTies) {
  const SeriesId live{"tiktok:1", "", "followers"};
  std::vector<SeriesWrite> batch = {
      {live, Samples({{kT0, 1}, {kT0 + 2 * kHour, 20}, {kT0 + 4 * kHour, 3}})}};
  ASSERT_TRUE(store_->Write(&batch).ok());
  const uint64_t generation = store_->CreatorGeneration("tiktok:1");

  int64_t created = 0;
  const SeriesId fresh{"tiktok:2", "v1", "views"};
  const auto ids = Resolve({live, fresh, fresh}, &created);
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids[1], ids[2]);
  EXPECT_EQ(Resolve({live, fresh}), (std::vector<uint64_t>{ids[0], ids[1]}));

  // Overlaps the live samples: a tie at kT0 + 2h, and a second block far
  // later for the fresh series.
  const int64_t later = kT0 + 3 * kBlockSpanMs;
  const std::string path =
      File({{ids[0], Samples({{kT0 + kHour, 10}, {kT0 + 2 * kHour, 2}}, 2)},
            {ids[1], Samples({{kT0, 5}, {later, 6}}, 2)}});
  BulkIngestResult result;
  ASSERT_TRUE(
      store_->IngestSstFiles({path}, /*move_files=*/false, &result).ok());
  EXPECT_EQ(result.files, 1);
  EXPECT_EQ(result.records, 3);
  EXPECT_EQ(result.samples, 4);
  EXPECT_EQ(result.series, 2);
  EXPECT_EQ(result.creators, 2);
  EXPECT_TRUE(std::filesystem::exists(path)) << "copied, not moved";

  SampleColumns expected;
  expected.Append(kT0, 1, 0);
  expected.Append(kT0 + kHour, 10, 2);
  expected.Append(kT0 + 2 * kHour, 2, 2);  // The loaded sample wins the tie.
  expected.Append(kT0 + 4 * kHour, 3, 0);
  EXPECT_EQ(Read(live), expected);
  EXPECT_EQ(Read(fresh), Samples({{kT0, 5}, {later, 6}}, 2));
  // The series' last samples were loaded with the blocks: the stored one
  // where it is later, the loaded one otherwise.
  EXPECT_EQ(Last(live), std::to_string(4 * kHour) + "=3/0");
  EXPECT_EQ(Last(fresh), std::to_string(later - kT0) + "=6/2");
  EXPECT_GT(store_->CreatorGeneration("tiktok:1"), generation);
  EXPECT_GT(store_->CreatorGeneration("tiktok:2"), 0u);

  auto stats = store_->Stats(true);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->creators, 2);
  EXPECT_EQ(stats->posts, 1);
  EXPECT_EQ(stats->series, 2);
  EXPECT_EQ(stats->samples, 6);

  // A later live write still merges on top, and everything survives a
  // reopen; new series never reuse an id.
  batch = {{fresh, Samples({{kT0, 50}})}};
  ASSERT_TRUE(store_->Write(&batch).ok());
  ASSERT_TRUE(store_->Compact().ok());
  Open();
  EXPECT_EQ(Read(live), expected);
  EXPECT_EQ(Read(fresh).values, (std::vector<int64_t>{50, 6}));
  EXPECT_EQ(Last(fresh), std::to_string(later - kT0) + "=6/2");
  EXPECT_EQ(Last(live), std::to_string(4 * kHour) + "=3/0");
  const auto more = Resolve({{"tiktok:3", "", "followers"}});
  EXPECT_GT(more[0], std::max(ids[0], ids[1]));
}

TEST_F(BulkStoreTest, LaterFilesWinOverEarlierOnes) {
  const SeriesId id{"c", "", "followers"};
  const auto ids = Resolve({id});
  const std::string first = File({{ids[0], Samples({{kT0, 1}, {kT0 + 1, 1}})}});
  const std::string second = File({{ids[0], Samples({{kT0, 2}})}});
  const std::string third = File({{ids[0], Samples({{kT0 + 1, 3}})}});
  BulkIngestResult result;
  ASSERT_TRUE(
      store_->IngestSstFiles({first, second, third}, true, &result).ok());
  EXPECT_EQ(result.files, 3);
  EXPECT_FALSE(std::filesystem::exists(first)) << "moved";
  EXPECT_EQ(Read(id).values, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(Last(id), "1=3/0") << "the last sample of the latest file";
  // The files of tails made for the load are gone.
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           dir_ + "/data/bulk-staging", ec)) {
    ADD_FAILURE() << "left behind: " << entry.path();
  }
}

TEST_F(BulkStoreTest, RefusesInvalidFilesAndChangesNothing) {
  const SeriesId id{"c", "", "followers"};
  const auto ids = Resolve({id});
  std::vector<SeriesWrite> batch = {{id, Samples({{kT0, 7}})}};
  ASSERT_TRUE(store_->Write(&batch).ok());

  auto raw = [&](const std::string& name, bool put, const std::string& key,
                 const std::string& value) {
    const std::string path = dir_ + "/" + name;
    rocksdb::SstFileWriter writer{rocksdb::EnvOptions(), rocksdb::Options()};
    EXPECT_TRUE(writer.Open(path).ok());
    EXPECT_TRUE((put ? writer.Put(key, value) : writer.Merge(key, value)).ok());
    EXPECT_TRUE(writer.Finish().ok());
    return path;
  };
  std::string block;
  EncodeSamples(Samples({{kT0, 1}}), &block);
  std::string outside;  // Its timestamp lies in another block than its key.
  EncodeSamples(Samples({{kT0 + kBlockSpanMs, 1}}), &outside);
  std::string negative;
  EncodeSamples(Samples({{kT0, -1}}), &negative);
  std::string range;
  EncodeDeleteRange(kT0, kT0 + 1, &range);
  const std::string good_key = BlockKey(ids[0], BlockOf(kT0));
  const std::string text = dir_ + "/text.sst";
  std::ofstream(text) << "not a table";

  struct Case {
    std::string path;
    absl::StatusCode code;
    const char* message;
  } cases[] = {
      {raw("put.sst", true, good_key, block),
       absl::StatusCode::kInvalidArgument,
       "every entry must be a merge operand"},
      {raw("unknown.sst", false, BlockKey(9999, BlockOf(kT0)), block),
       absl::StatusCode::kFailedPrecondition, "series id 9999"},
      {raw("outside.sst", false, good_key, outside),
       absl::StatusCode::kInvalidArgument, "fall outside block"},
      {raw("negative.sst", false, good_key, negative),
       absl::StatusCode::kInvalidArgument, "is negative"},
      {raw("range.sst", false, good_key, range),
       absl::StatusCode::kInvalidArgument, "delete ranges cannot be loaded"},
      {raw("corrupt.sst", false, good_key, "\x01\x05garbage"),
       absl::StatusCode::kInvalidArgument, "entry 1"},
      {raw("shortkey.sst", false, "abc", block),
       absl::StatusCode::kInvalidArgument, "not a block key"},
      {text, absl::StatusCode::kInvalidArgument, "not a readable SST file"},
      {dir_ + "/missing.sst", absl::StatusCode::kNotFound, "does not exist"},
  };
  for (const Case& c : cases) {
    BulkIngestResult result;
    // A valid file first: it must not be ingested either.
    const std::string good = File({{ids[0], Samples({{kT0 + 5, 5}})}});
    absl::Status st = store_->IngestSstFiles({good, c.path}, false, &result);
    EXPECT_EQ(st.code(), c.code) << c.path << ": " << st;
    EXPECT_THAT(std::string(st.message()), HasSubstr(c.message)) << c.path;
    EXPECT_EQ(result.files, 0);
  }
  EXPECT_EQ(Read(id), Samples({{kT0, 7}}));
  EXPECT_EQ(Last(id), "0=7/0");
  auto stats = store_->Stats(true);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->samples, 1);
}

TEST_F(BulkStoreTest, SeriesDeletedSinceResolvingAreRefused) {
  const SeriesId id{"gone", "", "followers"};
  const auto ids = Resolve({id});
  const std::string path = File({{ids[0], Samples({{kT0, 1}})}});
  int64_t posts = 0, series = 0;
  ASSERT_TRUE(store_->DeleteCreator("gone", &posts, &series).ok());
  BulkIngestResult result;
  EXPECT_EQ(store_->IngestSstFiles({path}, false, &result).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->Stats(true)->samples, 0);
}

TEST_F(BulkStoreTest, ReadsGoOnDuringIngestion) {
  const SeriesId live{"live", "", "followers"};
  SampleColumns stored;
  for (int i = 0; i < 1000; ++i) stored.Append(kT0 + i * kHour, i, 0);
  std::vector<SeriesWrite> batch = {{live, stored}};
  ASSERT_TRUE(store_->Write(&batch).ok());

  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, errors{0};
  std::thread reader([&] {
    while (!stop) {
      SampleColumns out;
      absl::Status st = store_->Read(live, 0, kMaxTimestampMs, &out);
      if (!st.ok() || !(out == stored)) ++errors;
      if (!store_->Stats(false).ok()) ++errors;
      ++reads;
    }
  });
  std::vector<SeriesId> ids;
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) names.push_back("c" + std::to_string(i));
  for (const std::string& n : names) ids.push_back({n, "", "views"});
  auto sids = Resolve(ids);
  std::sort(sids.begin(), sids.end());  // Files list series in id order.
  int64_t loaded = 0;
  for (int f = 0; f < 20; ++f) {
    std::vector<std::pair<uint64_t, SampleColumns>> series;
    for (uint64_t sid : sids) {
      SampleColumns s;
      for (int i = 0; i < 100; ++i) s.Append(kT0 + (f * 100 + i) * kHour, i, 2);
      series.emplace_back(sid, s);
      loaded += 100;
    }
    BulkIngestResult result;
    ASSERT_TRUE(store_->IngestSstFiles({File(series)}, true, &result).ok());
  }
  while (reads.load() < 5) std::this_thread::yield();
  stop = true;
  reader.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(store_->Stats(true)->samples, 1000 + loaded);
}

}  // namespace
}  // namespace clout::storage

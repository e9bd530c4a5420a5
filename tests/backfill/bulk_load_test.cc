// The bulk path through cloutd: `clout backfill --bulk` ingests while
// queries run (no reader sees an error) and what it loaded reads back
// exactly; history loaded over samples written live before it keeps both
// (the loaded sample wins at equal timestamps); the Bulk service refuses
// bad uploads and requests.
#include <atomic>
#include <filesystem>
#include <thread>

#include "clout/v1/bulk.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/backfill/cli_runner.h"
#include "tests/backfill/test_data.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kHour = 3600000;
constexpr uint32_t kBackfilled = 2;

class BulkLoadTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("clout_bulk_load_test");
    csv_ = dir_ + "/input.csv";
    mapping_ = dir_ + "/mapping.json";
    WriteText(mapping_, TestMapping());
    CloutdOptions options;
    options.data_dir = dir_ + "/data";
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
  }

  CliRun Bulk(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"--server=" + server_->target(),
                                     "backfill",
                                     "--progress=none",
                                     "--mapping=" + mapping_,
                                     std::string("--bulk=") + GetParam(),
                                     "--sst-dir=" + dir_ + "/sst"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunClout(args);
  }

  void Write(const clout::v1::SeriesSamples& series) {
    clout::v1::WriteRequest request;
    *request.add_series() = series;
    clout::v1::WriteResponse response;
    grpc::Status st =
        client_->ingest->Write(Deadline().get(), request, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  std::string dir_, csv_, mapping_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
};

TEST_P(BulkLoadTest, IngestsWhileQueriesRunAndReadsBackExactly) {
  // Live data that the readers check throughout the load.
  std::vector<int64_t> ts, values;
  for (int i = 0; i < 500; ++i) {
    ts.push_back(kDataStartMs + i * kHour);
    values.push_back(1000 + i);
  }
  Write(Series("live:1", "", "followers", ts, values));
  SampleMap expected = WriteTestCsv(csv_, 60, 300, 3);

  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, errors{0};
  std::vector<std::string> problems(2);
  auto read_loop = [&](int r) {
    ApiClient client(server_->target());
    while (!stop) {
      clout::v1::ReadSeriesRequest request;
      request.set_creator_id("live:1");
      request.set_field("followers");
      clout::v1::ReadSeriesResponse response;
      grpc::Status st =
          client.query->ReadSeries(Deadline().get(), request, &response);
      if (!st.ok() || response.timestamps_ms_size() != 500 ||
          response.values(499) != 1499) {
        ++errors;
        problems[r] = st.error_message();
      }
      clout::v1::ListCreatorsRequest list;
      clout::v1::ListCreatorsResponse creators;
      st = client.query->ListCreators(Deadline().get(), list, &creators);
      if (!st.ok()) ++errors, problems[r] = st.error_message();
      clout::v1::GetStatsResponse stats;
      st = client.admin->GetStats(Deadline().get(), {}, &stats);
      if (!st.ok()) ++errors, problems[r] = st.error_message();
      ++reads;
    }
  };
  std::thread r0(read_loop, 0), r1(read_loop, 1);
  while (reads.load() < 3) std::this_thread::yield();
  CliRun run = Bulk({"--part=20000", csv_});  // Many files, ingested in turn.
  const int reads_during_load = reads.load();
  stop = true;
  r0.join();
  r1.join();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(errors.load(), 0) << problems[0] << problems[1];
  EXPECT_GT(reads_during_load, 3);

  std::map<SampleKey, uint32_t> flags;
  SampleMap stored = ExportAll(client_.get(), &flags);
  for (size_t i = 0; i < ts.size(); ++i) {
    expected[{"live:1", "", "followers", ts[i]}] = values[i];
  }
  EXPECT_TRUE(stored == expected) << stored.size() << " vs " << expected.size();
  for (const auto& [key, f] : flags) {
    EXPECT_EQ(f, std::get<0>(key) == "live:1" ? 0u : kBackfilled);
  }
  EXPECT_EQ(GetStats(client_.get()).samples(),
            static_cast<int64_t>(expected.size()));
  // The sst folder is left empty.
  EXPECT_TRUE(std::filesystem::is_empty(dir_ + "/sst"));
}

TEST_P(BulkLoadTest, HistoryOverLiveSamplesKeepsBoth) {
  // Live samples first: some at times the history also has, some between.
  const int64_t t = kDataStartMs;
  Write(Series("test:0", "", "followers",
               {t + kHour, t + kHour + 1, t + 3 * kHour}, {111, 222, 333}));
  Write(Series("test:0", "p0", "views", {t, t + 30 * 60000}, {7, 8}));
  WriteText(csv_,
            "creator,post,time,followers,views,likes\n"
            "0,,2025-01-01T00:00:00Z,10,,\n"
            "0,,2025-01-01T01:00:00Z,11,,\n"  // Ties the live sample.
            "0,,2025-01-01T02:00:00Z,12,,\n"
            "0,p0,2025-01-01T00:00:00Z,,70,5\n"  // Ties the live views.
            "0,p0,2025-01-01T01:00:00Z,,90,6\n");
  CliRun run = Bulk({csv_});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  std::map<SampleKey, uint32_t> flags;
  const SampleMap stored = ExportAll(client_.get(), &flags);
  const SampleMap expected = {
      {{"test:0", "", "followers", t}, 10},
      {{"test:0", "", "followers", t + kHour}, 11},  // Loaded wins the tie.
      {{"test:0", "", "followers", t + kHour + 1}, 222},
      {{"test:0", "", "followers", t + 2 * kHour}, 12},
      {{"test:0", "", "followers", t + 3 * kHour}, 333},
      {{"test:0", "p0", "views", t}, 70},
      {{"test:0", "p0", "views", t + 30 * 60000}, 8},
      {{"test:0", "p0", "views", t + kHour}, 90},
      {{"test:0", "p0", "likes", t}, 5},
      {{"test:0", "p0", "likes", t + kHour}, 6},
  };
  EXPECT_EQ(stored, expected);
  EXPECT_EQ((flags[{"test:0", "", "followers", t + kHour}]), kBackfilled);
  EXPECT_EQ((flags[{"test:0", "", "followers", t + 3 * kHour}]), 0u);
  const auto stats = GetStats(client_.get());
  EXPECT_EQ(stats.samples(), 10);
  EXPECT_EQ(stats.series(), 3);
  EXPECT_EQ(stats.creators(), 1);
  EXPECT_EQ(stats.posts(), 1);

  // Live writes after the load merge on top as usual.
  Write(Series("test:0", "", "followers", {t}, {99}));
  EXPECT_EQ((ExportAll(client_.get())[{"test:0", "", "followers", t}]), 99);
}

INSTANTIATE_TEST_SUITE_P(Paths, BulkLoadTest,
                         ::testing::Values("upload", "local"));

TEST(BulkServiceTest, RefusesBadRequests) {
  CloutdOptions options;
  const std::string dir = MakeTempDir("clout_bulk_service_test");
  options.data_dir = dir + "/data";
  auto server = CloutdProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->target(),
                                     grpc::InsecureChannelCredentials());
  auto bulk = clout::v1::Bulk::NewStub(channel);

  clout::v1::ResolveSeriesRequest resolve;
  auto* name = resolve.add_series();
  name->set_creator_id("has space");
  name->set_field("views");
  clout::v1::ResolveSeriesResponse resolved;
  grpc::Status st = bulk->ResolveSeries(Deadline().get(), resolve, &resolved);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("series[0].creator_id"));
  name->set_creator_id("ok:1");
  st = bulk->ResolveSeries(Deadline().get(), resolve, &resolved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resolved.series_ids_size(), 1);
  EXPECT_EQ(resolved.created(), 1);
  EXPECT_EQ(resolved.store_format(), "clout-series-store-v1");
  EXPECT_EQ(resolved.block_bits(), 33);

  clout::v1::IngestSstFilesRequest ingest;
  clout::v1::IngestSstFilesResponse ingested;
  ingest.add_paths("relative.sst");
  st = bulk->IngestSstFiles(Deadline().get(), ingest, &ingested);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ingest.set_paths(0, dir + "/missing.sst");
  st = bulk->IngestSstFiles(Deadline().get(), ingest, &ingested);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);

  auto upload = [&](const std::string& bytes, int64_t announced) {
    auto ctx = Deadline();
    clout::v1::IngestSstFilesResponse response;
    auto writer = bulk->UploadSst(ctx.get(), &response);
    clout::v1::UploadSstRequest message;
    message.mutable_header()->set_name("test.sst");
    message.mutable_header()->set_size_bytes(announced);
    writer->Write(message);
    message.set_chunk(bytes);
    writer->Write(message);
    writer->WritesDone();
    return writer->Finish();
  };
  st = upload("not a table file", 16);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("not a readable SST file"));
  st = upload("short", 100);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("received 5 bytes"));
  // Nothing is left in the staging folder.
  EXPECT_TRUE(std::filesystem::is_empty(dir + "/data/bulk-staging"));
}

}  // namespace
}  // namespace clout::testing

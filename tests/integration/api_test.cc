// End-to-end tests of the clout.v1 API against a real cloutd process.
#include <filesystem>
#include <map>
#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using clout::v1::WriteRequest;
using clout::v1::WriteResponse;
using ::testing::HasSubstr;

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01T00:00:00Z

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("clout_api_test");
    Restart();
  }
  void TearDown() override {
    client_.reset();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Restart(std::vector<std::string> flags = {}) {
    client_.reset();
    server_.reset();
    CloutdOptions options;
    options.data_dir = dir_;
    options.extra_flags = std::move(flags);
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
  }

  grpc::Status Write(const WriteRequest& request, WriteResponse* response) {
    return client_->ingest->Write(Deadline().get(), request, response);
  }

  // Reads a whole series; fails the test on error.
  clout::v1::ReadSeriesResponse Read(
      const std::string& creator, const std::string& post,
      const std::string& field, int64_t step = 0,
      clout::v1::Aggregation agg = clout::v1::AGGREGATION_NONE) {
    clout::v1::ReadSeriesRequest request;
    request.set_creator_id(creator);
    request.set_post_id(post);
    request.set_field(field);
    request.set_step_ms(step);
    request.set_aggregation(agg);
    clout::v1::ReadSeriesResponse response;
    grpc::Status st =
        client_->query->ReadSeries(Deadline().get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }

  static std::vector<int64_t> Ts(const clout::v1::ReadSeriesResponse& r) {
    return {r.timestamps_ms().begin(), r.timestamps_ms().end()};
  }
  static std::vector<int64_t> Vs(const clout::v1::ReadSeriesResponse& r) {
    return {r.values().begin(), r.values().end()};
  }

  void ExpectSeriesEquals(const std::string& creator, const std::string& post,
                          const std::string& field,
                          const std::map<int64_t, int64_t>& model) {
    auto r = Read(creator, post, field);
    std::vector<int64_t> ts, vs;
    for (auto [t, v] : model) {
      ts.push_back(t);
      vs.push_back(v);
    }
    EXPECT_EQ(Ts(r), ts) << creator << "/" << post << "/" << field;
    EXPECT_EQ(Vs(r), vs) << creator << "/" << post << "/" << field;
  }

  std::string dir_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
};

TEST_F(ApiTest, WriteAndWriteStreamRoundTripExactlyAcrossRestart) {
  std::mt19937_64 rng(11);
  std::map<std::string, std::map<int64_t, int64_t>> model;
  // Unary writes: out of order, duplicates inside a batch and across
  // batches, late samples far in the past.
  for (int batch = 0; batch < 20; ++batch) {
    WriteRequest request;
    for (const char* field : {"followers", "likes_total"}) {
      std::vector<int64_t> ts, vs;
      for (int i = 0; i < 300; ++i) {
        int64_t t = kT0 + static_cast<int64_t>(rng() % (24 * 200)) * kHour;
        int64_t v = static_cast<int64_t>(rng() % 100000000);
        ts.push_back(t);
        vs.push_back(v);
        model[field][t] = v;  // The later occurrence wins.
      }
      *request.add_series() = Series("tiktok:1", "", field, ts, vs);
    }
    WriteResponse response;
    ASSERT_TRUE(Write(request, &response).ok());
    EXPECT_EQ(response.accepted(), 600);
    EXPECT_EQ(response.rejected(), 0);
  }
  // A client stream of post samples.
  WriteRequest request;
  clout::v1::WriteStreamResponse stream_response;
  int64_t sent = 0;
  {
    auto ctx = Deadline();
    auto writer = client_->ingest->WriteStream(ctx.get(), &stream_response);
    for (int m = 0; m < 5; ++m) {
      request.Clear();
      std::vector<int64_t> ts, vs;
      for (int i = 0; i < 1000; ++i) {
        int64_t t = kT0 + static_cast<int64_t>(rng() % 5000) * 60000;
        int64_t v = static_cast<int64_t>(rng() % 1000);
        ts.push_back(t);
        vs.push_back(v);
        model["views"][t] = v;
      }
      *request.add_series() = Series("tiktok:1", "video7", "views", ts, vs);
      sent += 1000;
      ASSERT_TRUE(writer->Write(request));
    }
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
  }
  EXPECT_EQ(stream_response.messages(), 5);
  EXPECT_EQ(stream_response.accepted(), sent);
  EXPECT_EQ(stream_response.rejected(), 0);

  ExpectSeriesEquals("tiktok:1", "", "followers", model["followers"]);
  ExpectSeriesEquals("tiktok:1", "", "likes_total", model["likes_total"]);
  ExpectSeriesEquals("tiktok:1", "video7", "views", model["views"]);
  Restart();
  ExpectSeriesEquals("tiktok:1", "", "followers", model["followers"]);
  ExpectSeriesEquals("tiktok:1", "video7", "views", model["views"]);
  // Re-sending a batch changes nothing (idempotent upsert).
  WriteRequest again;
  std::vector<int64_t> ts, vs;
  for (auto [t, v] : model["followers"]) {
    ts.push_back(t);
    vs.push_back(v);
  }
  *again.add_series() = Series("tiktok:1", "", "followers", ts, vs);
  WriteResponse response;
  ASSERT_TRUE(Write(again, &response).ok());
  ExpectSeriesEquals("tiktok:1", "", "followers", model["followers"]);
}

TEST_F(ApiTest, FlagsRoundTrip) {
  WriteRequest request;
  *request.add_series() =
      Series("c", "", "followers", {kT0, kT0 + kHour, kT0 + 2 * kHour},
             {1, 2, 3}, {0, 4, 2});
  *request.add_series() =
      Series("c", "", "following", {kT0, kT0 + kHour}, {5, 6}, {2});
  WriteResponse response;
  ASSERT_TRUE(Write(request, &response).ok());
  auto r = Read("c", "", "followers");
  EXPECT_THAT(r.flags(), ::testing::ElementsAre(0, 4, 2));
  r = Read("c", "", "following");
  EXPECT_THAT(r.flags(), ::testing::ElementsAre(2, 2));
}

TEST_F(ApiTest, BadSamplesAreRejectedWithIndexAndGoodOnesStored) {
  WriteRequest request;
  *request.add_series() = Series("", "", "followers", {kT0}, {1});    // 0
  *request.add_series() = Series("c", "", "Followers!", {kT0}, {1});  // 1
  *request.add_series() =                                             // 2
      Series("c", "", "followers", {kT0, 4102444800000, kT0 + kHour, -5},
             {10, 11, -3, 12});
  *request.add_series() = Series("c", "p 1", "views", {kT0}, {1});  // 3
  *request.add_series() = Series("c", "", "likes_total", {kT0, kT0 + 1}, {1});
  *request.add_series() = Series("c", "", "following", {kT0}, {7});  // 5
  WriteResponse response;
  grpc::Status st = Write(request, &response);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("series[0].creator_id: is empty"));
  WriteResponse details;
  ASSERT_TRUE(WriteResponseFromStatus(st, &details));
  EXPECT_EQ(details.accepted(), 2);  // series[2][0] and series[5][0]
  EXPECT_EQ(details.rejected(), 8);
  ASSERT_EQ(details.rejections_size(), 7);
  auto rejection = [&](int i) { return details.rejections(i); };
  EXPECT_EQ(rejection(0).series_index(), 0u);
  EXPECT_EQ(rejection(0).sample_index(), -1);
  EXPECT_EQ(rejection(1).series_index(), 1u);
  EXPECT_THAT(rejection(1).reason(),
              HasSubstr("'Followers!' is not a field name"));
  EXPECT_EQ(rejection(2).series_index(), 2u);
  EXPECT_EQ(rejection(2).sample_index(), 1);
  EXPECT_THAT(rejection(2).reason(),
              HasSubstr("series[2].timestamps_ms[1]: 4102444800000 is not "
                        "before 2100-01-01"));
  EXPECT_EQ(rejection(3).sample_index(), 2);
  EXPECT_THAT(rejection(3).reason(), HasSubstr("values[2]: -3 is negative"));
  EXPECT_EQ(rejection(4).sample_index(), 3);
  EXPECT_THAT(rejection(4).reason(), HasSubstr("-5 is before 1970-01-01"));
  EXPECT_EQ(rejection(5).series_index(), 3u);
  EXPECT_THAT(rejection(5).reason(),
              HasSubstr("post_id: 'p 1' contains a space"));
  EXPECT_EQ(rejection(6).series_index(), 4u);
  EXPECT_THAT(rejection(6).reason(), HasSubstr("2 timestamps but 1 values"));

  // The good samples of the same batch were stored.
  auto r = Read("c", "", "followers");
  EXPECT_EQ(Ts(r), std::vector<int64_t>{kT0});
  EXPECT_EQ(Vs(r), std::vector<int64_t>{10});
  EXPECT_EQ(Vs(Read("c", "", "following")), std::vector<int64_t>{7});
}

TEST_F(ApiTest, OversizedBatchIsRefusedWholeAndServerKeepsServing) {
  Restart({"--max_batch_samples=1000"});
  WriteRequest request;
  std::vector<int64_t> ts(1001), vs(1001, 5);
  for (int i = 0; i < 1001; ++i) ts[i] = kT0 + i * kHour;
  *request.add_series() = Series("big", "", "followers", ts, vs);
  WriteResponse response;
  grpc::Status st = Write(request, &response);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(st.error_message(),
              HasSubstr("batch has 1001 samples, the limit is 1000"));
  clout::v1::ReadSeriesRequest read;
  read.set_creator_id("big");
  read.set_field("followers");
  clout::v1::ReadSeriesResponse read_response;
  EXPECT_EQ(client_->query->ReadSeries(Deadline().get(), read, &read_response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Still serving: a batch within the limit is stored.
  request.mutable_series(0)->mutable_timestamps_ms()->RemoveLast();
  request.mutable_series(0)->mutable_values()->RemoveLast();
  ASSERT_TRUE(Write(request, &response).ok());
  EXPECT_EQ(response.accepted(), 1000);
}

TEST_F(ApiTest, ReadSeriesValidatesItsRequest) {
  clout::v1::ReadSeriesRequest request;
  clout::v1::ReadSeriesResponse response;
  request.set_creator_id("c");
  request.set_field("followers");
  request.set_start_ms(10);
  request.set_end_ms(5);
  grpc::Status st =
      client_->query->ReadSeries(Deadline().get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(),
              HasSubstr("end_ms: 5 is not after start_ms 10"));
  request.set_end_ms(0);
  request.set_step_ms(kHour);
  st = client_->query->ReadSeries(Deadline().get(), request, &response);
  EXPECT_THAT(st.error_message(), HasSubstr("aggregation: required"));
  request.set_aggregation(clout::v1::AGGREGATION_LAST);
  st = client_->query->ReadSeries(Deadline().get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(st.error_message(),
              HasSubstr("no series 'followers' for creator 'c'"));
}

TEST_F(ApiTest, AggregationsPerStep) {
  // Two days: day one values 10, 20, 40 at 0h, 6h, 12h; day two 100 at 1h.
  WriteRequest request;
  const int64_t day = 24 * kHour;
  *request.add_series() =
      Series("c", "", "followers",
             {kT0, kT0 + 6 * kHour, kT0 + 12 * kHour, kT0 + day + kHour},
             {10, 20, 40, 100}, {0, 4, 0, 0});
  WriteResponse response;
  ASSERT_TRUE(Write(request, &response).ok());
  using A = clout::v1::Aggregation;
  auto values = [&](A agg) { return Vs(Read("c", "", "followers", day, agg)); };
  EXPECT_EQ(values(clout::v1::AGGREGATION_LAST),
            (std::vector<int64_t>{40, 100}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_FIRST),
            (std::vector<int64_t>{10, 100}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_MIN),
            (std::vector<int64_t>{10, 100}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_MAX),
            (std::vector<int64_t>{40, 100}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_SUM),
            (std::vector<int64_t>{70, 100}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_COUNT), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(values(clout::v1::AGGREGATION_DELTA),
            (std::vector<int64_t>{30, 0}));
  auto mean = Read("c", "", "followers", day, clout::v1::AGGREGATION_MEAN);
  EXPECT_EQ(Ts(mean), (std::vector<int64_t>{kT0, kT0 + day}));
  EXPECT_THAT(mean.double_values(),
              ::testing::ElementsAre(::testing::DoubleEq(70.0 / 3), 100.0));
  EXPECT_THAT(mean.flags(), ::testing::ElementsAre(4, 0));
  auto rate = Read("c", "", "followers", day, clout::v1::AGGREGATION_RATE);
  // 30 followers over 12 hours, per second.
  EXPECT_THAT(
      rate.double_values(),
      ::testing::ElementsAre(::testing::DoubleEq(30.0 / (12 * 3600)), 0.0));
}

TEST_F(ApiTest, RecordsListingPagingAndNotFound) {
  clout::v1::UpsertCreatorsRequest creators;
  for (int i = 0; i < 5; ++i) {
    auto* c = creators.add_creators();
    c->set_creator_id("tiktok:" + std::to_string(i));
    c->set_platform(i < 4 ? "tiktok" : "youtube");
    c->set_handle("handle" + std::to_string(i));
    (*c->mutable_labels())["niche"] = i % 2 ? "food" : "games";
  }
  clout::v1::UpsertCreatorsResponse upserted;
  ASSERT_TRUE(
      client_->ingest->UpsertCreators(Deadline().get(), creators, &upserted)
          .ok());
  EXPECT_EQ(upserted.created(), 5);

  clout::v1::ListCreatorsRequest list;
  list.set_page_size(2);
  list.set_platform("tiktok");
  std::vector<std::string> seen;
  for (int page = 0; page < 5; ++page) {
    clout::v1::ListCreatorsResponse response;
    ASSERT_TRUE(
        client_->query->ListCreators(Deadline().get(), list, &response).ok());
    for (const auto& c : response.creators()) seen.push_back(c.creator_id());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"tiktok:0", "tiktok:1", "tiktok:2",
                                            "tiktok:3"}));
  list.Clear();
  (*list.mutable_labels())["niche"] = "food";
  clout::v1::ListCreatorsResponse food;
  ASSERT_TRUE(client_->query->ListCreators(Deadline().get(), list, &food).ok());
  EXPECT_EQ(food.creators_size(), 2);
  list.set_page_size(5000);
  grpc::Status st = client_->query->ListCreators(Deadline().get(), list, &food);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("page_size: 5000"));

  clout::v1::UpsertPostsRequest posts;
  auto* p = posts.add_posts();
  p->set_creator_id("tiktok:0");
  p->set_post_id("v1");
  p->set_published_ms(kT0);
  clout::v1::UpsertPostsResponse posted;
  ASSERT_TRUE(
      client_->ingest->UpsertPosts(Deadline().get(), posts, &posted).ok());
  p->set_creator_id("tiktok:99");
  st = client_->ingest->UpsertPosts(Deadline().get(), posts, &posted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(st.error_message(), HasSubstr("creator 'tiktok:99'"));

  clout::v1::GetCreatorRequest get;
  get.set_creator_id("tiktok:0");
  clout::v1::GetCreatorResponse got;
  ASSERT_TRUE(client_->query->GetCreator(Deadline().get(), get, &got).ok());
  EXPECT_EQ(got.creator().handle(), "handle0");
  EXPECT_EQ(got.post_count(), 1);
  EXPECT_GT(got.creator().created_ms(), 0);
  get.set_creator_id("tiktok:404");
  st = client_->query->GetCreator(Deadline().get(), get, &got);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(st.error_message(),
              HasSubstr("creator 'tiktok:404' does not exist"));

  clout::v1::ListPostsRequest list_posts;
  list_posts.set_creator_id("tiktok:0");
  clout::v1::ListPostsResponse listed;
  ASSERT_TRUE(
      client_->query->ListPosts(Deadline().get(), list_posts, &listed).ok());
  ASSERT_EQ(listed.posts_size(), 1);
  EXPECT_EQ(listed.posts(0).published_ms(), kT0);
}

TEST_F(ApiTest, ExportReimportsIdenticallyAndCheckpointServes) {
  WriteRequest request;
  for (int c = 0; c < 3; ++c) {
    std::vector<int64_t> ts, vs;
    for (int i = 0; i < 5000; ++i) {
      ts.push_back(kT0 + i * kHour);
      vs.push_back(1000 * c + i);
    }
    const std::string creator = "yt:" + std::to_string(c);
    *request.add_series() = Series(creator, "", "followers", ts, vs);
    *request.add_series() = Series(creator, "post", "views", ts, vs, {2});
  }
  WriteResponse response;
  ASSERT_TRUE(Write(request, &response).ok());

  // Export everything.
  std::vector<clout::v1::SeriesSamples> exported;
  {
    clout::v1::ExportSeriesRequest export_request;
    auto ctx = Deadline();
    auto reader = client_->query->ExportSeries(ctx.get(), export_request);
    clout::v1::SeriesSamples message;
    while (reader->Read(&message)) exported.push_back(message);
    ASSERT_TRUE(reader->Finish().ok());
  }
  ASSERT_EQ(exported.size(), 6u);
  EXPECT_EQ(exported[0].creator_id(), "yt:0");
  EXPECT_EQ(exported[0].field(), "followers");
  EXPECT_EQ(exported[1].post_id(), "post");
  EXPECT_EQ(exported[1].flags_size(), 5000);

  // A checkpoint is a data folder of its own.
  clout::v1::CheckpointRequest checkpoint;
  const std::string copy = dir_ + "_checkpoint";
  checkpoint.set_path(copy);
  clout::v1::CheckpointResponse checkpointed;
  ASSERT_TRUE(
      client_->admin->Checkpoint(Deadline().get(), checkpoint, &checkpointed)
          .ok());
  EXPECT_GT(checkpointed.bytes(), 0);
  grpc::Status st =
      client_->admin->Checkpoint(Deadline().get(), checkpoint, &checkpointed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  // Re-import the export into a fresh server, and compare with a server
  // running on the checkpoint.
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  Restart();
  {
    clout::v1::WriteStreamResponse totals;
    auto wctx = Deadline();
    auto writer = client_->ingest->WriteStream(wctx.get(), &totals);
    for (const auto& s : exported) {
      WriteRequest one;
      *one.add_series() = s;
      ASSERT_TRUE(writer->Write(one));
    }
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(totals.accepted(), 30000);
  }
  CloutdOptions options;
  options.data_dir = copy;
  auto from_checkpoint = CloutdProcess::Start(options);
  ASSERT_TRUE(from_checkpoint.ok()) << from_checkpoint.status();
  auto checkpoint_client =
      std::make_unique<ApiClient>((*from_checkpoint)->target());
  for (const auto& s : exported) {
    auto reimported = Read(s.creator_id(), s.post_id(), s.field());
    clout::v1::ReadSeriesRequest read;
    read.set_creator_id(s.creator_id());
    read.set_post_id(s.post_id());
    read.set_field(s.field());
    clout::v1::ReadSeriesResponse original;
    ASSERT_TRUE(
        checkpoint_client->query->ReadSeries(Deadline().get(), read, &original)
            .ok());
    EXPECT_EQ(Ts(reimported), Ts(original));
    EXPECT_EQ(Vs(reimported), Vs(original));
    EXPECT_EQ(std::vector<uint32_t>(reimported.flags().begin(),
                                    reimported.flags().end()),
              std::vector<uint32_t>(original.flags().begin(),
                                    original.flags().end()));
  }
  checkpoint_client.reset();
  from_checkpoint->reset();
  std::filesystem::remove_all(copy);
}

TEST_F(ApiTest, StatsCompactAndDeletes) {
  WriteRequest request;
  std::vector<int64_t> ts, vs;
  for (int i = 0; i < 1000; ++i) {
    ts.push_back(kT0 + i * kHour);
    vs.push_back(i);
  }
  *request.add_series() = Series("a", "", "followers", ts, vs);
  *request.add_series() = Series("a", "p", "views", ts, vs);
  *request.add_series() = Series("b", "", "followers", ts, vs);
  WriteResponse response;
  ASSERT_TRUE(Write(request, &response).ok());
  ASSERT_TRUE(Write(request, &response).ok());  // Duplicates change nothing.

  clout::v1::GetStatsResponse stats;
  ASSERT_TRUE(client_->admin->GetStats(Deadline().get(), {}, &stats).ok());
  EXPECT_EQ(stats.creators(), 2);
  EXPECT_EQ(stats.posts(), 1);
  EXPECT_EQ(stats.series(), 3);
  EXPECT_EQ(stats.samples(), 3000);
  EXPECT_GT(stats.bytes_on_disk(), 0);

  clout::v1::CompactResponse compacted;
  ASSERT_TRUE(
      client_->admin->Compact(Deadline(120).get(), {}, &compacted).ok());
  ASSERT_TRUE(client_->admin->GetStats(Deadline().get(), {}, &stats).ok());
  EXPECT_EQ(stats.samples(), 3000);
  EXPECT_GT(stats.sample_table_bytes(), 0);

  clout::v1::DeleteSamplesRequest del;
  del.set_creator_id("a");
  del.set_all_entities(true);
  del.set_start_ms(kT0);
  del.set_end_ms(kT0 + 100 * kHour);
  clout::v1::DeleteSamplesResponse deleted;
  ASSERT_TRUE(
      client_->ingest->DeleteSamples(Deadline().get(), del, &deleted).ok());
  EXPECT_EQ(deleted.series_affected(), 2);
  EXPECT_EQ(Read("a", "p", "views").timestamps_ms(0), kT0 + 100 * kHour);

  clout::v1::DeleteCreatorRequest del_creator;
  del_creator.set_creator_id("a");
  clout::v1::DeleteCreatorResponse gone;
  ASSERT_TRUE(
      client_->ingest->DeleteCreator(Deadline().get(), del_creator, &gone)
          .ok());
  EXPECT_EQ(gone.series_deleted(), 2);
  EXPECT_EQ(gone.posts_deleted(), 1);
  grpc::Status st =
      client_->ingest->DeleteCreator(Deadline().get(), del_creator, &gone);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(client_->admin->GetStats(Deadline().get(), {}, &stats).ok());
  EXPECT_EQ(stats.samples(), 1000);
  EXPECT_EQ(stats.creators(), 1);
  EXPECT_EQ(stats.series(), 1);
}

}  // namespace
}  // namespace clout::testing

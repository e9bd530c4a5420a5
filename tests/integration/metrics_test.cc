// The Metrics service and the plugin host, end to end: a real cloutd loads a
// test plugin from its plugin folder.
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "clout/v1/metrics.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01

clout::v1::ParameterValue Int(int64_t v) {
  clout::v1::ParameterValue p;
  p.set_int_value(v);
  return p;
}
clout::v1::ParameterValue Choice(const std::string& c) {
  clout::v1::ParameterValue p;
  p.set_choice(c);
  return p;
}
clout::v1::ParameterValue Bool(bool b) {
  clout::v1::ParameterValue p;
  p.set_bool_value(b);
  return p;
}

// Replaces `to` by `from` atomically, as an operator dropping in a build.
void DropIn(const std::string& from, const std::string& to) {
  fs::copy_file(from, to + ".tmp", fs::copy_options::overwrite_existing);
  fs::rename(to + ".tmp", to);
}

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("clout_metrics_test");
    plugin_dir_ = dir_ + "/plugins";
    fs::create_directories(plugin_dir_);
    DropIn(VERSIONED_PLUGIN_V1, plugin_dir_ + "/versioned.so");
    CloutdOptions options;
    options.data_dir = dir_ + "/data";
    options.extra_flags = {"--plugins=" + plugin_dir_};
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
    metrics_ = clout::v1::Metrics::NewStub(client_->channel);
    // Creator "a": followers 10, 20, 30 at hours 0..2, and 5 just before the
    // window; one post published at hour 1 with 100 then 250 views.
    clout::v1::WriteRequest write;
    *write.add_series() = Series(
        "a", "", "followers", {kT0 - kHour, kT0, kT0 + kHour, kT0 + 2 * kHour},
        {5, 10, 20, 30});
    *write.add_series() =
        Series("a", "p1", "views", {kT0 + kHour, kT0 + 2 * kHour}, {100, 250});
    *write.add_series() = Series("b", "", "followers", {kT0}, {1000});
    *write.add_series() =
        Series("c", "", "followers", {kT0, kT0 + kHour}, {1, 2});
    clout::v1::WriteResponse written;
    ASSERT_TRUE(client_->ingest->Write(Deadline().get(), write, &written).ok());
    clout::v1::UpsertPostsRequest posts;
    auto* post = posts.add_posts();
    post->set_creator_id("a");
    post->set_post_id("p1");
    post->set_published_ms(kT0 + kHour);
    clout::v1::UpsertPostsResponse upserted;
    ASSERT_TRUE(
        client_->ingest->UpsertPosts(Deadline().get(), posts, &upserted).ok());
  }

  void TearDown() override {
    metrics_.reset();
    client_.reset();
    server_.reset();
    fs::remove_all(dir_);
  }

  clout::v1::ComputeRequest Request(const std::string& creator = "a") {
    clout::v1::ComputeRequest r;
    r.set_metric("follower_sum");
    r.set_creator_id(creator);
    r.set_start_ms(kT0);
    r.set_end_ms(kT0 + 24 * kHour);
    return r;
  }

  // Rank of follower_sum over the same window as Request().
  clout::v1::RankRequest Rank(int top_k) {
    clout::v1::RankRequest r;
    r.set_metric("follower_sum");
    r.set_start_ms(kT0);
    r.set_end_ms(kT0 + 24 * kHour);
    r.set_top_k(top_k);
    return r;
  }
  grpc::Status Compute(const clout::v1::ComputeRequest& r,
                       clout::v1::ComputeResponse* out) {
    return metrics_->Compute(Deadline().get(), r, out);
  }

  std::string dir_, plugin_dir_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics_;
};

TEST_F(MetricsTest, ListsTheMetricWithItsSchema) {
  clout::v1::ListMetricsResponse list;
  ASSERT_TRUE(metrics_->ListMetrics(Deadline().get(), {}, &list).ok());
  ASSERT_EQ(list.metrics_size(), 1);
  const auto& m = list.metrics(0);
  EXPECT_EQ(m.name(), "follower_sum");
  EXPECT_EQ(m.version(), "1.0.0");
  EXPECT_EQ(m.plugin(), "versioned");
  EXPECT_EQ(m.plugin_file(), "versioned.so");
  EXPECT_FALSE(m.thread_safe());
  EXPECT_THAT(m.account_fields(), ::testing::ElementsAre("followers"));
  EXPECT_THAT(m.variants(), ::testing::ElementsAre("sum", "count"));
  ASSERT_EQ(m.parameters_size(), 4);
  EXPECT_EQ(m.parameters(0).name(), "scale");
  EXPECT_EQ(m.parameters(0).type(), clout::v1::PARAMETER_TYPE_INT);
  EXPECT_EQ(m.parameters(0).min(), 1);
  EXPECT_EQ(m.parameters(0).max(), 100);
  EXPECT_EQ(m.parameters(1).default_choice(), "sum");
}

TEST_F(MetricsTest, ComputesWithDefaultsAndWithParameters) {
  clout::v1::ComputeResponse response;
  ASSERT_TRUE(Compute(Request(), &response).ok());
  // 10 + 20 + 30 in the window (the prior sample 5 is skipped) + 1000.
  EXPECT_EQ(response.result().value(), 1060);
  EXPECT_EQ(response.result().metric_version(), "1.0.0");
  EXPECT_EQ(response.result().variant(), "sum");
  EXPECT_EQ(response.result().parameters().at("scale").int_value(), 1);
  ASSERT_EQ(response.result().rows_size(), 1);
  EXPECT_EQ(response.result().rows(0).key(), "p1");
  EXPECT_EQ(response.result().rows(0).timestamp_ms(), kT0 + kHour);
  EXPECT_THAT(response.result().rows(0).values(), ::testing::ElementsAre(250));

  auto r = Request();
  (*r.mutable_parameters())["scale"] = Int(3);
  (*r.mutable_parameters())["variant"] = Choice("count");
  (*r.mutable_parameters())["include_views"] = Bool(true);
  ASSERT_TRUE(Compute(r, &response).ok());
  // (3 samples + 250 views) * 3 + 1000.
  EXPECT_EQ(response.result().value(), (3 + 250) * 3 + 1000);
  EXPECT_EQ(response.result().variant(), "count");
}

TEST_F(MetricsTest, AWriteRetiresCachedResults) {
  clout::v1::ComputeResponse response;
  ASSERT_TRUE(Compute(Request(), &response).ok());
  EXPECT_EQ(response.result().value(), 1060);
  ASSERT_TRUE(Compute(Request(), &response).ok());  // Served from the cache.
  EXPECT_EQ(response.result().value(), 1060);
  clout::v1::WriteRequest write;
  *write.add_series() = Series("a", "", "followers", {kT0 + 3 * kHour}, {40});
  clout::v1::WriteResponse written;
  ASSERT_TRUE(client_->ingest->Write(Deadline().get(), write, &written).ok());
  ASSERT_TRUE(Compute(Request(), &response).ok());
  EXPECT_EQ(response.result().value(), 1100);
  // A new post record changes the inputs too.
  clout::v1::UpsertPostsRequest posts;
  auto* post = posts.add_posts();
  post->set_creator_id("a");
  post->set_post_id("p2");
  post->set_published_ms(kT0 + 5 * kHour);
  clout::v1::UpsertPostsResponse upserted;
  ASSERT_TRUE(
      client_->ingest->UpsertPosts(Deadline().get(), posts, &upserted).ok());
  ASSERT_TRUE(Compute(Request(), &response).ok());
  EXPECT_EQ(response.result().rows_size(), 2);
}

TEST_F(MetricsTest, BadRequestsNameTheProblem) {
  clout::v1::ComputeResponse response;
  auto r = Request();
  (*r.mutable_parameters())["scael"] = Int(3);
  grpc::Status st = Compute(r, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(),
              HasSubstr("'scael' is not a parameter of metric 'follower_sum'"));

  r = Request();
  (*r.mutable_parameters())["scale"] = Int(0);
  st = Compute(r, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("parameters['scale']"));
  EXPECT_THAT(st.error_message(), HasSubstr("0 is outside [1, 100]"));

  r = Request();
  (*r.mutable_parameters())["variant"] = Choice("median");
  st = Compute(r, &response);
  EXPECT_THAT(st.error_message(),
              HasSubstr("'median' is not one of sum, count"));

  r = Request();
  (*r.mutable_parameters())["include_views"] = Int(1);
  st = Compute(r, &response);
  EXPECT_THAT(st.error_message(), HasSubstr("expected a boolean"));

  r = Request("nobody");
  st = Compute(r, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(st.error_message(), HasSubstr("creator 'nobody' does not exist"));

  r = Request();
  r.set_metric("engagement_rat");
  st = Compute(r, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(st.error_message(),
              HasSubstr("metric 'engagement_rat' is not loaded"));
}

TEST_F(MetricsTest, DeadlineStopsALongCall) {
  auto r = Request();
  (*r.mutable_parameters())["spin_ms"] = Int(20000);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(300));
  clout::v1::ComputeResponse response;
  const auto start = std::chrono::steady_clock::now();
  grpc::Status st = metrics_->Compute(&ctx, r, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // The server is free again: the plugin stopped, it did not spin 20 s.
  ASSERT_TRUE(Compute(Request(), &response).ok());
  clout::v1::GetStatsResponse stats;
  ASSERT_TRUE(client_->admin->GetStats(Deadline().get(), {}, &stats).ok());
  ASSERT_EQ(stats.plugins_size(), 1);
  // Under load the deadline may pass before the first call reaches the
  // plugin; either way every call but the last one failed.
  EXPECT_EQ(stats.plugins(0).calls(), stats.plugins(0).errors() + 1);
  EXPECT_LT(stats.plugins(0).max_latency_us(), 5e6);
}

TEST_F(MetricsTest, RankAndComputeBatch) {
  clout::v1::RankRequest rank = Rank(2);
  clout::v1::RankResponse ranked;
  ASSERT_TRUE(metrics_->Rank(Deadline().get(), rank, &ranked).ok());
  // b: 1000 + 1000, a: 60 + 1000, c: 3 + 1000.
  ASSERT_EQ(ranked.entries_size(), 2);
  EXPECT_EQ(ranked.entries(0).creator_id(), "b");
  EXPECT_EQ(ranked.entries(0).value(), 2000);
  EXPECT_EQ(ranked.entries(1).creator_id(), "a");
  EXPECT_EQ(ranked.creators_considered(), 3);
  rank.set_ascending(true);
  ASSERT_TRUE(metrics_->Rank(Deadline().get(), rank, &ranked).ok());
  EXPECT_EQ(ranked.entries(0).creator_id(), "c");

  clout::v1::ComputeBatchRequest batch;
  batch.set_metric("follower_sum");
  batch.add_creator_ids("a");
  batch.add_creator_ids("ghost");
  batch.add_creator_ids("c");
  batch.set_start_ms(kT0);
  batch.set_end_ms(kT0 + 24 * kHour);
  std::map<std::string, clout::v1::ComputeBatchItem> items;
  {
    auto ctx = Deadline();
    auto reader = metrics_->ComputeBatch(ctx.get(), batch);
    clout::v1::ComputeBatchItem item;
    while (reader->Read(&item)) items[item.creator_id()] = item;
    ASSERT_TRUE(reader->Finish().ok());
  }
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items["a"].result().value(), 1060);
  EXPECT_EQ(items["c"].result().value(), 1003);
  EXPECT_EQ(items["ghost"].error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(items["ghost"].error_message(), HasSubstr("'ghost'"));
}

// Rank asks plugins for values only (CLOUT_INPUT_VALUE_ONLY) and caches
// those; a Compute of the same creator and window afterwards must still get
// the whole result, not the value-only one.
TEST_F(MetricsTest, RankValuesMatchComputeWhichKeepsItsRowsAndComponents) {
  clout::v1::RankRequest rank = Rank(3);
  clout::v1::RankResponse ranked;
  ASSERT_TRUE(metrics_->Rank(Deadline().get(), rank, &ranked).ok());
  ASSERT_EQ(ranked.entries_size(), 3);
  for (const auto& entry : ranked.entries()) {
    clout::v1::ComputeResponse computed;
    ASSERT_TRUE(Compute(Request(entry.creator_id()), &computed).ok());
    EXPECT_EQ(computed.result().value(), entry.value()) << entry.creator_id();
    EXPECT_EQ(computed.result().variant(), "sum") << entry.creator_id();
    ASSERT_EQ(computed.result().components_size(), 1) << entry.creator_id();
    EXPECT_EQ(computed.result().components(0).name(), "major_version_bonus");
    if (entry.creator_id() == "a") {
      ASSERT_EQ(computed.result().rows_size(), 1);
      EXPECT_EQ(computed.result().rows(0).key(), "p1");
    }
  }
}

// Rank keeps the list of creators it selects between calls; creating,
// labelling and deleting creators must show in the next Rank.
TEST_F(MetricsTest, RankSeesCreatorsComeGoAndChangeLabels) {
  clout::v1::RankRequest rank = Rank(10);
  auto considered = [&](const clout::v1::RankRequest& r) {
    clout::v1::RankResponse ranked;
    grpc::Status st = metrics_->Rank(Deadline().get(), r, &ranked);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return ranked.creators_considered();
  };
  EXPECT_EQ(considered(rank), 3);

  clout::v1::WriteRequest write;
  *write.add_series() = Series("d", "", "followers", {kT0}, {7});
  clout::v1::WriteResponse written;
  ASSERT_TRUE(client_->ingest->Write(Deadline().get(), write, &written).ok());
  EXPECT_EQ(considered(rank), 4) << "a creator made by a write";

  clout::v1::RankRequest labelled = rank;
  (*labelled.mutable_labels())["tier"] = "micro";
  EXPECT_EQ(considered(labelled), 0);
  clout::v1::UpsertCreatorsRequest upsert;
  auto* c = upsert.add_creators();
  c->set_creator_id("d");
  (*c->mutable_labels())["tier"] = "micro";
  clout::v1::UpsertCreatorsResponse upserted;
  ASSERT_TRUE(
      client_->ingest->UpsertCreators(Deadline().get(), upsert, &upserted)
          .ok());
  EXPECT_EQ(considered(labelled), 1) << "a label set after the last Rank";

  clout::v1::DeleteCreatorRequest del;
  del.set_creator_id("d");
  clout::v1::DeleteCreatorResponse deleted;
  ASSERT_TRUE(
      client_->ingest->DeleteCreator(Deadline().get(), del, &deleted).ok());
  EXPECT_EQ(considered(rank), 3) << "a deleted creator";
  EXPECT_EQ(considered(labelled), 0);
}

TEST_F(MetricsTest, ReloadUnderLoadLosesNoCall) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, calls{0}, v2_calls{0};
  std::string first_failure;
  std::vector<std::thread> clients;
  for (int t = 0; t < 3; ++t) {
    clients.emplace_back([&] {
      auto stub = clout::v1::Metrics::NewStub(client_->channel);
      while (!stop) {
        clout::v1::ComputeResponse response;
        grpc::Status st = stub->Compute(Deadline().get(), Request(), &response);
        ++calls;
        if (!st.ok()) {
          if (failures++ == 0) first_failure = st.error_message();
        } else if (response.result().metric_version() == "2.0.0") {
          EXPECT_EQ(response.result().value(), 2060);
          ++v2_calls;
        } else {
          EXPECT_EQ(response.result().value(), 1060);
        }
      }
    });
  }
  while (calls < 50) std::this_thread::yield();
  DropIn(VERSIONED_PLUGIN_V2, plugin_dir_ + "/versioned.so");
  clout::v1::ReloadPluginsResponse reloaded;
  ASSERT_TRUE(
      client_->admin->ReloadPlugins(Deadline().get(), {}, &reloaded).ok());
  ASSERT_EQ(reloaded.files_size(), 1);
  EXPECT_TRUE(reloaded.files(0).loaded()) << reloaded.files(0).error();
  EXPECT_EQ(reloaded.files(0).plugin_version(), "2.0.0");
  const int at_reload = calls;
  while (calls < at_reload + 50) std::this_thread::yield();
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures, 0) << first_failure;
  EXPECT_GE(v2_calls, 40);  // Calls after the reload saw the new version.

  clout::v1::ListMetricsResponse list;
  ASSERT_TRUE(metrics_->ListMetrics(Deadline().get(), {}, &list).ok());
  EXPECT_EQ(list.metrics(0).version(), "2.0.0");
  EXPECT_TRUE(list.metrics(0).thread_safe());
}

TEST_F(MetricsTest, SighupReloadsAndABrokenReplacementKeepsTheOldVersion) {
  DropIn(VERSIONED_PLUGIN_V2, plugin_dir_ + "/versioned.so");
  ::kill(server_->pid(), SIGHUP);
  std::string version;
  for (int i = 0; i < 100 && version != "2.0.0"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    clout::v1::ListMetricsResponse list;
    ASSERT_TRUE(metrics_->ListMetrics(Deadline().get(), {}, &list).ok());
    version = list.metrics(0).version();
  }
  EXPECT_EQ(version, "2.0.0");

  // A truncated file replaces the plugin: refused, the loaded one stays.
  {
    std::ofstream broken(plugin_dir_ + "/versioned.so.tmp");
    broken << "not a shared library";
  }
  fs::rename(plugin_dir_ + "/versioned.so.tmp", plugin_dir_ + "/versioned.so");
  clout::v1::ReloadPluginsResponse reloaded;
  ASSERT_TRUE(
      client_->admin->ReloadPlugins(Deadline().get(), {}, &reloaded).ok());
  ASSERT_EQ(reloaded.files_size(), 1);
  EXPECT_THAT(reloaded.files(0).error(),
              HasSubstr("versioned.so: cannot load"));
  EXPECT_THAT(reloaded.files(0).error(),
              HasSubstr("keeping the version loaded before"));
  clout::v1::ComputeResponse response;
  ASSERT_TRUE(Compute(Request(), &response).ok());
  EXPECT_EQ(response.result().metric_version(), "2.0.0");
}

}  // namespace
}  // namespace clout::testing

#include "server/metrics/metric_engine.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::metrics {
namespace {

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01

// "follower_total": the sum of the follower samples in the window (the
// prior sample the host adds is left out); FailedPrecondition without one.
int32_t FollowerTotal(const clout_host_v1* host, void* call,
                      const clout_compute_input_v1* in) {
  const clout_series_v1& s = in->account[0];
  double total = 0;
  size_t used = 0;
  for (size_t i = 0; i < s.count; ++i) {
    if (s.timestamps_ms[i] < in->window_start_ms) continue;
    total += static_cast<double>(s.values[i]);
    ++used;
  }
  if (used == 0) {
    host->set_error(call, "no followers sample in the window");
    return CLOUT_FAILED_PRECONDITION;
  }
  return host->set_value(call, total);
}

// "wait_for_cancel": polls until the host says stop (or 10 s pass).
int32_t WaitForCancel(const clout_host_v1* host, void* call,
                      const clout_compute_input_v1*) {
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < give_up) {
    if (host->cancelled(call)) return CLOUT_CANCELLED;
  }
  return host->set_value(call, 0);
}

// "follower_points": a series metric, which Rank refuses.
int32_t FollowerPoints(const clout_host_v1* host, void* call,
                       const clout_compute_input_v1* in) {
  const clout_series_v1& s = in->account[0];
  for (size_t i = 0; i < s.count; ++i) {
    host->add_point(call, s.timestamps_ms[i], static_cast<double>(s.values[i]));
  }
  return CLOUT_OK;
}

// A fixed set of in-process metrics in place of the plugin folder.
class TestCatalog : public plugin_host::MetricCatalog {
 public:
  TestCatalog() {
    plugin_ = std::make_shared<plugin_host::LoadedPlugin>(
        nullptr, "test.so", "test", "1.0.0", 0, 0);
    auto snapshot = std::make_shared<plugin_host::RegistrySnapshot>();
    Add(snapshot.get(), "follower_total", CLOUT_OUTPUT_SCALAR, FollowerTotal);
    Add(snapshot.get(), "wait_for_cancel", CLOUT_OUTPUT_SCALAR, WaitForCancel);
    Add(snapshot.get(), "follower_points", CLOUT_OUTPUT_SERIES, FollowerPoints);
    snapshot_ = std::move(snapshot);
  }

  std::shared_ptr<const plugin_host::RegistrySnapshot> Snapshot()
      const override {
    return snapshot_;
  }

  int64_t calls(const std::string& metric) const {
    return snapshot_->metrics.at(metric)->counters.calls.load();
  }

 private:
  void Add(plugin_host::RegistrySnapshot* snapshot, const std::string& name,
           uint32_t kind, clout_compute_fn_v1 compute) {
    auto m = std::make_shared<plugin_host::Metric>();
    m->plugin = plugin_;
    m->name = name;
    m->version = "1.0.0";
    m->output_kind = kind;
    m->unit = "followers";
    m->thread_safe = true;
    m->account_fields = {"followers"};
    m->params = {{"scale", "", CLOUT_PARAM_INT, 1, 1, 100, {}}};
    m->compute = compute;
    m->serial = ++serial_;
    snapshot->metrics[name] = std::move(m);
  }

  std::shared_ptr<plugin_host::LoadedPlugin> plugin_;
  std::shared_ptr<const plugin_host::RegistrySnapshot> snapshot_;
  uint64_t serial_ = 0;
};

class MetricEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("clout_metric_engine_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    auto s = storage::RocksDbSeriesStore::Open(dir_.string(), {});
    ASSERT_TRUE(s.ok()) << s.status();
    store_ = std::move(*s);
    MetricEngine::Options options;
    options.result_cache_bytes = size_t{8} << 20;
    options.workers = 2;
    engine_ = NewMetricEngine(store_.get(), &catalog_, options);
  }
  void TearDown() override {
    engine_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void AddCreator(const std::string& id, const std::vector<int64_t>& values) {
    storage::CreatorRecord c;
    c.creator_id = id;
    c.platform = "tiktok";
    int created = 0;
    ASSERT_TRUE(store_->UpsertCreators({c}, &created).ok());
    if (!values.empty()) Write(id, kT0, values);
  }
  // Follower samples an hour apart from `t`.
  void Write(const std::string& id, int64_t t,
             const std::vector<int64_t>& values) {
    std::vector<storage::SeriesWrite> batch(1);
    batch[0].id = storage::SeriesId{id, "", "followers"};
    for (size_t i = 0; i < values.size(); ++i) {
      batch[0].samples.Append(t + static_cast<int64_t>(i) * kHour, values[i],
                              0);
    }
    ASSERT_TRUE(store_->Write(&batch).ok());
  }
  static MetricRequest Request(const std::string& metric) {
    MetricRequest r;
    r.metric = metric;
    r.start_ms = kT0;
    r.end_ms = kT0 + 24 * kHour;
    return r;
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::RocksDbSeriesStore> store_;
  TestCatalog catalog_;
  std::unique_ptr<MetricEngine> engine_;
};

TEST_F(MetricEngineTest, ComputeReturnsTheValueWithParametersEchoed) {
  AddCreator("tiktok:1", {10, 20, 30});
  MetricRequest request = Request("follower_total");
  request.params["scale"].int_value = 3;
  auto result = engine_->Compute(request, "tiktok:1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->output->value, 60);
  EXPECT_EQ(result->creator_id, "tiktok:1");
  EXPECT_EQ(result->metric->name, "follower_total");
  EXPECT_EQ(result->window_start_ms, kT0);
  EXPECT_EQ(result->window_end_ms, kT0 + 24 * kHour);
  ASSERT_EQ(result->parameters.size(), 1u);
  EXPECT_EQ(result->parameters[0].first, "scale");
  EXPECT_EQ(result->parameters[0].second.int_value, 3);
}

TEST_F(MetricEngineTest, SecondComputeIsServedFromTheCacheUntilAWrite) {
  AddCreator("tiktok:1", {10, 20});
  const MetricRequest request = Request("follower_total");
  ASSERT_TRUE(engine_->Compute(request, "tiktok:1").ok());
  EXPECT_EQ(catalog_.calls("follower_total"), 1);
  auto again = engine_->Compute(request, "tiktok:1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->output->value, 30);
  EXPECT_EQ(catalog_.calls("follower_total"), 1);
  EXPECT_EQ(engine_->stats().result_hits, 1);

  // A write retires the cached result.
  Write("tiktok:1", kT0 + 5 * kHour, {5});
  auto fresh = engine_->Compute(request, "tiktok:1");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->output->value, 35);
  EXPECT_EQ(catalog_.calls("follower_total"), 2);
}

TEST_F(MetricEngineTest, WindowsEndingNowAreNotCached) {
  AddCreator("tiktok:1", {10});
  MetricRequest request = Request("follower_total");
  request.end_ms = 0;
  ASSERT_TRUE(engine_->Compute(request, "tiktok:1").ok());
  ASSERT_TRUE(engine_->Compute(request, "tiktok:1").ok());
  EXPECT_EQ(catalog_.calls("follower_total"), 2);
  EXPECT_EQ(engine_->stats().result_hits, 0);
}

TEST_F(MetricEngineTest, RequestErrors) {
  AddCreator("tiktok:1", {10});
  EXPECT_TRUE(absl::IsNotFound(
      engine_->Compute(Request("no_such_metric"), "tiktok:1").status()));
  EXPECT_TRUE(absl::IsNotFound(
      engine_->Compute(Request("follower_total"), "tiktok:2").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      engine_->Compute(Request("follower_total"), "").status()));
  MetricRequest bad = Request("follower_total");
  bad.params["scale"].int_value = 1000;
  EXPECT_TRUE(
      absl::IsInvalidArgument(engine_->Compute(bad, "tiktok:1").status()));
  EXPECT_EQ(catalog_.calls("follower_total"), 0);
}

TEST_F(MetricEngineTest, RankOrdersSkipsAndCaches) {
  AddCreator("tiktok:a", {5});
  AddCreator("tiktok:b", {50});
  AddCreator("tiktok:c", {20});
  AddCreator("tiktok:d", {20});
  AddCreator("tiktok:e", {});  // No data: skipped.
  RankRequest request;
  request.metric = Request("follower_total");
  request.top_k = 3;
  auto ranked = engine_->Rank(request);
  ASSERT_TRUE(ranked.ok()) << ranked.status();
  ASSERT_EQ(ranked->entries.size(), 3u);
  EXPECT_EQ(ranked->entries[0].creator_id, "tiktok:b");
  EXPECT_EQ(ranked->entries[0].value, 50);
  EXPECT_EQ(ranked->entries[1].creator_id, "tiktok:c");  // Ties by id.
  EXPECT_EQ(ranked->entries[2].creator_id, "tiktok:d");
  EXPECT_EQ(ranked->creators_considered, 5);
  EXPECT_EQ(ranked->creators_skipped, 1);
  EXPECT_EQ(ranked->unit, "followers");
  EXPECT_EQ(catalog_.calls("follower_total"), 5);

  request.ascending = true;
  auto again = engine_->Rank(request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->entries[0].creator_id, "tiktok:a");
  // Every creator, the one without data too, came from the cache.
  EXPECT_EQ(catalog_.calls("follower_total"), 5);
}

TEST_F(MetricEngineTest, RankRefusesBadRequests) {
  AddCreator("tiktok:a", {5});
  RankRequest request;
  request.metric = Request("follower_total");
  request.top_k = MetricEngine::kMaxTopK + 1;
  EXPECT_TRUE(absl::IsInvalidArgument(engine_->Rank(request).status()));
  request.top_k = 0;
  request.metric = Request("follower_points");
  EXPECT_TRUE(absl::IsInvalidArgument(engine_->Rank(request).status()));
}

TEST_F(MetricEngineTest, CancellationStopsTheCall) {
  AddCreator("tiktok:1", {10});
  MetricRequest request = Request("wait_for_cancel");
  std::atomic<int> polls{0};
  request.cancelled = [&polls] { return ++polls >= 3; };
  auto result = engine_->Compute(request, "tiktok:1");
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();
  EXPECT_GE(polls.load(), 3);

  request.cancelled = nullptr;
  request.deadline = std::chrono::steady_clock::now();
  result = engine_->Compute(request, "tiktok:1");
  EXPECT_TRUE(absl::IsDeadlineExceeded(result.status())) << result.status();
}

TEST_F(MetricEngineTest, ComputeBatchReportsEveryCreatorAndStopsOnRequest) {
  AddCreator("tiktok:a", {5});
  AddCreator("tiktok:b", {7});
  std::mutex mu;
  std::vector<std::string> ok, failed;
  auto sink = [&](const std::string& id,
                  const absl::StatusOr<MetricResult>& r) {
    std::lock_guard<std::mutex> lock(mu);
    (r.ok() ? ok : failed).push_back(id);
    return true;
  };
  ASSERT_TRUE(engine_
                  ->ComputeBatch(Request("follower_total"),
                                 {"tiktok:a", "tiktok:b", "tiktok:x"}, {}, sink)
                  .ok());
  EXPECT_EQ(ok.size(), 2u);
  EXPECT_EQ(failed, std::vector<std::string>{"tiktok:x"});

  EXPECT_TRUE(absl::IsInvalidArgument(engine_->ComputeBatch(
      Request("follower_total"), {"tiktok:a", ""}, {}, sink)));

  int calls = 0;
  auto stop = [&](const std::string&, const absl::StatusOr<MetricResult>&) {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    return false;
  };
  CreatorFilter filter;
  filter.platform = "tiktok";
  EXPECT_TRUE(absl::IsCancelled(
      engine_->ComputeBatch(Request("follower_total"), {}, filter, stop)));
  EXPECT_GE(calls, 1);
}

}  // namespace
}  // namespace clout::metrics

// cloutd against plugins that each break one rule of clout/plugin.h.
//
// Every test starts a real cloutd with --plugins pointing at one fixture
// folder (tests/plugins/CMakeLists.txt builds them): the broken plugin plus
// the good plugin fixture_good.so. Load-time failures must be refused with
// an error naming the file and the reason, while the good plugin loads and
// the server keeps serving; call-time failures must fail only their own call,
// with a status naming the metric, the plugin and the reason.
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using ::clout::v1::ComputeRequest;
using ::clout::v1::ComputeResponse;
using ::clout::v1::MetricInfo;
using ::clout::v1::PluginLoadResult;
using ::clout::v1::ReloadPluginsResponse;
using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr int64_t kHour = 3600000;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01T00:00:00Z
constexpr char kCreator[] = "tiktok:fixture";
constexpr char kGoodFile[] = "fixture_good.so";
constexpr char kGoodMetric[] = "fixture_good";
// Last follower count written by SetUp: fixture_good's value.
constexpr int64_t kLastFollowers = 200;

// The folder of one fixture case.
std::string FixtureDir(const std::string& fixture_case) {
  return std::string(CLOUT_PLUGIN_FIXTURE_DIR) + "/" + fixture_case;
}

class PluginFixtureTest : public ::testing::Test {
 protected:
  void TearDown() override {
    metrics_.reset();
    client_.reset();
    server_.reset();
    if (!data_dir_.empty()) std::filesystem::remove_all(data_dir_);
  }

  // Starts cloutd on the fixture folder `fixture_case` and writes the
  // follower samples the metrics read.
  void Start(const std::string& fixture_case) {
    data_dir_ = MakeTempDir("clout_plugin_fixture_test");
    CloutdOptions options;
    options.data_dir = data_dir_;
    options.extra_flags = {"--plugins=" + FixtureDir(fixture_case)};
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
    metrics_ = clout::v1::Metrics::NewStub(client_->channel);

    clout::v1::WriteRequest request;
    *request.add_series() =
        Series(kCreator, "", "followers", {kT0, kT0 + kHour, kT0 + 2 * kHour},
               {100, 150, kLastFollowers});
    clout::v1::WriteResponse response;
    grpc::Status st =
        client_->ingest->Write(Deadline().get(), request, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(response.accepted(), 3);
  }

  ReloadPluginsResponse Reload() {
    ReloadPluginsResponse response;
    grpc::Status st = client_->admin->ReloadPlugins(
        Deadline().get(), clout::v1::ReloadPluginsRequest(), &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }

  // The listed metrics; fails the test on error.
  std::vector<MetricInfo> ListMetrics() {
    clout::v1::ListMetricsResponse response;
    grpc::Status st = metrics_->ListMetrics(
        Deadline().get(), clout::v1::ListMetricsRequest(), &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return {response.metrics().begin(), response.metrics().end()};
  }

  std::vector<std::string> MetricNames() {
    std::vector<std::string> names;
    for (const MetricInfo& m : ListMetrics()) names.push_back(m.name());
    return names;
  }

  // Computes `metric` for kCreator over a window holding every sample.
  grpc::Status Compute(const std::string& metric, ComputeResponse* response,
                       const std::string& enum_param = "",
                       const std::string& choice = "") {
    ComputeRequest request;
    request.set_metric(metric);
    request.set_creator_id(kCreator);
    request.set_start_ms(kT0);
    request.set_end_ms(kT0 + 24 * kHour);
    if (!enum_param.empty()) {
      (*request.mutable_parameters())[enum_param].set_choice(choice);
    }
    return metrics_->Compute(Deadline().get(), request, response);
  }

  // The good plugin's metric is listed and computes its value.
  void ExpectGoodPluginServes() {
    EXPECT_THAT(MetricNames(), Contains(kGoodMetric));
    ComputeResponse response;
    grpc::Status st = Compute(kGoodMetric, &response);
    ASSERT_TRUE(st.ok()) << st.error_code() << ": " << st.error_message();
    EXPECT_EQ(response.result().metric(), kGoodMetric);
    EXPECT_EQ(response.result().value(), kLastFollowers);
  }

  // Reloads, and expects `file` refused with an error naming the file and
  // containing each of `reasons`, the good plugin loaded, `metric` (the
  // refused plugin's, if any) not listed and the server still serving. The
  // same holds right after start, before the reload.
  void ExpectRefused(const std::string& file,
                     const std::vector<std::string>& reasons,
                     const std::string& metric = "") {
    for (int round = 0; round < 2; ++round) {
      SCOPED_TRACE(round == 0 ? "after start" : "after ReloadPlugins");
      if (round == 1) {
        const ReloadPluginsResponse reload = Reload();
        const PluginLoadResult* bad = Find(reload, file);
        ASSERT_NE(bad, nullptr) << file << " not reported";
        EXPECT_FALSE(bad->loaded());
        EXPECT_THAT(bad->error(), HasSubstr(file));
        // The reason, in what follows the file name.
        const std::string reason =
            bad->error().substr(bad->error().find(file) + file.size());
        for (const std::string& r : reasons) {
          EXPECT_THAT(reason, HasSubstr(r)) << "error: " << bad->error();
        }
        EXPECT_THAT(bad->metrics(), IsEmpty());
        const PluginLoadResult* good = Find(reload, kGoodFile);
        ASSERT_NE(good, nullptr) << kGoodFile << " not reported";
        EXPECT_TRUE(good->loaded()) << good->error();
        EXPECT_THAT(good->metrics(), Contains(kGoodMetric));
        EXPECT_EQ(reload.metrics(), static_cast<int>(ListMetrics().size()));
      }
      if (!metric.empty()) {
        EXPECT_THAT(MetricNames(), Not(Contains(metric)));
      }
      ExpectGoodPluginServes();
    }
  }

  // Expects Compute of `metric` to fail with `code` and a message naming
  // the metric, the plugin, its file and every one of `reasons`; then the
  // good metric still computes.
  void ExpectCallFails(const std::string& metric, grpc::StatusCode code,
                       const std::string& plugin, const std::string& file,
                       const std::vector<std::string>& reasons,
                       const std::string& enum_param = "",
                       const std::string& choice = "") {
    ComputeResponse response;
    grpc::Status st = Compute(metric, &response, enum_param, choice);
    EXPECT_EQ(st.error_code(), code) << st.error_message();
    EXPECT_THAT(st.error_message(), HasSubstr("'" + metric + "'"));
    EXPECT_THAT(st.error_message(), HasSubstr("'" + plugin + "'"));
    EXPECT_THAT(st.error_message(), HasSubstr(file));
    for (const std::string& r : reasons) {
      EXPECT_THAT(st.error_message(), HasSubstr(r));
    }
    ExpectGoodPluginServes();
  }

  static const PluginLoadResult* Find(const ReloadPluginsResponse& reload,
                                      const std::string& file) {
    for (const PluginLoadResult& r : reload.files()) {
      if (r.file() == file) return &r;
    }
    return nullptr;
  }

  std::string data_dir_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics_;
};

// --- Refused at load time -------------------------------------------------

TEST_F(PluginFixtureTest, WrongMajorAbiIsRefusedNamingBothVersions) {
  ASSERT_NO_FATAL_FAILURE(Start("abi_major"));
  ExpectRefused("fixture_abi_major.so", {"abi_major", "2", "1"},
                "fixture_major_two");
}

TEST_F(PluginFixtureTest, NewerMinorAbiIsRefused) {
  ASSERT_NO_FATAL_FAILURE(Start("abi_minor"));
  ExpectRefused("fixture_abi_minor.so", {"abi_minor", "99"},
                "fixture_future_minor");
}

TEST_F(PluginFixtureTest, LibraryWithoutEntrySymbolIsRefused) {
  ASSERT_NO_FATAL_FAILURE(Start("no_entry"));
  ExpectRefused("fixture_no_entry.so", {"clout_plugin_entry_v1"});
}

TEST_F(PluginFixtureTest, ForeignSharedLibraryIsRefused) {
  ASSERT_NO_FATAL_FAILURE(Start("foreign_so"));
  ExpectRefused("libz.so", {"clout_plugin_entry_v1"});
}

TEST_F(PluginFixtureTest, TextFileNamedSoIsRefused) {
  ASSERT_NO_FATAL_FAILURE(Start("text_file"));
  ExpectRefused("notes.so", {"file too short"});
}

TEST_F(PluginFixtureTest, DuplicateMetricNameLoadsOnePluginOnly) {
  ASSERT_NO_FATAL_FAILURE(Start("duplicate"));
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "after start" : "after ReloadPlugins");
    std::string loaded_file;
    if (round == 1) {
      const ReloadPluginsResponse reload = Reload();
      const PluginLoadResult* a = Find(reload, "fixture_duplicate_a.so");
      const PluginLoadResult* b = Find(reload, "fixture_duplicate_b.so");
      ASSERT_NE(a, nullptr);
      ASSERT_NE(b, nullptr);
      ASSERT_NE(a->loaded(), b->loaded())
          << "a: " << a->error() << "; b: " << b->error();
      const PluginLoadResult* refused = a->loaded() ? b : a;
      loaded_file = a->loaded() ? a->file() : b->file();
      EXPECT_THAT(refused->error(), HasSubstr(refused->file()));
      EXPECT_THAT(refused->error(), HasSubstr("already provided"));
      EXPECT_THAT(refused->error(), HasSubstr("fixture_duplicate"));
    }
    int listed = 0;
    for (const MetricInfo& m : ListMetrics()) {
      if (m.name() != "fixture_duplicate") continue;
      ++listed;
      if (loaded_file.empty()) loaded_file = m.plugin_file();
      EXPECT_EQ(m.plugin_file(), loaded_file);
    }
    EXPECT_EQ(listed, 1);
    // Each duplicate answers its own constant: a 1, b 2.
    ComputeResponse response;
    grpc::Status st = Compute("fixture_duplicate", &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(response.result().value(),
              loaded_file == "fixture_duplicate_a.so" ? 1.0 : 2.0);
    ExpectGoodPluginServes();
  }
}

// --- Fails at call time ---------------------------------------------------

TEST_F(PluginFixtureTest, ThrowingComputeFailsItsCallWithInternal) {
  ASSERT_NO_FATAL_FAILURE(Start("throws"));
  EXPECT_THAT(MetricNames(), Contains("fixture_throws"));
  ExpectCallFails("fixture_throws", grpc::StatusCode::INTERNAL,
                  "throwing_fixture", "fixture_throws.so",
                  {"exception", "fixture exploded"});
  ExpectCallFails("fixture_throws_int", grpc::StatusCode::INTERNAL,
                  "throwing_fixture", "fixture_throws.so", {"exception"});
  // And again: a throw leaves nothing broken behind.
  ExpectCallFails("fixture_throws", grpc::StatusCode::INTERNAL,
                  "throwing_fixture", "fixture_throws.so", {"exception"});
}

TEST_F(PluginFixtureTest, ErrorReturnKeepsThePluginsCodeAndMessage) {
  ASSERT_NO_FATAL_FAILURE(Start("error"));
  const std::vector<std::string> reason = {"fixture refuses on purpose"};
  ExpectCallFails("fixture_error", grpc::StatusCode::FAILED_PRECONDITION,
                  "erring_fixture", "fixture_error.so", reason);
  ExpectCallFails("fixture_error", grpc::StatusCode::NOT_FOUND,
                  "erring_fixture", "fixture_error.so", reason, "kind",
                  "not_found");
  ExpectCallFails("fixture_error", grpc::StatusCode::INVALID_ARGUMENT,
                  "erring_fixture", "fixture_error.so", reason, "kind",
                  "invalid_argument");
}

TEST_F(PluginFixtureTest, NanValueFailsItsCallWithInternal) {
  ASSERT_NO_FATAL_FAILURE(Start("malformed"));
  ExpectCallFails("fixture_nan", grpc::StatusCode::INTERNAL,
                  "malformed_fixture", "fixture_malformed.so", {"NaN"});
}

TEST_F(PluginFixtureTest, RowOfWrongWidthFailsItsCallWithInternal) {
  ASSERT_NO_FATAL_FAILURE(Start("malformed"));
  ComputeResponse response;
  grpc::Status st = Compute("fixture_bad_row", &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INTERNAL) << st.error_message();
  EXPECT_THAT(st.error_message(), HasSubstr("'fixture_bad_row'"));
  EXPECT_THAT(st.error_message(), HasSubstr("'malformed_fixture'"));
  EXPECT_THAT(st.error_message(),
              AnyOf(HasSubstr("columns"), HasSubstr("values")));
  ExpectGoodPluginServes();
}

}  // namespace
}  // namespace clout::testing

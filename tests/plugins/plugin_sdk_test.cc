// The plugin SDK as a plugin author gets it: installs the SDK component of
// this build into a fresh prefix, builds plugins/examples/posting_frequency
// against that prefix alone (its own CMake project, same CMake and
// compiler), loads the result into a real cloutd and checks its value by
// hand.
//
// Work folder (CLOUT_SDK_WORK_DIR, wiped at start, kept for inspection):
//   prefix/   the installed SDK
//   build/    the example's build folder
//   plugins/  the plugin folder given to cloutd (plugin_exports_test checks
//             the .so found here)
//   *.log     output of each command
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "clout/plugin.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

namespace fs = std::filesystem;

using ::clout::v1::ComputeRequest;
using ::clout::v1::ComputeResponse;
using ::clout::v1::MetricInfo;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01T00:00:00Z
constexpr char kCreator[] = "tiktok:example";
constexpr char kPlugin[] = CLOUT_EXAMPLE_PLUGIN;

const fs::path& WorkDir() {
  static const fs::path dir(CLOUT_SDK_WORK_DIR);
  return dir;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command with its output in WorkDir()/<log>.log. Returns ""
// on success, else what failed with the log's content.
std::string RunShell(const std::string& command, const std::string& log) {
  const fs::path log_path = WorkDir() / (log + ".log");
  const int rc =
      std::system((command + " > " + Quote(log_path) + " 2>&1").c_str());
  if (rc == 0) return "";
  return "command failed (status " + std::to_string(rc) + "): " + command +
         "\n" + ReadFile(log_path);
}

std::string CMake() { return Quote(CLOUT_CMAKE_COMMAND); }

// Configures a CMake project in `source` into `build` against the installed
// SDK alone, with the compiler and generator of this build.
std::string Configure(const fs::path& source, const fs::path& build,
                      const std::string& log) {
  return RunShell(CMake() + " -S " + Quote(source) + " -B " + Quote(build) +
                      " -G " + Quote(CLOUT_CMAKE_GENERATOR) +
                      " -DCMAKE_MAKE_PROGRAM=" + Quote(CLOUT_MAKE_PROGRAM) +
                      " -DCMAKE_CXX_COMPILER=" + Quote(CLOUT_CXX_COMPILER) +
                      " -DCMAKE_BUILD_TYPE=Release" +
                      " -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF" +
                      " -DCMAKE_PREFIX_PATH=" + Quote(WorkDir() / "prefix"),
                  log);
}

class PluginSdkTest : public ::testing::Test {
 protected:
  // Installs the SDK and builds the example once for the whole suite.
  static void SetUpTestSuite() {
    setup_error_ = new std::string(InstallAndBuild());
  }
  static void TearDownTestSuite() {
    delete setup_error_;
    setup_error_ = nullptr;
  }

  static std::string InstallAndBuild() {
    std::error_code ec;
    fs::remove_all(WorkDir(), ec);
    fs::create_directories(WorkDir() / "plugins");
    std::string error = RunShell(
        CMake() + " --install " + Quote(CLOUT_BINARY_DIR) + " --prefix " +
            Quote(WorkDir() / "prefix") + " --component sdk",
        "install");
    if (!error.empty()) return error;
    const fs::path build = WorkDir() / "build";
    error = Configure(CLOUT_EXAMPLE_SOURCE_DIR, build, "configure");
    if (!error.empty()) return error;
    error = RunShell(CMake() + " --build " + Quote(build) + " --parallel 1",
                     "build");
    if (!error.empty()) return error;
    const fs::path so = build / (std::string(kPlugin) + ".so");
    if (!fs::exists(so)) return "the build made no " + so.string();
    fs::copy_file(so, WorkDir() / "plugins" / so.filename(), ec);
    if (ec) return "cannot copy " + so.string() + ": " + ec.message();
    return "";
  }

  void SetUp() override { ASSERT_TRUE(setup_error_->empty()) << *setup_error_; }

  void TearDown() override {
    metrics_.reset();
    client_.reset();
    server_.reset();
    if (!data_dir_.empty()) fs::remove_all(data_dir_);
  }

  void StartServer() {
    data_dir_ = MakeTempDir("clout_plugin_sdk_test");
    CloutdOptions options;
    options.data_dir = data_dir_;
    options.extra_flags = {"--plugins=" + (WorkDir() / "plugins").string()};
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
    metrics_ = clout::v1::Metrics::NewStub(client_->channel);
  }

  grpc::Status Compute(int64_t period_days, ComputeResponse* response) {
    ComputeRequest request;
    request.set_metric(kPlugin);
    request.set_creator_id(kCreator);
    request.set_start_ms(kT0);
    request.set_end_ms(kT0 + 14 * kDay);
    if (period_days > 0) {
      (*request.mutable_parameters())["period_days"].set_int_value(period_days);
    }
    return metrics_->Compute(Deadline().get(), request, response);
  }

  static std::string* setup_error_;
  std::string data_dir_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics_;
};

std::string* PluginSdkTest::setup_error_ = nullptr;

TEST_F(PluginSdkTest, InstallsHeadersPackageAndGuide) {
  const fs::path prefix = WorkDir() / "prefix";
  for (const char* file :
       {"include/clout/plugin.h", "include/clout/plugin.hpp",
        "lib/cmake/CloutPlugin/CloutPluginConfig.cmake",
        "lib/cmake/CloutPlugin/CloutPluginConfigVersion.cmake",
        "lib/cmake/CloutPlugin/CloutPluginTargets.cmake",
        "lib/cmake/CloutPlugin/CloutPlugin.cmake",
        "share/doc/clout/plugins.md"}) {
    EXPECT_TRUE(fs::is_regular_file(prefix / file)) << file;
  }
  // The SDK component is the SDK only.
  EXPECT_FALSE(fs::exists(prefix / "bin"));
}

// find_package(CloutPlugin) accepts requests for the headers' ABI major
// version and refuses other majors, and sets the ABI version variables.
TEST_F(PluginSdkTest, PackageVersionIsTheAbiVersion) {
  const fs::path dir = WorkDir() / "version_check";
  const std::string abi = std::to_string(CLOUT_PLUGIN_ABI_MAJOR) + "." +
                          std::to_string(CLOUT_PLUGIN_ABI_MINOR);
  for (const std::string request : {"1", "1.0", "1.1", "2", "0.9"}) {
    const fs::path source = dir / ("src_" + request);
    fs::create_directories(source);
    std::ofstream(source / "CMakeLists.txt")
        << "cmake_minimum_required(VERSION 3.18)\n"
        << "project(version_check LANGUAGES CXX)\n"
        << "find_package(CloutPlugin " << request << " REQUIRED)\n"
        << "message(STATUS \"abi=${CloutPlugin_ABI_MAJOR}."
           "${CloutPlugin_ABI_MINOR} version=${CloutPlugin_VERSION}\")\n"
        << "if(NOT TARGET clout::plugin_headers OR NOT COMMAND "
           "clout_add_plugin)\n"
        << "  message(FATAL_ERROR \"incomplete package\")\n"
        << "endif()\n";
    const std::string log = "version_check_" + request;
    const std::string error =
        Configure(source, dir / ("build_" + request), log);
    if (request[0] == '1') {
      EXPECT_EQ(error, "") << "find_package(CloutPlugin " << request << ")";
      EXPECT_THAT(ReadFile(WorkDir() / (log + ".log")),
                  HasSubstr("abi=" + abi + " version=" + abi));
    } else {
      EXPECT_NE(error, "") << "find_package(CloutPlugin " << request
                           << ") should fail";
    }
  }
}

TEST_F(PluginSdkTest, ExamplePluginLoadsAndComputesPostsPerWeek) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  // Posts (publication time relative to kT0) in the window [kT0, kT0 + 14d):
  //   p1 +1d, p2 +2d, p3 +5d, p4 +10d      published, within
  //   p5 unknown publication, first views at +12d: counts at +12d
  //   before -1d (views sampled inside the window too), after +15d: out
  struct Post {
    std::string id;
    int64_t published_ms;  // 0: unknown
    int64_t first_views_ms;
  };
  const std::vector<Post> posts = {
      {"p1", kT0 + kDay, kT0 + kDay + kHour},
      {"p2", kT0 + 2 * kDay, kT0 + 2 * kDay + kHour},
      {"p3", kT0 + 5 * kDay, kT0 + 5 * kDay + kHour},
      {"p4", kT0 + 10 * kDay, kT0 + 10 * kDay + kHour},
      {"p5", 0, kT0 + 12 * kDay},
      {"before", kT0 - kDay, kT0 + 3 * kDay},
      {"after", kT0 + 15 * kDay, kT0 + 15 * kDay + kHour},
  };
  clout::v1::WriteRequest write;
  *write.add_series() =
      Series(kCreator, "", "followers", {kT0, kT0 + 7 * kDay}, {1000, 1100});
  for (const Post& p : posts) {
    *write.add_series() =
        Series(kCreator, p.id, "views",
               {p.first_views_ms, p.first_views_ms + 6 * kHour}, {10, 500});
  }
  clout::v1::WriteResponse written;
  grpc::Status st = client_->ingest->Write(Deadline().get(), write, &written);
  ASSERT_TRUE(st.ok()) << st.error_message();
  clout::v1::UpsertPostsRequest upsert;
  for (const Post& p : posts) {
    if (p.published_ms == 0) continue;
    clout::v1::Post* post = upsert.add_posts();
    post->set_creator_id(kCreator);
    post->set_post_id(p.id);
    post->set_published_ms(p.published_ms);
  }
  clout::v1::UpsertPostsResponse upserted;
  st = client_->ingest->UpsertPosts(Deadline().get(), upsert, &upserted);
  ASSERT_TRUE(st.ok()) << st.error_message();

  // Listed with the schema the plugin declares.
  clout::v1::ListMetricsResponse list;
  st = metrics_->ListMetrics(Deadline().get(), clout::v1::ListMetricsRequest(),
                             &list);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const MetricInfo* info = nullptr;
  for (const MetricInfo& m : list.metrics()) {
    if (m.name() == kPlugin) info = &m;
  }
  ASSERT_NE(info, nullptr) << list.DebugString();
  EXPECT_EQ(info->plugin(), kPlugin);
  EXPECT_EQ(info->plugin_file(), std::string(kPlugin) + ".so");
  EXPECT_EQ(info->output_kind(), clout::v1::OUTPUT_KIND_SCALAR);
  EXPECT_TRUE(info->thread_safe());
  EXPECT_THAT(info->post_fields(), ElementsAre("views"));
  EXPECT_THAT(info->row_columns(), ElementsAre("hours_since_previous"));
  ASSERT_EQ(info->parameters_size(), 1);
  EXPECT_EQ(info->parameters(0).name(), "period_days");
  EXPECT_EQ(info->parameters(0).type(), clout::v1::PARAMETER_TYPE_INT);
  EXPECT_EQ(info->parameters(0).default_number(), 7);

  // 5 posts in 14 days: 2.5 per week.
  ComputeResponse response;
  st = Compute(0, &response);
  ASSERT_TRUE(st.ok()) << st.error_code() << ": " << st.error_message();
  const clout::v1::MetricResult& result = response.result();
  EXPECT_DOUBLE_EQ(result.value(), 2.5);
  EXPECT_EQ(result.variant(), "default");
  std::map<std::string, double> components;
  for (const auto& c : result.components()) components[c.name()] = c.value();
  EXPECT_EQ(components["posts"], 5);
  EXPECT_EQ(components["window_days"], 14);
  EXPECT_EQ(components["period_days"], 7);
  // Rows in publication order with the hours since the previous post.
  std::vector<std::string> keys;
  std::vector<double> gaps;
  for (const auto& row : result.rows()) {
    keys.push_back(row.key());
    ASSERT_EQ(row.values_size(), 1);
    gaps.push_back(row.values(0));
  }
  EXPECT_THAT(keys, ElementsAre("p1", "p2", "p3", "p4", "p5"));
  ASSERT_EQ(gaps.size(), 5u);
  EXPECT_TRUE(std::isnan(gaps[0]));
  EXPECT_EQ(gaps[1], 24);
  EXPECT_EQ(gaps[2], 72);
  EXPECT_EQ(gaps[3], 120);
  EXPECT_EQ(gaps[4], 48);

  // Per day: 5 / 14.
  st = Compute(1, &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_DOUBLE_EQ(response.result().value(), 5.0 / 14.0);

  // Out of the declared bounds: refused by the host, naming the parameter.
  st = Compute(366, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("period_days"));

  // A reload reports the file loaded with its metric.
  clout::v1::ReloadPluginsResponse reload;
  st = client_->admin->ReloadPlugins(
      Deadline().get(), clout::v1::ReloadPluginsRequest(), &reload);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(reload.files_size(), 1);
  EXPECT_TRUE(reload.files(0).loaded()) << reload.files(0).error();
  EXPECT_EQ(reload.files(0).file(), std::string(kPlugin) + ".so");
  EXPECT_THAT(reload.files(0).metrics(), ElementsAre(kPlugin));
}

}  // namespace
}  // namespace clout::testing

// The plugin SDK as a Bazel plugin author gets it: the Bazel twin of
// tests/plugins/plugin_sdk_test.cc. The CMake test installs the CMake SDK and
// builds plugins/examples/posting_frequency against it; here the example is
// built by the clout_plugin() macro (bazel/clout_plugin.bzl) from the public
// headers alone (plugins/examples/posting_frequency/BUILD.bazel). The test
// checks that the SDK files a Bazel author copies or references are there,
// then loads the example into a real cloutd and runs the checks the CMake
// test runs too (tests/plugins/example_plugin_check.h).
//
// Compile definitions (runfiles paths; a Bazel test runs in its runfiles
// root): CLOUT_EXAMPLE_PLUGIN_PATH, the example's .so; CLOUT_SDK_FILES, a
// space-separated list of the SDK's files.
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/example_plugin_check.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

namespace fs = std::filesystem;

using ::testing::HasSubstr;

constexpr char kPlugin[] = "posting_frequency";

class PluginSdkTest : public ::testing::Test {
 protected:
  void TearDown() override {
    server_.reset();
    if (!work_dir_.empty()) fs::remove_all(work_dir_);
  }

  // Starts cloutd on a plugin folder holding the example plugin alone.
  void StartServer() {
    work_dir_ = MakeTempDir("clout_bazel_plugin_sdk_test");
    const fs::path plugins = fs::path(work_dir_) / "plugins";
    fs::create_directories(plugins);
    fs::copy_file(CLOUT_EXAMPLE_PLUGIN_PATH,
                  plugins / (std::string(kPlugin) + ".so"));
    CloutdOptions options;
    options.data_dir = work_dir_ + "/data";
    options.extra_flags = {"--plugins=" + plugins.string()};
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  std::string work_dir_;
  std::unique_ptr<CloutdProcess> server_;
};

// What a Bazel author copies or references: the macro and the two headers.
TEST_F(PluginSdkTest, ShipsMacroAndHeaders) {
  std::istringstream files(CLOUT_SDK_FILES);
  std::vector<std::string> names;
  for (std::string file; files >> file;) names.push_back(file);
  EXPECT_THAT(names, ::testing::Contains(HasSubstr("clout_plugin.bzl")));
  EXPECT_THAT(names, ::testing::Contains(HasSubstr("clout/plugin.h")));
  EXPECT_THAT(names, ::testing::Contains(HasSubstr("clout/plugin.hpp")));
  for (const std::string& file : names) {
    EXPECT_TRUE(fs::is_regular_file(file)) << file;
  }
  EXPECT_TRUE(fs::is_regular_file(CLOUT_EXAMPLE_PLUGIN_PATH));
}

TEST_F(PluginSdkTest, ExamplePluginLoadsAndComputesPostsPerWeek) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  ASSERT_NO_FATAL_FAILURE(CheckPostingFrequencyExample(server_->target()));
}

}  // namespace
}  // namespace clout::testing

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
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "clout/plugin.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/example_plugin_check.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

namespace fs = std::filesystem;

using ::testing::HasSubstr;

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
  }

  static std::string* setup_error_;
  std::string data_dir_;
  std::unique_ptr<CloutdProcess> server_;
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
  ASSERT_NO_FATAL_FAILURE(CheckPostingFrequencyExample(server_->target()));
}

}  // namespace
}  // namespace clout::testing

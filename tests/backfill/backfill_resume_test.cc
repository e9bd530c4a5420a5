// A backfill killed with SIGKILL in the middle continues from its resume
// file: it skips what the server acknowledged, and the final contents equal
// those of an uninterrupted run, without duplicates. Streaming and bulk.
#include <signal.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/backfill/cli_runner.h"
#include "tests/backfill/test_data.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

// Samples acknowledged so far according to the resume file: true once some
// lane has moved.
bool SomethingAcknowledged(const std::string& path) {
  std::istringstream in(ReadFileText(path));
  std::string word;
  int lane = 0;
  int64_t file = 0, line = 0;
  std::string text;
  while (std::getline(in, text)) {
    std::istringstream fields(text);
    if (fields >> word && word == "lane" && fields >> lane >> file >> line &&
        (file > 0 || line > 0)) {
      return true;
    }
  }
  return false;
}

int64_t JsonNumber(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return -1;
  return std::atoll(json.c_str() + at + key.size() + 4);
}

class ResumeTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ResumeTest, KilledRunResumesToTheSameContents) {
  const std::string mode = GetParam();
  const std::string dir = MakeTempDir("clout_resume_test");
  const std::string csv = dir + "/input.csv";
  const std::string mapping = dir + "/mapping.json";
  const std::string resume = dir + "/backfill.resume";
  const SampleMap expected = WriteTestCsv(csv, 50, 400, 3);
  WriteText(mapping, TestMapping());

  std::vector<std::string> common = {"--json", "backfill", "--progress=none",
                                     "--mapping=" + mapping};
  if (mode == "stream") {
    common.insert(common.end(), {"--streams=3", "--batch=2000", "--commit=6000",
                                 "--commit-seconds=0.3"});
  } else {
    common.insert(common.end(), {"--bulk=" + mode, "--part=15000"});
  }

  // The reference: one uninterrupted run.
  CloutdOptions a_options;
  a_options.data_dir = dir + "/a";
  auto a = CloutdProcess::Start(a_options);
  ASSERT_TRUE(a.ok()) << a.status();
  std::vector<std::string> args = common;
  args.insert(args.begin(), "--server=" + (*a)->target());
  args.push_back(csv);
  CliRun whole = RunClout(args);
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  ApiClient a_client((*a)->target());
  const SampleMap reference = ExportAll(&a_client);
  ASSERT_EQ(reference, expected);

  // The same, killed once something was acknowledged, then resumed.
  CloutdOptions b_options;
  b_options.data_dir = dir + "/b";
  auto b = CloutdProcess::Start(b_options);
  ASSERT_TRUE(b.ok()) << b.status();
  args = common;
  args.insert(args.begin(), "--server=" + (*b)->target());
  args.insert(args.end(), {"--resume=" + resume, "--rate=40000", csv});
  {
    CloutChild child(args);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!SomethingAcknowledged(resume) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(SomethingAcknowledged(resume));
    CliRun killed = child.Kill(SIGKILL);
    ASSERT_EQ(killed.signal, SIGKILL) << "the run ended before the kill";
  }
  EXPECT_THAT(ReadFileText(resume), ::testing::HasSubstr("complete 0"));

  args.erase(std::find(args.begin(), args.end(), "--rate=40000"));
  CliRun resumed = RunClout(args);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const int64_t skipped = JsonNumber(resumed.out, "skipped_lines");
  const int64_t sent = JsonNumber(resumed.out, "samples_acknowledged");
  EXPECT_GT(skipped, 0) << resumed.out;
  EXPECT_LT(sent,
            static_cast<int64_t>(JsonNumber(whole.out, "samples_acknowledged")))
      << "the resumed run sent everything again";
  EXPECT_THAT(ReadFileText(resume), ::testing::HasSubstr("complete 1"));

  ApiClient b_client((*b)->target());
  const SampleMap resumed_contents = ExportAll(&b_client);
  EXPECT_TRUE(resumed_contents == reference)
      << "resumed contents differ: " << resumed_contents.size() << " vs "
      << reference.size() << " samples";
  const auto a_stats = GetStats(&a_client);
  const auto b_stats = GetStats(&b_client);
  EXPECT_EQ(b_stats.samples(), a_stats.samples());
  EXPECT_EQ(b_stats.series(), a_stats.series());
  EXPECT_EQ(b_stats.creators(), a_stats.creators());
  EXPECT_EQ(b_stats.posts(), a_stats.posts());

  // Once complete, the same command has nothing to do.
  CliRun again = RunClout(args);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, ::testing::HasSubstr("nothing to do"));
  EXPECT_EQ(GetStats(&b_client).samples(), a_stats.samples());

  // A different run refuses the resume file.
  args.back() = mapping;  // Another input file.
  CliRun other = RunClout(args);
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_THAT(other.err,
              ::testing::HasSubstr("belongs to a different backfill"));
}

INSTANTIATE_TEST_SUITE_P(Modes, ResumeTest,
                         ::testing::Values("stream", "upload", "local"));

}  // namespace
}  // namespace clout::testing

namespace clout::testing {
namespace {

TEST(RateLimitTest, SpacesTheLoadOut) {
  const std::string dir = MakeTempDir("clout_rate_test");
  const SampleMap expected = WriteTestCsv(dir + "/input.csv", 20, 150, 3);
  WriteText(dir + "/mapping.json", TestMapping());
  CloutdOptions options;
  options.data_dir = dir + "/data";
  auto server = CloutdProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  const auto start = std::chrono::steady_clock::now();
  CliRun run =
      RunClout({"--server=" + (*server)->target(), "backfill",
                "--progress=none", "--rate=10000",
                "--mapping=" + dir + "/mapping.json", dir + "/input.csv"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // More than 21,000 samples at 10,000 per second.
  EXPECT_GE(seconds, 1.8);
  ApiClient client((*server)->target());
  EXPECT_EQ(ExportAll(&client), expected);
}

}  // namespace
}  // namespace clout::testing

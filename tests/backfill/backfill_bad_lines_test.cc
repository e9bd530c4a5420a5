// Bad input lines are reported with file and line number and nothing of a
// bad line is stored; --dry-run stores nothing at all; --max-errors stops a
// run; a header that does not fit the mapping stops it before anything is
// sent.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/backfill/cli_runner.h"
#include "tests/backfill/test_data.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kT = 1735689600000;  // 2025-01-01T00:00:00Z

// Line number -> what the report must say about it.
struct BadLine {
  int line;
  const char* reason;
};

const char kCsv[] =
    "creator,post,time,followers,views,likes\n"  // 1
    "g1,,2025-01-01T00:00:00Z,100,,\n"           // 2 good
    "b1,,\"2025-01-01T00:00:00Z,5,,\n"           // 3 quoting
    "b2,,2025-01-01T00:00:00Z,\"5\"x,,\n"        // 4 quoting
    "b3,v1,2025-01-01T00:00:00Z,,12,abc\n"       // 5 count
    "b4,,,7,,\n"                                 // 6 no time
    "b5,,2025-13-01T00:00:00Z,7,,\n"             // 7 bad time
    "b6,,2025-01-01T00:00:00Z,7,,,surprise\n"    // 8 extra cell
    "b7,,2025-01-01T00:00:00Z,-7,,\n"            // 9 negative
    "g2,v1,2025-01-01T01:00:00Z,,500,40\n"       // 10 good
    "b 8,,2025-01-01T00:00:00Z,1,,\n"            // 11 bad id
    "b9,,2100-01-01T00:00:00Z,1,,\n"             // 12 too late
    "\n"                                         // 13 blank
    "g1,,2025-01-01T02:00:00Z,101,,\n";          // 14 good

const BadLine kCsvBad[] = {
    {3, "quoted cell is not closed"},
    {4, "unexpected 'x' after the closing quote"},
    {5, "column 'likes': 'abc' is not a count"},
    {6, "column 'time' (timestamp) is empty"},
    {7, "'2025-13-01T00:00:00Z' is not an ISO 8601 time"},
    {8, "the line has 7 cells, the header names 6 columns"},
    {9, "column 'followers': '-7' is not a count"},
    {11, "contains a space"},
    {12, "is not before 2100-01-01"},
};

const char kJsonl[] =
    R"({"creator": "j1", "time": "2025-01-01T00:00:00Z", "followers": 9})"
    "\n"
    R"({"creator": "jb1", "time": "2025-01-01T00:00:00Z", "followers": 9, "colour": "red"})"
    "\n"
    R"({"creator": "jb2", "time": "2025-01-01T00:00:00Z", "followers": "nine"})"
    "\n"
    R"({"creator": "jb3", "followers": 9})"
    "\n"
    R"({"creator": "jb4", "time": "2025-01-01T00:00:00Z", "followers": 9)"
    "\n"
    R"({"creator": "j2", "post": "v9", "time": "2025-01-01T00:00:00Z", "views": 3, "likes": null})"
    "\n";

const BadLine kJsonlBad[] = {
    {2, "unknown column 'colour'"},
    {3, "column 'followers': 'nine' is not a count"},
    {4, "column 'time' (timestamp) is empty"},
    {5, "not valid JSON"},
};

// What the good lines store.
SampleMap GoodSamples() {
  return {
      {{"test:g1", "", "followers", kT}, 100},
      {{"test:g1", "", "followers", kT + 7200000}, 101},
      {{"test:g2", "v1", "views", kT + 3600000}, 500},
      {{"test:g2", "v1", "likes", kT + 3600000}, 40},
      {{"test:j1", "", "followers", kT}, 9},
      {{"test:j2", "v9", "views", kT}, 3},
  };
}

class BadLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("clout_bad_lines_test");
    csv_ = dir_ + "/input.csv";
    jsonl_ = dir_ + "/input.jsonl";
    mapping_ = dir_ + "/mapping.json";
    WriteText(csv_, kCsv);
    WriteText(jsonl_, kJsonl);
    WriteText(mapping_, TestMapping());
    CloutdOptions options;
    options.data_dir = dir_ + "/data";
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    client_ = std::make_unique<ApiClient>(server_->target());
  }

  CliRun Backfill(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--server=" + server_->target(),
                                     "backfill", "--progress=none",
                                     "--mapping=" + mapping_};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunClout(args);
  }

  void ExpectReported(const std::string& err, const std::string& file,
                      const BadLine* bad, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      EXPECT_THAT(err,
                  HasSubstr(file + ":" + std::to_string(bad[i].line) + ": "))
          << "line " << bad[i].line;
      EXPECT_THAT(err, HasSubstr(bad[i].reason)) << "line " << bad[i].line;
    }
  }

  std::string dir_, csv_, jsonl_, mapping_;
  std::unique_ptr<CloutdProcess> server_;
  std::unique_ptr<ApiClient> client_;
};

TEST_F(BadLinesTest, DryRunReportsEveryBadLineAndStoresNothing) {
  CliRun run = Backfill({"--dry-run", csv_, jsonl_});
  EXPECT_EQ(run.exit_code, 4) << run.err;
  ExpectReported(run.err, csv_, kCsvBad, std::size(kCsvBad));
  ExpectReported(run.err, jsonl_, kJsonlBad, std::size(kJsonlBad));
  EXPECT_THAT(run.out, HasSubstr("13 bad lines; nothing stored"));
  const auto stats = GetStats(client_.get());
  EXPECT_EQ(stats.creators(), 0);
  EXPECT_EQ(stats.posts(), 0);
  EXPECT_EQ(stats.series(), 0);
  EXPECT_EQ(stats.samples(), 0);

  // --json lists the bad lines with file and line.
  run = RunClout({"--json", "backfill", "--dry-run", "--progress=none",
                  "--mapping=" + mapping_, csv_});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_THAT(run.out,
              HasSubstr("\"file\": \"" + csv_ +
                        "\", \"line\": 5, "
                        "\"message\": \"column 'likes': 'abc' is not a count"));
}

class BadLinesModeTest : public BadLinesTest,
                         public ::testing::WithParamInterface<const char*> {};

TEST_P(BadLinesModeTest, NothingOfABadLineIsStored) {
  std::vector<std::string> args = {csv_, jsonl_};
  if (std::string(GetParam()) != "stream") {
    args.insert(args.begin(), std::string("--bulk=") + GetParam());
  }
  CliRun run = Backfill(args);
  EXPECT_EQ(run.exit_code, 4) << run.err;
  ExpectReported(run.err, csv_, kCsvBad, std::size(kCsvBad));
  ExpectReported(run.err, jsonl_, kJsonlBad, std::size(kJsonlBad));
  EXPECT_EQ(ExportAll(client_.get()), GoodSamples());
  const auto stats = GetStats(client_.get());
  EXPECT_EQ(stats.creators(), 4);  // g1, g2, j1, j2: no creator of a bad line.
  EXPECT_EQ(stats.posts(), 2);
  EXPECT_EQ(stats.samples(), 6);
}

INSTANTIATE_TEST_SUITE_P(Modes, BadLinesModeTest,
                         ::testing::Values("stream", "upload"));

TEST_F(BadLinesTest, MaxErrorsStopsTheRun) {
  CliRun run = Backfill({"--max-errors=2", csv_});
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_THAT(run.err, HasSubstr("more than 2 bad lines"));
  EXPECT_THAT(run.err, HasSubstr(csv_ + ":5: "));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr(csv_ + ":6: ")));
  // What came before the stop is stored; nothing after it.
  EXPECT_EQ(ExportAll(client_.get()),
            (SampleMap{{{"test:g1", "", "followers", kT}, 100}}));
}

TEST_F(BadLinesTest, HeaderThatDoesNotFitStopsBeforeSending) {
  const std::string header = dir_ + "/header.csv";
  WriteText(header,
            "creator,post,time,followers,views,likes,colour\n"
            "g1,,2025-01-01T00:00:00Z,100,,,red\n");
  CliRun run = Backfill({csv_, header});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr(header + ":1: unknown column 'colour'"));
  EXPECT_EQ(GetStats(client_.get()).samples(), 0);

  run = Backfill({dir_ + "/missing.csv"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("cannot open"));
}

TEST_F(BadLinesTest, MultilineRecordsKeepTheirFirstLineNumber) {
  const std::string multiline = dir_ + "/multiline.csv";
  const std::string multiline_mapping = dir_ + "/multiline.json";
  WriteText(multiline_mapping, R"({
    "creator": {"column": "creator", "prefix": "test:"},
    "timestamp": "time", "fields": ["followers"], "ignore": ["note"],
    "multiline": true})");
  WriteText(multiline,
            "creator,time,followers,note\n"                               // 1
            "m1,2025-01-01T00:00:00Z,1,\"two\nlines, \"\"quoted\"\"\"\n"  // 2-3
            "m2,2025-01-01T00:00:00Z,x,\"a\"\n"                           // 4
            "m3,2025-01-01T00:00:00Z,3,\"never closed\n"                  // 5
            "m4,2025-01-01T00:00:00Z,4,\n");                              // 6
  CliRun run =
      RunClout({"--server=" + server_->target(), "backfill", "--progress=none",
                "--mapping=" + multiline_mapping, multiline});
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_THAT(run.err, HasSubstr(multiline + ":4: column 'followers': 'x'"));
  EXPECT_THAT(run.err, HasSubstr(multiline + ":5: column 4: quoted cell is not "
                                             "closed at the end of the file"));
  EXPECT_EQ(ExportAll(client_.get()),
            (SampleMap{{{"test:m1", "", "followers", kT}, 1}}));
}

TEST_F(BadLinesTest, HelpAndUsage) {
  CliRun run = RunClout({"backfill", "--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("usage: clout backfill --mapping=FILE"));
  EXPECT_THAT(run.out, HasSubstr("Exit codes"));
  run = RunClout({"backfill", "--mapping=x.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("name at least one input file"));
  run = RunClout({"backfill", "--mapping=" + mapping_, "--frobnicate", csv_});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("unknown option '--frobnicate'"));
  for (const char* command :
       {"write", "read", "creators", "posts", "metrics", "compute", "rank",
        "reload", "stats", "compact", "checkpoint"}) {
    run = RunClout({command, "--help"});
    EXPECT_EQ(run.exit_code, 0) << command;
    EXPECT_THAT(run.out, HasSubstr(std::string("usage: clout ") + command));
  }
  // The server is unreachable: exit code 3.
  run = RunClout({"--server=127.0.0.1:1", "--timeout=2", "backfill",
                  "--mapping=" + mapping_, csv_});
  EXPECT_EQ(run.exit_code, 3) << run.err;
}

}  // namespace
}  // namespace clout::testing

#include "clients/cli/commands/command_line.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clout::cli {
namespace {

using ::testing::ElementsAre;

bool Parse(std::initializer_list<const char*> args, CommandLine* line,
           std::string* problem) {
  std::vector<const char*> argv = {"clout"};
  argv.insert(argv.end(), args);
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data(), line,
                          problem);
}

TEST(CommandLineTest, GlobalOptionsStandAnywhere) {
  CommandLine line;
  std::string problem;
  ASSERT_TRUE(Parse({"read", "--json", "c/p", "views", "--server=h:1",
                     "--from=2025-01-01", "--timeout=5"},
                    &line, &problem))
      << problem;
  EXPECT_EQ(line.command, "read");
  EXPECT_THAT(line.args, ElementsAre("c/p", "views"));
  EXPECT_EQ(line.options.server, "h:1");
  EXPECT_EQ(line.options.timeout_s, 5);
  EXPECT_TRUE(line.options.json);
  EXPECT_EQ(line.Value("from"), "2025-01-01");
  EXPECT_EQ(line.Value("to", "none"), "none");
  EXPECT_FALSE(line.help);
}

TEST(CommandLineTest, KeepsUnknownOptionsAndParameters) {
  CommandLine line;
  std::string problem;
  ASSERT_TRUE(Parse({"backfill", "--mapping=m.json", "--dry-run", "a.csv",
                     "--frobnicate", "b.jsonl"},
                    &line, &problem))
      << problem;
  EXPECT_EQ(line.command, "backfill");
  EXPECT_TRUE(line.Switch("dry-run"));
  EXPECT_EQ(line.Value("mapping"), "m.json");
  EXPECT_THAT(line.args, ElementsAre("a.csv", "b.jsonl", "--frobnicate"));

  CommandLine compute;
  ASSERT_TRUE(Parse({"compute", "m", "c", "variant=by_views", "n=-3"}, &compute,
                    &problem))
      << problem;
  EXPECT_THAT(compute.args, ElementsAre("m", "c", "variant=by_views", "n=-3"));
}

TEST(CommandLineTest, HelpAndUnknownCommands) {
  CommandLine line;
  std::string problem;
  ASSERT_TRUE(Parse({"help", "rank"}, &line, &problem));
  EXPECT_TRUE(line.help);
  EXPECT_EQ(line.command, "rank");
  CommandLine dash;
  ASSERT_TRUE(Parse({"stats", "-h"}, &dash, &problem));
  EXPECT_TRUE(dash.help);
  EXPECT_EQ(dash.command, "stats");
  CommandLine unknown;
  ASSERT_TRUE(Parse({"--json", "frob", "x"}, &unknown, &problem));
  EXPECT_EQ(unknown.command, "frob");
  EXPECT_THAT(unknown.args, ElementsAre("x"));
}

TEST(CommandLineTest, RefusesABadTimeout) {
  CommandLine line;
  std::string problem;
  EXPECT_FALSE(Parse({"--timeout=0", "stats"}, &line, &problem));
  EXPECT_EQ(problem, "--timeout must be a positive number of seconds");
  EXPECT_EQ(line.command, "");
  CommandLine after;
  EXPECT_FALSE(Parse({"stats", "--timeout=x"}, &after, &problem));
  EXPECT_EQ(after.command, "stats");
}

}  // namespace
}  // namespace clout::cli

#include "clients/cli/backfill/csv.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clout::cli {
namespace {

using ::testing::ElementsAre;

TEST(CsvTest, SplitsPlainAndQuotedCells) {
  CsvSplitter splitter;
  std::vector<std::string_view> cells;
  std::string error;
  ASSERT_EQ(splitter.Split(R"(a,"b,c","d ""e"" f",,"")", &cells, &error),
            CsvResult::kOk);
  EXPECT_THAT(cells, ElementsAre("a", "b,c", "d \"e\" f", "", ""));
  ASSERT_EQ(splitter.Split("", &cells, &error), CsvResult::kOk);
  EXPECT_THAT(cells, ElementsAre(""));
  ASSERT_EQ(splitter.Split("x,", &cells, &error), CsvResult::kOk);
  EXPECT_THAT(cells, ElementsAre("x", ""));
}

TEST(CsvTest, OtherDelimiter) {
  CsvSplitter splitter('\t');
  std::vector<std::string_view> cells;
  std::string error;
  ASSERT_EQ(splitter.Split("a,b\t\"c\td\"", &cells, &error), CsvResult::kOk);
  EXPECT_THAT(cells, ElementsAre("a,b", "c\td"));
}

TEST(CsvTest, NamesTheColumnOfBrokenQuoting) {
  CsvSplitter splitter;
  std::vector<std::string_view> cells;
  std::string error;
  EXPECT_EQ(splitter.Split(R"(a,"open)", &cells, &error), CsvResult::kNeedMore);
  EXPECT_EQ(error, "column 2: quoted cell is not closed");
  EXPECT_EQ(splitter.Split(R"(a,"b"x,c)", &cells, &error), CsvResult::kError);
  EXPECT_EQ(error, "column 2: unexpected 'x' after the closing quote");
  EXPECT_EQ(splitter.Split(R"(a,b,c"d)", &cells, &error), CsvResult::kError);
  EXPECT_THAT(error, ::testing::StartsWith("column 3: a quote inside"));
}

TEST(CsvTest, QuotedCellOverSeveralLines) {
  CsvSplitter splitter;
  std::vector<std::string_view> cells;
  std::string error;
  std::string record = "1,\"first";
  ASSERT_EQ(splitter.Split(record, &cells, &error), CsvResult::kNeedMore);
  record += "\nsecond\",3";
  ASSERT_EQ(splitter.Split(record, &cells, &error), CsvResult::kOk);
  EXPECT_THAT(cells, ElementsAre("1", "first\nsecond", "3"));
}

}  // namespace
}  // namespace clout::cli

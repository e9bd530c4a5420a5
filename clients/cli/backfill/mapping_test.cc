#include "clients/cli/backfill/mapping.h"

#include <cstdlib>
#include <filesystem>

#include "clients/cli/backfill/csv.h"
#include "clients/cli/backfill/row_mapper.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clout::cli {
namespace {

using ::testing::HasSubstr;

constexpr char kMapping[] = R"({
  "creator": {"column": "user", "prefix": "tiktok:"},
  "post": "video",
  "timestamp": {"column": "time", "format": "epoch_s"},
  "fields": [
    "views",
    {"column": "fans", "field": "followers", "entity": "account",
     "rounded_from": 10000},
    {"column": "est", "field": "custom_guess", "flags": ["estimated"]}
  ],
  "flags": ["backfilled"],
  "ignore": ["note", "meta"]
})";

std::vector<std::string_view> Cells(CsvSplitter* splitter,
                                    std::string_view line) {
  std::vector<std::string_view> cells;
  std::string error;
  EXPECT_EQ(splitter->Split(line, &cells, &error), CsvResult::kOk) << error;
  return cells;
}

TEST(MappingTest, MapsCsvLines) {
  Mapping m;
  std::string error;
  ASSERT_TRUE(ParseMapping(kMapping, &m, &error)) << error;
  ASSERT_EQ(m.fields.size(), 3u);
  EXPECT_EQ(m.fields[0].field, "views");
  EXPECT_TRUE(m.fields[1].account);
  EXPECT_EQ(m.fields[2].flags, kFlagBackfilled | kFlagEstimated);
  RowMapper mapper(&m);
  CsvSplitter splitter;
  std::vector<std::string_view> header =
      Cells(&splitter, "time,user,video,views,fans,est,note");
  std::vector<std::string> owned(header.begin(), header.end());
  ASSERT_TRUE(mapper.SetHeader({owned.begin(), owned.end()}, &error)) << error;

  MappedRow row;
  ASSERT_TRUE(mapper.MapCells(Cells(&splitter, "1700000000,42,v1,100,12000,,x"),
                              &row, &error))
      << error;
  EXPECT_EQ(row.creator_id, "tiktok:42");
  EXPECT_EQ(row.post_id, "v1");
  EXPECT_EQ(row.timestamp_ms, 1700000000000);
  ASSERT_EQ(row.samples.size(), 2u);  // est is empty: no value.
  EXPECT_EQ(row.samples[0].value, 100);
  EXPECT_EQ(row.samples[0].flags, kFlagBackfilled);
  EXPECT_EQ(row.samples[1].flags, kFlagBackfilled | kFlagRounded);

  ASSERT_TRUE(
      mapper.MapCells(Cells(&splitter, "1700000000,42,,,5,7,"), &row, &error));
  EXPECT_EQ(row.post_id, "");
  EXPECT_EQ(row.samples[0].flags, kFlagBackfilled);  // 5 < rounded_from.

  struct Bad {
    const char* line;
    const char* message;
  } bad[] = {
      {"1700000000,42,v1,abc,1,1,", "column 'views': 'abc' is not a count"},
      {"1700000000,42,v1,-3,1,1,", "column 'views': '-3' is not a count"},
      {",42,v1,1,1,1,", "column 'time' (timestamp) is empty"},
      {"17e8,42,v1,1,1,1,", "column 'time': '17e8' is not epoch seconds"},
      {"5000000000,42,v1,1,1,1,", "is not before 2100-01-01"},
      {"1700000000,,v1,1,1,1,", "column 'user' (creator) is empty"},
      {"1700000000,a b,v1,1,1,1,", "contains a space"},
      {"1700000000,42,v1,1,1,1,,extra", "the line has 8 cells"},
      {"1700000000,42,v1,1,1", "the line has 5 cells"},
  };
  for (const Bad& b : bad) {
    EXPECT_FALSE(mapper.MapCells(Cells(&splitter, b.line), &row, &error))
        << b.line;
    EXPECT_THAT(error, HasSubstr(b.message)) << b.line;
  }
}

TEST(MappingTest, HeaderMustFitTheMapping) {
  Mapping m;
  std::string error;
  ASSERT_TRUE(ParseMapping(kMapping, &m, &error)) << error;
  RowMapper mapper(&m);
  std::vector<std::string_view> header = {"time", "user", "video",   "views",
                                          "fans", "est",  "surprise"};
  EXPECT_FALSE(mapper.SetHeader(header, &error));
  EXPECT_THAT(error, HasSubstr("unknown column 'surprise'"));
  header = {"time", "user", "video", "views", "fans"};
  EXPECT_FALSE(mapper.SetHeader(header, &error));
  EXPECT_THAT(error, HasSubstr("no column 'est'"));
  header = {"time", "user", "video", "views", "fans", "est", "time"};
  EXPECT_FALSE(mapper.SetHeader(header, &error));
  EXPECT_THAT(error, HasSubstr("appears twice"));
}

TEST(MappingTest, MapsJsonLinesWithNestedObjects) {
  Mapping m;
  std::string error;
  ASSERT_TRUE(ParseMapping(R"({
    "creator": {"column": "author.name", "prefix": "yt:", "escape": "percent"},
    "post": "id",
    "timestamp": "at",
    "fields": [{"column": "stats.views", "field": "views"}],
    "ignore": ["author.bio"]
  })",
                           &m, &error))
      << error;
  RowMapper mapper(&m);
  MappedRow row;
  ASSERT_TRUE(mapper.MapJsonLine(R"({"id": 123, "at": "2025-01-01T00:00:00Z",
      "author": {"name": "Ab Ç%", "bio": {"x": 1}}, "stats": {"views": 7}})",
                                 &row, &error))
      << error;
  EXPECT_EQ(row.creator_id, "yt:Ab%20%C3%87%25");
  EXPECT_EQ(row.post_id, "123");
  ASSERT_EQ(row.samples.size(), 1u);
  EXPECT_EQ(row.samples[0].value, 7);

  EXPECT_FALSE(mapper.MapJsonLine(
      R"({"id": 1, "at": "2025-01-01", "author": {"name": "a"},
      "stats": {"views": null}, "likes": 3})",
      &row, &error));
  EXPECT_THAT(error, HasSubstr("unknown column 'likes'"));
  EXPECT_FALSE(mapper.MapJsonLine(
      R"({"id": 1, "at": "2025-01-01", "author": {"name": "a"},
      "stats": {"views": "12x"}})",
      &row, &error));
  EXPECT_THAT(error, HasSubstr("'12x' is not a count"));
  EXPECT_FALSE(mapper.MapJsonLine(R"([1])", &row, &error));
}

TEST(MappingTest, RefusesBadMappings) {
  Mapping m;
  std::string error;
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"[]", "must be a JSON object"},
      {R"({"timestamp": "t", "fields": ["a"]})", "\"creator\" is missing"},
      {R"({"creator": "c", "fields": ["a"]})", "\"timestamp\" is missing"},
      {R"({"creator": "c", "timestamp": "t", "fields": []})", "non-empty"},
      {R"({"creator": "c", "timestamp": "t", "fields": ["Bad-Name"]})",
       "is not a field name"},
      {R"({"creator": "c", "timestamp": "t", "fields": ["a"], "colour": 1})",
       "unknown key \"colour\""},
      {R"({"creator": "c", "timestamp": {"column": "t", "format": "%d.%m"},
           "fields": ["a"]})",
       "has no %Y"},
      {R"({"creator": "c", "timestamp": "t", "fields": ["a"],
           "flags": ["shiny"]})",
       "unknown flag \"shiny\""},
      {R"({"creator": "c", "timestamp": "t",
           "fields": ["a", {"column": "b", "field": "a"}]})",
       "both map"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(ParseMapping(c.text, &m, &error)) << c.text;
    EXPECT_THAT(error, HasSubstr(c.message)) << c.text;
  }
}

// The shipped mappings of the real data files load.
TEST(MappingTest, ShippedMappingsLoad) {
  const char* dir = std::getenv("CLOUT_MAPPINGS_DIR");
  if (dir == nullptr) GTEST_SKIP() << "CLOUT_MAPPINGS_DIR not set";
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    Mapping m;
    std::string error;
    EXPECT_TRUE(LoadMapping(entry.path().string(), &m, &error)) << error;
    ++n;
  }
  EXPECT_EQ(n, 4);
}

}  // namespace
}  // namespace clout::cli

namespace clout::cli {
namespace {

TEST(MappingTest, UnwrapsCountsThatA32BitIntegerWrapped) {
  Mapping m;
  std::string error;
  ASSERT_TRUE(ParseMapping(R"({"creator": "c", "timestamp": "t",
      "fields": [{"column": "likes", "unwrap_int32": true}, "views"]})",
                           &m, &error))
      << error;
  RowMapper mapper(&m);
  std::vector<std::string_view> header = {"c", "t", "likes", "views"};
  ASSERT_TRUE(mapper.SetHeader(header, &error)) << error;
  MappedRow row;
  std::vector<std::string_view> cells = {"a", "2026-03-11", "-94967296", "1"};
  ASSERT_TRUE(mapper.MapCells(cells, &row, &error)) << error;
  EXPECT_EQ(row.samples[0].value, 4200000000);
  cells = {"a", "2026-03-11", "-2147483649", "1"};
  EXPECT_FALSE(mapper.MapCells(cells, &row, &error));
  cells = {"a", "2026-03-11", "1", "-5"};  // Only where the mapping says so.
  EXPECT_FALSE(mapper.MapCells(cells, &row, &error));
}

}  // namespace
}  // namespace clout::cli

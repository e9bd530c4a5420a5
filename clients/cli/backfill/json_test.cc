// JsonLineReader: the JSON Lines reader of the backfill pipeline.
#include <map>

#include "clients/cli/backfill/json_line.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clout::cli {
namespace {

using ::testing::HasSubstr;

// Maps the columns of a fixed list to slots; "skip" and its members are
// ignored.
class Columns : public JsonLineReader::Resolver {
 public:
  explicit Columns(std::map<std::string, int> slots)
      : slots_(std::move(slots)) {}
  int Slot(std::string_view column) const override {
    auto it = slots_.find(std::string(column));
    if (it != slots_.end()) return it->second;
    return column.substr(0, 4) == "skip" ? kIgnored : kUnknown;
  }

 private:
  std::map<std::string, int> slots_;
};

TEST(JsonTest, ReadsNestedValuesKeepingNumberText) {
  const Columns columns(
      {{"id", 0}, {"n", 1}, {"s", 2}, {"o.x.t", 3}, {"o.f", 4}, {"z", 5}});
  JsonLineReader reader;
  std::vector<std::string_view> cells(6, "unset");
  std::string error;
  ASSERT_TRUE(reader.Read(
      R"( {"id": 7611898500556655903, "n": -1.5e3, "s": "a\"b\u00e9\ud83d\ude00",
           "o": {"x": {"t": true}, "f": false}, "z": null,
           "skip": [1, {"deep": []}]} )",
      columns, &cells, &error))
      << error;
  EXPECT_EQ(cells[0], "7611898500556655903");
  EXPECT_EQ(cells[1], "-1.5e3");
  EXPECT_EQ(cells[2], "a\"b\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(cells[3], "true");
  EXPECT_EQ(cells[4], "false");
  EXPECT_EQ(cells[5], "");
}

TEST(JsonTest, RefusesBrokenText) {
  const Columns columns({{"a", 0}});
  JsonLineReader reader;
  std::vector<std::string_view> cells(1);
  std::string error;
  for (const char* bad :
       {"", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":1,\"a\":2}",
        "{\"a\":\"unterminated}", "{\"a\":01x}", "{\"a\":1} extra",
        "{\"a\":tru}", "{\"a\":\"tab\there\"}", "[1,"}) {
    EXPECT_FALSE(reader.Read(bad, columns, &cells, &error)) << bad;
    EXPECT_THAT(error, HasSubstr("not valid JSON")) << bad;
  }
}

TEST(JsonTest, RefusesWhatIsNoRecord) {
  const Columns columns({{"a", 0}});
  JsonLineReader reader;
  std::vector<std::string_view> cells(1);
  std::string error;
  EXPECT_FALSE(reader.Read("[1]", columns, &cells, &error));
  EXPECT_EQ(error, "the line is an array, not a JSON object");
  EXPECT_FALSE(reader.Read(R"({"a": [1]})", columns, &cells, &error));
  EXPECT_EQ(error, "column 'a' is an array, not a value");
  EXPECT_FALSE(reader.Read(R"({"a": 1, "b": 2})", columns, &cells, &error));
  EXPECT_THAT(error, HasSubstr("unknown column 'b'"));
}

}  // namespace
}  // namespace clout::cli

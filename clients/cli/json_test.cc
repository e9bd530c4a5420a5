#include "clients/cli/json.h"

#include "gtest/gtest.h"

namespace clout::cli {
namespace {

TEST(JsonTest, ParsesNestedValuesKeepingNumberText) {
  JsonValue v;
  std::string error;
  ASSERT_TRUE(ParseJson(
      R"( {"id": 7611898500556655903, "n": -1.5e3, "s": "a\"b\u00e9\ud83d\ude00",
           "b": [true, false, null], "o": {"x": {}}} )",
      &v, &error))
      << error;
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.Find("id")->text, "7611898500556655903");
  EXPECT_EQ(v.Find("n")->text, "-1.5e3");
  EXPECT_EQ(v.Find("s")->text, "a\"b\xc3\xa9\xf0\x9f\x98\x80");
  ASSERT_EQ(v.Find("b")->items.size(), 3u);
  EXPECT_TRUE(v.Find("b")->items[0].boolean);
  EXPECT_EQ(v.Find("b")->items[2].type, JsonValue::Type::kNull);
  EXPECT_TRUE(v.Find("o")->Find("x")->is_object());
  EXPECT_EQ(v.Find("missing"), nullptr);
}

TEST(JsonTest, RefusesBrokenText) {
  JsonValue v;
  std::string error;
  for (const char* bad :
       {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,\"a\":2}", "\"unterminated",
        "01x", "{\"a\":1} extra", "tru", "\"tab\there\""}) {
    EXPECT_FALSE(ParseJson(bad, &v, &error)) << bad;
    EXPECT_FALSE(error.empty());
  }
}

TEST(JsonTest, WritesEscapedStrings) {
  std::string out;
  AppendJsonString("a\"b\\c\nd\x01", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001\"");
}

}  // namespace
}  // namespace clout::cli

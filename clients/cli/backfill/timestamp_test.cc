#include "clients/cli/backfill/timestamp.h"

#include "gtest/gtest.h"

namespace clout::cli {
namespace {

int64_t Parse(const TimeFormat& f, std::string_view text) {
  int64_t ms = -1;
  std::string error;
  EXPECT_TRUE(ParseTimestamp(f, text, &ms, &error)) << text << ": " << error;
  return ms;
}

TEST(TimestampTest, Iso8601) {
  TimeFormat f;
  EXPECT_EQ(Parse(f, "2022-03-24T20:40:04Z"), 1648154404000);
  EXPECT_EQ(Parse(f, "2022-03-24 20:40:04"), 1648154404000);
  EXPECT_EQ(Parse(f, "2022-03-24T20:40:04.25Z"), 1648154404250);
  EXPECT_EQ(Parse(f, "2022-03-24T22:40:04+02:00"), 1648154404000);
  EXPECT_EQ(Parse(f, "2022-03-24T15:40:04-0500"), 1648154404000);
  EXPECT_EQ(Parse(f, "2022-03-24T20:40Z"), 1648154400000);
  EXPECT_EQ(Parse(f, "2022-03-24"), 1648080000000);
  EXPECT_EQ(Parse(f, " 2024-02-29 "), 1709164800000);
  EXPECT_EQ(Parse(f, "1970-01-01T00:00:00Z"), 0);
  int64_t ms;
  std::string error;
  for (const char* bad :
       {"", "2022-13-01", "2023-02-29", "2022-03-24T24:00:00Z",
        "2022-03-24T20:40:04ZZ", "22-03-24", "2022/03/24", "1648154404",
        "2022-03-24T20:61"}) {
    EXPECT_FALSE(ParseTimestamp(f, bad, &ms, &error)) << bad;
  }
  EXPECT_EQ(error,
            "'2022-03-24T20:61' is not an ISO 8601 time (such as "
            "2022-03-24T20:40:04Z)");
}

TEST(TimestampTest, Epochs) {
  TimeFormat s, ms_format;
  std::string error;
  ASSERT_TRUE(ParseTimeFormat("epoch_s", 0, &s, &error));
  ASSERT_TRUE(ParseTimeFormat("epoch_ms", 0, &ms_format, &error));
  EXPECT_EQ(Parse(s, "1767917439"), 1767917439000);
  EXPECT_EQ(Parse(s, "1767917439.5"), 1767917439500);
  EXPECT_EQ(Parse(ms_format, "1767917439123"), 1767917439123);
  int64_t ms;
  EXPECT_FALSE(ParseTimestamp(s, "-5", &ms, &error));
  EXPECT_FALSE(ParseTimestamp(s, "12ab", &ms, &error));
  EXPECT_FALSE(ParseTimestamp(ms_format, "1.5", &ms, &error));
}

TEST(TimestampTest, PatternWithYearFromTheMapping) {
  TimeFormat f;
  std::string error;
  EXPECT_FALSE(ParseTimeFormat("%d.%m", 0, &f, &error));
  EXPECT_FALSE(ParseTimeFormat("%d.%q", 2017, &f, &error));
  ASSERT_TRUE(ParseTimeFormat("%d.%m", 2017, &f, &error)) << error;
  EXPECT_EQ(Parse(f, "13.09"), 1505260800000);  // 2017-09-13T00:00:00Z
  int64_t ms;
  EXPECT_FALSE(ParseTimestamp(f, "31.09", &ms, &error));
  EXPECT_FALSE(ParseTimestamp(f, "13-09", &ms, &error));
  TimeFormat full;
  ASSERT_TRUE(ParseTimeFormat("%Y%m%d %H%M", 0, &full, &error));
  EXPECT_EQ(Parse(full, "20220324 2040"), 1648154400000);
}

TEST(TimestampTest, Counts) {
  int64_t v;
  EXPECT_TRUE(ParseCount("0", &v));
  EXPECT_TRUE(ParseCount(" 9223372036854775807", &v));
  EXPECT_EQ(v, 9223372036854775807);
  for (const char* bad :
       {"", "-1", "1.0", "1e3", "9223372036854775808", "1,000", "abc", "+5"}) {
    EXPECT_FALSE(ParseCount(bad, &v)) << bad;
  }
}

}  // namespace
}  // namespace clout::cli

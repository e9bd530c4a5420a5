#include "clients/cli/common/text_format.h"

#include "gtest/gtest.h"

namespace clout::cli {
namespace {

TEST(TextFormatTest, GroupsDigits) {
  EXPECT_EQ(Grouped(0), "0");
  EXPECT_EQ(Grouped(999), "999");
  EXPECT_EQ(Grouped(1000), "1,000");
  EXPECT_EQ(Grouped(9869996), "9,869,996");
  EXPECT_EQ(Grouped(-1234567), "-1,234,567");
  EXPECT_EQ(Grouped(INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(TextFormatTest, FixedIsPrintfsF) {
  EXPECT_EQ(Fixed(8.0, 4), "8.0000");
  EXPECT_EQ(Fixed(2.5, 0), "2");
  EXPECT_EQ(Fixed(1234.5678, 2), "1234.57");
  EXPECT_EQ(Fixed(-0.25, 1), "-0.2");
}

TEST(TextFormatTest, TableRowsPadByBytes) {
  const Table table({{5, Align::kRight}, {8, Align::kLeft, "  "}, {10}}, 1);
  EXPECT_EQ(table.Row({"rank", "id", "value"}),
            "  rank  id            value\n");
  EXPECT_EQ(table.Row({int64_t{1}, "ab", 8.0}),
            "     1  ab           8.0000\n");
  // Bytes, as printf counts them: "é" is two.
  EXPECT_EQ(table.Row({int64_t{2}, "\xc3\xa9"}), "     2  \xc3\xa9      \n");
  EXPECT_EQ(table.Row({int64_t{3}, "longer than eight"}),
            "     3  longer than eight\n");
}

}  // namespace
}  // namespace clout::cli

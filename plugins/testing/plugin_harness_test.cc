// Tests of plugin_harness.h and csv_reader.h against harness_fixture_plugin,
// whose metrics echo their inputs or misbehave on purpose.
#include "testing/plugin_harness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "clout/plugin.hpp"
#include "testing/csv_reader.h"

namespace clout::plugin_testing {
namespace {

class HarnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    plugin_ = Plugin::Open(CLOUT_FIXTURE_PLUGIN_PATH, &error);
    ASSERT_NE(plugin_, nullptr) << error;
  }
  std::unique_ptr<Plugin> plugin_;
};

TEST(HarnessOpenTest, MissingFileNamesThePathAndReason) {
  std::string error;
  EXPECT_EQ(Plugin::Open("/nonexistent/plugin.so", &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/plugin.so"), std::string::npos) << error;
  EXPECT_NE(error.find("cannot open shared object file"), std::string::npos)
      << error;
}

TEST_F(HarnessTest, FindsMetricsByName) {
  EXPECT_STREQ(plugin_->entry().name, "harness_fixture");
  EXPECT_NE(plugin_->FindMetric("echo"), nullptr);
  EXPECT_EQ(plugin_->FindMetric("nope"), nullptr);
  const Result r = plugin_->Compute("nope", Inputs());
  EXPECT_EQ(r.code, CLOUT_NOT_FOUND);
  EXPECT_FALSE(r.compute_called);
}

TEST_F(HarnessTest, PassesDeclaredSeriesPostsAndDefaults) {
  Inputs in;
  in.window_start_ms = 1000;
  in.window_end_ms = 9000;
  in.account["followers"] = Series::Of({{500, 10}, {1500, 12}, {2500, 15}});
  Post p1{"p1", 1200, {}};
  p1.fields["likes"].Add(1300, 1, /*sample_flags=*/4);
  p1.fields["likes"].Add(1400, 2);
  Post p2{"p2", 0, {}};
  p2.fields["views"] = Series::Of({{2000, 7}});
  in.posts = {p1, p2};

  const Result r = plugin_->Compute("echo", in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_TRUE(r.compute_called);
  EXPECT_EQ(*r.value, 3.0);  // scale 1 (default) * 3 followers samples.
  EXPECT_EQ(r.variant, "echo");
  EXPECT_EQ(r.FindComponent("following_samples")->value, 0);  // Empty.
  EXPECT_EQ(r.FindComponent("followers_last")->value, 15);
  EXPECT_EQ(r.FindComponent("window_start")->value, 1000);
  EXPECT_EQ(r.FindComponent("window_end")->value, 9000);
  EXPECT_EQ(r.FindComponent("count")->value, 3);  // INT default.
  EXPECT_EQ(r.FindComponent("flag")->value, 0);   // BOOL default.
  EXPECT_EQ(r.FindComponent("mode")->value, 1);   // ENUM default: "b".
  EXPECT_EQ(r.FindComponent("mode")->note, "index");
  EXPECT_EQ(r.FindComponent("alloc_aligned")->value, 1);
  EXPECT_EQ(r.FindComponent("alloc_huge_is_null")->value, 1);
  EXPECT_EQ(r.FindComponent("cancelled")->value, 0);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].key, "p1");
  EXPECT_EQ(r.rows[0].timestamp_ms, 1200);
  EXPECT_EQ(r.Cell("p1", "likes_samples"), 2);
  EXPECT_EQ(r.Cell("p1", "likes_first_flags"), 4);
  EXPECT_EQ(r.Cell("p2", "views_samples"), 1);
  EXPECT_TRUE(std::isnan(r.Cell("p2", "likes_first_flags")));
  EXPECT_EQ(r.Cell("p3", "likes_samples"), -INFINITY);  // No such row.
  EXPECT_EQ(r.Cell("p1", "nope"), -INFINITY);           // No such column.
  ASSERT_EQ(r.logs.size(), 1u);
  EXPECT_EQ(r.logs[0].message, "creator test:creator");
}

TEST_F(HarnessTest, ResolvesParametersByName) {
  Inputs in;
  in.account["followers"] = Series::Of({{1, 1}, {2, 2}});
  in.params = {{"scale", 2.5}, {"count", 7}, {"flag", true}, {"mode", "c"}};
  const Result r = plugin_->Compute("echo", in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(*r.value, 5.0);
  EXPECT_EQ(r.params, (std::vector<double>{2.5, 7, 1, 2}));
}

TEST_F(HarnessTest, RefusesBadParametersBeforeCompute) {
  const std::vector<std::pair<std::string, ParamValue>> bad = {
      {"unknown", 1}, {"scale", 11}, {"count", 2.5}, {"count", 0},
      {"flag", 2},    {"mode", "z"}, {"mode", 1},    {"scale", "x"}};
  for (const auto& [name, value] : bad) {
    Inputs in;
    in.params.emplace(name, value);
    const Result r = plugin_->Compute("echo", in);
    EXPECT_EQ(r.code, CLOUT_INVALID_ARGUMENT) << name;
    EXPECT_FALSE(r.compute_called) << name;
    EXPECT_NE(r.error.find(name), std::string::npos) << r.error;
  }
}

TEST_F(HarnessTest, RefusesMalformedFixtures) {
  Inputs undeclared;
  undeclared.account["likes_total"] = Series::Of({{1, 1}});
  EXPECT_EQ(plugin_->Compute("echo", undeclared).error.rfind("harness:", 0),
            0u);

  Inputs unsorted;
  unsorted.account["followers"] = Series::Of({{2, 1}, {2, 2}});
  const Result r = plugin_->Compute("echo", unsorted);
  EXPECT_EQ(r.code, CLOUT_INVALID_ARGUMENT);
  EXPECT_NE(r.error.find("strictly increasing"), std::string::npos);

  Inputs ragged;
  Post p{"p", 1, {}};
  p.fields["likes"].timestamps_ms = {1, 2};
  p.fields["likes"].values = {1};
  ragged.posts = {p};
  EXPECT_FALSE(plugin_->Compute("echo", ragged).compute_called);
}

TEST_F(HarnessTest, MalformedOutputsFailTheCall) {
  const char* kFailing[] = {"nan_value", "inf_value", "nan_component",
                            "wide_row",  "inf_row",   "point_on_scalar"};
  for (const char* what : kFailing) {
    Inputs in;
    in.params["what"] = what;
    const Result r = plugin_->Compute("bad_output", in);
    EXPECT_EQ(r.code, CLOUT_INVALID_ARGUMENT) << what;
    EXPECT_TRUE(r.compute_called);
    EXPECT_FALSE(r.error.empty()) << what;
  }
  Inputs in;
  in.params["what"] = "wide_row";
  EXPECT_NE(plugin_->Compute("bad_output", in).error.find("3 values for 2"),
            std::string::npos);
}

TEST_F(HarnessTest, NaNIsAllowedInRows) {
  Inputs in;
  in.params["what"] = "nan_row_ok";
  const Result r = plugin_->Compute("bad_output", in);
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  EXPECT_EQ(*r.value, 1);  // The host accepted the row.
  EXPECT_TRUE(std::isnan(r.Cell("r", "a")));
}

TEST_F(HarnessTest, SeriesPointsMustIncreaseAndBeFinite) {
  Result r = plugin_->Compute("points", Inputs());
  ASSERT_EQ(r.code, CLOUT_OK) << r.error;
  ASSERT_EQ(r.points.size(), 3u);
  EXPECT_EQ(r.points[2].timestamp_ms, 30);
  EXPECT_EQ(r.points[2].value, 3.0);

  Inputs backwards;
  backwards.params["backwards"] = true;
  r = plugin_->Compute("points", backwards);
  EXPECT_EQ(r.code, CLOUT_INVALID_ARGUMENT);
  EXPECT_NE(r.error.find("increase"), std::string::npos);

  Inputs value;
  value.params["set_value"] = true;
  EXPECT_EQ(plugin_->Compute("points", value).code, CLOUT_INVALID_ARGUMENT);

  Inputs nan_point;
  nan_point.params["what"] = "nan_point";
  EXPECT_EQ(plugin_->Compute("bad_output", nan_point).code,
            CLOUT_INVALID_ARGUMENT);
}

TEST_F(HarnessTest, ErrorsExceptionsAndMissingValues) {
  Result r = plugin_->Compute("fails", Inputs());
  EXPECT_EQ(r.code, CLOUT_FAILED_PRECONDITION);
  EXPECT_EQ(r.error, "no data");

  Inputs cancelled;
  cancelled.cancelled = true;
  EXPECT_EQ(plugin_->Compute("fails", cancelled).code, CLOUT_CANCELLED);

  r = plugin_->Compute("throws", Inputs());
  EXPECT_EQ(r.code, CLOUT_INTERNAL);
  EXPECT_EQ(r.error, "uncaught exception: boom");

  r = plugin_->Compute("no_value", Inputs());
  EXPECT_EQ(r.code, CLOUT_INTERNAL);
  EXPECT_NE(r.error.find("set_value"), std::string::npos);
}

// SeriesView::LowerBoundFrom (clout/plugin.hpp) must equal LowerBound for
// every hint, including hints past the answer and past the end.
TEST(SeriesViewTest, LowerBoundFromAgreesWithLowerBoundForAnyHint) {
  // Irregular, regular, and regular with a long gap (where the guess from
  // the regular part is far off).
  std::vector<std::vector<int64_t>> schedules(3);
  for (int64_t t = 10; t < 400; t += 3 + t % 7) schedules[0].push_back(t);
  for (int64_t t = 10; t < 400; t += 5) schedules[1].push_back(t);
  for (int64_t t = 10; t < 100; t += 2) schedules[2].push_back(t);
  for (int64_t t = 300; t < 400; t += 2) schedules[2].push_back(t);
  for (const std::vector<int64_t>& ts : schedules) {
    std::vector<int64_t> values(ts.size(), 1);
    const clout_series_v1 raw = {ts.data(), values.data(), nullptr, ts.size()};
    const clout::plugin::SeriesView view(raw);
    for (int64_t t = 0; t < 410; ++t) {
      const size_t want = view.LowerBound(t);
      for (size_t hint = 0; hint <= ts.size() + 2; ++hint) {
        ASSERT_EQ(view.LowerBoundFrom(hint, t), want)
            << "t " << t << ", hint " << hint << ", " << ts.size()
            << " samples";
      }
    }
  }
  const clout::plugin::SeriesView empty;
  EXPECT_EQ(empty.LowerBoundFrom(0, 5), 0u);
  EXPECT_EQ(empty.LowerBoundFrom(3, 5), 0u);
}

TEST(CsvReaderTest, QuotesCommasCrlfAndBlankLines) {
  CsvTable t;
  std::string error;
  ASSERT_TRUE(
      ParseCsv("id,desc,n\r\n1,\"a, b\",2\r\n\r\n2,\"say \"\"hi\"\"\n"
               "next line\",\n3,plain,4",
               &t, &error))
      << error;
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.Column("desc"), 1);
  EXPECT_EQ(t.Column("missing"), -1);
  EXPECT_EQ(t.records[0][1], "a, b");
  EXPECT_EQ(t.records[0][2], "2");
  EXPECT_EQ(t.records[1][1], "say \"hi\"\nnext line");
  EXPECT_EQ(t.records[1][2], "");
  EXPECT_EQ(t.records[2][2], "4");
}

TEST(CsvReaderTest, ReportsRaggedRecordsAndOpenQuotes) {
  CsvTable t;
  std::string error;
  EXPECT_FALSE(ParseCsv("a,b\n1,2,3\n", &t, &error));
  EXPECT_NE(error.find("record 2 has 3 fields"), std::string::npos) << error;
  EXPECT_FALSE(ParseCsv("a,b\n1,\"2\n", &t, &error));
  EXPECT_NE(error.find("unterminated"), std::string::npos) << error;
}

}  // namespace
}  // namespace clout::plugin_testing

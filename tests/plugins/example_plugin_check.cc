#include "tests/plugins/example_plugin_check.h"

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"

namespace clout::testing {
namespace {

using ::clout::v1::ComputeRequest;
using ::clout::v1::ComputeResponse;
using ::clout::v1::MetricInfo;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kHour = 3600000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kT0 = 1735689600000;  // 2025-01-01T00:00:00Z
constexpr char kCreator[] = "tiktok:example";
constexpr char kPlugin[] = "posting_frequency";

using MetricsStub = clout::v1::Metrics::Stub;

// Computes the example over [kT0, kT0 + 14d), with period_days unless it is
// 0 (the default then).
grpc::Status Compute(MetricsStub& metrics, int64_t period_days,
                     ComputeResponse* response) {
  ComputeRequest request;
  request.set_metric(kPlugin);
  request.set_creator_id(kCreator);
  request.set_start_ms(kT0);
  request.set_end_ms(kT0 + 14 * kDay);
  if (period_days > 0) {
    (*request.mutable_parameters())["period_days"].set_int_value(period_days);
  }
  return metrics.Compute(Deadline().get(), request, response);
}

// Writes the creator's followers and posts with their views.
void WritePosts(ApiClient& client) {
  // Posts (publication time relative to kT0) in the window [kT0, kT0 + 14d):
  //   p1 +1d, p2 +2d, p3 +5d, p4 +10d      published, within
  //   p5 unknown publication, first views at +12d: counts at +12d
  //   before -1d (views sampled inside the window too), after +15d: out
  struct Post {
    std::string id;
    int64_t published_ms;  // 0: unknown
    int64_t first_views_ms;
  };
  const std::vector<Post> posts = {
      {"p1", kT0 + kDay, kT0 + kDay + kHour},
      {"p2", kT0 + 2 * kDay, kT0 + 2 * kDay + kHour},
      {"p3", kT0 + 5 * kDay, kT0 + 5 * kDay + kHour},
      {"p4", kT0 + 10 * kDay, kT0 + 10 * kDay + kHour},
      {"p5", 0, kT0 + 12 * kDay},
      {"before", kT0 - kDay, kT0 + 3 * kDay},
      {"after", kT0 + 15 * kDay, kT0 + 15 * kDay + kHour},
  };
  clout::v1::WriteRequest write;
  *write.add_series() =
      Series(kCreator, "", "followers", {kT0, kT0 + 7 * kDay}, {1000, 1100});
  for (const Post& p : posts) {
    *write.add_series() =
        Series(kCreator, p.id, "views",
               {p.first_views_ms, p.first_views_ms + 6 * kHour}, {10, 500});
  }
  clout::v1::WriteResponse written;
  grpc::Status st = client.ingest->Write(Deadline().get(), write, &written);
  ASSERT_TRUE(st.ok()) << st.error_message();
  clout::v1::UpsertPostsRequest upsert;
  for (const Post& p : posts) {
    if (p.published_ms == 0) continue;
    clout::v1::Post* post = upsert.add_posts();
    post->set_creator_id(kCreator);
    post->set_post_id(p.id);
    post->set_published_ms(p.published_ms);
  }
  clout::v1::UpsertPostsResponse upserted;
  st = client.ingest->UpsertPosts(Deadline().get(), upsert, &upserted);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

// The metric is listed with the schema the plugin declares.
void CheckListed(MetricsStub& metrics) {
  clout::v1::ListMetricsResponse list;
  grpc::Status st = metrics.ListMetrics(Deadline().get(),
                                        clout::v1::ListMetricsRequest(), &list);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const MetricInfo* info = nullptr;
  for (const MetricInfo& m : list.metrics()) {
    if (m.name() == kPlugin) info = &m;
  }
  ASSERT_NE(info, nullptr) << list.DebugString();
  EXPECT_EQ(info->plugin(), kPlugin);
  EXPECT_EQ(info->plugin_file(), std::string(kPlugin) + ".so");
  EXPECT_EQ(info->output_kind(), clout::v1::OUTPUT_KIND_SCALAR);
  EXPECT_TRUE(info->thread_safe());
  EXPECT_THAT(info->post_fields(), ElementsAre("views"));
  EXPECT_THAT(info->row_columns(), ElementsAre("hours_since_previous"));
  ASSERT_EQ(info->parameters_size(), 1);
  EXPECT_EQ(info->parameters(0).name(), "period_days");
  EXPECT_EQ(info->parameters(0).type(), clout::v1::PARAMETER_TYPE_INT);
  EXPECT_EQ(info->parameters(0).default_number(), 7);
}

// The value, components and rows by the default period, a week.
void CheckWeekly(MetricsStub& metrics) {
  // 5 posts in 14 days: 2.5 per week.
  ComputeResponse response;
  grpc::Status st = Compute(metrics, 0, &response);
  ASSERT_TRUE(st.ok()) << st.error_code() << ": " << st.error_message();
  const clout::v1::MetricResult& result = response.result();
  EXPECT_DOUBLE_EQ(result.value(), 2.5);
  EXPECT_EQ(result.variant(), "default");
  std::map<std::string, double> components;
  for (const auto& c : result.components()) components[c.name()] = c.value();
  EXPECT_EQ(components["posts"], 5);
  EXPECT_EQ(components["window_days"], 14);
  EXPECT_EQ(components["period_days"], 7);
  // Rows in publication order with the hours since the previous post.
  std::vector<std::string> keys;
  std::vector<double> gaps;
  for (const auto& row : result.rows()) {
    keys.push_back(row.key());
    ASSERT_EQ(row.values_size(), 1);
    gaps.push_back(row.values(0));
  }
  EXPECT_THAT(keys, ElementsAre("p1", "p2", "p3", "p4", "p5"));
  ASSERT_EQ(gaps.size(), 5u);
  EXPECT_TRUE(std::isnan(gaps[0]));
  EXPECT_EQ(gaps[1], 24);
  EXPECT_EQ(gaps[2], 72);
  EXPECT_EQ(gaps[3], 120);
  EXPECT_EQ(gaps[4], 48);
}

// A reload reports the file loaded with its metric.
void CheckReload(ApiClient& client) {
  clout::v1::ReloadPluginsResponse reload;
  grpc::Status st = client.admin->ReloadPlugins(
      Deadline().get(), clout::v1::ReloadPluginsRequest(), &reload);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(reload.files_size(), 1);
  EXPECT_TRUE(reload.files(0).loaded()) << reload.files(0).error();
  EXPECT_EQ(reload.files(0).file(), std::string(kPlugin) + ".so");
  EXPECT_THAT(reload.files(0).metrics(), ElementsAre(kPlugin));
}

}  // namespace

void CheckPostingFrequencyExample(const std::string& target) {
  ApiClient client(target);
  auto metrics = clout::v1::Metrics::NewStub(client.channel);
  ASSERT_NO_FATAL_FAILURE(WritePosts(client));
  ASSERT_NO_FATAL_FAILURE(CheckListed(*metrics));
  ASSERT_NO_FATAL_FAILURE(CheckWeekly(*metrics));

  // Per day: 5 / 14.
  ComputeResponse response;
  grpc::Status st = Compute(*metrics, 1, &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_DOUBLE_EQ(response.result().value(), 5.0 / 14.0);

  // Out of the declared bounds: refused by the host, naming the parameter.
  st = Compute(*metrics, 366, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(st.error_message(), HasSubstr("period_days"));

  CheckReload(client);
}

}  // namespace clout::testing

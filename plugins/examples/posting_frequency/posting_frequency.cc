// posting_frequency: how often a creator publishes, as posts per period (a
// week by default) over the requested window, with the gap before each post.
//
// A post counts when it was published in the window [start, end). Posts
// whose publication time is unknown count at their first "views" sample,
// the first time anyone saw them. Result:
//   value       posts in the window * period / (end - start)
//   components  posts (the count), window_days, period_days
//   rows        one per counted post, in publication order: key = post id,
//               timestamp = publication time, hours_since_previous = hours
//               since the previous counted post (NaN for the first)
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clout/plugin.hpp"

namespace {

namespace cp = ::clout::plugin;

constexpr double kMsPerHour = 3600.0 * 1000.0;
constexpr double kMsPerDay = 24.0 * kMsPerHour;

struct PostingFrequency {
  static constexpr const char* kName = "posting_frequency";
  static constexpr const char* kVersion = "1.0.0";
  static constexpr const char* kDescription =
      "Posts published in the window per period (7 days by default), with "
      "the gap before each post.";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "posts per period";
  // Compute keeps no state between calls.
  static constexpr bool kThreadSafe = true;
  static constexpr std::array<const char*, 0> kAccountFields = {};
  // Declaring a post field makes the host pass the posts; "views" also gives
  // the first-seen time of posts without a publication time.
  static constexpr std::array<const char*, 1> kPostFields = {"views"};
  static constexpr std::array<clout_param_spec_v1, 1> kParams = {cp::IntParam(
      "period_days", "Length in days of the period the rate is expressed in", 7,
      1, 365)};
  static constexpr std::array<const char*, 1> kRowColumns = {
      "hours_since_previous"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out) {
    const int64_t start = in.window_start_ms();
    const int64_t end = in.window_end_ms();
    if (end <= start) return cp::Status::InvalidArgument("empty window");

    // (publication time, post id) of each post counted.
    std::vector<std::pair<int64_t, std::string_view>> posts;
    posts.reserve(in.post_count());
    for (size_t i = 0; i < in.post_count(); ++i) {
      if (i % 1024 == 0 && out.Cancelled()) return cp::Status::Cancelled();
      const cp::PostView post = in.post(i);
      int64_t published = post.published_ms();
      if (published == 0) {
        const cp::SeriesView views = post.field(0);
        if (views.empty()) continue;
        published = views.timestamp(0);
      }
      if (published < start || published >= end) continue;
      posts.emplace_back(published, post.id());
    }
    std::sort(posts.begin(), posts.end());

    const double period_days = in.param(0);
    const double window_days = static_cast<double>(end - start) / kMsPerDay;
    const double count = static_cast<double>(posts.size());
    CLOUT_RETURN_IF_ERROR(out.SetValue(count * period_days / window_days));
    CLOUT_RETURN_IF_ERROR(
        out.SetVariant("default",
                       "posts published in [start, end) * period_days / "
                       "window_days"));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("posts", count));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("window_days", window_days));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("period_days", period_days));
    for (size_t i = 0; i < posts.size(); ++i) {
      const double gap_hours =
          i == 0 ? std::numeric_limits<double>::quiet_NaN()
                 : static_cast<double>(posts[i].first - posts[i - 1].first) /
                       kMsPerHour;
      CLOUT_RETURN_IF_ERROR(out.AddRow(posts[i].second, posts[i].first,
                                       std::array<double, 1>{gap_hours}));
    }
    return cp::Status::Ok();
  }
};

}  // namespace

CLOUT_DEFINE_PLUGIN("posting_frequency", "1.0.0", PostingFrequency)

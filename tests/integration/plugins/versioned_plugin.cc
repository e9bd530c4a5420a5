// A test plugin built twice, as version 1.0.0 and 2.0.0 (PLUGIN_VERSION),
// to exercise reloads. Its metric "follower_sum" adds up the follower
// samples in the window, times `scale`, plus 1000 per declared major version
// so that the two builds give different values.
#include <chrono>
#include <clout/plugin.hpp>

namespace cp = clout::plugin;

struct FollowerSum {
  static constexpr const char* kName = "follower_sum";
  static constexpr const char* kVersion = PLUGIN_VERSION;
  static constexpr const char* kDescription =
      "Sum of the follower samples in the window (a test metric).";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "followers";
  static constexpr bool kThreadSafe = PLUGIN_THREAD_SAFE;
  static constexpr std::array<const char*, 1> kAccountFields = {"followers"};
  static constexpr std::array<const char*, 1> kPostFields = {"views"};
  static constexpr std::array<const char*, 2> kModes = {"sum", "count"};
  static constexpr std::array<clout_param_spec_v1, 4> kParams = {
      cp::IntParam("scale", "Multiplier", 1, 1, 100),
      cp::EnumParam("variant", "What to add up", kModes, 0),
      cp::BoolParam("include_views", "Add the views of the posts too", false),
      cp::IntParam("spin_ms",
                   "Busy-wait this long first, polling for "
                   "cancellation",
                   0, 0, 60000)};
  static constexpr std::array<const char*, 1> kRowColumns = {"views"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out) {
    const auto spin_until =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(static_cast<int64_t>(in.param(3)));
    while (std::chrono::steady_clock::now() < spin_until) {
      if (out.Cancelled()) return cp::Status::Cancelled("stopped spinning");
    }
    cp::SeriesView f = in.account(0);
    double total = 0;
    for (size_t i = 0; i < f.size(); ++i) {
      if (f.timestamp(i) < in.window_start_ms()) continue;  // The prior sample.
      total += in.param(1) == 0 ? static_cast<double>(f.value(i)) : 1.0;
    }
    for (size_t p = 0; p < in.post_count(); ++p) {
      cp::SeriesView views = in.post(p).field(0);
      const double last =
          views.empty() ? 0
                        : static_cast<double>(views.value(views.size() - 1));
      if (in.param(2) != 0) total += last;
      CLOUT_RETURN_IF_ERROR(out.AddRow(in.post(p).id(),
                                       in.post(p).published_ms(),
                                       std::array<double, 1>{last}));
    }
    CLOUT_RETURN_IF_ERROR(out.SetVariant(in.param(1) == 0 ? "sum" : "count",
                                         "sum(followers in window) * scale"));
    CLOUT_RETURN_IF_ERROR(
        out.AddComponent("major_version_bonus", PLUGIN_BONUS));
    return out.SetValue(total * in.param(0) + PLUGIN_BONUS);
  }
};

CLOUT_DEFINE_PLUGIN("versioned", PLUGIN_VERSION, FollowerSum)

// harness_fixture_plugin: metrics that echo their inputs or misbehave on
// purpose, so that plugin_harness_test can check the harness plays the
// host's part faithfully. Not a real metric plugin: never install it.
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "clout/plugin.hpp"
#include "testing/fixture_metric.h"

namespace {

namespace cp = clout::plugin;
using clout::plugin_testing::FixtureMetric;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Reports what it received: series sizes, parameters, window, flags.
struct Echo : FixtureMetric {
  static constexpr const char* kName = "echo";
  static constexpr const char* kDescription = "Echoes its inputs.";
  static constexpr const char* kUnit = "samples";
  static constexpr std::array<const char*, 2> kAccountFields = {"followers",
                                                                "following"};
  static constexpr std::array<const char*, 2> kPostFields = {"likes", "views"};
  static constexpr std::array<const char*, 3> kModes = {"a", "b", "c"};
  static constexpr std::array<clout_param_spec_v1, 4> kParams = {
      cp::DoubleParam("scale", "Multiplies the value", 1, 0, 10),
      cp::IntParam("count", "An integer", 3, 1, 10),
      cp::BoolParam("flag", "A boolean", false),
      cp::EnumParam("mode", "A choice", kModes, 1)};
  static constexpr std::array<const char*, 3> kRowColumns = {
      "likes_samples", "views_samples", "likes_first_flags"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out) {
    out.Log(CLOUT_LOG_INFO, "creator " + std::string(in.creator_id()));
    CLOUT_RETURN_IF_ERROR(out.SetVariant("echo", "value = scale * followers"));
    const cp::SeriesView followers = in.account(0);
    CLOUT_RETURN_IF_ERROR(
        out.SetValue(in.param(0) * static_cast<double>(followers.size())));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "following_samples", static_cast<double>(in.account(1).size())));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "followers_last",
        followers.empty()
            ? -1.0
            : static_cast<double>(followers.value(followers.size() - 1))));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "window_start", static_cast<double>(in.window_start_ms())));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "window_end", static_cast<double>(in.window_end_ms())));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("count", in.param(1)));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("flag", in.param(2)));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("mode", in.param(3), "index"));
    void* small = out.Alloc(100);
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "alloc_aligned",
        small != nullptr && reinterpret_cast<uintptr_t>(small) % 16 == 0));
    CLOUT_RETURN_IF_ERROR(out.AddComponent(
        "alloc_huge_is_null", out.Alloc(size_t{1} << 40) == nullptr));
    CLOUT_RETURN_IF_ERROR(out.AddComponent("cancelled", out.Cancelled()));
    for (size_t i = 0; i < in.post_count(); ++i) {
      const cp::PostView p = in.post(i);
      const cp::SeriesView likes = p.field(0);
      const std::array<double, 3> row = {
          static_cast<double>(likes.size()),
          static_cast<double>(p.field(1).size()),
          likes.empty() ? kNaN : static_cast<double>(likes.flags(0))};
      CLOUT_RETURN_IF_ERROR(out.AddRow(p.id(), p.published_ms(), row));
    }
    return cp::Status::Ok();
  }
};

// Reports one malformed output chosen by the `what` parameter, then
// returns OK (the host must fail the call anyway).
struct BadOutput : FixtureMetric {
  static constexpr const char* kName = "bad_output";
  static constexpr const char* kDescription = "Reports a malformed output.";
  static constexpr std::array<const char*, 8> kWhat = {
      "nan_value", "inf_value",  "nan_component",   "wide_row",
      "inf_row",   "nan_row_ok", "point_on_scalar", "nan_point"};
  static constexpr std::array<clout_param_spec_v1, 1> kParams = {
      cp::EnumParam("what", "The misbehaviour", kWhat, 0)};
  static constexpr std::array<const char*, 2> kRowColumns = {"a", "b"};

  static cp::Status Compute(const cp::Input& in, cp::Output& out) {
    (void)out.SetVariant("bad", "n/a");
    const std::array<double, 3> wide = {1, 2, 3};
    const std::array<double, 2> inf_row = {1, kInf};
    const std::array<double, 2> nan_row = {kNaN, 1};
    cp::Status verdict;
    switch (static_cast<int>(in.param(0))) {
      case 0:
        verdict = out.SetValue(kNaN);
        break;
      case 1:
        verdict = out.SetValue(kInf);
        break;
      case 2:
        verdict = out.AddComponent("c", kNaN);
        break;
      case 3:
        verdict = out.AddRow("r", 0, wide.data(), 3);
        break;
      case 4:
        verdict = out.AddRow("r", 0, inf_row);
        break;
      case 5:
        verdict = out.AddRow("r", 0, nan_row);
        break;
      case 6:
        verdict = out.AddPoint(1, 1);
        break;
      case 7:
        verdict = out.AddPoint(1, kNaN);
        break;
    }
    // The value, set last so that only the misbehaviour can fail the call;
    // report the host's verdict on the misbehaviour as the value.
    (void)out.SetValue(verdict.ok() ? 1 : 0);
    return cp::Status::Ok();
  }
};

// Throws from compute: the C++ layer must turn it into CLOUT_INTERNAL.
struct Throws : FixtureMetric {
  static constexpr const char* kName = "throws";
  static constexpr const char* kDescription = "Throws.";
  static cp::Status Compute(const cp::Input&, cp::Output&) {
    throw std::runtime_error("boom");
  }
};

// Returns OK without a value.
struct NoValue : FixtureMetric {
  static constexpr const char* kName = "no_value";
  static constexpr const char* kDescription = "Forgets set_value.";
  static cp::Status Compute(const cp::Input&, cp::Output&) {
    return cp::Status::Ok();
  }
};

// A SERIES metric: points in increasing or (param) decreasing time order.
struct Points : FixtureMetric {
  static constexpr const char* kName = "points";
  static constexpr const char* kDescription = "Adds points.";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SERIES;
  static constexpr std::array<clout_param_spec_v1, 2> kParams = {
      cp::BoolParam("backwards", "Add points in decreasing time", false),
      cp::BoolParam("set_value", "Also call set_value", false)};
  static cp::Status Compute(const cp::Input& in, cp::Output& out) {
    CLOUT_RETURN_IF_ERROR(out.SetVariant("points", "t -> t / 10"));
    if (in.param(1) != 0) CLOUT_RETURN_IF_ERROR(out.SetValue(1));
    const bool backwards = in.param(0) != 0;
    for (int64_t i = 0; i < 3; ++i) {
      const int64_t t = backwards ? 30 - 10 * i : 10 + 10 * i;
      CLOUT_RETURN_IF_ERROR(out.AddPoint(t, static_cast<double>(t) / 10));
    }
    return cp::Status::Ok();
  }
};

// Fails with FAILED_PRECONDITION, or CANCELLED when the host says so.
struct Fails : FixtureMetric {
  static constexpr const char* kName = "fails";
  static constexpr const char* kDescription = "Fails.";
  static constexpr bool kThreadSafe = false;
  static cp::Status Compute(const cp::Input&, cp::Output& out) {
    if (out.Cancelled()) return cp::Status::Cancelled();
    return cp::Status::FailedPrecondition("no data");
  }
};

}  // namespace

CLOUT_DEFINE_PLUGIN("harness_fixture", "1.0.0", Echo, BadOutput, Throws,
                    NoValue, Points, Fails)

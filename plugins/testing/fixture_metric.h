// fixture_metric.h: FixtureMetric, the metadata a test-fixture metric may
// leave at a default, so that each fixture states only what it is about.
// For plugins that exist to test a host or the harness; a real metric
// spells out all its metadata. Uses only clout/plugin.hpp.
//
//   struct Fails : clout::plugin_testing::FixtureMetric {
//     static constexpr const char* kName = "fails";
//     static constexpr const char* kDescription = "Fails.";
//     static cp::Status Compute(const cp::Input&, cp::Output&) {
//       return cp::Status::FailedPrecondition("no data");
//     }
//   };
//   CLOUT_DEFINE_PLUGIN("failing_fixture", "1.0.0", Fails)
//
// A fixture overrides a default by declaring the same member.
#ifndef CLOUT_PLUGINS_TESTING_FIXTURE_METRIC_H_
#define CLOUT_PLUGINS_TESTING_FIXTURE_METRIC_H_

#include <array>
#include <cstdint>

#include "clout/plugin.hpp"

namespace clout::plugin_testing {

// Version 1.0.0, SCALAR, no unit, thread-safe; reads no series, takes no
// parameter, adds no row. kName, kDescription and Compute have no default.
struct FixtureMetric {
  static constexpr const char* kVersion = "1.0.0";
  static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
  static constexpr const char* kUnit = "";
  static constexpr bool kThreadSafe = true;
  static constexpr std::array<const char*, 0> kAccountFields = {};
  static constexpr std::array<const char*, 0> kPostFields = {};
  static constexpr std::array<clout_param_spec_v1, 0> kParams = {};
  static constexpr std::array<const char*, 0> kRowColumns = {};
};

}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_FIXTURE_METRIC_H_

// samples.h: constants and look-ups over the sample series the host passes
// to clout's built-in metrics (clout/plugin.h). Header-only; uses only the
// public plugin SDK.
#ifndef CLOUT_PLUGINS_COMMON_SAMPLES_H_
#define CLOUT_PLUGINS_COMMON_SAMPLES_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "clout/plugin.hpp"

namespace clout::builtin {

// Sample flag bit: the platform displayed the count rounded (e.g. "1.2M");
// SAMPLE_FLAG_ROUNDED of the API.
inline constexpr uint32_t kFlagRounded = 4;

inline constexpr int64_t kHourMs = 3'600'000;

// Index of the last sample of `s` strictly before `end_ms`, if any.
inline std::optional<size_t> LastBefore(const plugin::SeriesView& s,
                                        int64_t end_ms) {
  const size_t i = s.LowerBound(end_ms);
  if (i == 0) return std::nullopt;
  return i - 1;
}

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_COMMON_SAMPLES_H_

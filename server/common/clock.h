// The wall clock as clout stores time: milliseconds since the Unix epoch.
#ifndef CLOUT_SERVER_COMMON_CLOCK_H_
#define CLOUT_SERVER_COMMON_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace clout {

// The current time in milliseconds since 1970-01-01 UTC (system clock).
inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_CLOCK_H_

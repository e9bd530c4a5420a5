// RateLimiter: spaces out work to at most `rate` units per second on
// average, allowing a burst of a tenth of a second. Thread-safe.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_RATE_LIMITER_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_RATE_LIMITER_H_

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <thread>

namespace clout::cli {

class RateLimiter {
 public:
  // rate <= 0: no limit.
  explicit RateLimiter(double rate) : rate_(rate) {}

  // Blocks until `units` more units fit under the rate.
  void Acquire(int64_t units) {
    if (rate_ <= 0 || units <= 0) return;
    using Clock = std::chrono::steady_clock;
    Clock::time_point wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      const Clock::time_point now = Clock::now();
      // When the units end under the schedule; idle time is not banked.
      next_ = std::max(next_, now);
      next_ += std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(units / rate_));
      wake = next_ - kBurst;
    }
    std::this_thread::sleep_until(wake);
  }

 private:
  static constexpr std::chrono::milliseconds kBurst{100};
  const double rate_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point next_{};
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_RATE_LIMITER_H_

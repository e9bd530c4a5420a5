#include "clients/cli/backfill/progress.h"

#include <unistd.h>

#include <cstdio>

#include "clients/cli/common/text_format.h"
#include "fmt/format.h"

namespace clout::cli {

Progress::Progress(Style style, double interval_s, const Counters* counters,
                   bool dry_run)
    : style_(style),
      interval_(style == Style::kBar
                    ? std::chrono::milliseconds(250)
                    : std::chrono::milliseconds(
                          static_cast<int64_t>(interval_s * 1000))),
      counters_(counters),
      dry_run_(dry_run) {}

Progress::~Progress() { Stop(); }

void Progress::Start() {
  if (style_ == Style::kNone || thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void Progress::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (style_ == Style::kBar) {
    Draw(true);
    std::fputs("\n", stderr);
    drawn_ = false;
  } else if (style_ == Style::kLines) {
    Draw(true);
  }
}

void Progress::Print(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (drawn_) std::fputs("\r\x1b[K", stderr);
  std::fputs(line.c_str(), stderr);
  std::fputs("\n", stderr);
  if (drawn_) Draw(false);
  std::fflush(stderr);
}

void Progress::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stop_; })) {
    Draw(false);
  }
}

void Progress::Draw(bool final) {
  const std::string text = Render(final);
  if (style_ == Style::kBar) {
    std::fprintf(stderr, "\r%s\x1b[K", text.c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

std::string Progress::Render(bool final) const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
          .count();
  const int64_t total = counters_->total_bytes;
  const double fraction =
      total > 0 ? std::min(1.0, static_cast<double>(counters_->bytes_done) /
                                    static_cast<double>(total))
                : 0.0;
  const int64_t done = dry_run_ ? counters_->samples_read.load()
                                : counters_->samples_acked.load();
  const double rate = elapsed > 0 ? done / elapsed : 0;
  const int64_t errors = counters_->bad_lines + counters_->samples_rejected;
  std::string eta = "-";
  if (final) {
    eta = "";
  } else if (fraction > 0.001) {
    const int64_t left =
        static_cast<int64_t>(elapsed * (1 - fraction) / fraction);
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  }
  const char* verb = dry_run_ ? "checked" : "stored";
  if (style_ == Style::kBar) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    return fmt::format("[{}] {:>3}%  {} samples {}  {} M/s  {} errors  {} {}",
                       bar, Fixed(fraction * 100, 0), Grouped(done), verb,
                       Fixed(rate / 1e6, 2), errors, final ? "" : "ETA", eta);
  }
  return fmt::format(
      "progress: {}% of input, {} samples {}, {} samples/s, {} errors, {}{}",
      Fixed(fraction * 100, 0), done, verb, Fixed(rate, 0), errors,
      final ? "" : "ETA ", eta);
}

}  // namespace clout::cli

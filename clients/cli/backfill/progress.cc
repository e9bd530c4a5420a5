#include "clients/cli/backfill/progress.h"

#include <unistd.h>

#include <cstdio>

namespace clout::cli {

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

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
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld",
                  static_cast<long long>(left / 60),
                  static_cast<long long>(left % 60));
    eta = buf;
  }
  char buf[256];
  if (style_ == Style::kBar) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.append(kWidth - filled, '.');
    std::snprintf(buf, sizeof buf,
                  "[%s] %3.0f%%  %s samples %s  %.2f M/s  %lld errors  "
                  "%s %s",
                  bar.c_str(), fraction * 100, Grouped(done).c_str(),
                  dry_run_ ? "checked" : "stored", rate / 1e6,
                  static_cast<long long>(errors), final ? "" : "ETA",
                  eta.c_str());
  } else {
    std::snprintf(buf, sizeof buf,
                  "progress: %.0f%% of input, %lld samples %s, %.0f samples/s, "
                  "%lld errors, %s%s",
                  fraction * 100, static_cast<long long>(done),
                  dry_run_ ? "checked" : "stored", rate,
                  static_cast<long long>(errors), final ? "" : "ETA ",
                  eta.c_str());
  }
  return buf;
}

}  // namespace clout::cli

// Progress of a backfill on stderr: a bar redrawn in place on a terminal,
// or a plain line every few seconds when stderr is not a terminal.
//
//   [##########..........]  52%  5,230,000 samples  1.05 M/s  0 errors  ETA
//   0:04 progress: 52% of input, 5230000 samples stored, 1050000 samples/s, 0
//   bad lines, ETA 4 s
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_PROGRESS_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace clout::cli {

// What a backfill has done so far; updated by the reader and the senders.
struct Counters {
  int64_t total_bytes = 0;             // Of every input file.
  std::atomic<int64_t> bytes_done{0};  // Input bytes read so far.
  std::atomic<int64_t> lines{0};       // Data lines read (not skipped).
  std::atomic<int64_t> bad_lines{0};
  std::atomic<int64_t> skipped_lines{0};  // Acknowledged in an earlier run.
  std::atomic<int64_t> samples_read{0};   // Values of the valid lines read.
  std::atomic<int64_t> samples_sent{0};
  std::atomic<int64_t> samples_acked{0};  // Acknowledged by the server.
  std::atomic<int64_t> samples_rejected{0};
};

class Progress {
 public:
  enum class Style { kNone, kBar, kLines };

  // `what` names the counted samples: "stored" or "checked" (dry run).
  Progress(Style style, double interval_s, const Counters* counters,
           bool dry_run);
  ~Progress();

  void Start();
  // Draws the last state; ends the bar's line.
  void Stop();
  // Writes `line` and a newline to stderr without garbling the bar.
  // Thread-safe.
  void Print(const std::string& line);

 private:
  void Run();
  std::string Render(bool final) const;
  void Draw(bool final);  // Requires mu_.

  const Style style_;
  const std::chrono::milliseconds interval_;
  const Counters* counters_;
  const bool dry_run_;
  const std::chrono::steady_clock::time_point start_ =
      std::chrono::steady_clock::now();
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool drawn_ = false;  // A bar is on the current line.
  std::thread thread_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_PROGRESS_H_

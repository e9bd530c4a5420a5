// BackfillReader: the front of the backfill pipeline. It reads every input
// file through an InputPipeline, reports bad lines, skips the lines a resume
// file records as acknowledged, applies the rate limit and hands each valid
// line to a Sink.
//
//   BackfillReader reader(options, mapping, &counters, &progress, &resume,
//                         sink.get());
//   if (std::string problem = reader.CheckFiles(); !problem.empty()) ...;
//   const bool read_all = reader.ReadAll();
//
// Not thread-safe: one thread calls CheckFiles, then ReadAll.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_BACKFILL_READER_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_BACKFILL_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clients/cli/backfill/mapping.h"
#include "clients/cli/backfill/progress.h"
#include "clients/cli/backfill/rate_limiter.h"
#include "clients/cli/backfill/resume.h"
#include "clients/cli/backfill/sink.h"

namespace clout::cli {

struct ReaderOptions {
  std::vector<std::string> files;
  bool dry_run = false;      // Count only: nothing reaches the sink.
  int64_t max_errors = 100;  // Stop after more bad lines; -1: never.
  double rate = 0;           // Samples per second at most; 0: no limit.
  int parse_threads = 2;
};

// A bad input line, as reported.
struct BadLine {
  std::string file;
  int64_t line;
  std::string message;
};

class BackfillReader {
 public:
  // Everything passed must outlive the reader.
  BackfillReader(const ReaderOptions& options, const Mapping& mapping,
                 Counters* counters, Progress* progress, ResumeFile* resume,
                 Sink* sink);

  // Checks that every file opens and that every CSV header fits the
  // mapping. Returns the problem ("FILE:1: ..." for a header), or "".
  std::string CheckFiles();

  // Reads everything; false when it stopped early (too many bad lines, an
  // unreadable file or a failed sink).
  bool ReadAll();

  bool stopped_for_errors() const { return stopped_for_errors_; }
  // The first bad lines (at most 1,000).
  const std::vector<BadLine>& bad_lines() const { return bad_; }

 private:
  // Reports a bad line; false when that was one too many.
  bool Bad(const std::string& file, int64_t line, const std::string& message);
  // Takes a mapped line; false to stop.
  bool Take(int file, int64_t line, const MappedRow& row);
  // Adds the counts since the last call to *counters_.
  void Publish(int64_t bytes);

  const ReaderOptions& options_;
  const Mapping& mapping_;
  Counters* counters_;
  Progress* progress_;
  ResumeFile* resume_;
  Sink* sink_;
  RateLimiter limiter_;
  std::string last_creator_;
  int last_lane_ = 0;
  int64_t lines_ = 0, skipped_ = 0, samples_ = 0, unlimited_ = 0;
  std::vector<BadLine> bad_;
  bool stopped_for_errors_ = false;
};

// The sink of a dry run: takes every line, sends nothing.
class NullSink : public Sink {
 public:
  absl::Status Start() override { return absl::OkStatus(); }
  int Lane(std::string_view) const override { return 0; }
  bool Add(const MappedRow&, int, uint64_t) override { return true; }
  absl::Status Finish() override { return absl::OkStatus(); }
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_BACKFILL_READER_H_

// ResumeFile: what the server has acknowledged of a backfill, so that a run
// that was stopped (even by SIGKILL) continues where it stopped.
//
// Input is read in order; every line has a position (file index, line
// number). Lines go to lanes: one lane per WriteStream worker (a creator's
// lines always take the same lane), or the single lane of a bulk load. For
// each lane the file records the position up to which (exclusive) every
// line of that lane has been acknowledged by the server; a resumed run skips
// exactly those lines. The file also holds a fingerprint of the run (mapping,
// input files, mode, lanes) and refuses to resume a different run.
//
// The file is rewritten whole after each acknowledgement, through a
// temporary file and rename(2), so it is never half-written.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_RESUME_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_RESUME_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace clout::cli {

class ResumeFile {
 public:
  // A line's position: positions of later lines compare greater.
  static uint64_t Position(int file, int64_t line) {
    return (static_cast<uint64_t>(file) << 40) | static_cast<uint64_t>(line);
  }

  // Opens `path` (empty: keep the state in memory only). If the file
  // exists, loads it: FailedPrecondition if its fingerprint or lane count
  // differs, DataLoss if it is not a resume file.
  absl::Status Open(const std::string& path, const std::string& fingerprint,
                    int lanes, const std::string& description);

  // Every line of `lane` before this position has been acknowledged.
  uint64_t acknowledged(int lane) const {
    std::lock_guard<std::mutex> lock(mu_);
    return acked_[lane];
  }
  // True when the file said the whole input was loaded.
  bool complete() const { return complete_; }
  // True when Open found an existing file.
  bool resumed() const { return resumed_; }

  // Records that every line of `lane` before `position` is acknowledged,
  // and rewrites the file. Thread-safe.
  absl::Status Acknowledge(int lane, uint64_t position);
  // Records that the whole input was loaded.
  absl::Status MarkComplete();

 private:
  absl::Status Save();  // Requires mu_.

  mutable std::mutex mu_;
  std::string path_;
  std::string fingerprint_;
  std::string description_;
  std::vector<uint64_t> acked_;
  bool complete_ = false;
  bool resumed_ = false;
};

// FNV-1a, 64 bits, as 16 hex digits: a stable fingerprint of text.
std::string Fingerprint(const std::string& text);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_RESUME_H_

// The benchmarks' output: aligned figure lines for people, the
// "RESULT key=value ..." line for scripts, and the closing FAIL or RESULT.
// Every function writes to stdout (FAIL to stderr) and flushes it.
#ifndef CLOUT_BENCH_REPORT_H_
#define CLOUT_BENCH_REPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace clout::bench {

// "9870123" -> "9,870,123".
std::string Grouped(int64_t v);
std::string Fixed(double v, int decimals);
double MiB(int64_t bytes);
// "== title".
void Section(const std::string& title);
// One figure: label, right-aligned value, unit and an optional note.
void Line(const std::string& label, const std::string& value,
          const std::string& unit, const std::string& note = "");
// "  (text)".
void Note(const std::string& text);
// "  target < 2000 us: met" or "... MISSED".
std::string Target(double value, double limit, const std::string& unit);

// Collects the machine-readable "RESULT key=value ..." line.
class ResultLine {
 public:
  void Add(const std::string& key, const std::string& value);
  void Add(const std::string& key, int64_t value);
  void Add(const std::string& key, double value, int decimals);
  void Print() const;

 private:
  std::string text_;
};

// The end of a benchmark run: for an error, flushes stdout, prints
// "FAIL: <status>" to stderr and returns exit code 1; otherwise prints an
// empty line and `result` when it is not null, and returns 0.
int Finish(const absl::Status& status, const ResultLine* result);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_REPORT_H_

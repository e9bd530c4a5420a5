// What the benchmark programs share: aligned figure output, the RESULT line,
// process CPU and memory readings. grpc_support.h has the gRPC side.
#ifndef CLOUT_BENCH_BENCH_SUPPORT_H_
#define CLOUT_BENCH_BENCH_SUPPORT_H_

#include <sys/types.h>

#include <cstdint>
#include <string>


namespace clout::bench {

// ---- Output ----------------------------------------------------------------

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

// ---- Process measurements ----------------------------------------------------

// CPU seconds (user + system) of this process so far, all threads.
double SelfCpuSeconds();
// utime + stime of process `pid` in seconds, or a negative value.
double ProcessCpuSeconds(pid_t pid);
// A "VmXXX:" line of /proc/<pid>/status (key "VmHWM:" for the peak resident
// set, "VmRSS:" for the current one) in bytes, or -1.
int64_t ProcessStatusBytes(pid_t pid, const std::string& key);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_BENCH_SUPPORT_H_

#include "bench/bench_support.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "server/common/strings.h"

namespace clout::bench {

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

double MiB(int64_t bytes) { return static_cast<double>(bytes) / 1048576.0; }

void Section(const std::string& title) {
  std::printf("\n== %s\n", title.c_str());
  std::fflush(stdout);
}

void Line(const std::string& label, const std::string& value,
          const std::string& unit, const std::string& note) {
  std::printf("  %-46s %16s %-10s%s\n", label.c_str(), value.c_str(),
              unit.c_str(), note.c_str());
  std::fflush(stdout);
}

void Note(const std::string& text) {
  std::printf("  (%s)\n", text.c_str());
  std::fflush(stdout);
}

std::string Target(double value, double limit, const std::string& unit) {
  return StrCat("  target < ", Fixed(limit, limit < 10 ? 1 : 0), " ", unit,
                ": ", value < limit ? "met" : "MISSED");
}

void ResultLine::Add(const std::string& key, const std::string& value) {
  text_ += StrCat(" ", key, "=", value);
}
void ResultLine::Add(const std::string& key, int64_t value) {
  Add(key, std::to_string(value));
}
void ResultLine::Add(const std::string& key, double value, int decimals) {
  Add(key, Fixed(value, decimals));
}
void ResultLine::Print() const { std::printf("RESULT%s\n", text_.c_str()); }

double SelfCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double ProcessCpuSeconds(pid_t pid) {
  std::ifstream file(StrCat("/proc/", static_cast<int64_t>(pid), "/stat"));
  std::string text((std::istreambuf_iterator<char>(file)),
                   std::istreambuf_iterator<char>());
  // Field 2 (the command) is parenthesised and may hold spaces; utime and
  // stime are fields 14 and 15.
  const size_t paren = text.rfind(')');
  if (paren == std::string::npos) return -1;
  std::istringstream in(text.substr(paren + 1));
  std::string field;
  for (int i = 3; i <= 13; ++i) in >> field;
  uint64_t utime = 0, stime = 0;
  if (!(in >> utime >> stime)) return -1;
  return static_cast<double>(utime + stime) /
         static_cast<double>(sysconf(_SC_CLK_TCK));
}

int64_t ProcessStatusBytes(pid_t pid, const std::string& key) {
  std::ifstream file(StrCat("/proc/", static_cast<int64_t>(pid), "/status"));
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind(key, 0) == 0) {
      return std::stoll(line.substr(key.size())) * 1024;  // Reported in kB.
    }
  }
  return -1;
}

}  // namespace clout::bench

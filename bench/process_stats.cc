#include "bench/process_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "server/common/strings.h"

namespace clout::bench {
namespace {

double RusageCpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

double SelfCpuSeconds() { return RusageCpuSeconds(RUSAGE_SELF); }

double ChildrenCpuSeconds() { return RusageCpuSeconds(RUSAGE_CHILDREN); }

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

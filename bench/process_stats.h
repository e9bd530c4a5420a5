// CPU and memory readings of this process, its children and other processes
// (from getrusage and /proc), for the benchmarks' figures. Thread-safe.
#ifndef CLOUT_BENCH_PROCESS_STATS_H_
#define CLOUT_BENCH_PROCESS_STATS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace clout::bench {

// CPU seconds (user + system) of this process so far, all threads.
double SelfCpuSeconds();
// CPU seconds (user + system) of the children this process has waited for.
double ChildrenCpuSeconds();
// utime + stime of process `pid` in seconds, or a negative value.
double ProcessCpuSeconds(pid_t pid);
// A "VmXXX:" line of /proc/<pid>/status (key "VmHWM:" for the peak resident
// set, "VmRSS:" for the current one) in bytes, or -1.
int64_t ProcessStatusBytes(pid_t pid, const std::string& key);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_PROCESS_STATS_H_

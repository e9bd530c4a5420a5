// The figures abi_overhead_bench prints for its timed paths.
#ifndef CLOUT_BENCH_ABI_REPORT_H_
#define CLOUT_BENCH_ABI_REPORT_H_

#include <array>
#include <cstddef>
#include <vector>

namespace clout::bench {

// The timed paths (abi_overhead_bench.cc describes each).
enum Path { kAbi, kLinked, kPluginDirect, kViews, kLinkedHost, kPathCount };

// Nanoseconds.
struct PathStats {
  double mean = 0, median = 0, p90 = 0, p99 = 0, min = 0;
};

PathStats SummarizePath(std::vector<double> ns);

// Median cost of one steady_clock::now() pair with nothing between.
double ClockOverheadNs();

struct AbiTiming {
  int iterations = 0;
  int warmup = 0;
  int block = 0;
  double wall_seconds = 0;  // Of the timed blocks.
  double clock_ns = 0;      // ClockOverheadNs().
  std::array<PathStats, kPathCount> stats;
};

// Prints the table of every path, the comparisons, the breakdown of the ABI
// path and the RESULT line.
void PrintAbiReport(const AbiTiming& t, size_t posts);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_ABI_REPORT_H_

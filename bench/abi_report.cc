#include "bench/abi_report.h"

#include <cstdio>
#include <string>
#include <utility>

#include "bench/latency.h"
#include "bench/report.h"
#include "server/common/strings.h"

namespace clout::bench {
namespace {

constexpr double kTargetOverheadPercent = 5;

constexpr std::array<const char*, kPathCount> kPathNames = {
    "a  ABI: CallMetric on the loaded .so",
    "b  linked in: direct call, minimal host",
    "c  .so compute, direct call, minimal host",
    "d  building the ABI views alone", "e  linked in: CallMetric, same host"};

// 100 * (x - base) / base.
double PercentOver(double x, double base) { return 100 * (x - base) / base; }

std::string Verdict(double percent) {
  return StrCat("  target < ", Fixed(kTargetOverheadPercent, 0),
                " %: ", percent < kTargetOverheadPercent ? "met" : "MISSED");
}

void PrintTable(const AbiTiming& t) {
  Section(StrCat(t.iterations, " timed calls per path after ", t.warmup,
                 " warm-up, blocks of ", t.block,
                 " interleaved a/b/c/d/e with "
                 "rotating order (",
                 Fixed(t.wall_seconds, 1), " s)"));
  std::printf("  %-44s %10s %10s %10s %10s %10s\n", "path", "mean ns",
              "median ns", "p90 ns", "p99 ns", "min ns");
  for (int p = 0; p < kPathCount; ++p) {
    const PathStats& s = t.stats[p];
    std::printf("  %-44s %10.0f %10.0f %10.0f %10.0f %10.0f\n", kPathNames[p],
                s.mean, s.median, s.p90, s.p99, s.min);
  }
  Note(StrCat("every figure includes one steady_clock::now() pair, median ",
              Fixed(t.clock_ns, 0), " ns on this machine"));
}

void PrintPluginVsLinked(const std::array<PathStats, kPathCount>& stats) {
  Section(
      "Plugin vs the same code linked into the server, both called through "
      "the server's host interface (a vs e)");
  const double plugin_mean =
      PercentOver(stats[kAbi].mean, stats[kLinkedHost].mean);
  const double plugin_median =
      PercentOver(stats[kAbi].median, stats[kLinkedHost].median);
  Line("(a - e) / e, means", Fixed(plugin_mean, 2), "%", Verdict(plugin_mean));
  Line("(a - e) / e, medians", Fixed(plugin_median, 2), "%",
       Verdict(plugin_median));
}

void PrintHostOverhead(const std::array<PathStats, kPathCount>& stats) {
  Section(
      "The whole host interface (views, output copies, checks) over a bare "
      "call with a no-op host (a vs b)");
  const double over_mean = PercentOver(stats[kAbi].mean, stats[kLinked].mean);
  const double over_median =
      PercentOver(stats[kAbi].median, stats[kLinked].median);
  Line("(a - b) / b, means", Fixed(over_mean, 2), "%",
       StrCat(Verdict(over_mean), "  (a - b = ",
              Fixed(stats[kAbi].mean - stats[kLinked].mean, 0), " ns)"));
  Line("(a - b) / b, medians", Fixed(over_median, 2), "%",
       StrCat(Verdict(over_median), "  (a - b = ",
              Fixed(stats[kAbi].median - stats[kLinked].median, 0), " ns)"));
}

void PrintBreakdown(const std::array<PathStats, kPathCount>& stats) {
  Section(
      "Breakdown of the ABI path (medians; parts measured separately, "
      "so they add up only approximately)");
  const double a = stats[kAbi].median;
  const double b = stats[kLinked].median;
  const double c = stats[kPluginDirect].median;
  const double d = stats[kViews].median;
  auto share = [a](double part) {
    return StrCat("  ", Fixed(100 * part / a, 1), " % of a");
  };
  Line("a  total", Fixed(a, 0), "ns");
  Line("  c      plugin compute (minimal host)", Fixed(c, 0), "ns", share(c));
  Line("    c - b  code in the .so vs linked in", Fixed(c - b, 0), "ns",
       share(c - b));
  Line("  d      building the ABI views", Fixed(d, 0), "ns", share(d));
  Line("  a-c-d  host outputs: copies, checks, counters", Fixed(a - c - d, 0),
       "ns", share(a - c - d));
  Note(
      "a - c - d also holds the result move and the destruction of the "
      "copied MetricOutput (strings of the formula, notes and row keys, one "
      "vector per row); each part carries one clock pair of its own");
}

void PrintResult(const AbiTiming& t, size_t posts) {
  const std::array<PathStats, kPathCount>& stats = t.stats;
  std::printf(
      "\nRESULT posts=%zu a_mean_ns=%.0f a_median_ns=%.0f b_mean_ns=%.0f "
      "b_median_ns=%.0f c_median_ns=%.0f d_median_ns=%.0f "
      "overhead_mean_pct=%.2f overhead_median_pct=%.2f e_median_ns=%.0f "
      "plugin_vs_linked_mean_pct=%.2f plugin_vs_linked_median_pct=%.2f "
      "clock_ns=%.0f\n",
      posts, stats[kAbi].mean, stats[kAbi].median, stats[kLinked].mean,
      stats[kLinked].median, stats[kPluginDirect].median, stats[kViews].median,
      PercentOver(stats[kAbi].mean, stats[kLinked].mean),
      PercentOver(stats[kAbi].median, stats[kLinked].median),
      stats[kLinkedHost].median,
      PercentOver(stats[kAbi].mean, stats[kLinkedHost].mean),
      PercentOver(stats[kAbi].median, stats[kLinkedHost].median), t.clock_ns);
}

}  // namespace

PathStats SummarizePath(std::vector<double> ns) {
  const DurationSample sample(std::move(ns));
  PathStats s;
  s.mean = sample.Mean();
  s.median = sample.Median();
  s.p90 = sample.NearestRank(0.90);
  s.p99 = sample.NearestRank(0.99);
  s.min = sample.Min();
  return s;
}

double ClockOverheadNs() {
  std::vector<double> ns;
  for (int i = 0; i < 20000; ++i) {
    const Clock::time_point a = Clock::now();
    const Clock::time_point b = Clock::now();
    ns.push_back(Nanos(a, b));
  }
  return DurationSample(std::move(ns)).Median();
}

void PrintAbiReport(const AbiTiming& t, size_t posts) {
  PrintTable(t);
  PrintPluginVsLinked(t.stats);
  PrintHostOverhead(t.stats);
  PrintBreakdown(t.stats);
  PrintResult(t, posts);
}

}  // namespace clout::bench

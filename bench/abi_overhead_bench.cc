// abi_overhead_bench: the cost of calling a metric through the plugin ABI
// against the same code linked into the executable. One process, no gRPC,
// no storage.
//
//   abi_overhead_bench [--iterations=20000] [--block=100] [--days=90] ...
//
// The inputs are those of one synthetic creator (bench/workload.h): hourly
// followers over --days days and the creator's posts (the first creator with
// exactly 20 posts unless --creator_index is given) with their views, likes,
// comments, shares and saves series, as a plugin_host::MetricInput.
//
// Timed paths, interleaved in blocks of --block calls whose order rotates
// from block to block (to cancel drift and order effects):
//   a. ABI: engagement_rate.so loaded with plugin_host::LoadPluginFile and
//      called with plugin_host::CallMetric, as the server does: building the
//      borrowed ABI views, the indirect call into the dlopen'd code, the host
//      callbacks that copy every output, output validation, the call
//      counters, and destroying the returned MetricOutput.
//   b. linked in: plugins/engagement_rate/engagement_rate.cc compiled into
//      this executable; its compute function called directly with ABI input
//      structs built once beforehand and a minimal host table whose output
//      functions only store what they are given (no copies, no validation).
// For the breakdown of (a), two more paths:
//   c. the dlopen'd compute function called like (b): pre-built inputs,
//      minimal host table (so c - b is the cost of the code being in the
//      plugin file, c the plugin's own work);
//   d. building the borrowed ABI views alone (the same code as CallMetric's
//      first lines), so a - c - d is the host's output side: copying
//      callbacks, validation, counters, result move and destruction.
// Each call is timed on its own with steady_clock; the clock's own cost is
// printed (it is included in every path's figures alike).
// The last line is "RESULT key=value ...".
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/bench_support.h"
#include "bench/workload.h"
#include "clout/plugin.h"
#include "server/common/strings.h"
#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_call.h"
#include "server/plugin_host/plugin_loader.h"
#include "server/format/block_codec.h"

#ifndef CLOUT_PLUGIN_DIR
#define CLOUT_PLUGIN_DIR "."
#endif

// Defined by plugins/engagement_rate/engagement_rate.cc, compiled into this
// executable (path b). The plugin file loaded for path a has its own copy,
// found with dlsym on the plugin's handle, not this one.
extern "C" const clout_plugin_v1 clout_plugin_entry_v1;

ABSL_FLAG(std::string, plugin, CLOUT_PLUGIN_DIR "/engagement_rate.so",
          "the engagement_rate plugin file (path a)");
ABSL_FLAG(int, iterations, 20000, "timed calls per path");
ABSL_FLAG(int, block, 100, "consecutive calls of one path per block");
ABSL_FLAG(int, warmup, 2000, "untimed calls per path before timing");
ABSL_FLAG(int, days, 90, "days of history of the creator");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(int, creator_index, -1,
          "workload creator; -1: the first with exactly 20 posts");

namespace clout::bench {
namespace {

using Clock = std::chrono::steady_clock;
using plugin_host::Metric;
using plugin_host::MetricInput;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int kWantedPosts = 20;
constexpr int kMaxCreatorSearch = 10000;
constexpr double kTargetOverheadPercent = 5;

// Keeps the compiler from dropping a computation whose result is unused.
template <typename T>
void DoNotOptimize(const T& value) {
  asm volatile("" : : "r"(&value) : "memory");
}

// ---------------------------------------------------------------------------
// Inputs.

struct CreatorInput {
  int creator_index = 0;
  MetricInput input;  // Fields in the order the metric declares them.
  int64_t samples = 0;
};

// The synthetic creator's series as the server would gather them for
// `metric` over [start, start + days): account fields, then every post
// published in the window with its declared post fields.
absl::StatusOr<CreatorInput> BuildInput(const WorkloadOptions& w,
                                        int creator_index,
                                        const Metric& metric) {
  CreatorInput c;
  c.creator_index = creator_index;
  MetricInput& in = c.input;
  in.creator_id = CreatorId(creator_index);
  in.window_start_ms = w.start_ms;
  in.window_end_ms = w.start_ms + w.days * kDayMs;
  in.account.resize(metric.account_fields.size());
  std::map<std::string, size_t> post_index;
  for (const PostInfo& p : Posts(w, creator_index)) {
    if (p.published_ms < in.window_start_ms ||
        p.published_ms >= in.window_end_ms) {
      continue;
    }
    post_index[p.post_id] = in.posts.size();
    MetricInput::Post post;
    post.post_id = p.post_id;
    post.published_ms = p.published_ms;
    post.fields.resize(metric.post_fields.size());
    in.posts.push_back(std::move(post));
  }
  auto field_of = [](const std::vector<std::string>& fields,
                     const std::string& name) -> int {
    auto it = std::find(fields.begin(), fields.end(), name);
    return it == fields.end() ? -1 : static_cast<int>(it - fields.begin());
  };
  auto fill = [&c](plugin_host::InputSeries* series, const SeriesData& s) {
    SampleColumns* out = &series->owned;
    out->timestamps = s.timestamps_ms;
    out->values = s.values;
    out->flags.clear();
    c.samples += static_cast<int64_t>(s.timestamps_ms.size());
  };
  GenerateCreator(w, creator_index, [&](SeriesData&& s) {
    if (s.post_id.empty()) {
      const int f = field_of(metric.account_fields, s.field);
      if (f >= 0) fill(&in.account[f], s);
      return;
    }
    auto p = post_index.find(s.post_id);
    if (p == post_index.end()) return;
    const int f = field_of(metric.post_fields, s.field);
    if (f >= 0) fill(&in.posts[p->second].fields[f], s);
  });
  for (size_t f = 0; f < in.account.size(); ++f) {
    if (in.account[f].empty()) {
      return absl::InternalError(StrCat("no ", metric.account_fields[f],
                                        " series for ", in.creator_id));
    }
  }
  return c;
}

// The borrowed ABI views of a MetricInput: what CallMetric builds on every
// call (the same code), kept alive here so they can be reused.
struct AbiViews {
  std::vector<clout_series_v1> account;
  std::vector<clout_series_v1> post_series;
  std::vector<clout_post_v1> posts;
  std::vector<const clout_post_v1*> post_ptrs;
  clout_compute_input_v1 in{};
};

clout_series_v1 View(const plugin_host::InputSeries& series) {
  const SampleSpan s = series.span();
  return {s.timestamps, s.values, s.flags, s.size};
}

void BuildViews(const MetricInput& input, size_t per_post,
                const std::vector<double>& params, AbiViews* v) {
  v->account.clear();
  v->account.reserve(input.account.size());
  for (const auto& s : input.account) v->account.push_back(View(s));
  v->post_series.clear();
  v->post_series.reserve(input.posts.size() * per_post);
  v->posts.assign(input.posts.size(), clout_post_v1{});
  v->post_ptrs.assign(input.posts.size(), nullptr);
  for (size_t i = 0; i < input.posts.size(); ++i) {
    const auto& p = input.posts[i];
    const size_t first = v->post_series.size();
    for (size_t f = 0; f < per_post; ++f) {
      v->post_series.push_back(f < p.fields.size() ? View(p.fields[f])
                                                   : clout_series_v1{});
    }
    v->posts[i] = {sizeof(clout_post_v1), p.post_id.c_str(), p.published_ms,
                   per_post == 0 ? nullptr : v->post_series.data() + first};
    v->post_ptrs[i] = &v->posts[i];
  }
  v->in = {
      sizeof(clout_compute_input_v1),
      input.creator_id.c_str(),
      input.window_start_ms,
      input.window_end_ms,
      v->account.empty() ? nullptr : v->account.data(),
      v->post_ptrs.empty() ? nullptr : v->post_ptrs.data(),
      v->post_ptrs.size(),
      params.empty() ? nullptr : params.data(),
      /*flags=*/0,
  };
}

// Path d: what CallMetric does before the call, with fresh vectors each time
// as there (they are locals of CallMetric).
void BuildViewsFresh(const MetricInput& input, size_t per_post,
                     const std::vector<double>& params) {
  AbiViews v;
  BuildViews(input, per_post, params, &v);
  DoNotOptimize(v.in);
}

// ---------------------------------------------------------------------------
// The minimal host of paths b and c: output functions store what they are
// given, nothing is copied or checked.

struct Sink {
  double value = 0;
  const char* variant = nullptr;
  const char* formula = nullptr;
  const char* error = nullptr;
  int components = 0;
  double last_component = 0;
  int rows = 0;
  const double* last_row = nullptr;
  int points = 0;
  void Reset() { *this = Sink(); }
};

Sink* AsSink(void* call) { return static_cast<Sink*>(call); }

void MinLog(void*, int32_t, const char*) {}
void MinSetError(void* call, const char* message) {
  AsSink(call)->error = message;
}
int32_t MinCancelled(void*) { return 0; }
void* MinAlloc(void*, size_t) { return nullptr; }
int32_t MinSetValue(void* call, double value) {
  AsSink(call)->value = value;
  return CLOUT_OK;
}
int32_t MinSetVariant(void* call, const char* variant, const char* formula) {
  AsSink(call)->variant = variant;
  AsSink(call)->formula = formula;
  return CLOUT_OK;
}
int32_t MinAddComponent(void* call, const char*, double value, const char*) {
  ++AsSink(call)->components;
  AsSink(call)->last_component = value;
  return CLOUT_OK;
}
int32_t MinAddRow(void* call, const char*, int64_t, const double* values,
                  uint32_t) {
  ++AsSink(call)->rows;
  AsSink(call)->last_row = values;
  return CLOUT_OK;
}
int32_t MinAddPoint(void* call, int64_t, double) {
  ++AsSink(call)->points;
  return CLOUT_OK;
}

constexpr clout_host_v1 kMinimalHost = {
    sizeof(clout_host_v1), MinLog,          MinSetError,
    MinCancelled,          MinAlloc,        MinSetValue,
    MinSetVariant,         MinAddComponent, MinAddRow,
    MinAddPoint,
};

// ---------------------------------------------------------------------------
// Timing.

struct Stats {
  double mean = 0, median = 0, p90 = 0, p99 = 0, min = 0;  // ns
};

Stats Summarize(std::vector<double> ns) {
  Stats s;
  if (ns.empty()) return s;
  std::sort(ns.begin(), ns.end());
  auto rank = [&](double p) {
    size_t k = static_cast<size_t>(std::ceil(p * ns.size()));
    return ns[std::clamp<size_t>(k, 1, ns.size()) - 1];
  };
  double sum = 0;
  for (double v : ns) sum += v;
  s.mean = sum / static_cast<double>(ns.size());
  const size_t n = ns.size();
  s.median = n % 2 == 1 ? ns[n / 2] : (ns[n / 2 - 1] + ns[n / 2]) / 2;
  s.p90 = rank(0.90);
  s.p99 = rank(0.99);
  s.min = ns.front();
  return s;
}

double NsBetween(Clock::time_point from, Clock::time_point to) {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count());
}

// Median cost of one steady_clock::now() pair with nothing between.
double ClockOverheadNs() {
  std::vector<double> ns;
  for (int i = 0; i < 20000; ++i) {
    const Clock::time_point a = Clock::now();
    const Clock::time_point b = Clock::now();
    ns.push_back(NsBetween(a, b));
  }
  return Summarize(std::move(ns)).median;
}

std::string MakeStagingDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "abi_overhead_bench.XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

absl::Status Run() {
  WorkloadOptions w;
  w.seed = absl::GetFlag(FLAGS_seed);
  w.days = absl::GetFlag(FLAGS_days);
  const int iterations = absl::GetFlag(FLAGS_iterations);
  const int block = absl::GetFlag(FLAGS_block);
  const int warmup = absl::GetFlag(FLAGS_warmup);
  if (w.days < 1 || iterations < 1 || block < 1 || warmup < 0) {
    return absl::InvalidArgumentError(
        "--days, --iterations and --block must be >= 1, --warmup >= 0");
  }

  // Path a: the plugin file, loaded as the server loads it.
  const std::string staging = MakeStagingDir();
  if (staging.empty()) return absl::InternalError("cannot create a temp dir");
  absl::StatusOr<plugin_host::LoadedFile> loaded =
      plugin_host::LoadPluginFile(absl::GetFlag(FLAGS_plugin), staging);
  std::error_code ec;
  std::filesystem::remove_all(staging, ec);
  if (!loaded.ok()) return loaded.status();
  std::shared_ptr<Metric> metric;
  for (const auto& m : loaded->metrics) {
    if (m->name == "engagement_rate") metric = m;
  }
  if (metric == nullptr) {
    return absl::NotFoundError(
        StrCat(absl::GetFlag(FLAGS_plugin), " has no metric engagement_rate"));
  }

  // Path b: the same source linked in.
  const clout_metric_v1* linked = nullptr;
  for (uint32_t i = 0; i < clout_plugin_entry_v1.metric_count; ++i) {
    const clout_metric_v1* m = clout_plugin_entry_v1.metrics[i];
    if (std::string(m->name) == "engagement_rate") linked = m;
  }
  if (linked == nullptr) {
    return absl::InternalError("the linked-in entry lacks engagement_rate");
  }
  if (linked->compute == metric->compute) {
    return absl::InternalError(
        "the loaded plugin resolved to the linked-in code; path a would not "
        "go through the plugin file");
  }
  if (linked->post_field_count != metric->post_fields.size() ||
      linked->account_field_count != metric->account_fields.size()) {
    return absl::InternalError(
        "the plugin file and the linked-in source "
        "declare different inputs");
  }

  // The creator.
  int creator_index = absl::GetFlag(FLAGS_creator_index);
  if (creator_index < 0) {
    w.creators = kMaxCreatorSearch;
    for (int c = 0; c < kMaxCreatorSearch && creator_index < 0; ++c) {
      if (Posts(w, c).size() == static_cast<size_t>(kWantedPosts))
        creator_index = c;
    }
    if (creator_index < 0) creator_index = 0;
  }
  w.creators = creator_index + 1;
  absl::StatusOr<CreatorInput> creator = BuildInput(w, creator_index, *metric);
  if (!creator.ok()) return creator.status();
  const MetricInput& input = creator->input;

  absl::StatusOr<std::vector<double>> params =
      plugin_host::ResolveParams(*metric, {});
  if (!params.ok()) return params.status();
  const plugin_host::CallOptions options;
  const size_t per_post = metric->post_fields.size();
  AbiViews prebuilt;
  BuildViews(input, per_post, *params, &prebuilt);

  std::printf(
      "abi_overhead_bench: engagement_rate through the plugin ABI "
      "vs linked in (one process, no gRPC)\n");
  Line("plugin file (path a)", absl::GetFlag(FLAGS_plugin), "");
  Line("metric",
       StrCat(metric->name, " ", metric->version, " (", metric->plugin->name(),
              " ", metric->plugin->version(), ")"),
       "");
  Line("creator",
       StrCat(input.creator_id, ", ", w.days, " days, seed ", w.seed), "");
  Line("inputs: followers samples / posts",
       StrCat(input.account[0].size(), " / ", input.posts.size()), "");
  Line("inputs: samples in total", std::to_string(creator->samples), "");
  Line("parameters", "defaults", "",
       "  (by_followers, mean, no saves, min_views 0)");

  // One call of each path, checked against each other.
  absl::StatusOr<plugin_host::MetricOutput> reference =
      plugin_host::CallMetric(*metric, input, *params, options);
  if (!reference.ok()) return reference.status();
  Sink sink_b;
  int32_t rc_b = linked->compute(&kMinimalHost, &sink_b, &prebuilt.in);
  Sink sink_c;
  int32_t rc_c = metric->compute(&kMinimalHost, &sink_c, &prebuilt.in);
  if (rc_b != CLOUT_OK || rc_c != CLOUT_OK) {
    return absl::InternalError(StrCat("direct calls failed: linked ", rc_b,
                                      " (", sink_b.error ? sink_b.error : "",
                                      "), plugin ", rc_c, " (",
                                      sink_c.error ? sink_c.error : "", ")"));
  }
  if (sink_b.value != reference->value || sink_c.value != reference->value ||
      sink_b.components != static_cast<int>(reference->components.size()) ||
      sink_b.rows != static_cast<int>(reference->rows.size()) ||
      sink_c.rows != sink_b.rows) {
    return absl::InternalError(
        StrCat("the paths disagree: ABI value ", reference->value, " with ",
               reference->components.size(), " components and ",
               reference->rows.size(), " rows; linked ", sink_b.value, ", ",
               sink_b.components, ", ", sink_b.rows, "; plugin direct ",
               sink_c.value, ", ", sink_c.components, ", ", sink_c.rows));
  }
  Line("value (all paths agree)", Fixed(reference->value, 6), "percent",
       StrCat("  ", reference->components.size(), " components, ",
              reference->rows.size(), " rows, formula ",
              reference->formula.size(), " chars"));

  // The paths. Each runs one call and returns its duration in ns.
  // Path e: the linked-in code called exactly as the server calls a
  // plugin (same views, host functions and output checks), no dlopen.
  plugin_host::Metric linked_metric;
  linked_metric.plugin = metric->plugin;
  linked_metric.name = metric->name;
  linked_metric.version = metric->version;
  linked_metric.output_kind = metric->output_kind;
  linked_metric.thread_safe = metric->thread_safe;
  linked_metric.account_fields = metric->account_fields;
  linked_metric.post_fields = metric->post_fields;
  linked_metric.params = metric->params;
  linked_metric.row_columns = metric->row_columns;
  linked_metric.compute = linked->compute;
  linked_metric.raw = linked;

  enum Path { kAbi, kLinked, kPluginDirect, kViews, kLinkedHost, kPathCount };
  const std::array<const char*, kPathCount> names = {
      "a  ABI: CallMetric on the loaded .so",
      "b  linked in: direct call, minimal host",
      "c  .so compute, direct call, minimal host",
      "d  building the ABI views alone",
      "e  linked in: CallMetric, same host"};
  absl::Status failure;
  Sink sink;
  auto run = [&](int path) -> double {
    Clock::time_point start;
    Clock::time_point end;
    switch (path) {
      case kAbi: {
        start = Clock::now();
        {
          absl::StatusOr<plugin_host::MetricOutput> out =
              plugin_host::CallMetric(*metric, input, *params, options);
          if (!out.ok() && failure.ok()) failure = out.status();
          DoNotOptimize(out);
        }
        end = Clock::now();
        break;
      }
      case kLinked: {
        sink.Reset();
        start = Clock::now();
        const int32_t rc = linked->compute(&kMinimalHost, &sink, &prebuilt.in);
        end = Clock::now();
        if (rc != CLOUT_OK && failure.ok()) {
          failure = absl::InternalError("linked-in compute failed");
        }
        DoNotOptimize(sink);
        break;
      }
      case kPluginDirect: {
        sink.Reset();
        start = Clock::now();
        const int32_t rc = metric->compute(&kMinimalHost, &sink, &prebuilt.in);
        end = Clock::now();
        if (rc != CLOUT_OK && failure.ok()) {
          failure = absl::InternalError("plugin compute failed");
        }
        DoNotOptimize(sink);
        break;
      }
      case kLinkedHost: {
        start = Clock::now();
        {
          absl::StatusOr<plugin_host::MetricOutput> out =
              plugin_host::CallMetric(linked_metric, input, *params, options);
          if (!out.ok() && failure.ok()) failure = out.status();
          DoNotOptimize(out);
        }
        end = Clock::now();
        break;
      }
      default:
        start = Clock::now();
        BuildViewsFresh(input, per_post, *params);
        end = Clock::now();
        break;
    }
    return NsBetween(start, end);
  };

  for (int i = 0; i < warmup; ++i) {
    for (int p = 0; p < kPathCount; ++p) run(p);
  }
  if (!failure.ok()) return failure;
  std::array<std::vector<double>, kPathCount> ns;
  for (auto& v : ns) v.reserve(iterations);
  const Clock::time_point wall_start = Clock::now();
  for (int done = 0, b = 0; done < iterations; done += block, ++b) {
    const int n = std::min(block, iterations - done);
    for (int k = 0; k < kPathCount; ++k) {
      const int path = (b + k) % kPathCount;  // Rotating order.
      for (int i = 0; i < n; ++i) ns[path].push_back(run(path));
    }
  }
  const double wall = NsBetween(wall_start, Clock::now()) / 1e9;
  if (!failure.ok()) return failure;

  std::array<Stats, kPathCount> stats;
  for (int p = 0; p < kPathCount; ++p) stats[p] = Summarize(ns[p]);
  const double clock_ns = ClockOverheadNs();

  Section(StrCat(iterations, " timed calls per path after ", warmup,
                 " warm-up, blocks of ", block,
                 " interleaved a/b/c/d/e with "
                 "rotating order (",
                 Fixed(wall, 1), " s)"));
  std::printf("  %-44s %10s %10s %10s %10s %10s\n", "path", "mean ns",
              "median ns", "p90 ns", "p99 ns", "min ns");
  for (int p = 0; p < kPathCount; ++p) {
    std::printf("  %-44s %10.0f %10.0f %10.0f %10.0f %10.0f\n", names[p],
                stats[p].mean, stats[p].median, stats[p].p90, stats[p].p99,
                stats[p].min);
  }
  Note(StrCat("every figure includes one steady_clock::now() pair, median ",
              Fixed(clock_ns, 0), " ns on this machine"));

  Section(
      "Plugin vs the same code linked into the server, both called through "
      "the server's host interface (a vs e)");
  const double plugin_mean = 100 * (stats[kAbi].mean - stats[kLinkedHost].mean) /
                             stats[kLinkedHost].mean;
  const double plugin_median =
      100 * (stats[kAbi].median - stats[kLinkedHost].median) /
      stats[kLinkedHost].median;
  Line("(a - e) / e, means", Fixed(plugin_mean, 2), "%",
       StrCat("  target < ", Fixed(kTargetOverheadPercent, 0), " %: ",
              plugin_mean < kTargetOverheadPercent ? "met" : "MISSED"));
  Line("(a - e) / e, medians", Fixed(plugin_median, 2), "%",
       StrCat("  target < ", Fixed(kTargetOverheadPercent, 0), " %: ",
              plugin_median < kTargetOverheadPercent ? "met" : "MISSED"));

  Section(
      "The whole host interface (views, output copies, checks) over a bare "
      "call with a no-op host (a vs b)");
  const double over_mean =
      100 * (stats[kAbi].mean - stats[kLinked].mean) / stats[kLinked].mean;
  const double over_median = 100 *
                             (stats[kAbi].median - stats[kLinked].median) /
                             stats[kLinked].median;
  auto verdict = [](double percent) {
    return StrCat("  target < ", Fixed(kTargetOverheadPercent, 0),
                  " %: ", percent < kTargetOverheadPercent ? "met" : "MISSED");
  };
  Line("(a - b) / b, means", Fixed(over_mean, 2), "%",
       StrCat(verdict(over_mean), "  (a - b = ",
              Fixed(stats[kAbi].mean - stats[kLinked].mean, 0), " ns)"));
  Line("(a - b) / b, medians", Fixed(over_median, 2), "%",
       StrCat(verdict(over_median), "  (a - b = ",
              Fixed(stats[kAbi].median - stats[kLinked].median, 0), " ns)"));

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

  std::printf(
      "\nRESULT posts=%zu a_mean_ns=%.0f a_median_ns=%.0f b_mean_ns=%.0f "
      "b_median_ns=%.0f c_median_ns=%.0f d_median_ns=%.0f "
      "overhead_mean_pct=%.2f overhead_median_pct=%.2f e_median_ns=%.0f "
      "plugin_vs_linked_mean_pct=%.2f plugin_vs_linked_median_pct=%.2f "
      "clock_ns=%.0f\n",
      input.posts.size(), stats[kAbi].mean, a, stats[kLinked].mean, b, c, d,
      over_mean, over_median, stats[kLinkedHost].median, plugin_mean,
      plugin_median, clock_ns);
  return absl::OkStatus();
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const absl::Status st = clout::bench::Run();
  if (!st.ok()) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}

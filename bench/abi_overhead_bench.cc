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

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/abi_inputs.h"
#include "bench/abi_minimal_host.h"
#include "bench/abi_report.h"
#include "bench/latency.h"
#include "bench/report.h"
#include "bench/workload.h"
#include "clout/plugin.h"
#include "server/common/samples.h"
#include "server/common/strings.h"
#include "server/plugin_host/metric.h"
#include "server/plugin_host/metric_call.h"
#include "server/plugin_host/plugin_loader.h"

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

using plugin_host::Metric;
using plugin_host::MetricInput;

constexpr int kWantedPosts = 20;
constexpr int kMaxCreatorSearch = 10000;

// Keeps the compiler from dropping a computation whose result is unused.
template <typename T>
void DoNotOptimize(const T& value) {
  asm volatile("" : : "r"(&value) : "memory");
}

// ---------------------------------------------------------------------------
// Path d.

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
// The metric, loaded and linked in.

std::string MakeStagingDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "abi_overhead_bench.XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

// Path a: the plugin file, loaded as the server loads it; its
// engagement_rate metric.
absl::StatusOr<std::shared_ptr<Metric>> LoadPluginMetric(
    const std::string& plugin_file) {
  const std::string staging = MakeStagingDir();
  if (staging.empty()) return absl::InternalError("cannot create a temp dir");
  absl::StatusOr<plugin_host::LoadedFile> loaded =
      plugin_host::LoadPluginFile(plugin_file, staging);
  std::error_code ec;
  std::filesystem::remove_all(staging, ec);
  if (!loaded.ok()) return loaded.status();
  std::shared_ptr<Metric> metric;
  for (const auto& m : loaded->metrics) {
    if (m->name == "engagement_rate") metric = m;
  }
  if (metric == nullptr) {
    return absl::NotFoundError(
        StrCat(plugin_file, " has no metric engagement_rate"));
  }
  return metric;
}

// Path b: the same source linked in; checks that it is not the loaded code
// and declares the same inputs.
absl::StatusOr<const clout_metric_v1*> FindLinkedMetric(const Metric& metric) {
  const clout_metric_v1* linked = nullptr;
  for (uint32_t i = 0; i < clout_plugin_entry_v1.metric_count; ++i) {
    const clout_metric_v1* m = clout_plugin_entry_v1.metrics[i];
    if (std::string(m->name) == "engagement_rate") linked = m;
  }
  if (linked == nullptr) {
    return absl::InternalError("the linked-in entry lacks engagement_rate");
  }
  if (linked->compute == metric.compute) {
    return absl::InternalError(
        "the loaded plugin resolved to the linked-in code; path a would not "
        "go through the plugin file");
  }
  if (linked->post_field_count != metric.post_fields.size() ||
      linked->account_field_count != metric.account_fields.size()) {
    return absl::InternalError(
        "the plugin file and the linked-in source "
        "declare different inputs");
  }
  return linked;
}

// Path e: the linked-in code described as the server describes a loaded
// metric, so that CallMetric calls it exactly as it calls a plugin.
void DescribeLinked(const Metric& metric, const clout_metric_v1* linked,
                    Metric* linked_metric) {
  linked_metric->plugin = metric.plugin;
  linked_metric->name = metric.name;
  linked_metric->version = metric.version;
  linked_metric->output_kind = metric.output_kind;
  linked_metric->thread_safe = metric.thread_safe;
  linked_metric->account_fields = metric.account_fields;
  linked_metric->post_fields = metric.post_fields;
  linked_metric->params = metric.params;
  linked_metric->row_columns = metric.row_columns;
  linked_metric->compute = linked->compute;
  linked_metric->raw = linked;
}

void PrintInputs(const Metric& metric, const CreatorInput& creator,
                 const WorkloadOptions& w) {
  const MetricInput& input = creator.input;
  std::printf(
      "abi_overhead_bench: engagement_rate through the plugin ABI "
      "vs linked in (one process, no gRPC)\n");
  Line("plugin file (path a)", absl::GetFlag(FLAGS_plugin), "");
  Line("metric",
       StrCat(metric.name, " ", metric.version, " (", metric.plugin->name(),
              " ", metric.plugin->version(), ")"),
       "");
  Line("creator",
       StrCat(input.creator_id, ", ", w.days, " days, seed ", w.seed), "");
  Line("inputs: followers samples / posts",
       StrCat(input.account[0].size(), " / ", input.posts.size()), "");
  Line("inputs: samples in total", std::to_string(creator.samples), "");
  Line("parameters", "defaults", "",
       "  (by_followers, mean, no saves, min_views 0)");
}

// ---------------------------------------------------------------------------
// The paths.

// Everything one call of a path needs.
struct PathSetup {
  const Metric* metric = nullptr;           // Paths a and c.
  const Metric* linked_metric = nullptr;    // Path e.
  const clout_metric_v1* linked = nullptr;  // Path b.
  const MetricInput* input = nullptr;
  const std::vector<double>* params = nullptr;
  plugin_host::CallOptions options;
  size_t per_post = 0;
  AbiViews prebuilt;  // Paths b and c.
};

// One call of each path, checked against each other.
absl::Status CheckPathsAgree(PathSetup* setup) {
  absl::StatusOr<plugin_host::MetricOutput> reference = plugin_host::CallMetric(
      *setup->metric, *setup->input, *setup->params, setup->options);
  if (!reference.ok()) return reference.status();
  Sink sink_b;
  int32_t rc_b =
      setup->linked->compute(&kMinimalHost, &sink_b, &setup->prebuilt.in);
  Sink sink_c;
  int32_t rc_c =
      setup->metric->compute(&kMinimalHost, &sink_c, &setup->prebuilt.in);
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
  return absl::OkStatus();
}

// Runs one call of a path and returns its duration in ns. The first failure
// is kept in failure().
class PathRunner {
 public:
  explicit PathRunner(const PathSetup& setup) : s_(setup) {}

  double Run(int path) {
    Clock::time_point start;
    Clock::time_point end;
    switch (path) {
      case kAbi: {
        start = Clock::now();
        {
          absl::StatusOr<plugin_host::MetricOutput> out =
              plugin_host::CallMetric(*s_.metric, *s_.input, *s_.params,
                                      s_.options);
          if (!out.ok() && failure_.ok()) failure_ = out.status();
          DoNotOptimize(out);
        }
        end = Clock::now();
        break;
      }
      case kLinked: {
        sink_.Reset();
        start = Clock::now();
        const int32_t rc =
            s_.linked->compute(&kMinimalHost, &sink_, &s_.prebuilt.in);
        end = Clock::now();
        if (rc != CLOUT_OK && failure_.ok()) {
          failure_ = absl::InternalError("linked-in compute failed");
        }
        DoNotOptimize(sink_);
        break;
      }
      case kPluginDirect: {
        sink_.Reset();
        start = Clock::now();
        const int32_t rc =
            s_.metric->compute(&kMinimalHost, &sink_, &s_.prebuilt.in);
        end = Clock::now();
        if (rc != CLOUT_OK && failure_.ok()) {
          failure_ = absl::InternalError("plugin compute failed");
        }
        DoNotOptimize(sink_);
        break;
      }
      case kLinkedHost: {
        start = Clock::now();
        {
          absl::StatusOr<plugin_host::MetricOutput> out =
              plugin_host::CallMetric(*s_.linked_metric, *s_.input, *s_.params,
                                      s_.options);
          if (!out.ok() && failure_.ok()) failure_ = out.status();
          DoNotOptimize(out);
        }
        end = Clock::now();
        break;
      }
      default:
        start = Clock::now();
        BuildViewsFresh(*s_.input, s_.per_post, *s_.params);
        end = Clock::now();
        break;
    }
    return Nanos(start, end);
  }

  const absl::Status& failure() const { return failure_; }

 private:
  const PathSetup& s_;
  absl::Status failure_;
  Sink sink_;
};

// The warm-up calls, then the timed blocks of every path in rotating order.
absl::StatusOr<AbiTiming> TimePaths(const PathSetup& setup, int iterations,
                                    int block, int warmup) {
  PathRunner runner(setup);
  for (int i = 0; i < warmup; ++i) {
    for (int p = 0; p < kPathCount; ++p) runner.Run(p);
  }
  if (!runner.failure().ok()) return runner.failure();
  std::array<std::vector<double>, kPathCount> ns;
  for (auto& v : ns) v.reserve(iterations);
  const Clock::time_point wall_start = Clock::now();
  for (int done = 0, b = 0; done < iterations; done += block, ++b) {
    const int n = std::min(block, iterations - done);
    for (int k = 0; k < kPathCount; ++k) {
      const int path = (b + k) % kPathCount;  // Rotating order.
      for (int i = 0; i < n; ++i) ns[path].push_back(runner.Run(path));
    }
  }
  AbiTiming timing;
  timing.wall_seconds = Nanos(wall_start, Clock::now()) / 1e9;
  if (!runner.failure().ok()) return runner.failure();
  for (int p = 0; p < kPathCount; ++p) timing.stats[p] = SummarizePath(ns[p]);
  timing.clock_ns = ClockOverheadNs();
  timing.iterations = iterations;
  timing.block = block;
  timing.warmup = warmup;
  return timing;
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
  absl::StatusOr<std::shared_ptr<Metric>> metric =
      LoadPluginMetric(absl::GetFlag(FLAGS_plugin));
  if (!metric.ok()) return metric.status();
  absl::StatusOr<const clout_metric_v1*> linked = FindLinkedMetric(**metric);
  if (!linked.ok()) return linked.status();

  const int creator_index = ChooseCreator(w, absl::GetFlag(FLAGS_creator_index),
                                          kMaxCreatorSearch, kWantedPosts);
  w.creators = creator_index + 1;
  absl::StatusOr<CreatorInput> creator = BuildInput(w, creator_index, **metric);
  if (!creator.ok()) return creator.status();
  absl::StatusOr<std::vector<double>> params =
      plugin_host::ResolveParams(**metric, {});
  if (!params.ok()) return params.status();

  PathSetup setup;
  setup.metric = metric->get();
  setup.linked = *linked;
  setup.input = &creator->input;
  setup.params = &*params;
  setup.per_post = (*metric)->post_fields.size();
  BuildViews(creator->input, setup.per_post, *params, &setup.prebuilt);
  PrintInputs(**metric, *creator, w);
  if (absl::Status st = CheckPathsAgree(&setup); !st.ok()) return st;
  Metric linked_metric;
  DescribeLinked(**metric, *linked, &linked_metric);
  setup.linked_metric = &linked_metric;

  absl::StatusOr<AbiTiming> timing =
      TimePaths(setup, iterations, block, warmup);
  if (!timing.ok()) return timing.status();
  PrintAbiReport(*timing, creator->input.posts.size());
  return absl::OkStatus();
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return clout::bench::Finish(clout::bench::Run(), nullptr);
}

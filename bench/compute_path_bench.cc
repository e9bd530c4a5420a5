// compute_path_bench: where the server's time goes when it computes a metric
// for one creator, in one process, without gRPC: the store and the plugin
// host exactly as cloutd uses them.
//
//   compute_path_bench [--creators=500] [--days=90] [--iterations=2000]
//                      [--metric=engagement_rate] ...
//
// Loads the synthetic workload (bench/workload.h) of --creators creators into
// a fresh RocksDbSeriesStore in a temporary folder, with the creator and post
// records, compacts it, loads the built-in plugins, then times:
//   1. ListPosts of one creator (the post directory GatherInput reads);
//   2. GatherInput of one creator (posts, then every declared series in one
//      ReadMany), and how many series and samples it hands over;
//   3. CallMetric on those inputs (the plugin through the ABI);
//   4. gather + call for every creator in turn, single-threaded: the per-
//      creator cost of a cold Rank before it is split over threads.
// Steps 1-3 use creator synth:000000 over its whole history, the request
// metrics_bench times over gRPC, so the difference between the two is the
// RPC and the response message. Each figure is the median (and p99) over
// --iterations timed calls after a warm-up. The last line is
// "RESULT key=value ...".
#include <unistd.h>

#include <algorithm>
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
#include "bench/latency.h"
#include "bench/workload.h"
#include "server/common/strings.h"
#include "server/metrics/metric_inputs.h"
#include "server/plugin_host/metric_call.h"
#include "server/plugin_host/plugin_loader.h"
#include "server/storage/rocksdb_series_store.h"

#ifndef CLOUT_PLUGIN_DIR
#define CLOUT_PLUGIN_DIR "."
#endif

ABSL_FLAG(int, creators, 500, "synthetic creators to load");
ABSL_FLAG(int, days, 90, "days of history (the window)");
ABSL_FLAG(int, iterations, 2000, "timed calls per single-creator figure");
ABSL_FLAG(int, rank_rounds, 3, "passes over every creator for step 4");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(std::string, metric, "engagement_rate", "metric to compute");
ABSL_FLAG(std::string, plugins, CLOUT_PLUGIN_DIR,
          "folder of the built metric plugins");
ABSL_FLAG(int, sample_cache_mb, 512,
          "decoded sample cache of the store, as cloutd --sample_cache_mb");
ABSL_FLAG(bool, value_only, false,
          "ask for the value only (CLOUT_INPUT_VALUE_ONLY), as Rank does");
ABSL_FLAG(bool, latest_samples, true,
          "serve metrics that read only the latest post samples from the "
          "latest-sample cache, as cloutd does");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the database; empty: a fresh temporary folder");

namespace clout::bench {
namespace {

struct Percentiles {
  double p50 = 0, p99 = 0;
};

// p50: the value at index n / 2; p99: at index n * 99 / 100.
Percentiles Summarize(std::vector<double> us) {
  const DurationSample sample(std::move(us));
  Percentiles p;
  p.p50 = sample.AtPercentIndex(50);
  p.p99 = sample.AtPercentIndex(99);
  return p;
}

// `st` with its message prefixed by "<what>: " and its code name, so that
// main prints "FAIL: <what>: <status>".
absl::Status Failed(const std::string& what, const absl::Status& st) {
  return absl::Status(st.code(), StrCat(what, ": ", st.ToString()));
}

absl::Status Load(storage::SeriesStore* store, const WorkloadOptions& w,
                  int64_t* samples) {
  std::vector<storage::CreatorRecord> creators;
  std::vector<storage::PostRecord> posts;
  for (int c = 0; c < w.creators; ++c) {
    storage::CreatorRecord creator;
    creator.creator_id = CreatorId(c);
    creator.platform = "synth";
    creators.push_back(std::move(creator));
  }
  int created = 0;
  if (absl::Status st = store->UpsertCreators(creators, &created); !st.ok()) {
    return st;
  }
  for (int c = 0; c < w.creators; ++c) {
    for (const PostInfo& info : Posts(w, c)) {
      storage::PostRecord post;
      post.creator_id = info.creator_id;
      post.post_id = info.post_id;
      post.published_ms = info.published_ms;
      posts.push_back(std::move(post));
    }
    if (posts.size() >= 1000 || c + 1 == w.creators) {
      if (absl::Status st = store->UpsertPosts(posts, &created); !st.ok()) {
        return st;
      }
      posts.clear();
    }
  }
  // Series are written a creator at a time (the ids are views into `data`).
  *samples = 0;
  for (int c = 0; c < w.creators; ++c) {
    std::vector<SeriesData> data;
    GenerateCreator(w, c,
                    [&](SeriesData&& s) { data.push_back(std::move(s)); });
    std::vector<storage::SeriesWrite> batch(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      batch[i].id = {data[i].creator_id, data[i].post_id, data[i].field};
      batch[i].samples.timestamps = std::move(data[i].timestamps_ms);
      batch[i].samples.values = std::move(data[i].values);
      *samples += static_cast<int64_t>(batch[i].samples.size());
    }
    if (absl::Status st = store->Write(&batch); !st.ok()) return st;
  }
  return store->Compact();
}

// The store, loaded, with the metric to compute.
struct Setup {
  std::unique_ptr<storage::RocksDbSeriesStore> store;
  std::shared_ptr<const plugin_host::Metric> metric;
  std::vector<double> params;
  int64_t samples = 0;  // Loaded.
};

absl::Status OpenAndLoad(const std::string& dir, const WorkloadOptions& w,
                         Setup* setup) {
  storage::RocksDbSeriesStore::Options options;
  options.decoded_cache_bytes =
      static_cast<size_t>(std::max(0, absl::GetFlag(FLAGS_sample_cache_mb)))
      << 20;
  auto store = storage::RocksDbSeriesStore::Open(dir + "/db", options);
  if (!store.ok()) return Failed("open", store.status());
  setup->store = std::move(*store);

  const auto load_start = Clock::now();
  if (absl::Status st = Load(setup->store.get(), w, &setup->samples);
      !st.ok()) {
    return Failed("load", st);
  }
  std::printf("== loaded %d creators x %d days: %lld samples in %.1f s\n",
              w.creators, w.days, static_cast<long long>(setup->samples),
              Micros(load_start, Clock::now()) / 1e6);
  return absl::OkStatus();
}

absl::Status LoadMetric(const std::string& staging, Setup* setup) {
  const std::string path = StrCat(absl::GetFlag(FLAGS_plugins), "/",
                                  absl::GetFlag(FLAGS_metric), ".so");
  auto loaded = plugin_host::LoadPluginFile(path, staging);
  if (!loaded.ok()) return Failed("load plugin", loaded.status());
  for (const auto& m : loaded->metrics) {
    if (m->name == absl::GetFlag(FLAGS_metric)) setup->metric = m;
  }
  if (!setup->metric) {
    return Failed("plugin", absl::NotFoundError(path + " lacks the metric"));
  }
  auto params = plugin_host::ResolveParams(*setup->metric, {});
  if (!params.ok()) return Failed("parameters", params.status());
  setup->params = std::move(*params);
  return absl::OkStatus();
}

// What the server reads and computes for one request.
struct Request {
  storage::SeriesStore* store = nullptr;
  metrics::PostDirectory* directory = nullptr;
  metrics::LatestSampleCache* latest = nullptr;  // Null: not used.
  plugin_host::CallOptions call_options;
  int64_t start = 0;
  int64_t end = 0;
};

// Steps 1-3 for one creator.
struct SingleCreatorFigures {
  Percentiles list, gather, call;
  size_t post_count = 0;
  size_t series = 0;
  size_t input_samples = 0;
  double value = 0;
};

// 1. The post directory.
absl::Status TimeListPosts(const Request& r, const std::string& creator,
                           int iterations, SingleCreatorFigures* f) {
  std::vector<double> list_us;
  for (int i = -iterations / 10; i < iterations; ++i) {
    const auto t0 = Clock::now();
    auto page = r.store->ListPosts(creator, 0, 0, "", 1000);
    const auto t1 = Clock::now();
    if (!page.ok()) return Failed("ListPosts", page.status());
    f->post_count = page->posts.size();
    if (i >= 0) list_us.push_back(Micros(t0, t1));
  }
  f->list = Summarize(list_us);
  return absl::OkStatus();
}

// Series and samples handed to the plugin.
void CountInput(const plugin_host::MetricInput& input,
                SingleCreatorFigures* f) {
  f->series = input.account.size();
  f->input_samples = 0;
  for (const auto& a : input.account) f->input_samples += a.size();
  for (const auto& p : input.posts) {
    f->series += p.fields.size();
    for (const auto& field : p.fields) f->input_samples += field.size();
  }
}

// 2 and 3. Gather, then call.
absl::Status TimeGatherAndCall(const Setup& setup, const Request& r,
                               const std::string& creator, int iterations,
                               SingleCreatorFigures* f) {
  std::vector<double> gather_us, call_us;
  for (int i = -iterations / 10; i < iterations; ++i) {
    plugin_host::MetricInput input;
    const auto t0 = Clock::now();
    absl::Status st = metrics::GatherInput(
        {r.store, r.directory, r.latest},
        {setup.metric.get(), creator, r.start, r.end}, &input);
    const auto t1 = Clock::now();
    if (!st.ok()) return Failed("GatherInput", st);
    auto out = plugin_host::CallMetric(*setup.metric, input, setup.params,
                                       r.call_options);
    const auto t2 = Clock::now();
    if (!out.ok()) return Failed("CallMetric", out.status());
    f->value = out->value;
    if (i >= 0) {
      gather_us.push_back(Micros(t0, t1));
      call_us.push_back(Micros(t1, t2));
    }
    CountInput(input, f);
  }
  f->gather = Summarize(gather_us);
  f->call = Summarize(call_us);
  return absl::OkStatus();
}

void PrintSingleCreator(const Setup& setup, const std::string& creator,
                        int days, const SingleCreatorFigures& f) {
  std::printf(
      "== %s for %s over %d days (%zu posts; %zu series, %zu "
      "samples handed to the plugin; value %.4f)\n",
      setup.metric->name.c_str(), creator.c_str(), days, f.post_count, f.series,
      f.input_samples, f.value);
  std::printf("  %-40s %9.1f / %9.1f us\n", "ListPosts p50 / p99", f.list.p50,
              f.list.p99);
  std::printf("  %-40s %9.1f / %9.1f us\n", "GatherInput p50 / p99",
              f.gather.p50, f.gather.p99);
  std::printf("  %-40s %9.1f / %9.1f us\n", "CallMetric p50 / p99", f.call.p50,
              f.call.p99);
}

// 4. Every creator in turn, with one input reused as the server does; the
// median per-creator time of --rank_rounds passes, the calls without a value
// in *failed.
absl::StatusOr<Percentiles> TimeEveryCreator(const Setup& setup,
                                             const Request& r,
                                             const WorkloadOptions& w,
                                             int* failed) {
  std::vector<double> per_creator_us;
  plugin_host::MetricInput input;
  for (int round = 0; round < absl::GetFlag(FLAGS_rank_rounds); ++round) {
    const auto t0 = Clock::now();
    for (int c = 0; c < w.creators; ++c) {
      absl::Status st = metrics::GatherInput(
          {r.store, r.directory, r.latest},
          {setup.metric.get(), CreatorId(c), r.start, r.end}, &input);
      if (!st.ok()) return Failed("GatherInput", st);
      auto out = plugin_host::CallMetric(*setup.metric, input, setup.params,
                                         r.call_options);
      *failed += !out.ok();
      input.Release();
    }
    per_creator_us.push_back(Micros(t0, Clock::now()) / w.creators);
  }
  return Summarize(per_creator_us);
}

void PrintEveryCreator(const Setup& setup, const Percentiles& every,
                       int failed) {
  const storage::DecodedBlockCache::Stats cache =
      setup.store->decoded_cache_stats();
  std::printf("  %-40s %llu / %llu, %.1f of %.1f MiB\n",
              "sample cache hits / misses, usage",
              static_cast<unsigned long long>(cache.hits),
              static_cast<unsigned long long>(cache.misses),
              cache.usage_bytes / 1048576.0, cache.capacity_bytes / 1048576.0);
  std::printf(
      "  %-40s %9.1f us  (median of %d passes; %d calls without a "
      "value)\n",
      "every creator: gather + call, per creator", every.p50,
      absl::GetFlag(FLAGS_rank_rounds), failed);
}

// Everything after the folders exist; the store is closed on return.
absl::Status RunInDir(const std::string& dir, const std::string& staging,
                      const WorkloadOptions& w, int iterations) {
  Setup setup;
  if (absl::Status st = OpenAndLoad(dir, w, &setup); !st.ok()) return st;
  if (absl::Status st = LoadMetric(staging, &setup); !st.ok()) return st;

  const std::string creator = CreatorId(0);
  storage::SeriesStore* s = setup.store.get();
  metrics::PostDirectory directory(s);
  metrics::LatestSampleCache latest_cache(s);
  Request r;
  r.store = s;
  r.directory = &directory;
  r.latest = absl::GetFlag(FLAGS_latest_samples) ? &latest_cache : nullptr;
  r.call_options.value_only = absl::GetFlag(FLAGS_value_only);
  r.start = w.start_ms;
  r.end = w.start_ms + w.days * 24 * 3600 * 1000LL;

  SingleCreatorFigures f;
  if (absl::Status st = TimeListPosts(r, creator, iterations, &f); !st.ok()) {
    return st;
  }
  if (absl::Status st = TimeGatherAndCall(setup, r, creator, iterations, &f);
      !st.ok()) {
    return st;
  }
  PrintSingleCreator(setup, creator, w.days, f);
  int failed = 0;
  absl::StatusOr<Percentiles> every = TimeEveryCreator(setup, r, w, &failed);
  if (!every.ok()) return every.status();
  PrintEveryCreator(setup, *every, failed);
  std::printf(
      "RESULT creators=%d samples=%lld list_p50_us=%.1f gather_p50_us=%.1f "
      "gather_p99_us=%.1f call_p50_us=%.1f call_p99_us=%.1f "
      "per_creator_us=%.1f\n",
      w.creators, static_cast<long long>(setup.samples), f.list.p50,
      f.gather.p50, f.gather.p99, f.call.p50, f.call.p99, every->p50);
  return absl::OkStatus();
}

int Main() {
  WorkloadOptions w;
  w.seed = absl::GetFlag(FLAGS_seed);
  w.creators = absl::GetFlag(FLAGS_creators);
  w.days = absl::GetFlag(FLAGS_days);
  const int iterations = std::max(1, absl::GetFlag(FLAGS_iterations));
  if (w.creators < 1 || w.days < 1) {
    std::fprintf(stderr, "FAIL: --creators and --days must be >= 1\n");
    return 2;
  }

  std::string dir = absl::GetFlag(FLAGS_work_dir);
  const bool temp = dir.empty();
  if (temp) {
    dir = StrCat(std::filesystem::temp_directory_path().string(),
                 "/compute_path_bench_", getpid());
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string staging = dir + "/staging";
  std::filesystem::create_directories(staging, ec);

  if (absl::Status st = RunInDir(dir, staging, w, iterations); !st.ok()) {
    std::fprintf(stderr, "FAIL: %s\n", std::string(st.message()).c_str());
    return 1;
  }
  if (temp) std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return clout::bench::Main();
}

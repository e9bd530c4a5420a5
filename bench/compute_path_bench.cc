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
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "bench/bench_support.h"
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

using Clock = std::chrono::steady_clock;

double Micros(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::micro>(b - a).count();
}

struct Percentiles {
  double p50 = 0, p99 = 0;
};

Percentiles Summarize(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  Percentiles p;
  if (us.empty()) return p;
  p.p50 = us[us.size() / 2];
  p.p99 = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  return p;
}

int Fail(const std::string& what, const absl::Status& st) {
  std::fprintf(stderr, "FAIL: %s: %s\n", what.c_str(), st.ToString().c_str());
  return 1;
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
    GenerateCreator(w, c, [&](SeriesData&& s) { data.push_back(std::move(s)); });
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

  int rc = 0;
  {
    storage::RocksDbSeriesStore::Options options;
    options.decoded_cache_bytes =
        static_cast<size_t>(std::max(0, absl::GetFlag(FLAGS_sample_cache_mb)))
        << 20;
    auto store = storage::RocksDbSeriesStore::Open(dir + "/db", options);
    if (!store.ok()) return Fail("open", store.status());

    const auto load_start = Clock::now();
    int64_t samples = 0;
    if (absl::Status st = Load(store->get(), w, &samples); !st.ok()) {
      return Fail("load", st);
    }
    std::printf("== loaded %d creators x %d days: %lld samples in %.1f s\n",
                w.creators, w.days, static_cast<long long>(samples),
                Micros(load_start, Clock::now()) / 1e6);

    const std::string path = StrCat(absl::GetFlag(FLAGS_plugins), "/",
                                    absl::GetFlag(FLAGS_metric), ".so");
    auto loaded = plugin_host::LoadPluginFile(path, staging);
    if (!loaded.ok()) return Fail("load plugin", loaded.status());
    std::shared_ptr<const plugin_host::Metric> metric;
    for (const auto& m : loaded->metrics) {
      if (m->name == absl::GetFlag(FLAGS_metric)) metric = m;
    }
    if (!metric) {
      return Fail("plugin", absl::NotFoundError(path + " lacks the metric"));
    }
    auto params = plugin_host::ResolveParams(*metric, {});
    if (!params.ok()) return Fail("parameters", params.status());

    const int64_t start = w.start_ms;
    const int64_t end = w.start_ms + w.days * 24 * 3600 * 1000LL;
    const std::string creator = CreatorId(0);
    storage::SeriesStore* s = store->get();
    metrics::PostDirectory directory(s);
    metrics::LatestSampleCache latest_cache(s);
    metrics::LatestSampleCache* latest =
        absl::GetFlag(FLAGS_latest_samples) ? &latest_cache : nullptr;

    plugin_host::CallOptions call_options;
    call_options.value_only = absl::GetFlag(FLAGS_value_only);

    // 1. The post directory.
    std::vector<double> list_us;
    size_t post_count = 0;
    for (int i = -iterations / 10; i < iterations; ++i) {
      const auto t0 = Clock::now();
      auto page = s->ListPosts(creator, 0, 0, "", 1000);
      const auto t1 = Clock::now();
      if (!page.ok()) return Fail("ListPosts", page.status());
      post_count = page->posts.size();
      if (i >= 0) list_us.push_back(Micros(t0, t1));
    }
    // 2 and 3. Gather, then call.
    std::vector<double> gather_us, call_us;
    size_t series = 0, input_samples = 0;
    double value = 0;
    for (int i = -iterations / 10; i < iterations; ++i) {
      plugin_host::MetricInput input;
      const auto t0 = Clock::now();
      absl::Status st =
          metrics::GatherInput(s, *metric, &directory, latest, creator,
                              start, end, &input);
      const auto t1 = Clock::now();
      if (!st.ok()) return Fail("GatherInput", st);
      auto out = plugin_host::CallMetric(*metric, input, *params, call_options);
      const auto t2 = Clock::now();
      if (!out.ok()) return Fail("CallMetric", out.status());
      value = out->value;
      if (i >= 0) {
        gather_us.push_back(Micros(t0, t1));
        call_us.push_back(Micros(t1, t2));
      }
      series = input.account.size();
      input_samples = 0;
      for (const auto& a : input.account) input_samples += a.size();
      for (const auto& p : input.posts) {
        series += p.fields.size();
        for (const auto& f : p.fields) input_samples += f.size();
      }
    }
    const Percentiles list = Summarize(list_us);
    const Percentiles gather = Summarize(gather_us);
    const Percentiles call = Summarize(call_us);
    std::printf("== %s for %s over %d days (%zu posts; %zu series, %zu "
                "samples handed to the plugin; value %.4f)\n",
                metric->name.c_str(), creator.c_str(), w.days, post_count,
                series, input_samples, value);
    std::printf("  %-40s %9.1f / %9.1f us\n", "ListPosts p50 / p99", list.p50,
                list.p99);
    std::printf("  %-40s %9.1f / %9.1f us\n", "GatherInput p50 / p99",
                gather.p50, gather.p99);
    std::printf("  %-40s %9.1f / %9.1f us\n", "CallMetric p50 / p99", call.p50,
                call.p99);

    // 4. Every creator in turn, with one input reused as the server does.
    std::vector<double> per_creator_us;
    int failed = 0;
    plugin_host::MetricInput input;
    for (int round = 0; round < absl::GetFlag(FLAGS_rank_rounds); ++round) {
      const auto t0 = Clock::now();
      for (int c = 0; c < w.creators; ++c) {
        absl::Status st =
            metrics::GatherInput(s, *metric, &directory, latest,
                                 CreatorId(c), start, end, &input);
        if (!st.ok()) return Fail("GatherInput", st);
        auto out = plugin_host::CallMetric(*metric, input, *params, call_options);
        failed += !out.ok();
        input.Release();
      }
      per_creator_us.push_back(Micros(t0, Clock::now()) / w.creators);
    }
    const Percentiles every = Summarize(per_creator_us);
    const storage::DecodedBlockCache::Stats cache =
        (*store)->decoded_cache_stats();
    std::printf("  %-40s %llu / %llu, %.1f of %.1f MiB\n",
                "sample cache hits / misses, usage",
                static_cast<unsigned long long>(cache.hits),
                static_cast<unsigned long long>(cache.misses),
                cache.usage_bytes / 1048576.0,
                cache.capacity_bytes / 1048576.0);
    std::printf("  %-40s %9.1f us  (median of %d passes; %d calls without a "
                "value)\n",
                "every creator: gather + call, per creator", every.p50,
                absl::GetFlag(FLAGS_rank_rounds), failed);
    std::printf(
        "RESULT creators=%d samples=%lld list_p50_us=%.1f gather_p50_us=%.1f "
        "gather_p99_us=%.1f call_p50_us=%.1f call_p99_us=%.1f "
        "per_creator_us=%.1f\n",
        w.creators, static_cast<long long>(samples), list.p50, gather.p50,
        gather.p99, call.p50, call.p99, every.p50);
  }
  if (temp) std::filesystem::remove_all(dir, ec);
  return rc;
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return clout::bench::Main();
}

// metrics_bench: latency of the Metrics service of a real cloutd over gRPC on
// loopback, with the built-in metric plugins.
//
//   metrics_bench [--creators=500] [--rank_creators=10000] [--days=90]
//                 [--iterations=2000] [--seed=42] ...
//
// Phases, each printing its figures (one per line, with units):
//   A. starts a fresh cloutd with --plugins=<the built plugins>, upserts the
//      creator and post records of the synthetic workload (bench/workload.h),
//      streams the workload of --creators creators (Ingest.WriteStream) and
//      compacts (Admin.Compact); then
//      - Rank top 100 by engagement_rate among all creators: the first call
//        (cold: every creator is computed, every block decoded),
//        --rank_iterations repeated calls (warm: served from the server's
//        result cache), then calls over windows moved by 1..5 ms (every
//        creator computed again, over samples read before);
//      - Metrics.Compute latency of engagement_rate for one creator over the
//        whole window: uncached (every request distinct: end_ms = window end
//        + i ms, a key the result cache has never seen, over the same data)
//        and cached (the identical request repeated); the by_views and
//        by_followers variants and the other two built-in metrics
//        (follower_quality, like_velocity), uncached;
//      - engagement_rate uncached again after restarting cloutd on the same
//        data with --sample_cache_mb=0 (every call decodes its blocks).
//   B. unless --rank_creators=0, a second fresh cloutd loaded with
//      --rank_creators creators of the same generator (over --rank_days days,
//      chosen automatically from phase A's load rate unless given), and Rank
//      top 100 cold and warm.
// Server CPU (utime + stime from /proc) and RSS (VmHWM, VmRSS) are printed per
// step. The last line is "RESULT key=value ..." for scripts. A failed RPC, a
// rejected sample or an inconsistent answer prints "FAIL: ..." and exits 1.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/latency.h"
#include "bench/metrics_compute.h"
#include "bench/metrics_rank.h"
#include "bench/metrics_server.h"
#include "bench/report.h"
#include "bench/work_dir.h"
#include "bench/workload.h"
#include "clout/v1/metrics.pb.h"
#include "server/common/strings.h"
#include "tests/support/cloutd_process.h"

#ifndef CLOUT_PLUGIN_DIR
#define CLOUT_PLUGIN_DIR ""
#endif

ABSL_FLAG(std::string, cloutd, clout::testing::DefaultCloutdPath(),
          "path of the cloutd binary to benchmark");
ABSL_FLAG(std::string, plugins, CLOUT_PLUGIN_DIR,
          "folder of the built metric plugins (cloutd --plugins)");
ABSL_FLAG(int, creators, 500, "phase A: synthetic creators");
ABSL_FLAG(int, rank_creators, 10000,
          "phase B: synthetic creators for the large Rank; 0 skips phase B");
ABSL_FLAG(int, days, 90, "phase A: days of synthetic history (the window)");
ABSL_FLAG(int, rank_days, 0,
          "phase B: days of history; 0: --days if phase A's load rate "
          "predicts a phase B load within --max_load_seconds, else 30");
ABSL_FLAG(double, max_load_seconds, 180,
          "phase B load-time budget used when --rank_days=0");
ABSL_FLAG(int, iterations, 2000, "timed Compute calls per measurement");
ABSL_FLAG(int, rank_iterations, 50, "timed warm Rank calls");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(int, streams, 2, "parallel WriteStream calls while loading");
ABSL_FLAG(int64_t, batch_samples, 50000, "samples per WriteStream message");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the databases; empty: a fresh temporary folder");
ABSL_FLAG(bool, keep, false, "keep the databases at the end");

namespace clout::bench {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
// Days of phase B when --rank_days=0 and --days would take too long.
constexpr int kFallbackRankDays = 30;

// Rank targets (from the brief; this program does not tune anything).
constexpr double kRankSmallTargetMs = 5;
constexpr double kRankLargeTargetMs = 100;

// Database folders below the work folder.
constexpr char kPhaseADir[] = "clout_phase_a";
constexpr char kPhaseBDir[] = "clout_phase_b";

ServerConfig ServerConfigFromFlags() {
  ServerConfig config;
  config.cloutd = absl::GetFlag(FLAGS_cloutd);
  config.plugins = absl::GetFlag(FLAGS_plugins);
  config.streams = absl::GetFlag(FLAGS_streams);
  config.batch_samples = absl::GetFlag(FLAGS_batch_samples);
  return config;
}

// ---------------------------------------------------------------------------
// Phase A.

// Rank first, so that "cold" really finds no cached result.
absl::Status RankSection(Server* server, const WorkloadOptions& w,
                         ResultLine* result) {
  const int rank_iterations = absl::GetFlag(FLAGS_rank_iterations);
  Section(StrCat("Phase A: Rank top ", kTopK, " by engagement_rate among ",
                 w.creators, " creators, window [start, start + ", w.days,
                 " d), explicit end_ms"));
  ServerMeter rank_meter(server->pid());
  const Clock::time_point start = Clock::now();
  absl::StatusOr<RankFigures> rank = MeasureRank(
      server, w.start_ms, w.start_ms + w.days * kDayMs, rank_iterations);
  if (!rank.ok()) return rank.status();
  PrintRank(*rank, w.creators, kRankSmallTargetMs, "a_rank", result);
  Note(
      StrCat("reference, measured by others on this machine kind (not by "
             "this program): top-100 over 500 creators VictoriaMetrics 7 "
             "ms, PostgreSQL 9 ms"));
  rank_meter.Print(StrCat("Rank (1 cold + ", rank_iterations, " warm)"),
                   Seconds(start, Clock::now()), "a_rank", result);
  return absl::OkStatus();
}

void PrintComputeHeader(const std::string& creator, const WorkloadOptions& w,
                        int iterations) {
  Section(StrCat("Phase A: Metrics.Compute for ", creator, " over ", w.days,
                 " days, ", iterations, " sequential calls after ",
                 kWarmupCalls, " warm-up, 1 channel"));
  Note(
      "uncached: every request distinct, end_ms = window end + i ms (i = "
      "1, 2, ...; no sample lies there, so the data and the value are the "
      "same), so the result cache cannot answer and every call gathers the "
      "inputs and runs the plugin; the blocks come from the decoded sample "
      "cache (warm after the warm-up calls), and a later section repeats "
      "this with that cache off");
  Note(
      "cached: the identical request (end_ms = window end) repeated; the "
      "server answers from its result cache");
}

// The RPC floor, then engagement_rate uncached and cached; returns the
// uncached figures.
absl::StatusOr<ComputeFigures> ComputeSection(
    Server* server, const clout::v1::ComputeRequest& base, int iterations,
    ResultLine* result) {
  absl::StatusOr<Latency> floor = MeasureRpcFloor(server, iterations);
  if (!floor.ok()) return floor.status();
  PrintLatencyShort("RPC floor (Metrics.ListMetrics)", *floor, "a_rpc_floor",
                    result);
  Note(
      "ListMetrics computes and reads nothing: the cost of a unary call "
      "on this channel and server");

  absl::StatusOr<ComputeFigures> uncached =
      MeasureCompute(server, base, /*distinct=*/true, iterations);
  if (!uncached.ok()) return uncached.status();
  Line("engagement_rate value / rows (posts)",
       StrCat(Fixed(uncached->value, 4), " / ", uncached->rows), "");
  PrintLatencyFull("engagement_rate uncached", uncached->latency, true,
                   "a_er_uncached", result);
  Line("  plugin calls during the timed calls", Grouped(uncached->plugin_calls),
       "", StrCat("  (expected ", iterations, ")"));

  absl::StatusOr<ComputeFigures> cached =
      MeasureCompute(server, base, /*distinct=*/false, iterations);
  if (!cached.ok()) return cached.status();
  PrintLatencyFull("engagement_rate cached", cached->latency, true,
                   "a_er_cached", result);
  Line("  plugin calls during the timed calls", Grouped(cached->plugin_calls),
       "", "  (expected 0)");
  if (cached->value != uncached->value) {
    Note(StrCat("NOTE: cached value ", cached->value,
                " differs from the uncached value ", uncached->value));
  }
  Note(
      "reference, measured by others on this machine kind (not by this "
      "program): a comparable engagement query VictoriaMetrics ~0.65 ms, "
      "PostgreSQL ~1.6 ms");
  return uncached;
}

// The variants of engagement_rate and the other built-in metrics, uncached.
absl::Status VariantsSection(Server* server,
                             const clout::v1::ComputeRequest& base,
                             int iterations, ResultLine* result) {
  Section("Phase A: other requests, uncached (distinct end_ms), p50 / p99");
  struct Variant {
    std::string label;
    std::string metric;
    std::map<std::string, std::string> choices;
    std::string key;
  };
  const std::vector<Variant> variants = {
      {"engagement_rate by_views",
       kEngagement,
       {{"variant", "by_views"}},
       "a_er_by_views"},
      {"engagement_rate by_followers",
       kEngagement,
       {{"variant", "by_followers"}},
       "a_er_by_followers"},
      {"follower_quality", kFollowerQuality, {}, "a_fq"},
      {"like_velocity", kLikeVelocity, {}, "a_lv"},
  };
  for (const Variant& v : variants) {
    clout::v1::ComputeRequest request = base;
    request.set_metric(v.metric);
    for (const auto& [name, choice] : v.choices) {
      (*request.mutable_parameters())[name] = Choice(choice);
    }
    absl::StatusOr<ComputeFigures> f =
        MeasureCompute(server, request, /*distinct=*/true, iterations);
    if (!f.ok()) return f.status();
    PrintLatencyShort(v.label, f->latency, v.key, result);
    Line("  value / rows", StrCat(Fixed(f->value, 4), " / ", f->rows), "",
         StrCat("  plugin calls ", f->plugin_calls));
  }
  Note(
      "by_views and by_followers set parameters['variant'] (by_followers "
      "is the default, so it differs from the first measurement only by the "
      "parameter map on the wire); the other metrics use their defaults");
  return absl::OkStatus();
}

// Server-side view of the plugin calls.
absl::Status PluginCountersSection(Server* server) {
  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      GetStats(server->admin.get());
  if (!stats.ok()) return stats.status();
  Section(
      "Phase A: server's plugin counters (Admin.GetStats; compute only, "
      "no data reading)");
  for (const clout::v1::PluginStats& p : stats->plugins()) {
    Line(StrCat(p.metric(), " calls / errors"),
         StrCat(Grouped(p.calls()), " / ", p.errors()), "",
         StrCat("  mean ", Fixed(p.mean_latency_us(), 1), " us, max ",
                Fixed(p.max_latency_us(), 1), " us"));
    if (p.errors() != 0) {
      Note(StrCat("NOTE: ", p.metric(), " reported ", p.errors(), " errors"));
    }
  }
  return absl::OkStatus();
}

// The same uncached Compute without the decoded sample cache: every call
// decodes its blocks (RocksDB's block cache still holds them).
absl::Status NoSampleCacheSection(const ServerConfig& config,
                                  const std::string& data_dir,
                                  const clout::v1::ComputeRequest& base,
                                  const ComputeFigures& uncached,
                                  int iterations, ResultLine* result) {
  Section(
      "Phase A: engagement_rate uncached again, cloutd restarted on the same "
      "data with --sample_cache_mb=0");
  absl::StatusOr<Server> plain =
      StartServer(config, data_dir, {"--sample_cache_mb=0"});
  if (!plain.ok()) return plain.status();
  absl::StatusOr<ComputeFigures> undecoded =
      MeasureCompute(&*plain, base, /*distinct=*/true, iterations);
  if (!undecoded.ok()) return undecoded.status();
  if (undecoded->value != uncached.value) {
    return absl::InternalError(
        StrCat("without the sample cache engagement_rate is ", undecoded->value,
               ", with it ", uncached.value));
  }
  PrintLatencyShort("engagement_rate uncached, no sample cache",
                    undecoded->latency, "a_er_no_sample_cache", result);
  Line("  ratio to the sample-cached p50",
       Fixed(undecoded->latency.p50 / uncached.latency.p50, 2), "x");
  return StopServer(&*plain, "phase A cloutd (no sample cache)");
}

// Every Compute measurement of phase A on the loaded server, then the
// server's plugin counters; returns the uncached engagement_rate figures.
absl::StatusOr<ComputeFigures> ComputeMeasurements(
    Server* server, const WorkloadOptions& w,
    const clout::v1::ComputeRequest& base, ResultLine* result) {
  const int iterations = absl::GetFlag(FLAGS_iterations);
  PrintComputeHeader(base.creator_id(), w, iterations);
  ServerMeter compute_meter(server->pid());
  const Clock::time_point start = Clock::now();
  absl::StatusOr<ComputeFigures> uncached =
      ComputeSection(server, base, iterations, result);
  if (!uncached.ok()) return uncached.status();
  if (absl::Status st = VariantsSection(server, base, iterations, result);
      !st.ok()) {
    return st;
  }
  compute_meter.Print("all Compute measurements", Seconds(start, Clock::now()),
                      "a_compute", result);
  if (absl::Status st = PluginCountersSection(server); !st.ok()) return st;
  return uncached;
}

absl::StatusOr<LoadFigures> PhaseA(const ServerConfig& config,
                                   const WorkDir& dirs,
                                   const WorkloadOptions& w,
                                   ResultLine* result) {
  Section(StrCat("Phase A: load ", w.creators, " creators x ", w.days,
                 " days into a fresh cloutd"));
  absl::StatusOr<Server> server = StartServer(config, dirs.Path(kPhaseADir));
  if (!server.ok()) return server.status();
  absl::StatusOr<LoadFigures> load = Load(config, &*server, w, "a", result);
  if (!load.ok()) return load.status();
  if (absl::Status st = RankSection(&*server, w, result); !st.ok()) return st;

  clout::v1::ComputeRequest base;
  base.set_metric(kEngagement);
  base.set_creator_id(CreatorId(0));
  base.set_start_ms(w.start_ms);
  base.set_end_ms(w.start_ms + w.days * kDayMs);
  absl::StatusOr<ComputeFigures> uncached =
      ComputeMeasurements(&*server, w, base, result);
  if (!uncached.ok()) return uncached.status();
  if (absl::Status st = StopServer(&*server, "phase A cloutd"); !st.ok()) {
    return st;
  }
  if (absl::Status st =
          NoSampleCacheSection(config, dirs.Path(kPhaseADir), base, *uncached,
                               absl::GetFlag(FLAGS_iterations), result);
      !st.ok()) {
    return st;
  }
  return load;
}

// ---------------------------------------------------------------------------
// Phase B.

absl::Status PhaseB(const ServerConfig& config, const WorkDir& dirs,
                    const WorkloadOptions& phase_a, const LoadFigures& load_a,
                    ResultLine* result) {
  const int creators = absl::GetFlag(FLAGS_rank_creators);
  const int rank_iterations = absl::GetFlag(FLAGS_rank_iterations);
  WorkloadOptions w = phase_a;
  w.creators = creators;

  // Phase A's load rate, scaled linearly in creators and days.
  const double per_creator_day =
      load_a.total_seconds() / (phase_a.creators * phase_a.days);
  const double estimate_full = per_creator_day * creators * phase_a.days;
  int days = absl::GetFlag(FLAGS_rank_days);
  std::string why;
  if (days > 0) {
    why = "--rank_days";
  } else if (estimate_full <= absl::GetFlag(FLAGS_max_load_seconds)) {
    days = phase_a.days;
    why = StrCat("auto: estimated ", Fixed(estimate_full, 0), " s for ",
                 phase_a.days, " days is within --max_load_seconds");
  } else {
    days = kFallbackRankDays;
    why =
        StrCat("auto: estimated ", Fixed(estimate_full, 0), " s for ",
               phase_a.days, " days exceeds --max_load_seconds=",
               Fixed(absl::GetFlag(FLAGS_max_load_seconds), 0), "; ",
               kFallbackRankDays, " days estimated at ",
               Fixed(per_creator_day * creators * kFallbackRankDays, 0), " s");
  }
  w.days = days;

  Section(StrCat("Phase B: load ", creators, " creators x ", days,
                 " days into a fresh cloutd"));
  Line("days of history", std::to_string(days), "d", StrCat("  (", why, ")"));
  Note("estimate = phase A load seconds per creator-day x creators x days");
  absl::StatusOr<Server> server = StartServer(config, dirs.Path(kPhaseBDir));
  if (!server.ok()) return server.status();
  absl::StatusOr<LoadFigures> load = Load(config, &*server, w, "b", result);
  if (!load.ok()) return load.status();
  result->Add("b_days", static_cast<int64_t>(days));

  Section(StrCat("Phase B: Rank top ", kTopK, " by engagement_rate among ",
                 creators, " creators, window [start, start + ", days,
                 " d), explicit end_ms"));
  ServerMeter meter(server->pid());
  const Clock::time_point start = Clock::now();
  absl::StatusOr<RankFigures> rank = MeasureRank(
      &*server, w.start_ms, w.start_ms + days * kDayMs, rank_iterations);
  if (!rank.ok()) return rank.status();
  PrintRank(*rank, creators, kRankLargeTargetMs, "b_rank", result);
  meter.Print(StrCat("Rank (1 cold + ", rank_iterations, " warm)"),
              Seconds(start, Clock::now()), "b_rank", result);
  return StopServer(&*server, "phase B cloutd");
}

absl::Status Run(const WorkDir& dirs, ResultLine* result) {
  WorkloadOptions w;
  w.seed = absl::GetFlag(FLAGS_seed);
  w.creators = absl::GetFlag(FLAGS_creators);
  w.days = absl::GetFlag(FLAGS_days);
  if (w.creators < 1 || w.days < 1 || absl::GetFlag(FLAGS_iterations) < 1 ||
      absl::GetFlag(FLAGS_rank_iterations) < 1 ||
      absl::GetFlag(FLAGS_rank_creators) < 0 ||
      absl::GetFlag(FLAGS_streams) < 1 ||
      absl::GetFlag(FLAGS_batch_samples) < 1) {
    return absl::InvalidArgumentError(
        "--creators, --days, --iterations, --rank_iterations, --streams and "
        "--batch_samples must be >= 1, --rank_creators >= 0");
  }
  std::printf(
      "metrics_bench: cloutd Metrics service over gRPC on loopback "
      "(127.0.0.1)\n");
  Line("cloutd", absl::GetFlag(FLAGS_cloutd), "");
  Line("plugins", absl::GetFlag(FLAGS_plugins), "");
  Line("work dir", dirs.root, "");
  Line("machine cores (online)",
       std::to_string(std::thread::hardware_concurrency()), "");
  Line("workload seed", std::to_string(w.seed), "");

  const ServerConfig config = ServerConfigFromFlags();
  absl::StatusOr<LoadFigures> load_a = PhaseA(config, dirs, w, result);
  if (!load_a.ok()) return load_a.status();
  if (absl::GetFlag(FLAGS_rank_creators) == 0) {
    Section("Phase B skipped (--rank_creators=0)");
    return absl::OkStatus();
  }
  return PhaseB(config, dirs, w, *load_a, result);
}

// The work folder, as the flags ask.
WorkDirSpec WorkDirFromFlags() {
  return {absl::GetFlag(FLAGS_work_dir),
          [] { return testing::MakeTempDir("metrics_bench"); },
          {kPhaseADir, kPhaseBDir},
          /*always_remove_root=*/false,
          absl::GetFlag(FLAGS_keep)};
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  return clout::bench::BenchMain(argc, argv, clout::bench::WorkDirFromFlags,
                                 clout::bench::Run);
}

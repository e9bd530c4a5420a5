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
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/process_stats.h"
#include "bench/report.h"
#include "bench/grpc_support.h"
#include "bench/workload.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "grpcpp/grpcpp.h"
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

using clout::v1::Admin;
using clout::v1::Ingest;
using clout::v1::Metrics;
using clout::v1::WriteRequest;
using Clock = std::chrono::steady_clock;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int kWarmupCalls = 100;
constexpr int kRecordsPerUpsert = 1000;
constexpr int kTopK = 100;
// Rank calls over a new window after the cold one.
constexpr int kRecomputedRankCalls = 20;
// Days of phase B when --rank_days=0 and --days would take too long.
constexpr int kFallbackRankDays = 30;
constexpr const char* kEngagement = "engagement_rate";
constexpr const char* kFollowerQuality = "follower_quality";
constexpr const char* kLikeVelocity = "like_velocity";

// Targets (from the brief; this program does not tune anything).
constexpr double kComputeP50TargetUs = 500;
constexpr double kComputeP99TargetUs = 2000;
constexpr double kRankSmallTargetMs = 5;
constexpr double kRankLargeTargetMs = 100;

double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Server CPU and memory over one step of a phase.
class ServerMeter {
 public:
  explicit ServerMeter(pid_t pid)
      : pid_(pid), cpu_start_(ProcessCpuSeconds(pid)) {}
  // Prints CPU since construction, peak RSS so far and current RSS.
  void Print(const std::string& step, double wall_seconds,
             const std::string& key, ResultLine* result) const {
    const double cpu = ProcessCpuSeconds(pid_) - cpu_start_;
    const int64_t hwm = ProcessStatusBytes(pid_, "VmHWM:");
    const int64_t rss = ProcessStatusBytes(pid_, "VmRSS:");
    Line(StrCat("server CPU, ", step), Fixed(cpu, 2), "s",
         wall_seconds > 0 ? StrCat("  = ", Fixed(cpu / wall_seconds, 2),
                                   " cores over ", Fixed(wall_seconds, 2), " s")
                          : "");
    Line("server peak RSS so far (VmHWM) / now (VmRSS)",
         StrCat(Fixed(MiB(hwm), 1), " / ", Fixed(MiB(rss), 1)), "MiB");
    result->Add(key + "_server_cpu_s", cpu, 2);
    result->Add(key + "_server_hwm_mib", MiB(hwm), 1);
  }

 private:
  pid_t pid_;
  double cpu_start_;
};


// One WriteStream call carrying creators `first`, `first + step`, ...;
// checks that the server accepted every sample.
StreamOutcome StreamCreators(Ingest::Stub* stub, const WorkloadOptions& w,
                             int first, int step, int64_t batch_samples) {
  return RunWriteStream(
      stub, batch_samples, StrCat("stream ", first), [&](const auto& add) {
        bool ok = true;
        for (int c = first; c < w.creators && ok; c += step) {
          GenerateCreator(w, c, [&](SeriesData&& s) {
            if (ok) ok = add(s);
          });
        }
      });
}

absl::Status UpsertRecords(Ingest::Stub* ingest, const WorkloadOptions& w,
                           int64_t* post_count) {
  clout::v1::UpsertCreatorsRequest creators;
  auto send_creators = [&]() -> absl::Status {
    if (creators.creators_size() == 0) return absl::OkStatus();
    clout::v1::UpsertCreatorsResponse response;
    grpc::Status st =
        ingest->UpsertCreators(Context(120).get(), creators, &response);
    creators.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertCreators", st);
  };
  for (int c = 0; c < w.creators; ++c) {
    clout::v1::Creator* creator = creators.add_creators();
    creator->set_creator_id(CreatorId(c));
    creator->set_platform("tiktok");
    creator->set_handle(StrCat("synth_creator_", c));
    creator->set_display_name(StrCat("Synthetic creator ", c));
    (*creator->mutable_labels())["source"] = "synthetic";
    if (creators.creators_size() >= kRecordsPerUpsert) {
      if (absl::Status st = send_creators(); !st.ok()) return st;
    }
  }
  if (absl::Status st = send_creators(); !st.ok()) return st;

  clout::v1::UpsertPostsRequest posts;
  auto send_posts = [&]() -> absl::Status {
    if (posts.posts_size() == 0) return absl::OkStatus();
    clout::v1::UpsertPostsResponse response;
    grpc::Status st = ingest->UpsertPosts(Context(120).get(), posts, &response);
    posts.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertPosts", st);
  };
  *post_count = 0;
  for (int c = 0; c < w.creators; ++c) {
    for (const PostInfo& info : Posts(w, c)) {
      clout::v1::Post* post = posts.add_posts();
      post->set_creator_id(info.creator_id);
      post->set_post_id(info.post_id);
      post->set_published_ms(info.published_ms);
      ++*post_count;
      if (posts.posts_size() >= kRecordsPerUpsert) {
        if (absl::Status st = send_posts(); !st.ok()) return st;
      }
    }
  }
  return send_posts();
}

absl::StatusOr<clout::v1::GetStatsResponse> GetStats(Admin::Stub* admin) {
  clout::v1::GetStatsResponse stats;
  grpc::Status st =
      admin->GetStats(Context(600).get(), clout::v1::GetStatsRequest(), &stats);
  if (!st.ok()) return RpcError("Admin.GetStats", st);
  return stats;
}

// Calls into plugin code of `metric` counted by the server so far (cached
// answers do not call the plugin), or -1 if the metric is not listed.
absl::StatusOr<int64_t> PluginCalls(Admin::Stub* admin,
                                    const std::string& metric,
                                    double* mean_us = nullptr) {
  absl::StatusOr<clout::v1::GetStatsResponse> stats = GetStats(admin);
  if (!stats.ok()) return stats.status();
  for (const clout::v1::PluginStats& p : stats->plugins()) {
    if (p.metric() == metric) {
      if (mean_us != nullptr) *mean_us = p.mean_latency_us();
      return p.calls();
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------
// One cloutd with its stubs.

struct Server {
  std::unique_ptr<testing::CloutdProcess> process;
  std::unique_ptr<Ingest::Stub> ingest;
  std::unique_ptr<Metrics::Stub> metrics;
  std::unique_ptr<Admin::Stub> admin;
  std::string target;
  // Offset added to end_ms of the next uncached Compute request, so that no
  // two requests are alike.
  int64_t next_end_offset_ms = 1;
  pid_t pid() const { return process->pid(); }
};

absl::StatusOr<Server> StartServer(
    const std::string& data_dir,
    const std::vector<std::string>& extra_flags = {}) {
  testing::CloutdOptions options;
  options.binary = absl::GetFlag(FLAGS_cloutd);
  options.data_dir = data_dir;
  options.extra_flags = {StrCat("--plugins=", absl::GetFlag(FLAGS_plugins))};
  options.extra_flags.insert(options.extra_flags.end(), extra_flags.begin(),
                             extra_flags.end());
  auto process = testing::CloutdProcess::Start(options);
  if (!process.ok()) return process.status();
  Server server;
  server.process = std::move(*process);
  server.target = server.process->target();
  auto channel = NewChannel(server.target);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                 std::chrono::seconds(10))) {
    return absl::UnavailableError(StrCat("cannot connect to ", server.target));
  }
  server.ingest = Ingest::NewStub(channel);
  server.metrics = Metrics::NewStub(channel);
  server.admin = Admin::NewStub(channel);

  // The three built-in metrics must be loaded.
  clout::v1::ListMetricsResponse listed;
  grpc::Status st = server.metrics->ListMetrics(
      Context(30).get(), clout::v1::ListMetricsRequest(), &listed);
  if (!st.ok()) return RpcError("Metrics.ListMetrics", st);
  std::string names;
  for (const auto& m : listed.metrics()) {
    names += StrCat(names.empty() ? "" : ", ", m.name(), " ", m.version());
  }
  for (const char* want : {kEngagement, kFollowerQuality, kLikeVelocity}) {
    bool found = false;
    for (const auto& m : listed.metrics()) found |= m.name() == want;
    if (!found) {
      return absl::FailedPreconditionError(
          StrCat("cloutd --plugins=", absl::GetFlag(FLAGS_plugins),
                 " does not list metric ", want,
                 " (it lists: ", names.empty() ? "none" : names, ")"));
    }
  }
  Line("cloutd pid / target", StrCat(server.pid(), " / ", server.target), "");
  Line("metrics loaded", names, "");
  return server;
}

absl::Status StopServer(Server* server, const std::string& name) {
  // Close this client's connection first, as an exiting client would.
  server->ingest.reset();
  server->metrics.reset();
  server->admin.reset();
  const Clock::time_point start = Clock::now();
  const int status = server->process->Kill(SIGTERM);
  server->process.reset();
  Line(StrCat(name, " shutdown (SIGTERM)"),
       Fixed(Seconds(start, Clock::now()), 2), "s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(StrCat(
        name, " did not exit cleanly on SIGTERM (wait status ", status, ")"));
  }
  return absl::OkStatus();
}

struct LoadFigures {
  double upsert_seconds = 0;
  double ingest_seconds = 0;
  double compact_seconds = 0;
  double total_seconds() const {
    return upsert_seconds + ingest_seconds + compact_seconds;
  }
  int64_t samples = 0;
  int64_t posts = 0;
};

// Upserts the records, streams the workload over --streams parallel calls
// (creator i on stream i % streams) and compacts; prints the figures.
absl::StatusOr<LoadFigures> Load(Server* server, const WorkloadOptions& w,
                                 const std::string& key, ResultLine* result) {
  LoadFigures f;
  const int streams = absl::GetFlag(FLAGS_streams);
  const int64_t batch_samples = absl::GetFlag(FLAGS_batch_samples);

  ServerMeter meter(server->pid());
  Clock::time_point start = Clock::now();
  if (absl::Status st = UpsertRecords(server->ingest.get(), w, &f.posts);
      !st.ok()) {
    return st;
  }
  f.upsert_seconds = Seconds(start, Clock::now());
  Line("upsert creators + posts", StrCat(w.creators, " + ", f.posts), "records",
       StrCat("  in ", Fixed(f.upsert_seconds, 2), " s"));

  std::vector<std::unique_ptr<Ingest::Stub>> stubs;
  for (int i = 0; i < streams; ++i) {
    auto channel = NewChannel(server->target);
    if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                   std::chrono::seconds(10))) {
      return absl::UnavailableError(
          StrCat("cannot connect to ", server->target));
    }
    stubs.push_back(Ingest::NewStub(channel));
  }
  std::vector<StreamOutcome> outcomes(streams);
  start = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < streams; ++i) {
    threads.emplace_back([&, i] {
      outcomes[i] =
          StreamCreators(stubs[i].get(), w, i, streams, batch_samples);
    });
  }
  for (auto& t : threads) t.join();
  f.ingest_seconds = Seconds(start, Clock::now());
  for (const StreamOutcome& o : outcomes) {
    if (!o.status.ok()) return o.status;
    f.samples += o.samples_sent;
  }
  Line("samples streamed (all accepted)", Grouped(f.samples), "samples",
       StrCat("  in ", Fixed(f.ingest_seconds, 2), " s = ",
              Grouped(static_cast<int64_t>(f.samples / f.ingest_seconds)),
              " samples/s (", streams, " streams, generation included)"));

  start = Clock::now();
  clout::v1::CompactResponse compacted;
  grpc::Status st = server->admin->Compact(
      Context(3600).get(), clout::v1::CompactRequest(), &compacted);
  if (!st.ok()) return RpcError("Admin.Compact", st);
  f.compact_seconds = Seconds(start, Clock::now());
  Line("Admin.Compact", Fixed(f.compact_seconds, 2), "s");

  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      GetStats(server->admin.get());
  if (!stats.ok()) return stats.status();
  if (stats->samples() != f.samples || stats->creators() != w.creators ||
      stats->posts() != f.posts) {
    return absl::InternalError(
        StrCat("server stores ", stats->creators(), " creators, ",
               stats->posts(), " posts, ", stats->samples(), " samples; sent ",
               w.creators, ", ", f.posts, ", ", f.samples));
  }
  Line(
      "stored samples / bytes on disk",
      StrCat(Grouped(stats->samples()), " / ", Grouped(stats->bytes_on_disk())),
      "");
  Line("load total (upsert + stream + compact)", Fixed(f.total_seconds(), 2),
       "s");
  meter.Print("load", f.total_seconds(), key + "_load", result);
  result->Add(key + "_samples", f.samples);
  result->Add(key + "_load_s", f.total_seconds(), 2);
  return f;
}

// ---------------------------------------------------------------------------
// Latency.

struct Latency {
  // Microseconds.
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};

Latency Summarize(std::vector<double> micros) {
  Latency l;
  if (micros.empty()) return l;
  std::sort(micros.begin(), micros.end());
  auto rank = [&](double p) {
    // Nearest rank.
    size_t k = static_cast<size_t>(std::ceil(p * micros.size()));
    return micros[std::clamp<size_t>(k, 1, micros.size()) - 1];
  };
  l.p50 = rank(0.50);
  l.p90 = rank(0.90);
  l.p99 = rank(0.99);
  l.max = micros.back();
  double sum = 0;
  for (double m : micros) sum += m;
  l.mean = sum / static_cast<double>(micros.size());
  return l;
}

double MicrosSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start)
      .count();
}

// What one Compute measurement saw.
struct ComputeFigures {
  Latency latency;
  double value = 0;  // Of the last response.
  int rows = 0;
  int64_t plugin_calls = 0;  // Calls into the plugin during the timed calls.
};

// Times `iterations` sequential Compute calls after kWarmupCalls untimed
// ones. distinct: end_ms of each call is the request's end_ms plus a fresh
// offset (1, 2, ... ms), so the result cache never holds the answer while
// the data read is the same; otherwise the identical request is repeated.
absl::StatusOr<ComputeFigures> MeasureCompute(
    Server* server, const clout::v1::ComputeRequest& base, bool distinct,
    int iterations) {
  ComputeFigures f;
  clout::v1::ComputeRequest request = base;
  clout::v1::ComputeResponse response;
  std::vector<double> micros;
  micros.reserve(iterations);
  absl::StatusOr<int64_t> calls_before = 0;
  for (int i = 0; i < kWarmupCalls + iterations; ++i) {
    if (i == kWarmupCalls) {
      calls_before = PluginCalls(server->admin.get(), base.metric());
      if (!calls_before.ok()) return calls_before.status();
    }
    if (distinct)
      request.set_end_ms(base.end_ms() + server->next_end_offset_ms++);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = server->metrics->Compute(&ctx, request, &response);
    const double us = MicrosSince(start);
    if (!st.ok()) {
      return RpcError(
          StrCat("Compute(", base.metric(), ", ", base.creator_id(), ")"), st);
    }
    if (i >= kWarmupCalls) micros.push_back(us);
  }
  absl::StatusOr<int64_t> calls_after =
      PluginCalls(server->admin.get(), base.metric());
  if (!calls_after.ok()) return calls_after.status();
  f.plugin_calls = *calls_after - *calls_before;
  f.latency = Summarize(std::move(micros));
  f.value = response.result().value();
  f.rows = response.result().rows_size();
  if (!std::isfinite(f.value)) {
    return absl::InternalError(
        StrCat("Compute(", base.metric(), ") returned a non-finite value"));
  }
  return f;
}

// Times `iterations` sequential Metrics.ListMetrics calls (no computation,
// no storage access): the floor of a unary call on this channel.
absl::StatusOr<Latency> MeasureRpcFloor(Server* server, int iterations) {
  std::vector<double> micros;
  micros.reserve(iterations);
  clout::v1::ListMetricsResponse response;
  for (int i = 0; i < kWarmupCalls + iterations; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = server->metrics->ListMetrics(
        &ctx, clout::v1::ListMetricsRequest(), &response);
    const double us = MicrosSince(start);
    if (!st.ok()) return RpcError("Metrics.ListMetrics", st);
    if (i >= kWarmupCalls) micros.push_back(us);
  }
  return Summarize(std::move(micros));
}

void PrintLatencyFull(const std::string& what, const Latency& l,
                      bool with_targets, const std::string& key,
                      ResultLine* result) {
  Line(StrCat(what, " p50"), Fixed(l.p50, 1), "us",
       with_targets ? Target(l.p50, kComputeP50TargetUs, "us") : "");
  Line(StrCat(what, " p90"), Fixed(l.p90, 1), "us");
  Line(StrCat(what, " p99"), Fixed(l.p99, 1), "us",
       with_targets ? Target(l.p99, kComputeP99TargetUs, "us") : "");
  Line(StrCat(what, " max"), Fixed(l.max, 1), "us");
  result->Add(key + "_p50_us", l.p50, 1);
  result->Add(key + "_p90_us", l.p90, 1);
  result->Add(key + "_p99_us", l.p99, 1);
  result->Add(key + "_max_us", l.max, 1);
}

void PrintLatencyShort(const std::string& what, const Latency& l,
                       const std::string& key, ResultLine* result) {
  Line(StrCat(what, " p50 / p99"),
       StrCat(Fixed(l.p50, 1), " / ", Fixed(l.p99, 1)), "us");
  result->Add(key + "_p50_us", l.p50, 1);
  result->Add(key + "_p99_us", l.p99, 1);
}

clout::v1::ParameterValue Choice(const std::string& choice) {
  clout::v1::ParameterValue v;
  v.set_choice(choice);
  return v;
}

// ---------------------------------------------------------------------------
// Rank.

struct RankFigures {
  double cold_ms = 0;
  // Calls over a window no call asked for before (end_ms moved by a few
  // ms): no cached result, but the samples were read by the cold call.
  Latency recomputed;  // Microseconds.
  Latency warm;  // Microseconds.
  int considered = 0;
  int skipped = 0;
  int entries = 0;
  int64_t cold_plugin_calls = 0;
  int64_t warm_plugin_calls = 0;
  double recomputed_cpu_ms = 0;  // Server CPU per new-window call.
  std::string first_creator;
  double first_value = 0;
};

absl::StatusOr<RankFigures> MeasureRank(Server* server, int64_t start_ms,
                                        int64_t end_ms, int iterations) {
  clout::v1::RankRequest request;
  request.set_metric(kEngagement);
  request.set_top_k(kTopK);
  request.set_start_ms(start_ms);
  request.set_end_ms(end_ms);
  RankFigures f;
  auto calls = [&]() { return PluginCalls(server->admin.get(), kEngagement); };

  absl::StatusOr<int64_t> calls0 = calls();
  if (!calls0.ok()) return calls0.status();
  clout::v1::RankResponse cold;
  Clock::time_point start = Clock::now();
  grpc::Status st = server->metrics->Rank(Context(1800).get(), request, &cold);
  f.cold_ms = MicrosSince(start) / 1000;
  if (!st.ok()) return RpcError("Rank (cold)", st);
  absl::StatusOr<int64_t> calls1 = calls();
  if (!calls1.ok()) return calls1.status();
  f.cold_plugin_calls = *calls1 - *calls0;
  f.considered = cold.creators_considered();
  f.skipped = cold.creators_skipped();
  f.entries = cold.entries_size();
  if (f.entries > 0) {
    f.first_creator = cold.entries(0).creator_id();
    f.first_value = cold.entries(0).value();
  }
  const int expected_entries = std::min(kTopK, f.considered - f.skipped);
  if (f.entries != expected_entries) {
    return absl::InternalError(StrCat(
        "Rank returned ", f.entries, " entries; expected ", expected_entries,
        " (considered ", f.considered, ", skipped ", f.skipped, ")"));
  }

  // Later calls over the same data must rank as the cold one did.
  auto same_as_cold = [&cold](const clout::v1::RankResponse& r) {
    return r.entries_size() == cold.entries_size() &&
           (r.entries_size() == 0 ||
            (r.entries(0).creator_id() == cold.entries(0).creator_id() &&
             r.entries(r.entries_size() - 1).creator_id() ==
                 cold.entries(cold.entries_size() - 1).creator_id()));
  };
  std::vector<double> micros;
  micros.reserve(iterations);
  clout::v1::RankResponse warm;
  for (int i = 0; i < iterations; ++i) {
    warm.Clear();
    start = Clock::now();
    st = server->metrics->Rank(Context(1800).get(), request, &warm);
    micros.push_back(MicrosSince(start));
    if (!st.ok()) return RpcError("Rank (warm)", st);
    if (!same_as_cold(warm)) {
      return absl::InternalError("a warm Rank differs from the cold one");
    }
  }
  absl::StatusOr<int64_t> calls2 = calls();
  if (!calls2.ok()) return calls2.status();
  f.warm_plugin_calls = *calls2 - *calls1;
  f.warm = Summarize(std::move(micros));
  // Then windows no call asked for before: every creator computed again,
  // over samples the calls above have read.
  std::vector<double> recomputed;
  const double cpu_before = ProcessCpuSeconds(server->pid());
  for (int i = 1; i <= kRecomputedRankCalls; ++i) {
    clout::v1::RankRequest moved = request;
    moved.set_end_ms(end_ms + i);
    clout::v1::RankResponse response;
    start = Clock::now();
    st = server->metrics->Rank(Context(1800).get(), moved, &response);
    recomputed.push_back(MicrosSince(start));
    if (!st.ok()) return RpcError("Rank (new window)", st);
    if (!same_as_cold(response)) {
      return absl::InternalError(
          "a Rank over a window moved by 1 ms differs from the cold one");
    }
  }
  f.recomputed_cpu_ms = (ProcessCpuSeconds(server->pid()) - cpu_before) *
                        1000 / kRecomputedRankCalls;
  f.recomputed = Summarize(std::move(recomputed));
  return f;
}

void PrintRank(const RankFigures& f, int creators, double target_ms,
               const std::string& key, ResultLine* result) {
  Line("creators considered / skipped", StrCat(f.considered, " / ", f.skipped),
       "", "  (skipped: no rateable post in the window)");
  Line(
      "entries returned", std::to_string(f.entries), "",
      StrCat("  (#1 ", f.first_creator, " = ", Fixed(f.first_value, 3), " %)"));
  Line(StrCat("cold: first call (all ", creators, " computed)"),
       Fixed(f.cold_ms, 2), "ms",
       StrCat(Target(f.cold_ms, target_ms, "ms"), "; plugin calls ",
              f.cold_plugin_calls));
  Line("cold: per creator considered",
       Fixed(f.considered > 0 ? 1000 * f.cold_ms / f.considered : 0, 1), "us",
       "  (wall time of the call / creators; the server computes on its "
       "compute threads)");
  Line(StrCat("new window (end_ms + 1..", kRecomputedRankCalls,
              " ms; all computed, samples read before) p50"),
       Fixed(f.recomputed.p50 / 1000, 2), "ms",
       StrCat(Target(f.recomputed.p50 / 1000, target_ms, "ms"), "; max ",
              Fixed(f.recomputed.max / 1000, 2), " ms"));
  Line("new window: server CPU per call / per creator",
       StrCat(Fixed(f.recomputed_cpu_ms, 2), " ms / ",
              Fixed(f.considered > 0
                        ? 1000 * f.recomputed_cpu_ms / f.considered
                        : 0,
                    1),
              " us"),
       "", "  (all threads of cloutd, from /proc)");
  Line("warm p50 (served from the result cache)", Fixed(f.warm.p50 / 1000, 3),
       "ms", Target(f.warm.p50 / 1000, target_ms, "ms"));
  Line("warm p99", Fixed(f.warm.p99 / 1000, 3), "ms",
       Target(f.warm.p99 / 1000, target_ms, "ms"));
  Line("warm max", Fixed(f.warm.max / 1000, 3), "ms",
       StrCat("  plugin calls during warm calls: ", f.warm_plugin_calls));
  result->Add(key + "_considered", static_cast<int64_t>(f.considered));
  result->Add(key + "_skipped", static_cast<int64_t>(f.skipped));
  result->Add(key + "_cold_ms", f.cold_ms, 2);
  result->Add(key + "_new_window_p50_ms", f.recomputed.p50 / 1000, 2);
  result->Add(key + "_new_window_cpu_ms", f.recomputed_cpu_ms, 2);
  result->Add(key + "_warm_p50_ms", f.warm.p50 / 1000, 3);
  result->Add(key + "_warm_p99_ms", f.warm.p99 / 1000, 3);
}

// ---------------------------------------------------------------------------
// Phases.

struct Dirs {
  std::string root;
  bool root_is_temp = false;
  std::string a;
  std::string b;
};

absl::StatusOr<LoadFigures> PhaseA(const Dirs& dirs, const WorkloadOptions& w,
                                   ResultLine* result) {
  const int iterations = absl::GetFlag(FLAGS_iterations);
  const int rank_iterations = absl::GetFlag(FLAGS_rank_iterations);
  const int64_t window_start = w.start_ms;
  const int64_t window_end = w.start_ms + w.days * kDayMs;

  Section(StrCat("Phase A: load ", w.creators, " creators x ", w.days,
                 " days into a fresh cloutd"));
  absl::StatusOr<Server> server = StartServer(dirs.a);
  if (!server.ok()) return server.status();
  absl::StatusOr<LoadFigures> load = Load(&*server, w, "a", result);
  if (!load.ok()) return load.status();

  // --- Rank first, so that "cold" really finds no cached result.
  Section(StrCat("Phase A: Rank top ", kTopK, " by engagement_rate among ",
                 w.creators, " creators, window [start, start + ", w.days,
                 " d), explicit end_ms"));
  ServerMeter rank_meter(server->pid());
  Clock::time_point start = Clock::now();
  absl::StatusOr<RankFigures> rank =
      MeasureRank(&*server, window_start, window_end, rank_iterations);
  if (!rank.ok()) return rank.status();
  PrintRank(*rank, w.creators, kRankSmallTargetMs, "a_rank", result);
  Note(
      StrCat("reference, measured by others on this machine kind (not by "
             "this program): top-100 over 500 creators VictoriaMetrics 7 "
             "ms, PostgreSQL 9 ms"));
  rank_meter.Print(StrCat("Rank (1 cold + ", rank_iterations, " warm)"),
                   Seconds(start, Clock::now()), "a_rank", result);

  // --- Compute.
  const std::string creator = CreatorId(0);
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
  ServerMeter compute_meter(server->pid());
  start = Clock::now();
  clout::v1::ComputeRequest base;
  base.set_metric(kEngagement);
  base.set_creator_id(creator);
  base.set_start_ms(window_start);
  base.set_end_ms(window_end);

  absl::StatusOr<Latency> floor = MeasureRpcFloor(&*server, iterations);
  if (!floor.ok()) return floor.status();
  PrintLatencyShort("RPC floor (Metrics.ListMetrics)", *floor, "a_rpc_floor",
                    result);
  Note(
      "ListMetrics computes and reads nothing: the cost of a unary call "
      "on this channel and server");

  absl::StatusOr<ComputeFigures> uncached =
      MeasureCompute(&*server, base, /*distinct=*/true, iterations);
  if (!uncached.ok()) return uncached.status();
  Line("engagement_rate value / rows (posts)",
       StrCat(Fixed(uncached->value, 4), " / ", uncached->rows), "");
  PrintLatencyFull("engagement_rate uncached", uncached->latency, true,
                   "a_er_uncached", result);
  Line("  plugin calls during the timed calls", Grouped(uncached->plugin_calls),
       "", StrCat("  (expected ", iterations, ")"));

  absl::StatusOr<ComputeFigures> cached =
      MeasureCompute(&*server, base, /*distinct=*/false, iterations);
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
        MeasureCompute(&*server, request, /*distinct=*/true, iterations);
    if (!f.ok()) return f.status();
    PrintLatencyShort(v.label, f->latency, v.key, result);
    Line("  value / rows", StrCat(Fixed(f->value, 4), " / ", f->rows), "",
         StrCat("  plugin calls ", f->plugin_calls));
  }
  Note(
      "by_views and by_followers set parameters['variant'] (by_followers "
      "is the default, so it differs from the first measurement only by the "
      "parameter map on the wire); the other metrics use their defaults");
  compute_meter.Print("all Compute measurements", Seconds(start, Clock::now()),
                      "a_compute", result);

  // Server-side view of the plugin calls.
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
  if (absl::Status st = StopServer(&*server, "phase A cloutd"); !st.ok()) {
    return st;
  }

  // --- The same uncached Compute without the decoded sample cache: every
  // call decodes its blocks (RocksDB's block cache still holds them).
  Section(
      "Phase A: engagement_rate uncached again, cloutd restarted on the same "
      "data with --sample_cache_mb=0");
  absl::StatusOr<Server> plain =
      StartServer(dirs.a, {"--sample_cache_mb=0"});
  if (!plain.ok()) return plain.status();
  absl::StatusOr<ComputeFigures> undecoded =
      MeasureCompute(&*plain, base, /*distinct=*/true, iterations);
  if (!undecoded.ok()) return undecoded.status();
  if (undecoded->value != uncached->value) {
    return absl::InternalError(
        StrCat("without the sample cache engagement_rate is ",
               undecoded->value, ", with it ", uncached->value));
  }
  PrintLatencyShort("engagement_rate uncached, no sample cache",
                    undecoded->latency, "a_er_no_sample_cache", result);
  Line("  ratio to the sample-cached p50",
       Fixed(undecoded->latency.p50 / uncached->latency.p50, 2), "x");
  if (absl::Status st = StopServer(&*plain, "phase A cloutd (no sample cache)");
      !st.ok()) {
    return st;
  }
  return load;
}

absl::Status PhaseB(const Dirs& dirs, const WorkloadOptions& phase_a,
                    const LoadFigures& load_a, ResultLine* result) {
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
  absl::StatusOr<Server> server = StartServer(dirs.b);
  if (!server.ok()) return server.status();
  absl::StatusOr<LoadFigures> load = Load(&*server, w, "b", result);
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

absl::Status Run(const Dirs& dirs, ResultLine* result) {
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

  absl::StatusOr<LoadFigures> load_a = PhaseA(dirs, w, result);
  if (!load_a.ok()) return load_a.status();
  if (absl::GetFlag(FLAGS_rank_creators) == 0) {
    Section("Phase B skipped (--rank_creators=0)");
    return absl::OkStatus();
  }
  return PhaseB(dirs, w, *load_a, result);
}

absl::Status PrepareDirs(Dirs* dirs) {
  const std::string flag = absl::GetFlag(FLAGS_work_dir);
  if (flag.empty()) {
    dirs->root = testing::MakeTempDir("metrics_bench");
    dirs->root_is_temp = true;
  } else {
    dirs->root = flag;
    std::error_code ec;
    std::filesystem::create_directories(dirs->root, ec);
    if (ec) {
      return absl::InvalidArgumentError(
          StrCat("cannot create --work_dir ", flag, ": ", ec.message()));
    }
  }
  dirs->a = dirs->root + "/clout_phase_a";
  dirs->b = dirs->root + "/clout_phase_b";
  for (const std::string* d : {&dirs->a, &dirs->b}) {
    if (std::filesystem::exists(*d)) {
      return absl::AlreadyExistsError(
          StrCat(*d, " exists; the benchmark needs fresh folders"));
    }
  }
  return absl::OkStatus();
}

void RemoveDirs(const Dirs& dirs) {
  std::error_code ec;
  if (dirs.root_is_temp) {
    std::filesystem::remove_all(dirs.root, ec);
    return;
  }
  for (const std::string* d : {&dirs.a, &dirs.b}) {
    std::filesystem::remove_all(*d, ec);
  }
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  clout::bench::Dirs dirs;
  if (absl::Status st = clout::bench::PrepareDirs(&dirs); !st.ok()) {
    std::fprintf(stderr, "FAIL: %s\n", st.ToString().c_str());
    return 1;
  }
  clout::bench::ResultLine result;
  const absl::Status st = clout::bench::Run(dirs, &result);
  if (absl::GetFlag(FLAGS_keep)) {
    std::printf("\nkept %s\n", dirs.root.c_str());
  } else {
    clout::bench::RemoveDirs(dirs);
  }
  if (!st.ok()) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("\n");
  result.Print();
  return 0;
}

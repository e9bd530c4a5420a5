#include "bench/metrics_server.h"

#include <sys/wait.h>

#include <csignal>
#include <utility>

#include "bench/grpc_support.h"
#include "bench/latency.h"
#include "bench/process_stats.h"
#include "bench/workload_upload.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"

namespace clout::bench {
namespace {

using clout::v1::Admin;
using clout::v1::Ingest;
using clout::v1::Metrics;

// The metrics cloutd lists, as "name version, ...", once the three built-in
// ones are among them; FAILED_PRECONDITION otherwise.
absl::StatusOr<std::string> CheckBuiltInMetrics(Metrics::Stub* metrics,
                                                const std::string& plugins) {
  clout::v1::ListMetricsResponse listed;
  grpc::Status st = metrics->ListMetrics(
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
          StrCat("cloutd --plugins=", plugins, " does not list metric ", want,
                 " (it lists: ", names.empty() ? "none" : names, ")"));
    }
  }
  return names;
}

// Streams the workload over config.streams parallel calls; the wall time in
// *seconds, the samples sent in *samples.
absl::Status StreamIntoServer(const ServerConfig& config, const Server& server,
                              const WorkloadOptions& w, double* seconds,
                              int64_t* samples) {
  auto stubs = ConnectIngestStubs(server.target, config.streams);
  if (!stubs.ok()) return stubs.status();
  const Clock::time_point start = Clock::now();
  const std::vector<StreamOutcome> outcomes =
      StreamWorkload(*stubs, w, config.batch_samples);
  *seconds = Seconds(start, Clock::now());
  for (const StreamOutcome& o : outcomes) {
    if (!o.status.ok()) return o.status;
    *samples += o.samples_sent;
  }
  return absl::OkStatus();
}

// Compacts, then checks the stored counts against what was sent.
absl::Status CompactAndCheck(Server* server, const WorkloadOptions& w,
                             LoadFigures* f) {
  const Clock::time_point start = Clock::now();
  clout::v1::CompactResponse compacted;
  grpc::Status st = server->admin->Compact(
      Context(3600).get(), clout::v1::CompactRequest(), &compacted);
  if (!st.ok()) return RpcError("Admin.Compact", st);
  f->compact_seconds = Seconds(start, Clock::now());
  Line("Admin.Compact", Fixed(f->compact_seconds, 2), "s");

  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      GetStats(server->admin.get());
  if (!stats.ok()) return stats.status();
  if (stats->samples() != f->samples || stats->creators() != w.creators ||
      stats->posts() != f->posts) {
    return absl::InternalError(
        StrCat("server stores ", stats->creators(), " creators, ",
               stats->posts(), " posts, ", stats->samples(), " samples; sent ",
               w.creators, ", ", f->posts, ", ", f->samples));
  }
  Line(
      "stored samples / bytes on disk",
      StrCat(Grouped(stats->samples()), " / ", Grouped(stats->bytes_on_disk())),
      "");
  return absl::OkStatus();
}

}  // namespace

ServerMeter::ServerMeter(pid_t pid)
    : pid_(pid), cpu_start_(ProcessCpuSeconds(pid)) {}

void ServerMeter::Print(const std::string& step, double wall_seconds,
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

absl::StatusOr<Server> StartServer(
    const ServerConfig& config, const std::string& data_dir,
    const std::vector<std::string>& extra_flags) {
  testing::CloutdOptions options;
  options.binary = config.cloutd;
  options.data_dir = data_dir;
  options.extra_flags = {StrCat("--plugins=", config.plugins)};
  options.extra_flags.insert(options.extra_flags.end(), extra_flags.begin(),
                             extra_flags.end());
  auto process = testing::CloutdProcess::Start(options);
  if (!process.ok()) return process.status();
  Server server;
  server.process = std::move(*process);
  server.target = server.process->target();
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      ConnectedChannel(server.target);
  if (!channel.ok()) return channel.status();
  server.ingest = Ingest::NewStub(*channel);
  server.metrics = Metrics::NewStub(*channel);
  server.admin = Admin::NewStub(*channel);

  absl::StatusOr<std::string> names =
      CheckBuiltInMetrics(server.metrics.get(), config.plugins);
  if (!names.ok()) return names.status();
  Line("cloutd pid / target", StrCat(server.pid(), " / ", server.target), "");
  Line("metrics loaded", *names, "");
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

absl::StatusOr<LoadFigures> Load(const ServerConfig& config, Server* server,
                                 const WorkloadOptions& w,
                                 const std::string& key, ResultLine* result) {
  LoadFigures f;
  ServerMeter meter(server->pid());
  const Clock::time_point start = Clock::now();
  if (absl::Status st = UpsertRecords(server->ingest.get(), w, &f.posts);
      !st.ok()) {
    return st;
  }
  f.upsert_seconds = Seconds(start, Clock::now());
  Line("upsert creators + posts", StrCat(w.creators, " + ", f.posts), "records",
       StrCat("  in ", Fixed(f.upsert_seconds, 2), " s"));

  if (absl::Status st =
          StreamIntoServer(config, *server, w, &f.ingest_seconds, &f.samples);
      !st.ok()) {
    return st;
  }
  Line("samples streamed (all accepted)", Grouped(f.samples), "samples",
       StrCat(
           "  in ", Fixed(f.ingest_seconds, 2),
           " s = ", Grouped(static_cast<int64_t>(f.samples / f.ingest_seconds)),
           " samples/s (", config.streams, " streams, generation included)"));

  if (absl::Status st = CompactAndCheck(server, w, &f); !st.ok()) return st;
  Line("load total (upsert + stream + compact)", Fixed(f.total_seconds(), 2),
       "s");
  meter.Print("load", f.total_seconds(), key + "_load", result);
  result->Add(key + "_samples", f.samples);
  result->Add(key + "_load_s", f.total_seconds(), 2);
  return f;
}

absl::StatusOr<clout::v1::GetStatsResponse> GetStats(Admin::Stub* admin) {
  clout::v1::GetStatsResponse stats;
  grpc::Status st =
      admin->GetStats(Context(600).get(), clout::v1::GetStatsRequest(), &stats);
  if (!st.ok()) return RpcError("Admin.GetStats", st);
  return stats;
}

absl::StatusOr<int64_t> PluginCalls(Admin::Stub* admin,
                                    const std::string& metric,
                                    double* mean_us) {
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

}  // namespace clout::bench

#include "bench/ingest_cloutd.h"

#include <sys/wait.h>

#include <csignal>
#include <utility>

#include "bench/grpc_support.h"
#include "bench/latency.h"
#include "bench/process_stats.h"
#include "server/common/strings.h"

namespace clout::bench {

absl::StatusOr<IngestServer> StartIngestServer(const std::string& cloutd,
                                               const std::string& data_dir) {
  testing::CloutdOptions server_options;
  server_options.binary = cloutd;
  server_options.data_dir = data_dir;
  auto process = testing::CloutdProcess::Start(server_options);
  if (!process.ok()) return process.status();
  IngestServer server;
  server.process = std::move(*process);
  auto channel = NewChannel(server.process->target());
  server.ingest = clout::v1::Ingest::NewStub(channel);
  server.query = clout::v1::Query::NewStub(channel);
  server.admin = clout::v1::Admin::NewStub(channel);
  return server;
}

int64_t PeakRssBytes(pid_t pid) { return ProcessStatusBytes(pid, "VmHWM:"); }

absl::StatusOr<clout::v1::GetStatsResponse> CompactAndStat(
    clout::v1::Admin::Stub* admin, double* seconds) {
  const Clock::time_point start = Clock::now();
  clout::v1::CompactResponse compacted;
  grpc::Status st = admin->Compact(Context(3600).get(),
                                   clout::v1::CompactRequest(), &compacted);
  if (!st.ok()) return RpcError("Admin.Compact", st);
  *seconds = Seconds(start, Clock::now());
  clout::v1::GetStatsResponse stats;
  st =
      admin->GetStats(Context(600).get(), clout::v1::GetStatsRequest(), &stats);
  if (!st.ok()) return RpcError("Admin.GetStats", st);
  return stats;
}

void PrintStorage(const clout::v1::GetStatsResponse& stats,
                  double compact_seconds, const std::string& prefix,
                  ResultLine* result) {
  const double samples = static_cast<double>(stats.samples());
  const double table_bps = stats.sample_table_bytes() / samples;
  const double disk_bps = stats.bytes_on_disk() / samples;
  Line("compaction", Fixed(compact_seconds, 2), "s");
  Line("creators / posts / series stored",
       StrCat(stats.creators(), " / ", stats.posts(), " / ", stats.series()),
       "");
  Line("samples stored", Grouped(stats.samples()), "samples");
  Line("sample_table_bytes", Grouped(stats.sample_table_bytes()), "bytes");
  Line("bytes_on_disk", Grouped(stats.bytes_on_disk()), "bytes");
  Line("sample tables per sample", Fixed(table_bps, 3), "bytes/sample");
  Line("disk per sample", Fixed(disk_bps, 3), "bytes/sample");
  result->Add(prefix + "stored_samples", stats.samples());
  result->Add(prefix + "sample_table_bytes", stats.sample_table_bytes());
  result->Add(prefix + "bytes_on_disk", stats.bytes_on_disk());
  result->Add(prefix + "table_bytes_per_sample", table_bps, 4);
  result->Add(prefix + "disk_bytes_per_sample", disk_bps, 4);
}

absl::Status StopServer(std::unique_ptr<testing::CloutdProcess>* server,
                        const std::string& name) {
  const Clock::time_point start = Clock::now();
  const int status = (*server)->Kill(SIGTERM);
  server->reset();
  Line(StrCat(name, " shutdown (SIGTERM)"),
       Fixed(Seconds(start, Clock::now()), 2), "s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        StrCat(name, " did not exit cleanly: wait status ", status));
  }
  return absl::OkStatus();
}

}  // namespace clout::bench

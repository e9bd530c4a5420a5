#include "bench/ingest_phases.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "bench/grpc_support.h"
#include "bench/ingest_cloutd.h"
#include "bench/latency.h"
#include "bench/process_stats.h"
#include "bench/workload_upload.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"
#include "tests/support/cloutd_process.h"

namespace clout::bench {
namespace {

using clout::v1::Admin;
using clout::v1::Ingest;
using clout::v1::Query;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int kWarmupReads = 100;

struct IngestFigures {
  int64_t samples = 0;
  int64_t messages = 0;
  double wall_seconds = 0;
  double server_cpu_seconds = 0;
  double client_cpu_seconds = 0;
  int64_t server_peak_rss = 0;
};

// Streams the workload with `streams` parallel WriteStream calls, creator i
// on stream i % streams, each stream on its own thread and channel.
absl::StatusOr<IngestFigures> IngestWorkload(const std::string& target,
                                             pid_t server_pid,
                                             const WorkloadOptions& workload,
                                             int streams,
                                             int64_t batch_samples) {
  auto stubs = ConnectIngestStubs(target, streams);
  if (!stubs.ok()) return stubs.status();
  IngestFigures figures;
  const double server_cpu_start = ProcessCpuSeconds(server_pid);
  const double client_cpu_start = SelfCpuSeconds();
  const Clock::time_point start = Clock::now();
  const std::vector<StreamOutcome> outcomes =
      StreamWorkload(*stubs, workload, batch_samples);
  figures.wall_seconds = Seconds(start, Clock::now());
  figures.client_cpu_seconds = SelfCpuSeconds() - client_cpu_start;
  figures.server_cpu_seconds = ProcessCpuSeconds(server_pid) - server_cpu_start;
  figures.server_peak_rss = PeakRssBytes(server_pid);
  for (const StreamOutcome& outcome : outcomes) {
    if (!outcome.status.ok()) return outcome.status;
    figures.samples += outcome.samples_sent;
    figures.messages += outcome.messages_sent;
  }
  return figures;
}

void PrintIngest(const IngestFigures& ingested, const WorkloadCensus& census,
                 ResultLine* result) {
  const double rate = ingested.samples / ingested.wall_seconds;
  Line("samples sent (all acknowledged)", Grouped(ingested.samples), "samples");
  Line("WriteStream messages", Grouped(ingested.messages), "");
  Line("wall (stream start to last response)", Fixed(ingested.wall_seconds, 3),
       "s");
  Line("throughput", Grouped(static_cast<int64_t>(rate)), "samples/s",
       "  (target >= 2,000,000)");
  Line("server CPU (utime+stime)", Fixed(ingested.server_cpu_seconds, 2), "s",
       StrCat("  = ",
              Fixed(ingested.server_cpu_seconds / ingested.wall_seconds, 2),
              " cores"));
  Line("client CPU (incl. generation)", Fixed(ingested.client_cpu_seconds, 2),
       "s",
       StrCat("  = ",
              Fixed(ingested.client_cpu_seconds / ingested.wall_seconds, 2),
              " cores"));
  Line("  of which generation (measured above)", Fixed(census.cpu_seconds, 2),
       "s");
  Line("  client gRPC + packing (difference)",
       Fixed(ingested.client_cpu_seconds - census.cpu_seconds, 2), "s");
  Line("server peak RSS (VmHWM)",
       Fixed(ingested.server_peak_rss / 1048576.0, 1), "MiB");
  result->Add("ingest_s", ingested.wall_seconds, 3);
  result->Add("ingest_samples_per_s", static_cast<int64_t>(rate));
  result->Add("server_cpu_s", ingested.server_cpu_seconds, 2);
  result->Add("client_cpu_s", ingested.client_cpu_seconds, 2);
  result->Add("server_peak_rss_bytes", ingested.server_peak_rss);
}

// Upserts the records and streams the workload; returns the throughput.
absl::StatusOr<double> IngestPhase(const IngestConfig& config,
                                   const WorkloadCensus& census,
                                   testing::CloutdProcess* server,
                                   Ingest::Stub* ingest, ResultLine* result) {
  const WorkloadOptions& workload = config.workload;
  const Clock::time_point upsert_start = Clock::now();
  int64_t posts_sent = 0;
  if (absl::Status st = UpsertRecords(ingest, workload, &posts_sent);
      !st.ok()) {
    return st;
  }
  const double upsert_seconds = Seconds(upsert_start, Clock::now());
  Line("upsert creators + posts",
       StrCat(workload.creators, " + ", census.posts), "records",
       StrCat("  in ", Fixed(upsert_seconds, 3), " s"));

  absl::StatusOr<IngestFigures> ingested =
      IngestWorkload(server->target(), server->pid(), workload, config.streams,
                     config.batch_samples);
  if (!ingested.ok()) return ingested.status();
  if (ingested->samples != census.samples) {
    return absl::InternalError(StrCat("sent ", ingested->samples,
                                      " samples, generated ", census.samples));
  }
  PrintIngest(*ingested, census, result);
  return ingested->samples / ingested->wall_seconds;
}

absl::StatusOr<clout::v1::GetStatsResponse> StoragePhase(
    Admin::Stub* admin, const WorkloadCensus& census, ResultLine* result) {
  Section("Storage after Admin.Compact (Admin.GetStats)");
  double compact_seconds = 0;
  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      CompactAndStat(admin, &compact_seconds);
  if (!stats.ok()) return stats.status();
  PrintStorage(*stats, compact_seconds, "", result);
  if (stats->samples() != census.samples) {
    return absl::InternalError(StrCat("server stores ", stats->samples(),
                                      " samples, ", census.samples,
                                      " were sent"));
  }
  Note("targets: <= 1.0 byte/sample");
  return stats;
}

struct ReadFigures {
  Latency latency;  // Microseconds.
  int64_t samples_returned = 0;
};

// Checks that the raw samples of `response` equal `expected` restricted to
// [start_ms, end_ms).
absl::Status CheckReadBack(const std::string& name, const SeriesData& expected,
                           int64_t start_ms, int64_t end_ms,
                           const clout::v1::ReadSeriesResponse& response) {
  std::vector<int64_t> want_ts;
  std::vector<int64_t> want_values;
  for (size_t i = 0; i < expected.timestamps_ms.size(); ++i) {
    const int64_t t = expected.timestamps_ms[i];
    if (t >= start_ms && t < end_ms) {
      want_ts.push_back(t);
      want_values.push_back(expected.values[i]);
    }
  }
  if (!std::equal(want_ts.begin(), want_ts.end(),
                  response.timestamps_ms().begin(),
                  response.timestamps_ms().end()) ||
      !std::equal(want_values.begin(), want_values.end(),
                  response.values().begin(), response.values().end())) {
    return absl::InternalError(StrCat(
        name, " returned ", response.timestamps_ms_size(), " timestamps and ",
        response.values_size(), " values that differ from the ", want_ts.size(),
        " samples written"));
  }
  return absl::OkStatus();
}

// Times `iterations` sequential ReadSeries calls (after kWarmupReads
// untimed ones) and checks the last response with CheckReadBack.
absl::StatusOr<ReadFigures> MeasureReads(Query::Stub* query,
                                         const SeriesData& expected,
                                         int64_t start_ms, int64_t end_ms,
                                         int iterations) {
  clout::v1::ReadSeriesRequest request;
  request.set_creator_id(expected.creator_id);
  request.set_post_id(expected.post_id);
  request.set_field(expected.field);
  request.set_start_ms(start_ms);
  request.set_end_ms(end_ms);
  const std::string name = StrCat("ReadSeries(", expected.creator_id, " ",
                                  expected.post_id, " ", expected.field, ")");

  clout::v1::ReadSeriesResponse response;
  std::vector<double> micros;
  micros.reserve(iterations);
  for (int i = 0; i < kWarmupReads + iterations; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = query->ReadSeries(&ctx, request, &response);
    const Clock::time_point end = Clock::now();
    if (!st.ok()) return RpcError(name, st);
    if (i >= kWarmupReads) micros.push_back(Micros(start, end));
  }
  if (absl::Status st =
          CheckReadBack(name, expected, start_ms, end_ms, response);
      !st.ok()) {
    return st;
  }
  ReadFigures figures;
  figures.latency = Summarize(std::move(micros));
  figures.samples_returned = response.timestamps_ms_size();
  return figures;
}

void PrintReads(const std::string& what, const ReadFigures& f,
                const std::string& key, ResultLine* result) {
  Line(StrCat(what, " samples returned"), Grouped(f.samples_returned),
       "samples");
  result->Add(key + "_samples", f.samples_returned);
  PrintLatencyLines(what, f.latency, "", "  (target < 1000 us)", key, result);
}

absl::Status ReadPhase(const IngestConfig& config, const WorkloadCensus& census,
                       Query::Stub* query, ResultLine* result) {
  const WorkloadOptions& workload = config.workload;
  const int64_t period_end_ms = workload.start_ms + workload.days * kDayMs;
  Section(StrCat("Query.ReadSeries latency (raw, ", workload.days, " days, ",
                 config.read_iterations, " sequential calls after ",
                 kWarmupReads, " warm-up)"));
  absl::StatusOr<ReadFigures> account =
      MeasureReads(query, census.account_series, workload.start_ms,
                   period_end_ms, config.read_iterations);
  if (!account.ok()) return account.status();
  PrintReads("account followers", *account, "read_account", result);
  absl::StatusOr<ReadFigures> post =
      MeasureReads(query, census.post_series, workload.start_ms, period_end_ms,
                   config.read_iterations);
  if (!post.ok()) return post.status();
  PrintReads("post views", *post, "read_post", result);
  return absl::OkStatus();
}

}  // namespace

WorkloadCensus GenerationPhase(const WorkloadOptions& workload,
                               ResultLine* result) {
  Section("Workload generation alone (1 thread, counting sink)");
  WorkloadCensus census;
  const std::string first_post =
      workload.creators > 0 && !Posts(workload, 0).empty()
          ? Posts(workload, 0).front().post_id
          : "";
  const double cpu_start = SelfCpuSeconds();
  const Clock::time_point start = Clock::now();
  for (int c = 0; c < workload.creators; ++c) {
    GenerateCreator(workload, c, [&](SeriesData&& s) {
      ++census.series;
      census.samples += static_cast<int64_t>(s.timestamps_ms.size());
      if (c != 0) return;
      if (s.post_id.empty() && s.field == "followers") {
        census.account_series = std::move(s);
      } else if (!first_post.empty() && s.post_id == first_post &&
                 s.field == "views") {
        census.post_series = std::move(s);
      }
    });
  }
  census.wall_seconds = Seconds(start, Clock::now());
  census.cpu_seconds = SelfCpuSeconds() - cpu_start;
  for (int c = 0; c < workload.creators; ++c) {
    census.posts += static_cast<int64_t>(Posts(workload, c).size());
  }
  Line("series", Grouped(census.series), "");
  Line("posts", Grouped(census.posts), "");
  Line("samples", Grouped(census.samples), "samples");
  Line("generation wall", Fixed(census.wall_seconds, 2), "s");
  Line("generation CPU", Fixed(census.cpu_seconds, 2), "s");
  Line("generation rate",
       Grouped(static_cast<int64_t>(census.samples / census.wall_seconds)),
       "samples/s");
  result->Add("samples", census.samples);
  result->Add("gen_cpu_s", census.cpu_seconds, 3);
  return census;
}

absl::StatusOr<SyntheticFigures> SyntheticPhase(const IngestConfig& config,
                                                const WorkloadCensus& census,
                                                const std::string& data_dir,
                                                ResultLine* result) {
  Section("Synthetic ingest (Ingest.WriteStream, WAL on, no --sync)");
  absl::StatusOr<IngestServer> server =
      StartIngestServer(config.cloutd, data_dir);
  if (!server.ok()) return server.status();

  SyntheticFigures figures;
  absl::StatusOr<double> rate = IngestPhase(
      config, census, server->process.get(), server->ingest.get(), result);
  if (!rate.ok()) return rate.status();
  figures.samples_per_second = *rate;
  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      StoragePhase(server->admin.get(), census, result);
  if (!stats.ok()) return stats.status();
  figures.stats = *std::move(stats);
  if (absl::Status st = ReadPhase(config, census, server->query.get(), result);
      !st.ok()) {
    return st;
  }
  Line("server peak RSS (VmHWM) at the end",
       Fixed(PeakRssBytes(server->process->pid()) / 1048576.0, 1), "MiB");
  if (absl::Status st = StopServer(&server->process, "synthetic cloutd");
      !st.ok()) {
    return st;
  }
  return figures;
}

}  // namespace clout::bench

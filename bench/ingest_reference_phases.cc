// The phases of ingest_bench that put the synthetic figures in context: the
// real TikTok data set, and the plain-RocksDB baseline.
#include <set>
#include <string>
#include <vector>

#include "bench/baseline_rocksdb.h"
#include "bench/grpc_support.h"
#include "bench/ingest_cloutd.h"
#include "bench/ingest_phases.h"
#include "bench/latency.h"
#include "bench/real_data.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"
#include "tests/support/cloutd_process.h"

namespace clout::bench {
namespace {

using clout::v1::Ingest;

// Samples in the real TikTok hourly file after merging duplicate snapshots.
constexpr int64_t kExpectedRealSamples = 379132;

struct RealData {
  std::vector<SeriesData> series;
  std::set<std::string> creators;
  int64_t samples = 0;
};

// Parses the real file in the client and prints what it holds.
absl::StatusOr<RealData> ParseRealData(const std::string& path) {
  RealData real;
  std::string error;
  const Clock::time_point parse_start = Clock::now();
  if (!LoadTikTokHourly(path, &real.series, &error)) {
    return absl::NotFoundError(StrCat("real data: ", error));
  }
  const double parse_seconds = Seconds(parse_start, Clock::now());
  for (const SeriesData& s : real.series) {
    real.samples += static_cast<int64_t>(s.timestamps_ms.size());
    real.creators.insert(s.creator_id);
  }
  Line("file", path, "");
  Line("parse (gunzip + CSV, in client)", Fixed(parse_seconds, 2), "s");
  Line("creators / series",
       StrCat(real.creators.size(), " / ", real.series.size()), "");
  if (real.samples != kExpectedRealSamples) {
    return absl::InternalError(StrCat("the real file holds ", real.samples,
                                      " samples, expected ",
                                      kExpectedRealSamples));
  }
  return real;
}

// Upserts the creator records, then streams every series in one call;
// returns the write rate in samples per second.
absl::StatusOr<double> WriteRealData(const RealData& real,
                                     int64_t batch_samples,
                                     Ingest::Stub* ingest) {
  clout::v1::UpsertCreatorsRequest request;
  for (const std::string& id : real.creators) {
    clout::v1::Creator* creator = request.add_creators();
    creator->set_creator_id(id);
    creator->set_platform("tiktok");
  }
  clout::v1::UpsertCreatorsResponse response;
  grpc::Status st =
      ingest->UpsertCreators(Context(120).get(), request, &response);
  if (!st.ok()) return RpcError("UpsertCreators (real)", st);

  const Clock::time_point real_start = Clock::now();
  const StreamOutcome real_outcome =
      RunWriteStream(ingest, batch_samples, "real data", [&](const auto& add) {
        for (const SeriesData& s : real.series) {
          if (!add(s)) break;
        }
      });
  const double real_seconds = Seconds(real_start, Clock::now());
  if (!real_outcome.status.ok()) return real_outcome.status;
  const double real_rate = real.samples / real_seconds;
  Line("samples sent (all acknowledged)", Grouped(real_outcome.samples_sent),
       "samples");
  Line("write wall (1 stream)", Fixed(real_seconds, 3), "s");
  Line("load rate", Grouped(static_cast<int64_t>(real_rate)), "samples/s");
  return real_rate;
}

}  // namespace

absl::Status RealDataPhase(const IngestConfig& config,
                           const std::string& data_dir, ResultLine* result) {
  Section("Real data: TikTok top creators, hourly 2022");
  absl::StatusOr<RealData> real =
      ParseRealData(StrCat(config.real_data_dir, "/", kTikTokHourlyFile));
  if (!real.ok()) return real.status();
  absl::StatusOr<IngestServer> server =
      StartIngestServer(config.cloutd, data_dir);
  if (!server.ok()) return server.status();
  absl::StatusOr<double> rate =
      WriteRealData(*real, config.batch_samples, server->ingest.get());
  if (!rate.ok()) return rate.status();
  double compact_seconds = 0;
  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      CompactAndStat(server->admin.get(), &compact_seconds);
  if (!stats.ok()) return stats.status();
  PrintStorage(*stats, compact_seconds, "real_", result);
  if (stats->samples() != kExpectedRealSamples) {
    return absl::InternalError(StrCat("real server stores ", stats->samples(),
                                      " samples, ", kExpectedRealSamples,
                                      " were sent"));
  }
  Note("target: <= 2.0 bytes/sample");
  result->Add("real_samples_per_s", static_cast<int64_t>(*rate));
  return StopServer(&server->process, "real-data cloutd");
}

absl::Status BaselinePhase(const IngestConfig& config,
                           const WorkloadCensus& census,
                           const SyntheticFigures& clout,
                           const std::string& dir, ResultLine* result) {
  Section("Baseline: plain RocksDB, one key per sample, IN PROCESS (no RPC)");
  Note(
      "key = series name + 8-byte big-endian ts, value = varint; LZ4; WAL "
      "on, not synced");
  Note(StrCat(config.streams, " writer threads, WriteBatch of ~",
              Grouped(config.batch_samples),
              " samples; generation included as for clout"));
  BaselineOptions baseline_options;
  baseline_options.dir = dir;
  baseline_options.threads = config.streams;
  baseline_options.batch_samples = config.batch_samples;
  absl::StatusOr<BaselineResult> baseline =
      RunRocksDbBaseline(config.workload, baseline_options);
  if (!baseline.ok()) return baseline.status();
  if (baseline->samples != census.samples) {
    return absl::InternalError(StrCat("baseline wrote ", baseline->samples,
                                      " samples, generated ", census.samples));
  }
  const double rate = clout.samples_per_second;
  const double base_rate = baseline->samples / baseline->write_seconds;
  const double base_bps =
      static_cast<double>(baseline->sst_bytes) / baseline->samples;
  const double clout_bps =
      static_cast<double>(clout.stats.sample_table_bytes()) /
      clout.stats.samples();
  Line("samples written", Grouped(baseline->samples), "samples");
  Line("write wall", Fixed(baseline->write_seconds, 3), "s");
  Line("throughput", Grouped(static_cast<int64_t>(base_rate)), "samples/s");
  Line("process CPU during writes", Fixed(baseline->write_cpu_seconds, 2), "s");
  Line("CompactRange", Fixed(baseline->compact_seconds, 2), "s");
  Line("SST bytes after compaction", Grouped(baseline->sst_bytes), "bytes");
  Line("folder bytes after compaction", Grouped(baseline->dir_bytes), "bytes");
  Line("SST per sample", Fixed(base_bps, 3), "bytes/sample");
  Section("clout (gRPC, loopback) vs baseline (in process, no RPC)");
  Line("throughput ratio clout/baseline", Fixed(rate / base_rate, 2), "x");
  Line("size ratio clout/baseline", Fixed(clout_bps / base_bps, 3), "x",
       "  (sample_table_bytes vs SST bytes)");
  result->Add("baseline_samples_per_s", static_cast<int64_t>(base_rate));
  result->Add("baseline_bytes_per_sample", base_bps, 4);
  result->Add("throughput_ratio", rate / base_rate, 3);
  result->Add("size_ratio", clout_bps / base_bps, 4);
  return absl::OkStatus();
}

}  // namespace clout::bench

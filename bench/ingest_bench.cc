// ingest_bench: end-to-end benchmark of cloutd over gRPC on loopback.
//
//   ingest_bench [--creators=500] [--days=90] [--streams=2] [--keep] ...
//
// Phases, each printing its figures (one per line, with units):
//   1. starts a fresh cloutd (WAL on, not synced) and upserts the creator and
//      post records of the synthetic workload (bench/workload.h);
//   2. generates the workload once into a counting sink (pure generation
//      cost), then streams it with --streams concurrent Ingest.WriteStream
//      calls and measures throughput, server and client CPU and server RSS;
//   3. compacts (Admin.Compact) and reads the storage figures (GetStats);
//   4. measures Query.ReadSeries latency of one account and one post series;
//   5. loads the real TikTok hourly file into a second fresh cloutd;
//   6. unless --skip_baseline, writes the same workload into a plain
//      in-process RocksDB (bench/baseline_rocksdb.h) for comparison.
// The last line is "RESULT key=value ..." for scripts. Any mismatch (a
// rejected sample, a stored count that differs from the count sent, a read
// that differs from what was written) prints "FAIL: ..." and exits with 1.
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/ingest_phases.h"
#include "bench/report.h"
#include "bench/work_dir.h"
#include "bench/workload.h"
#include "server/common/strings.h"
#include "tests/support/cloutd_process.h"

#ifndef CLOUT_REAL_DATA_DIR
#define CLOUT_REAL_DATA_DIR ""
#endif

ABSL_FLAG(std::string, cloutd, clout::testing::DefaultCloutdPath(),
          "path of the cloutd binary to benchmark");
ABSL_FLAG(int, creators, 500, "synthetic creators");
ABSL_FLAG(int, days, 90, "days of synthetic history");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(int, streams, 2, "parallel WriteStream calls (one thread each)");
ABSL_FLAG(int64_t, batch_samples, 50000,
          "samples per WriteStream message (whole series are packed, so "
          "messages are slightly larger)");
ABSL_FLAG(std::string, real_data_dir, CLOUT_REAL_DATA_DIR,
          "folder holding tiktok_top_creators_hourly_2022.csv.gz");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the databases; empty: a fresh temporary folder");
ABSL_FLAG(bool, keep, false, "keep the databases at the end");
ABSL_FLAG(int, read_iterations, 2000, "timed ReadSeries calls per series");
ABSL_FLAG(bool, skip_baseline, false, "skip the in-process RocksDB baseline");

namespace clout::bench {
namespace {

// Database folders below the work folder.
constexpr char kSyntheticDir[] = "clout_synthetic";
constexpr char kRealDir[] = "clout_real";
constexpr char kBaselineDir[] = "baseline_rocksdb";

absl::StatusOr<IngestConfig> ConfigFromFlags() {
  IngestConfig config;
  config.workload.seed = absl::GetFlag(FLAGS_seed);
  config.workload.creators = absl::GetFlag(FLAGS_creators);
  config.workload.days = absl::GetFlag(FLAGS_days);
  config.streams = absl::GetFlag(FLAGS_streams);
  config.batch_samples = absl::GetFlag(FLAGS_batch_samples);
  config.read_iterations = absl::GetFlag(FLAGS_read_iterations);
  config.cloutd = absl::GetFlag(FLAGS_cloutd);
  config.real_data_dir = absl::GetFlag(FLAGS_real_data_dir);
  if (config.workload.creators < 1 || config.workload.days < 1 ||
      config.streams < 1 || config.batch_samples < 1 ||
      config.read_iterations < 1) {
    return absl::InvalidArgumentError(
        "--creators, --days, --streams, --batch_samples and "
        "--read_iterations must be >= 1");
  }
  return config;
}

void PrintHeader(const IngestConfig& config, const WorkDir& dirs) {
  const WorkloadOptions& workload = config.workload;
  std::printf("ingest_bench: cloutd over gRPC on loopback (127.0.0.1)\n");
  Line("cloutd", config.cloutd, "");
  Line("work dir", dirs.root, "");
  Line("machine cores (online)",
       std::to_string(std::thread::hardware_concurrency()), "");
  Line("workload",
       StrCat(workload.creators, " creators x ", workload.days, " days, seed ",
              workload.seed),
       "");
  Line("streams x batch",
       StrCat(config.streams, " x ~", Grouped(config.batch_samples)),
       "samples");
}

absl::Status Run(const WorkDir& dirs, ResultLine* result) {
  absl::StatusOr<IngestConfig> config = ConfigFromFlags();
  if (!config.ok()) return config.status();
  PrintHeader(*config, dirs);
  const WorkloadCensus census = GenerationPhase(config->workload, result);
  absl::StatusOr<SyntheticFigures> synthetic =
      SyntheticPhase(*config, census, dirs.Path(kSyntheticDir), result);
  if (!synthetic.ok()) return synthetic.status();
  if (absl::Status st = RealDataPhase(*config, dirs.Path(kRealDir), result);
      !st.ok()) {
    return st;
  }
  if (absl::GetFlag(FLAGS_skip_baseline)) {
    Section("Baseline skipped (--skip_baseline)");
    return absl::OkStatus();
  }
  return BaselinePhase(*config, census, *synthetic, dirs.Path(kBaselineDir),
                       result);
}

// The work folder, as the flags ask.
WorkDirSpec WorkDirFromFlags() {
  return {absl::GetFlag(FLAGS_work_dir),
          [] { return testing::MakeTempDir("ingest_bench"); },
          {kSyntheticDir, kRealDir, kBaselineDir},
          /*always_remove_root=*/false,
          absl::GetFlag(FLAGS_keep)};
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  return clout::bench::BenchMain(argc, argv, clout::bench::WorkDirFromFlags,
                                 clout::bench::Run);
}

// The phases of ingest_bench (see ingest_bench.cc), each printing its section
// of figures and adding its keys to the RESULT line. A phase returns an error
// for a failed call or any mismatch (a rejected sample, a stored count that
// differs from the count sent, a read that differs from what was written).
#ifndef CLOUT_BENCH_INGEST_PHASES_H_
#define CLOUT_BENCH_INGEST_PHASES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/report.h"
#include "bench/workload.h"
#include "clout/v1/admin.pb.h"

namespace clout::bench {

// What ingest_bench's flags ask for.
struct IngestConfig {
  std::string cloutd;
  WorkloadOptions workload;
  int streams = 2;
  int64_t batch_samples = 50000;
  int read_iterations = 2000;
  std::string real_data_dir;
};

// Counts of the generated workload, plus the two series read back in the
// latency phase.
struct WorkloadCensus {
  int64_t series = 0;
  int64_t samples = 0;
  int64_t posts = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  SeriesData account_series;  // creator 0, "followers"
  SeriesData post_series;     // creator 0, first post, "views"
};

// What the synthetic cloutd achieved, for the comparison with the baseline.
struct SyntheticFigures {
  double samples_per_second = 0;
  clout::v1::GetStatsResponse stats;  // After the compaction.
};

// Generates the workload once into a counting sink, on one thread.
WorkloadCensus GenerationPhase(const WorkloadOptions& workload,
                               ResultLine* result);

// Starts a fresh cloutd in `data_dir`, upserts the records, streams the
// workload, compacts, measures ReadSeries latency and stops the server.
absl::StatusOr<SyntheticFigures> SyntheticPhase(const IngestConfig& config,
                                                const WorkloadCensus& census,
                                                const std::string& data_dir,
                                                ResultLine* result);

// The two phases below are in ingest_reference_phases.cc.

// Loads the real TikTok hourly file into a fresh cloutd in `data_dir`.
absl::Status RealDataPhase(const IngestConfig& config,
                           const std::string& data_dir, ResultLine* result);

// Writes the workload into a plain in-process RocksDB in `dir` and compares
// it with the synthetic cloutd.
absl::Status BaselinePhase(const IngestConfig& config,
                           const WorkloadCensus& census,
                           const SyntheticFigures& clout,
                           const std::string& dir, ResultLine* result);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_INGEST_PHASES_H_

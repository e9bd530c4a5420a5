// What ingest_bench's phases do with the cloutd under test: compact it and
// read its storage figures, and stop it.
#ifndef CLOUT_BENCH_INGEST_CLOUTD_H_
#define CLOUT_BENCH_INGEST_CLOUTD_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/report.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"
#include "tests/support/cloutd_process.h"

namespace clout::bench {

// A fresh cloutd of one phase, with its stubs on one channel.
struct IngestServer {
  std::unique_ptr<testing::CloutdProcess> process;
  std::unique_ptr<clout::v1::Ingest::Stub> ingest;
  std::unique_ptr<clout::v1::Query::Stub> query;
  std::unique_ptr<clout::v1::Admin::Stub> admin;
};

// Starts the cloutd binary `cloutd` on `data_dir` (WAL on, not synced).
absl::StatusOr<IngestServer> StartIngestServer(const std::string& cloutd,
                                               const std::string& data_dir);

// VmHWM of process `pid` in bytes, or -1.
int64_t PeakRssBytes(pid_t pid);

// Runs Admin.Compact (its wall time in *seconds), then Admin.GetStats.
absl::StatusOr<clout::v1::GetStatsResponse> CompactAndStat(
    clout::v1::Admin::Stub* admin, double* seconds);

// Prints the storage figures of `stats` and adds them to `result`, each key
// prefixed with `prefix`.
void PrintStorage(const clout::v1::GetStatsResponse& stats,
                  double compact_seconds, const std::string& prefix,
                  ResultLine* result);

// Stops `server` with SIGTERM, prints how long that took and returns INTERNAL
// unless it exited with status 0.
absl::Status StopServer(std::unique_ptr<testing::CloutdProcess>* server,
                        const std::string& name);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_INGEST_CLOUTD_H_

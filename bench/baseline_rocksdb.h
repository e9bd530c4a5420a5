// A naive storage baseline for ingest_bench: the synthetic workload written
// into a plain RocksDB, in process, one key per sample.
//
// Layout: key = creator_id '\0' post_id '\0' field '\0' followed by the
// timestamp as 8 bytes big-endian (so a series is contiguous and time
// ordered); value = the sample value as a base-128 varint. Options are
// RocksDB's defaults except LZ4 compression (every level); the write-ahead
// log is on and not synced, like cloutd without --sync.
#ifndef CLOUT_BENCH_BASELINE_ROCKSDB_H_
#define CLOUT_BENCH_BASELINE_ROCKSDB_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/workload.h"

namespace clout::bench {

struct BaselineOptions {
  // Folder of the database. It must not hold a database already; it is
  // created if missing. The caller removes it.
  std::string dir;
  // Writer threads. Creator i is generated and written by thread
  // i % threads, each thread with its own WriteBatch.
  int threads = 2;
  // A WriteBatch is written once it holds at least this many samples (whole
  // series are added, so batches are slightly larger).
  int64_t batch_samples = 50000;
};

struct BaselineResult {
  // Samples written (one Put each).
  int64_t samples = 0;
  // Wall seconds from starting the writer threads until every batch is
  // written; generating the workload is included, as in ingest_bench.
  double write_seconds = 0;
  // CPU seconds of the whole process (generation, writes and RocksDB's
  // background flushes and compactions) over the same phase.
  double write_cpu_seconds = 0;
  // Wall seconds of the full manual compaction (CompactRange over all keys,
  // bottommost level rewritten).
  double compact_seconds = 0;
  // Total bytes of the live SST files after that compaction.
  int64_t sst_bytes = 0;
  // Bytes of every file in the database folder after that compaction (SST,
  // WAL, manifest, options...).
  int64_t dir_bytes = 0;
};

// Generates `workload` and writes it into a new RocksDB in options.dir as
// described above, then compacts it fully and measures the files. The
// database is closed before returning. Errors from RocksDB are returned as
// INTERNAL (or INVALID_ARGUMENT for bad options).
absl::StatusOr<BaselineResult> RunRocksDbBaseline(
    const WorkloadOptions& workload, const BaselineOptions& options);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_BASELINE_ROCKSDB_H_

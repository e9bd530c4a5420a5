// Bulk loading of a RocksDbSeriesStore from SST files.
//
// A loader learns the ids of its series from the store
// (RocksDbSeriesStore::ResolveSeriesIds, the Bulk.ResolveSeries RPC), writes
// their samples with BulkSstWriter into a sorted SST file of the `blocks`
// column family, and hands the file to RocksDbSeriesStore::IngestSstFiles.
// Every entry of such a file is a Merge operand holding one sample-block
// record (block_codec.h) under the key (series id, block) (keys.h): the very
// records Write produces. So a load never replaces a stored block; the merge
// operator unions loaded and stored samples. The ingested file is newer than
// everything stored before it (RocksDB assigns it the next sequence number),
// so at equal timestamps the loaded sample wins.
//
// Example (one process, as the tests do it):
//   std::vector<uint64_t> ids;
//   int64_t created = 0;
//   store->ResolveSeriesIds({{"tiktok:1", "", "followers"}}, &ids, &created);
//   BulkSstWriter writer;
//   writer.Open("/tmp/load.sst");
//   writer.AddSeries(ids[0], samples);   // sorted, unique timestamps
//   writer.Finish(nullptr);
//   BulkIngestResult result;
//   store->IngestSstFiles({"/tmp/load.sst"}, /*move_files=*/true, &result);
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_BULK_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_BULK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "server/storage/block_codec.h"

namespace rocksdb {
class SstFileWriter;
}  // namespace rocksdb

namespace clout::storage {

// The data-folder format that bulk files follow (the marker in the default
// column family, docs/format/keys.md). Loaders compare it with what the
// server reports before writing files.
inline constexpr char kBulkStoreFormat[] = "clout-series-store-v1";

// One encoded sample-block record of a series.
struct EncodedBlock {
  uint32_t block = 0;
  int64_t samples = 0;
  std::string record;
};

// Encodes `samples` (sorted, unique timestamps) into one record per time
// block, appended to *out in block order: what AddSeries writes. Lets a
// loader encode series on several threads and write them in order.
void EncodeBlocks(const SampleColumns& samples, std::vector<EncodedBlock>* out);

// What RocksDbSeriesStore::IngestSstFiles loaded.
struct BulkIngestResult {
  int64_t files = 0;
  int64_t records = 0;   // Table entries, one per (series, block).
  int64_t samples = 0;   // Samples in those records.
  int64_t series = 0;    // Distinct series touched.
  int64_t creators = 0;  // Distinct creators touched.
  int64_t bytes = 0;     // Size of the files.
  double validate_seconds = 0;
  double ingest_seconds = 0;
};

// Writes one bulk SST file. Not thread-safe; one file per writer.
class BulkSstWriter {
 public:
  BulkSstWriter();
  ~BulkSstWriter();
  BulkSstWriter(const BulkSstWriter&) = delete;
  BulkSstWriter& operator=(const BulkSstWriter&) = delete;

  // Creates (or truncates) the file at `path`.
  absl::Status Open(const std::string& path);

  // Adds the samples of series `series_id`, one record per time block.
  // Preconditions: series ids strictly increase from call to call; samples
  // have strictly increasing timestamps (SortAndDeduplicate) within
  // [kMinTimestampMs, kMaxTimestampMs). An empty `samples` adds nothing.
  absl::Status AddSeries(uint64_t series_id, const SampleColumns& samples);

  // Adds one record made by EncodeBlocks: the samples of `series_id` in
  // `block`. Keys must increase from call to call (series id, then block).
  absl::Status AddRecord(uint64_t series_id, uint32_t block,
                         std::string_view record, int64_t samples);

  // Completes the file; sets *file_bytes (if not null) to its size.
  // FailedPrecondition if nothing was added (RocksDB cannot write an empty
  // table).
  absl::Status Finish(int64_t* file_bytes);

  int64_t records() const { return records_; }
  int64_t samples() const { return samples_; }

 private:
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::vector<EncodedBlock> blocks_;
  int64_t records_ = 0;
  int64_t samples_ = 0;
  uint64_t last_series_ = 0;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_BULK_H_

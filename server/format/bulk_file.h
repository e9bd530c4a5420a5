// Bulk files: SST files of the `blocks` column family that a loader writes
// outside the server and hands to it (storage/bulk_ingest.h ingests them).
//
// Every entry of such a file is a Merge operand holding one sample-block
// record (block_codec.h) under the key (series id, block) (keys.h): the very
// records SeriesStore::Write produces. So a load never replaces a stored
// block; the merge operator unions loaded and stored samples.
//
// This header needs neither the store nor a database: a loader links the
// format library and RocksDB's SstFileWriter alone.
//
// Example:
//   BulkSstWriter writer;
//   absl::Status st = writer.Open("/tmp/load.sst");
//   st = writer.AddSeries(series_id, samples);  // sorted, unique timestamps
//   st = writer.Finish(nullptr);
#ifndef CLOUT_SERVER_FORMAT_BULK_FILE_H_
#define CLOUT_SERVER_FORMAT_BULK_FILE_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "server/common/samples.h"
#include "server/format/block_codec.h"
#include "server/format/keys.h"

namespace rocksdb {
class SstFileWriter;
}  // namespace rocksdb

namespace clout::storage {

// The data-folder format that bulk files follow (kStoreFormat, the marker
// in the default column family).
inline constexpr const char* kBulkStoreFormat = kStoreFormat;

// Calls fn(block, block_samples) for each time block that `samples` (sorted,
// unique timestamps) reaches, in block order, with the samples of that
// block. `part` is scratch space; block_samples may be `samples` itself
// when it lies in one block.
template <typename Fn>
void ForEachBlock(const SampleColumns& samples, SampleColumns* part, Fn&& fn) {
  const std::vector<int64_t>& ts = samples.timestamps;
  for (size_t begin = 0; begin < ts.size();) {
    const uint32_t block = BlockOf(ts[begin]);
    const size_t end =
        std::lower_bound(ts.begin() + begin, ts.end(), BlockStart(block + 1)) -
        ts.begin();
    if (begin == 0 && end == ts.size()) {
      fn(block, samples);
    } else {
      part->Clear();
      part->AppendRange(samples, begin, end);
      fn(block, static_cast<const SampleColumns&>(*part));
    }
    begin = end;
  }
}

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
  // InvalidArgument if `series_id` does not exceed the previous one.
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

#endif  // CLOUT_SERVER_FORMAT_BULK_FILE_H_

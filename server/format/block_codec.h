// The block codec: how the samples of one series within one time block are
// stored, and the records that RocksDB's merge operator combines.
//
// A record is either a sample block (timestamps, values and flags of one
// series, sorted by timestamp, at most one sample per timestamp) or a
// delete-range marker. Records of the same block key are merged oldest first:
// a newer sample replaces an older one at the same timestamp (last write
// wins); a delete-range marker removes the older samples in its range.
//
// Sample blocks are compressed for counters: each of the timestamp and value
// columns is coded as deltas or deltas of deltas (whichever is smaller),
// divided by their greatest common divisor, zigzag mapped and written with an
// exponential-Golomb code whose parameter is chosen per block. The byte
// layout is specified in docs/format/blocks.md.
//
// Example:
//   SampleColumns s;
//   s.Append(1000, 5, 0);
//   std::string bytes;
//   EncodeSamples(s, &bytes);
//   Record r;
//   absl::Status st = DecodeRecord(bytes, &r);  // r.samples == s
#ifndef CLOUT_SERVER_FORMAT_BLOCK_CODEC_H_
#define CLOUT_SERVER_FORMAT_BLOCK_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/common/samples.h"

namespace clout::storage {

enum class RecordType : uint8_t {
  kSamples = 1,      // A sample block, format version 1.
  kDeleteRange = 2,  // Removes older samples with start <= t < end.
};

struct Record {
  RecordType type = RecordType::kSamples;
  SampleColumns samples;     // kSamples only.
  int64_t delete_start = 0;  // kDeleteRange only.
  int64_t delete_end = 0;    // kDeleteRange only.
};

// Appends the encoding of `samples` to *dst. Precondition: timestamps are
// strictly increasing (see SortAndDeduplicate). Any int64 values, including
// the extremes and negative deltas, round-trip exactly.
void EncodeSamples(const SampleColumns& samples, std::string* dst);

// Appends a delete-range record for [start, end) to *dst.
void EncodeDeleteRange(int64_t start, int64_t end, std::string* dst);

// Decodes one record. Returns DataLossError naming the problem if `src` is
// not a well-formed record; never reads outside `src`.
absl::Status DecodeRecord(std::string_view src, Record* out);

// Returns the number of samples in a kSamples record without decoding the
// columns, or 0 for a delete-range record.
absl::StatusOr<uint64_t> PeekSampleCount(std::string_view src);

// Sorts samples by timestamp (stable) and keeps the last of equal
// timestamps, in place.
void SortAndDeduplicate(SampleColumns* samples);

// Sets *out to the union of `older` and `newer` (both sorted, unique); at
// equal timestamps the sample of `newer` wins.
void MergeSamples(const SampleColumns& older, const SampleColumns& newer,
                  SampleColumns* out);

// Removes the samples with start <= timestamp < end, in place.
void DeleteRange(int64_t start, int64_t end, SampleColumns* samples);

}  // namespace clout::storage

#endif  // CLOUT_SERVER_FORMAT_BLOCK_CODEC_H_

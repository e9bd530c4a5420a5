// Series tails: the last sample of every series, kept beside its blocks.
//
// The "tails" column family maps each series key (keys.h) to the sample of
// the series with the greatest timestamp. A metric that needs only the
// latest counters of a creator's posts (CLOUT_METRIC_LATEST_POST_SAMPLES)
// then reads a few bytes per post from one contiguous key range instead of
// decoding every post's blocks, which is what made the first such call
// after a restart or a bulk load expensive.
//
// The entry is kept exact by writing it in the same atomic step as the
// samples:
//   - every sample write merges a candidate, the last sample it writes to
//     the series; the merge keeps the candidate of greatest timestamp, and
//     of equal timestamps the later one, the rule the blocks follow;
//   - a delete rewrites the entry in its own write batch (Put of the new
//     last sample, or Delete), while no sample write can run;
//   - a bulk load ingests a file of candidates together with each file of
//     blocks, atomically.
//
// Value layout, 20 bytes: timestamp (int64), value (int64), flag (uint32),
// each big-endian two's complement.
#ifndef CLOUT_SERVER_STORAGE_SERIES_TAIL_H_
#define CLOUT_SERVER_STORAGE_SERIES_TAIL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/merge_operator.h"
#include "server/format/block_codec.h"

namespace clout::storage {

struct SeriesTail {
  int64_t timestamp = 0;
  int64_t value = 0;
  uint32_t flag = 0;
};

constexpr size_t kSeriesTailBytes = 20;

// The last of `samples`, which must not be empty.
inline SeriesTail TailOf(const SampleColumns& samples) {
  const size_t n = samples.size();
  return {samples.timestamps[n - 1], samples.values[n - 1],
          samples.flag(n - 1)};
}

// Appends the 20-byte encoding of `tail` to *dst.
void EncodeTail(const SeriesTail& tail, std::string* dst);

// Decodes a tail; false if `src` is not 20 bytes.
bool DecodeTail(std::string_view src, SeriesTail* out);

// Decodes the tail `value` of the series keyed `key` (keys.h); DataLoss
// naming the series if it is not a tail.
absl::Status ParseTail(std::string_view key, std::string_view value,
                       SeriesTail* out);

// The merge operator of the tails column family (see above). A malformed
// operand fails the merge, which RocksDB reports as corruption.
std::shared_ptr<rocksdb::MergeOperator> NewTailMergeOperator();

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_SERIES_TAIL_H_

// Key layouts of the RocksDB column families. docs/format/keys.md draws them.
//
//   default 'format'         -> kStoreFormat, the format marker
//           'next_series_id' -> the next series id, fixed64 BE
//           'tails_complete' -> "1" once every series has its tail
//   meta    'c' creator_id                    -> clout.v1.Creator
//           'p' creator_id 0x00 post_id       -> clout.v1.Post
//   series  creator_id 0x00 post_id 0x00 field -> series id, fixed64 BE
//   blocks  series id (fixed64 BE) block (fixed32 BE) -> sample records
//
// Identifiers never contain 0x00 (the API validates them), so the 0x00
// separators keep every creator's keys contiguous and in id order.
#ifndef CLOUT_SERVER_FORMAT_KEYS_H_
#define CLOUT_SERVER_FORMAT_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "server/common/input_rules.h"

namespace clout::storage {

// The keys of the default column family, and the format marker: the one
// value of kFormatKey this code reads and writes. A server refuses a data
// folder whose marker differs; bulk loaders compare it with what the server
// reports before writing files.
inline constexpr char kFormatKey[] = "format";
inline constexpr char kStoreFormat[] = "clout-series-store-v1";
inline constexpr char kNextSeriesIdKey[] = "next_series_id";
// Present once the tails column family holds the tail of every series (a
// database written before tails existed gets them built when opened).
inline constexpr char kTailsCompleteKey[] = "tails_complete";

// Each block holds the samples of one series in an aligned window of
// 2^kBlockBits ms (about 99 days): block number = timestamp >> kBlockBits.
constexpr int kBlockBits = 33;
constexpr int64_t kBlockSpanMs = int64_t{1} << kBlockBits;

inline uint32_t BlockOf(int64_t timestamp_ms) {
  return static_cast<uint32_t>(timestamp_ms >> kBlockBits);
}
inline int64_t BlockStart(uint32_t block) {
  return static_cast<int64_t>(block) << kBlockBits;
}

std::string CreatorKey(std::string_view creator_id);
std::string CreatorKeyPrefix();  // Every creator key starts with it.
std::string PostKey(std::string_view creator_id, std::string_view post_id);
std::string PostKeyPrefix(std::string_view creator_id);
std::string SeriesKey(std::string_view creator_id, std::string_view post_id,
                      std::string_view field);
// The same into *key, reusing its memory.
void SeriesKeyInto(std::string_view creator_id, std::string_view post_id,
                   std::string_view field, std::string* key);
// Prefix of every series key of a creator, or of one entity of it.
std::string SeriesCreatorPrefix(std::string_view creator_id);
std::string SeriesEntityPrefix(std::string_view creator_id,
                               std::string_view post_id);

struct SeriesName {
  std::string_view creator_id, post_id, field;
};
// Splits a series key; false if it is not one.
bool ParseSeriesKey(std::string_view key, SeriesName* out);

// A series id as stored in the series index and as kNextSeriesIdKey.
std::string SeriesIdValue(uint64_t series_id);

std::string BlockKey(uint64_t series_id, uint32_t block);
// Returns false if `key` is not a block key.
bool ParseBlockKey(std::string_view key, uint64_t* series_id, uint32_t* block);

// The smallest string greater than every string with this prefix, or empty
// if there is none.
std::string PrefixSuccessor(std::string prefix);

}  // namespace clout::storage

#endif  // CLOUT_SERVER_FORMAT_KEYS_H_

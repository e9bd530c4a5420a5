// Walking the blocks column family of RocksDbSeriesStore: the one loop
// every read of samples uses. Internal to the store's implementation.
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_BLOCK_WALK_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_BLOCK_WALK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "rocksdb/iterator.h"
#include "server/common/strings.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/decoded_block_cache.h"

namespace clout::storage {

// Moves `it` to the first key >= target. When the iterator sits a little
// before the target, as it does between the reads of one batch (they come
// in key order), stepping is much cheaper than seeking: every key stepped
// over is below the target, so the first one at or past it is the answer.
inline void PositionAt(rocksdb::Iterator* it, const std::string& target) {
  constexpr int kMaxSteps = 8;
  const rocksdb::Slice t(target);
  if (it->Valid()) {
    const int c = it->key().compare(t);
    if (c == 0) return;
    if (c < 0) {
      for (int step = 0; step < kMaxSteps; ++step) {
        it->Next();
        if (!it->Valid() || it->key().compare(t) >= 0) return;
      }
    }
    // Past the target (only a seek knows what lies between), or far
    // below it.
  }
  it->Seek(t);
}

// What a walk does with the block it has reached.
enum class BlockStep {
  kTake,  // Decode it and hand it to the caller.
  kPass,  // Go on to the next block without decoding this one.
  kStop,  // End the walk.
};

// A walk over the blocks of one series with an iterator of the blocks
// column family, from where the caller has put the iterator, forward or
// backward, until the series' blocks end or the caller stops it. Each block
// is decoded through the decoded cache (with `fill` and `stamp` as
// DecodedBlockCache::Decode takes them). The visitors are template
// parameters, so the walk compiles into the loop it replaces.
struct BlockWalk {
  rocksdb::Iterator* it;
  DecodedBlockCache* cache;
  uint64_t series_id;
  bool backward = false;
  bool fill = true;
  uint64_t stamp = DecodedBlockCache::kUnstamped;

  // Calls select(block) -> BlockStep for each block reached, and for those
  // it takes take(block, lease) -> bool, false to stop. DataLoss naming
  // the series and block for a corrupt block; the iterator's error
  // otherwise.
  template <typename Select, typename Take>
  absl::Status Run(Select&& select, Take&& take) const {
    DecodedBlockCache::Lease lease;
    for (; it->Valid(); backward ? it->Prev() : it->Next()) {
      uint64_t key_sid;
      uint32_t block;
      if (!ParseBlockKey(ToView(it->key()), &key_sid, &block) ||
          key_sid != series_id) {
        break;  // Past the series' blocks.
      }
      const BlockStep step = select(block);
      if (step == BlockStep::kStop) break;
      if (step == BlockStep::kPass) continue;
      absl::Status st = cache->Decode(ToView(it->key()), ToView(it->value()),
                                      fill, &lease, stamp);
      if (!st.ok()) {
        return absl::DataLossError(StrCat(st.message(), " (series id ",
                                          series_id, ", block ", block, ")"));
      }
      if (!take(block, &lease)) break;
    }
    return FromRocksDb(it->status(), "reading blocks");
  }

  // Run taking every block reached.
  template <typename Take>
  absl::Status Run(Take&& take) const {
    return Run([](uint32_t) { return BlockStep::kTake; },
               std::forward<Take>(take));
  }
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_BLOCK_WALK_H_

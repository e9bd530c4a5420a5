// DecodedBlockCache: sample blocks kept decoded in memory, so that reading a
// series again (a dashboard refreshing a creator, a Rank over the same
// creators with another window, several metrics over one creator) copies
// its samples instead of decoding them again.
//
// Entries are keyed by block key and hold the encoded bytes they were
// decoded from. A lookup hands out an entry only when those bytes equal
// what RocksDB returns for the key now, so an entry can never be stale:
// writes, merges, deletes, bulk ingestion and compaction need no
// invalidation; a changed block simply misses and replaces its entry. The
// cost of the check is a comparison of a few hundred bytes; the encoded copy
// adds about 5 % to an entry's memory (blocks take under one byte per
// sample encoded, 16 to 20 decoded).
//
// The cache is a sharded LRU (RocksDB's) bounded by a byte budget; a budget
// of 0 disables it, and Decode then decodes into the lease every time.
// Thread-safe.
//
//   DecodedBlockCache cache(256 << 20);
//   DecodedBlockCache::Lease lease;
//   absl::Status st = cache.Decode(key, value, /*fill=*/true, &lease);
//   const SampleColumns& samples = lease.samples();  // Valid until the
//                                                    // lease is reused.
#ifndef CLOUT_SERVER_STORAGE_DECODED_BLOCK_CACHE_H_
#define CLOUT_SERVER_STORAGE_DECODED_BLOCK_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "server/format/block_codec.h"

namespace rocksdb {
class Cache;
}  // namespace rocksdb

namespace clout::storage {

class DecodedBlockCache {
 public:
  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;        // Not cached, or cached from other bytes.
    uint64_t stamped_hits = 0;  // Of the hits, by LookupStamped.
    size_t usage_bytes = 0;
    size_t capacity_bytes = 0;
  };

  // The decoded samples of one block, pinned in the cache or owned.
  class Lease {
   public:
    Lease() = default;
    ~Lease() { Release(); }
    Lease(Lease&& other) noexcept { *this = std::move(other); }
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    const SampleColumns& samples() const { return *samples_; }
    // True when the samples are a cache entry (pinned until the lease is
    // released or reused), false when the lease owns them.
    bool pinned() const { return handle_ != nullptr; }

   private:
    friend class DecodedBlockCache;
    void Release();

    rocksdb::Cache* cache_ = nullptr;
    void* handle_ = nullptr;  // rocksdb::Cache::Handle*
    const SampleColumns* samples_ = &own_.samples;
    Record own_;
  };

  explicit DecodedBlockCache(size_t capacity_bytes);
  ~DecodedBlockCache();
  DecodedBlockCache(const DecodedBlockCache&) = delete;
  DecodedBlockCache& operator=(const DecodedBlockCache&) = delete;

  // Points `lease` at the samples of record `encoded`, stored under block
  // key `key`: the cached entry if it was decoded from exactly these bytes,
  // else a fresh decoding, which is cached when `fill` is set (a long scan
  // that should not evict what is hot passes false). A delete-range record
  // reads as no samples. DataLoss (from DecodeRecord) on a corrupt record.
  //
  // With a `stamp` other than kUnstamped, the entry handed out is also
  // marked with it (see below).
  absl::Status Decode(std::string_view key, std::string_view encoded, bool fill,
                      Lease* lease, uint64_t stamp = kUnstamped);

  // Stamps let a caller skip RocksDB when it knows nothing changed. The
  // series store reads a creator's data generation (which every write of
  // the creator advances once it is stored), then reads blocks from RocksDB
  // through Decode with that generation as the stamp, and records with
  // PutBlockList which blocks each series has. While the generation is
  // still current, the entries and block lists carrying it are what RocksDB
  // holds, and LookupStamped and GetBlockList answer without RocksDB.
  static constexpr uint64_t kUnstamped = ~uint64_t{0};

  // Points `lease` at the entry for `key` and returns true if the entry
  // carries `stamp`; false otherwise (also when disabled).
  bool LookupStamped(std::string_view key, uint64_t stamp, Lease* lease);

  // Records that series `series_id` has exactly `blocks` (ascending block
  // numbers) as of `stamp`. Block lists share the budget and LRU of blocks.
  void PutBlockList(uint64_t series_id, uint64_t stamp,
                    const std::vector<uint32_t>& blocks);
  // Sets *blocks to the list recorded for `series_id` and returns true if it
  // was recorded with `stamp`.
  bool GetBlockList(uint64_t series_id, uint64_t stamp,
                    std::vector<uint32_t>* blocks);

  Stats stats() const;

 private:
  std::shared_ptr<rocksdb::Cache> cache_;  // Null when disabled.
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> stamped_hits_{0};
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_DECODED_BLOCK_CACHE_H_

// A RocksDB LRU cache sized for in-memory entries of clout's own (decoded
// blocks, metric results), for the .cc files that keep such caches.
#ifndef CLOUT_SERVER_STORAGE_LRU_CACHE_H_
#define CLOUT_SERVER_STORAGE_LRU_CACHE_H_

#include <cstddef>
#include <memory>

#include "rocksdb/cache.h"

namespace clout::storage {

// An LRU cache holding about `capacity_bytes` of entry charges, in shards of
// at least 8 MiB (at most 16 shards), without a strict limit: an insert
// always succeeds and evicts the least recently used unpinned entries.
inline std::shared_ptr<rocksdb::Cache> NewLruCache(size_t capacity_bytes) {
  int shard_bits = 0;
  while (shard_bits < 4 && (capacity_bytes >> (shard_bits + 1)) >= (8 << 20)) {
    ++shard_bits;
  }
  return rocksdb::NewLRUCache(capacity_bytes, shard_bits,
                              /*strict_capacity_limit=*/false,
                              /*high_pri_pool_ratio=*/0.0);
}

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_LRU_CACHE_H_

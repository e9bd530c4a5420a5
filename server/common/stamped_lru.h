// A RocksDB LRU cache sized for in-memory entries of clout's own (decoded
// blocks, metric results, post lists), and a stamped map of shared values
// on one.
#ifndef CLOUT_SERVER_COMMON_STAMPED_LRU_H_
#define CLOUT_SERVER_COMMON_STAMPED_LRU_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "rocksdb/cache.h"

namespace clout {

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

// Immutable values shared by key, each stamped (with the data generation it
// was derived at, say), least recently used first out. Find answers only a
// value stamped as asked. Thread-safe.
template <typename T>
class StampedLru {
 public:
  explicit StampedLru(size_t capacity_bytes)
      : cache_(NewLruCache(capacity_bytes)) {}

  // The value under `key` if it carries `stamp`, else null.
  std::shared_ptr<const T> Find(std::string_view key, uint64_t stamp) const {
    rocksdb::Cache::Handle* h = cache_->Lookup(Slice(key));
    if (h == nullptr) return nullptr;
    const auto* entry = static_cast<const Entry*>(cache_->Value(h));
    std::shared_ptr<const T> found =
        entry->stamp == stamp ? entry->value : nullptr;
    cache_->Release(h);
    return found;
  }

  // Puts `value` under `key` (replacing what is there), counted as
  // `charge` bytes.
  void Insert(std::string_view key, uint64_t stamp,
              std::shared_ptr<const T> value, size_t charge) {
    // The cache owns the entry from here on, and frees it itself should the
    // insert fail.
    cache_
        ->Insert(Slice(key), new Entry{stamp, std::move(value)}, charge,
                 &DeleteEntry)
        .PermitUncheckedError();
  }

 private:
  struct Entry {
    uint64_t stamp;
    std::shared_ptr<const T> value;
  };
  static rocksdb::Slice Slice(std::string_view s) {
    return rocksdb::Slice(s.data(), s.size());
  }
  static void DeleteEntry(const rocksdb::Slice& /*key*/, void* value) {
    delete static_cast<Entry*>(value);
  }

  std::shared_ptr<rocksdb::Cache> cache_;
};

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_STAMPED_LRU_H_

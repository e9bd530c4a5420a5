#include "server/storage/decoded_block_cache.h"

#include <cstring>
#include <string>
#include <utility>

#include "server/common/stamped_lru.h"

namespace clout::storage {
namespace {

struct Entry {
  std::string encoded;
  SampleColumns samples;
  // Set by whichever reader checked the entry last (see LookupStamped).
  std::atomic<uint64_t> stamp{DecodedBlockCache::kUnstamped};
};

void DeleteEntry(const rocksdb::Slice& /*key*/, void* value) {
  delete static_cast<Entry*>(value);
}

struct BlockListEntry {
  uint64_t stamp;
  std::vector<uint32_t> blocks;
};

void DeleteBlockList(const rocksdb::Slice& /*key*/, void* value) {
  delete static_cast<BlockListEntry*>(value);
}

// Block keys are 12 bytes (keys.h); block-list keys 9, so they never meet.
std::string BlockListKey(uint64_t series_id) {
  std::string key(9, 'L');
  for (int i = 0; i < 8; ++i) {
    key[1 + i] = static_cast<char>(series_id >> (56 - 8 * i));
  }
  return key;
}

// What an entry costs: both copies of the block plus the bookkeeping.
size_t Charge(const Entry& e) {
  constexpr size_t kOverhead = sizeof(Entry) + 64;
  return kOverhead + e.encoded.capacity() +
         e.samples.timestamps.capacity() * sizeof(int64_t) +
         e.samples.values.capacity() * sizeof(int64_t) +
         e.samples.flags.capacity() * sizeof(uint32_t);
}

}  // namespace

void DecodedBlockCache::Lease::Release() {
  if (handle_ != nullptr) {
    cache_->Release(static_cast<rocksdb::Cache::Handle*>(handle_));
    handle_ = nullptr;
    cache_ = nullptr;
  }
  samples_ = &own_.samples;
}

DecodedBlockCache::Lease& DecodedBlockCache::Lease::operator=(
    Lease&& other) noexcept {
  if (this == &other) return *this;
  Release();
  own_ = std::move(other.own_);
  if (other.handle_ != nullptr) {
    cache_ = other.cache_;
    handle_ = other.handle_;
    samples_ = other.samples_;
    other.cache_ = nullptr;
    other.handle_ = nullptr;
  }
  other.samples_ = &other.own_.samples;
  return *this;
}

DecodedBlockCache::DecodedBlockCache(size_t capacity_bytes) {
  if (capacity_bytes > 0) {
    cache_ = NewLruCache(capacity_bytes);
  }
}

DecodedBlockCache::~DecodedBlockCache() = default;

absl::Status DecodedBlockCache::Decode(std::string_view key,
                                       std::string_view encoded, bool fill,
                                       Lease* lease, uint64_t stamp) {
  lease->Release();
  if (cache_ == nullptr) return DecodeRecord(encoded, &lease->own_);
  const rocksdb::Slice k(key.data(), key.size());
  if (rocksdb::Cache::Handle* h = cache_->Lookup(k)) {
    const auto* e = static_cast<const Entry*>(cache_->Value(h));
    if (e->encoded.size() == encoded.size() &&
        std::memcmp(e->encoded.data(), encoded.data(), encoded.size()) == 0) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      if (stamp != kUnstamped) {
        const_cast<Entry*>(e)->stamp.store(stamp, std::memory_order_relaxed);
      }
      lease->cache_ = cache_.get();
      lease->handle_ = h;
      lease->samples_ = &e->samples;
      return absl::OkStatus();
    }
    cache_->Release(h);  // Decoded from older bytes; replaced below.
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  if (!fill) return DecodeRecord(encoded, &lease->own_);

  auto entry = std::make_unique<Entry>();
  Record record;
  absl::Status st = DecodeRecord(encoded, &record);
  if (!st.ok()) return st;
  entry->encoded.assign(encoded.data(), encoded.size());
  entry->samples = std::move(record.samples);
  entry->stamp.store(stamp, std::memory_order_relaxed);
  const size_t charge = Charge(*entry);
  const SampleColumns* samples = &entry->samples;
  rocksdb::Cache::Handle* h = nullptr;
  rocksdb::Status s = cache_->Insert(k, entry.get(), charge, &DeleteEntry, &h);
  // The cache owns the entry now; a failed insert (possible only with a
  // strict capacity limit, which this cache does not set) has freed it.
  (void)entry.release();
  if (!s.ok()) return DecodeRecord(encoded, &lease->own_);
  lease->cache_ = cache_.get();
  lease->handle_ = h;
  lease->samples_ = samples;
  return absl::OkStatus();
}

bool DecodedBlockCache::LookupStamped(std::string_view key, uint64_t stamp,
                                      Lease* lease) {
  lease->Release();
  if (cache_ == nullptr || stamp == kUnstamped) return false;
  rocksdb::Cache::Handle* h =
      cache_->Lookup(rocksdb::Slice(key.data(), key.size()));
  if (h == nullptr) return false;
  const auto* e = static_cast<const Entry*>(cache_->Value(h));
  if (e->stamp.load(std::memory_order_relaxed) != stamp) {
    cache_->Release(h);
    return false;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  stamped_hits_.fetch_add(1, std::memory_order_relaxed);
  lease->cache_ = cache_.get();
  lease->handle_ = h;
  lease->samples_ = &e->samples;
  return true;
}

void DecodedBlockCache::PutBlockList(uint64_t series_id, uint64_t stamp,
                                     const std::vector<uint32_t>& blocks) {
  if (cache_ == nullptr || stamp == kUnstamped) return;
  auto entry = std::make_unique<BlockListEntry>();
  entry->stamp = stamp;
  entry->blocks = blocks;
  const size_t charge =
      sizeof(BlockListEntry) + 64 + blocks.size() * sizeof(uint32_t);
  // As in Decode: the cache owns the entry from here, inserted or not.
  (void)cache_->Insert(BlockListKey(series_id), entry.release(), charge,
                       &DeleteBlockList);
}

bool DecodedBlockCache::GetBlockList(uint64_t series_id, uint64_t stamp,
                                     std::vector<uint32_t>* blocks) {
  if (cache_ == nullptr || stamp == kUnstamped) return false;
  rocksdb::Cache::Handle* h = cache_->Lookup(BlockListKey(series_id));
  if (h == nullptr) return false;
  const auto* e = static_cast<const BlockListEntry*>(cache_->Value(h));
  const bool current = e->stamp == stamp;
  if (current) blocks->assign(e->blocks.begin(), e->blocks.end());
  cache_->Release(h);
  return current;
}

DecodedBlockCache::Stats DecodedBlockCache::stats() const {
  Stats s;
  s.hits = hits_.load(std::memory_order_relaxed);
  s.misses = misses_.load(std::memory_order_relaxed);
  s.stamped_hits = stamped_hits_.load(std::memory_order_relaxed);
  if (cache_ != nullptr) {
    s.usage_bytes = cache_->GetUsage();
    s.capacity_bytes = cache_->GetCapacity();
  }
  return s;
}

}  // namespace clout::storage

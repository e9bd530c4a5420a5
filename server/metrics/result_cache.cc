#include "server/metrics/result_cache.h"

#include <cstring>
#include <utility>

#include "server/common/stamped_lru.h"

namespace clout::metrics {
namespace {

struct Entry {
  uint64_t generation = 0;
  ResultCache::Result result;
};

void DeleteEntry(const rocksdb::Slice& /*key*/, void* value) {
  delete static_cast<Entry*>(value);
}

template <typename T>
void PutFixed(std::string* dst, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  dst->append(buf, sizeof(T));
}

// The cache key: the fixed-width fields, the parameters with their count,
// then the creator id, so that distinct keys never encode alike.
std::string Encode(const ResultKey& key) {
  std::string out;
  out.reserve(37 + key.params.size() * sizeof(double) + key.creator_id.size());
  PutFixed(&out, key.metric_serial);
  PutFixed(&out, static_cast<uint8_t>(key.value_only));
  PutFixed(&out, key.start_ms);
  PutFixed(&out, key.end_ms);
  PutFixed(&out, static_cast<uint32_t>(key.params.size()));
  for (double p : key.params) PutFixed(&out, p);
  out.append(key.creator_id);
  return out;
}

// Approximate heap footprint of an entry.
size_t EstimateBytes(size_t key_bytes, const ResultCache::Result& r) {
  size_t n = sizeof(Entry) + key_bytes + 128;
  if (!r.ok()) return n + r.status().message().size();
  const plugin_host::MetricOutput& o = **r;
  n += sizeof(o) + o.variant.size() + o.formula.size() +
       o.points.size() * sizeof(o.points[0]);
  for (const auto& c : o.components) {
    n += sizeof(c) + c.name.size() + c.note.size();
  }
  for (const auto& row : o.rows) {
    n += sizeof(row) + row.key.size() + row.values.size() * sizeof(double);
  }
  return n;
}

}  // namespace

ResultCache::ResultCache(size_t max_bytes) {
  if (max_bytes > 0) {
    cache_ = NewLruCache(max_bytes);
  }
}

ResultCache::~ResultCache() = default;

std::optional<ResultCache::Result> ResultCache::Find(const ResultKey& key,
                                                     uint64_t generation) {
  if (cache_ != nullptr) {
    const std::string k = Encode(key);
    if (rocksdb::Cache::Handle* h = cache_->Lookup(k)) {
      const auto* e = static_cast<const Entry*>(cache_->Value(h));
      std::optional<Result> found;
      if (e->generation == generation) found = e->result;
      cache_->Release(h);
      if (found.has_value()) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return found;
      }
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

void ResultCache::Insert(const ResultKey& key, uint64_t generation,
                         Result result) {
  if (cache_ == nullptr) return;
  const std::string k = Encode(key);
  const size_t charge = EstimateBytes(k.size(), result);
  auto* entry = new Entry{generation, std::move(result)};
  // Replaces an entry of the same key; the cache owns `entry` from here on
  // (it frees it itself should the insert fail).
  cache_->Insert(k, entry, charge, &DeleteEntry).PermitUncheckedError();
}

ResultCache::Counters ResultCache::counters() const {
  Counters c;
  c.hits = hits_.load(std::memory_order_relaxed);
  c.misses = misses_.load(std::memory_order_relaxed);
  c.bytes = cache_ == nullptr ? 0 : static_cast<int64_t>(cache_->GetUsage());
  return c;
}

}  // namespace clout::metrics

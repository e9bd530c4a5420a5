#include "server/metrics/result_cache.h"

#include <algorithm>

namespace clout::metrics {
namespace {

// Approximate heap footprint of an entry.
size_t EstimateBytes(const ResultKey& key, const ResultCache::Result& r) {
  size_t n = sizeof(ResultKey) + key.creator_id.size() +
             key.params.size() * sizeof(double) + 64;
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

std::optional<ResultCache::Result> ResultCache::Find(const ResultKey& key,
                                                     uint64_t generation) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second.result;
}

void ResultCache::Insert(ResultKey key, uint64_t generation, Result result) {
  const size_t bytes = EstimateBytes(key, result);
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= max_entries_ || bytes_ + bytes > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto [it, inserted] = entries_.try_emplace(std::move(key));
  if (!inserted) bytes_ -= std::min(bytes_, it->second.bytes);
  it->second = Entry{generation, std::move(result), bytes};
  bytes_ += bytes;
}

ResultCache::Counters ResultCache::counters() const {
  absl::MutexLock lock(&mu_);
  return {hits_, misses_, static_cast<int64_t>(entries_.size()),
          static_cast<int64_t>(bytes_)};
}

}  // namespace clout::metrics

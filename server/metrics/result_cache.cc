#include "server/metrics/result_cache.h"

namespace clout::metrics {

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
  absl::MutexLock lock(&mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.insert_or_assign(std::move(key),
                            Entry{generation, std::move(result)});
}

ResultCache::Counters ResultCache::counters() const {
  absl::MutexLock lock(&mu_);
  return {hits_, misses_, static_cast<int64_t>(entries_.size())};
}

}  // namespace clout::metrics

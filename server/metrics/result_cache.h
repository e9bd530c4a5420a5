// ResultCache: memoized metric results, so that ranking or re-reading the
// same metric over unchanged data costs a lookup instead of a computation.
//
// An entry is keyed by the loaded metric (its load serial, so a reloaded
// plugin never sees results of its predecessor), the creator, the window,
// the parameter values and whether only the value was asked for, and is
// stamped with the creator's data generation (SeriesStore::CreatorGeneration)
// read before the inputs were gathered. It is used only while that
// generation is current, so any write to the creator retires it.
// Thread-safe; bounded in size.
#ifndef CLOUT_SERVER_METRICS_RESULT_CACHE_H_
#define CLOUT_SERVER_METRICS_RESULT_CACHE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/plugin_host/metric_call.h"

namespace rocksdb {
class Cache;
}  // namespace rocksdb

namespace clout::metrics {

struct ResultKey {
  uint64_t metric_serial = 0;
  std::string creator_id;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::vector<double> params;
  // A value-only result (CallOptions::value_only) answers only value-only
  // requests.
  bool value_only = false;

  bool operator==(const ResultKey& o) const {
    return metric_serial == o.metric_serial && creator_id == o.creator_id &&
           start_ms == o.start_ms && end_ms == o.end_ms && params == o.params &&
           value_only == o.value_only;
  }
  template <typename H>
  friend H AbslHashValue(H h, const ResultKey& k) {
    return H::combine(std::move(h), k.metric_serial, k.creator_id, k.start_ms,
                      k.end_ms, k.params, k.value_only);
  }
};

class ResultCache {
 public:
  // Holds entries taking about `max_bytes` in all, evicting the least
  // recently used first; 0 keeps nothing.
  explicit ResultCache(size_t max_bytes);
  ~ResultCache();
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  using Result =
      absl::StatusOr<std::shared_ptr<const plugin_host::MetricOutput>>;

  // The cached result (an output, or the error the data led to) if present
  // with exactly this generation.
  std::optional<Result> Find(const ResultKey& key, uint64_t generation);

  // Puts `result` under `key`, replacing what is there, for `generation`:
  // the creator's generation read before the inputs were gathered.
  void Insert(const ResultKey& key, uint64_t generation, Result result);

  struct Counters {
    int64_t hits = 0, misses = 0, bytes = 0;
  };
  Counters counters() const;

 private:
  std::shared_ptr<rocksdb::Cache> cache_;  // Null when max_bytes is 0.
  std::atomic<int64_t> hits_{0};
  std::atomic<int64_t> misses_{0};
};

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_RESULT_CACHE_H_

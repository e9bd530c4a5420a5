// ResultCache: memoized metric results, so that ranking or re-reading the
// same metric over unchanged data costs a lookup instead of a computation.
//
// An entry is keyed by the loaded metric (its load serial, so a reloaded
// plugin never sees results of its predecessor), the creator, the window
// and the parameter values, and is stamped with the creator's data
// generation (SeriesStore::CreatorGeneration) read before the inputs were
// gathered. It is used only while that generation is current, so any write
// to the creator retires it. Thread-safe; bounded in size.
#ifndef CLOUT_SERVER_METRICS_RESULT_CACHE_H_
#define CLOUT_SERVER_METRICS_RESULT_CACHE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/plugin_host/metric_call.h"

namespace clout::metrics {

struct ResultKey {
  uint64_t metric_serial = 0;
  std::string creator_id;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  std::vector<double> params;

  bool operator==(const ResultKey& o) const {
    return metric_serial == o.metric_serial && creator_id == o.creator_id &&
           start_ms == o.start_ms && end_ms == o.end_ms && params == o.params;
  }
  template <typename H>
  friend H AbslHashValue(H h, const ResultKey& k) {
    return H::combine(std::move(h), k.metric_serial, k.creator_id, k.start_ms,
                      k.end_ms, k.params);
  }
};

class ResultCache {
 public:
  // Holds at most `max_entries` taking about `max_bytes`; when either is
  // reached it is emptied and starts over (simple, and a cache full of
  // windows nobody asks for again is the usual cause).
  ResultCache(size_t max_entries, size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  using Result =
      absl::StatusOr<std::shared_ptr<const plugin_host::MetricOutput>>;

  // The cached result (an output, or the error the data led to) if present
  // with exactly this generation.
  std::optional<Result> Find(const ResultKey& key, uint64_t generation);

  void Insert(ResultKey key, uint64_t generation, Result result);

  struct Counters {
    int64_t hits = 0, misses = 0, entries = 0, bytes = 0;
  };
  Counters counters() const;

 private:
  struct Entry {
    uint64_t generation = 0;
    Result result;
    size_t bytes = 0;
  };
  const size_t max_entries_;
  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<ResultKey, Entry> entries_ ABSL_GUARDED_BY(mu_);
  int64_t hits_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t misses_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_RESULT_CACHE_H_

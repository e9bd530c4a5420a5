// LatestSampleCache: the last sample of each post series a metric reads,
// per creator, kept in memory for metrics that declare
// CLOUT_METRIC_LATEST_POST_SAMPLES (clout/plugin.h).
//
// Such a metric needs, per post and field, only the latest sample before
// the window's end. For the usual window, one that ends after the post's
// last sample, that is the post's last sample overall, which this cache
// holds: the call then reads no series of the creator's posts at all.
//
// A table covers one creator and one list of post fields, holding the posts
// that calls have needed so far (a call over a week reads that week's posts,
// not the creator's whole history), and is stamped
// with the creator's data generation (SeriesStore::CreatorGeneration) read
// before its samples were read; it is used only while that generation is
// current, so any write, delete or record upsert of the creator rebuilds
// it. Bounded by an estimate of its memory, least recently used tables
// going first. Thread-safe.
#ifndef CLOUT_SERVER_METRICS_LATEST_SAMPLES_H_
#define CLOUT_SERVER_METRICS_LATEST_SAMPLES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/common/stamped_lru.h"
#include "server/metrics/post_directory.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

// The last samples of one creator's posts, one row per post with a known
// publication time, one column per field. Immutable once built.
struct LatestTable {
  uint64_t generation = 0;
  size_t field_count = 0;
  absl::flat_hash_map<std::string, size_t> row_of_post;
  // The post list (PostDirectory) the table was last built against, and the
  // row of each of its posts by position (kNoRow if none): callers holding
  // that same list find rows without hashing post ids.
  std::shared_ptr<const PostList> list;
  std::vector<size_t> row_of_index;
  // Row-major, row * field_count + field.
  std::vector<int64_t> timestamps;
  std::vector<int64_t> values;
  std::vector<uint32_t> flags;
  std::vector<uint8_t> present;  // 0: the series has no sample at all.
  size_t bytes = 0;              // Estimated memory.

  // The last sample of (post row, field) as a span of 0 or 1 sample.
  SampleSpan Last(size_t row, size_t field) const {
    const size_t i = row * field_count + field;
    if (!present[i]) return {};
    return {&timestamps[i], &values[i], flags[i] != 0 ? &flags[i] : nullptr, 1};
  }
};

class LatestSampleCache {
 public:
  // `store` must outlive the cache, which holds about `max_bytes`.
  explicit LatestSampleCache(storage::SeriesStore* store,
                             size_t max_bytes = size_t{64} << 20);

  // A table of `creator_id` for `fields` with a row for each of `posts`
  // that has a known publication time, current for `generation`, which the
  // caller read from the store before it listed `posts`. Sets (*rows)[i] to
  // the row of posts[i], or kNoRow for a post of unknown publication time.
  // `list`, if not null, is the list that `posts` point into. The store's
  // error if reading the samples fails.
  static constexpr size_t kNoRow = ~size_t{0};
  absl::StatusOr<std::shared_ptr<const LatestTable>> Get(
      std::string_view creator_id, const std::vector<std::string>& fields,
      const std::shared_ptr<const PostList>& list,
      const std::vector<const PostRef*>& posts, uint64_t generation,
      std::vector<size_t>* rows);

 private:
  // `base` (or null) extended by rows for `missing`.
  absl::StatusOr<std::shared_ptr<const LatestTable>> Build(
      std::string_view creator_id, const std::vector<std::string>& fields,
      const LatestTable* base, const std::vector<const PostRef*>& missing,
      const std::shared_ptr<const PostList>& list, uint64_t generation);

  storage::SeriesStore* const store_;
  // By creator and fields (TableKey), and generation.
  StampedLru<LatestTable> tables_;
};

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_LATEST_SAMPLES_H_

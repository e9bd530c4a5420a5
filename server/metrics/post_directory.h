// PostDirectory: each creator's posts (id and publication time) as metrics
// need them, kept in memory so that computing a metric does not list and
// parse the creator's post records every time.
//
// An entry is stamped with the creator's data generation
// (SeriesStore::CreatorGeneration), read before the records are listed, and
// is used only while that generation is current: any upsert, write or
// delete of the creator refreshes it. Bounded by an estimate of its memory,
// least recently used lists going first. Thread-safe.
#ifndef CLOUT_SERVER_METRICS_POST_DIRECTORY_H_
#define CLOUT_SERVER_METRICS_POST_DIRECTORY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/stamped_lru.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

struct PostRef {
  std::string post_id;
  int64_t published_ms = 0;  // 0: unknown.
};

using PostList = std::vector<PostRef>;

class PostDirectory {
 public:
  // `store` must outlive the directory, which keeps about `max_bytes` of
  // lists (Charge).
  explicit PostDirectory(storage::SeriesStore* store,
                         size_t max_bytes = size_t{128} << 20);

  // The memory a list is counted for.
  static size_t Charge(const PostList& posts);

  // The posts of `creator_id` in post id order. NotFound if the creator
  // does not exist.
  absl::StatusOr<std::shared_ptr<const PostList>> Get(
      std::string_view creator_id) {
    return Get(creator_id, store_->CreatorGeneration(creator_id));
  }
  // The same, for a caller that has read the creator's `generation` from
  // the store itself, before this call.
  absl::StatusOr<std::shared_ptr<const PostList>> Get(
      std::string_view creator_id, uint64_t generation);

 private:
  storage::SeriesStore* const store_;
  StampedLru<PostList> lists_;  // By creator id and generation.
};

// Lists the posts of `creator_id` from the store, without caching.
absl::StatusOr<PostList> ListAllPosts(storage::SeriesStore* store,
                                      std::string_view creator_id);

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_POST_DIRECTORY_H_

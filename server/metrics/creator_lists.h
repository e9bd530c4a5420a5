// CreatorLists: the ids of the creators matching a filter, as a batch or a
// ranking covers them.
//
// Listing parses every creator record, a large part of a Rank over
// thousands of creators, so a list is kept, stamped with the store's
// catalog generation (SeriesStore::CatalogGeneration) read before the
// listing, and used only while that generation is current: any creator
// record upsert retires it. Bounded by an estimate of its memory, least
// recently used lists going first. Thread-safe.
#ifndef CLOUT_SERVER_METRICS_CREATOR_LISTS_H_
#define CLOUT_SERVER_METRICS_CREATOR_LISTS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/stamped_lru.h"
#include "server/storage/series_store.h"

namespace clout::metrics {

class CreatorLists {
 public:
  using List = std::shared_ptr<const std::vector<std::string>>;

  // `store` must outlive the lists, which keep about `max_bytes`.
  explicit CreatorLists(storage::SeriesStore* store,
                        size_t max_bytes = size_t{32} << 20);

  // The ids of the creators matching `filter`, in id order, never null; the
  // store's error if listing fails.
  absl::StatusOr<List> Select(const storage::CreatorFilter& filter);

 private:
  storage::SeriesStore* const store_;
  // By filter (a key no two filters share) and catalog generation.
  StampedLru<std::vector<std::string>> lists_;
};

}  // namespace clout::metrics

#endif  // CLOUT_SERVER_METRICS_CREATOR_LISTS_H_

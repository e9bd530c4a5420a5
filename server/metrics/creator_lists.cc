#include "server/metrics/creator_lists.h"

#include "server/common/strings.h"

namespace clout::metrics {
namespace {

// Length-prefixed parts, so that no two filters share a key.
std::string FilterKey(const storage::CreatorFilter& filter) {
  std::string key = StrCat(filter.platform.size(), ":", filter.platform);
  for (const auto& [name, value] : filter.labels) {  // Sorted by name.
    key += StrCat(name.size(), ":", name, value.size(), ":", value);
  }
  return key;
}

}  // namespace

CreatorLists::CreatorLists(storage::SeriesStore* store, size_t max_bytes)
    : store_(store), lists_(max_bytes) {}

absl::StatusOr<CreatorLists::List> CreatorLists::Select(
    const storage::CreatorFilter& filter) {
  const std::string key = FilterKey(filter);
  // Read before listing: a change during the listing retires the list.
  const uint64_t catalog = store_->CatalogGeneration();
  if (List kept = lists_.Find(key, catalog)) return kept;
  auto creators = std::make_shared<std::vector<std::string>>();
  std::string after;
  do {
    auto page = store_->ListCreators(filter, after, 10000);
    if (!page.ok()) return page.status();
    for (const auto& c : page->creators) creators->push_back(c.creator_id);
    after = page->next_after;
  } while (!after.empty());
  size_t bytes = key.size() + 96 + creators->capacity() * sizeof(std::string);
  for (const std::string& id : *creators) bytes += id.capacity();
  lists_.Insert(key, catalog, creators, bytes);
  return List(std::move(creators));
}

}  // namespace clout::metrics

#include "server/metrics/latest_samples.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace clout::metrics {
namespace {

void TableKey(std::string_view creator_id,
              const std::vector<std::string>& fields, std::string* key) {
  key->assign(creator_id);
  for (const std::string& f : fields) {
    key->push_back('\n');
    key->append(f);
  }
}

// Sets rows[i] to the row of posts[i] in `table` (kNoRow if it has none)
// and returns how many posts of known publication time have none.
size_t FindRows(const LatestTable* table, const PostList* list,
                const std::vector<const PostRef*>& posts,
                std::vector<size_t>* rows) {
  rows->assign(posts.size(), LatestSampleCache::kNoRow);
  size_t missing = 0;
  const bool by_index = list != nullptr && table->list.get() == list;
  for (size_t i = 0; i < posts.size(); ++i) {
    if (posts[i]->published_ms == 0) continue;  // Whole series anyway.
    if (by_index) {
      (*rows)[i] = table->row_of_index[posts[i] - list->data()];
      missing += (*rows)[i] == LatestSampleCache::kNoRow;
      continue;
    }
    if (table != nullptr) {
      auto it = table->row_of_post.find(posts[i]->post_id);
      if (it != table->row_of_post.end()) {
        (*rows)[i] = it->second;
        continue;
      }
    }
    ++missing;
  }
  return missing;
}

}  // namespace

LatestSampleCache::LatestSampleCache(storage::SeriesStore* store,
                                     size_t max_bytes)
    : store_(store), max_bytes_(max_bytes) {}

absl::StatusOr<std::shared_ptr<const LatestTable>> LatestSampleCache::Get(
    std::string_view creator_id, const std::vector<std::string>& fields,
    const std::shared_ptr<const PostList>& list,
    const std::vector<const PostRef*>& posts, uint64_t generation,
    std::vector<size_t>* rows) {
  thread_local std::string key;
  TableKey(creator_id, fields, &key);
  std::shared_ptr<const LatestTable> current;
  {
    absl::MutexLock lock(&mu_);
    auto it = tables_.find(key);
    if (it != tables_.end() && it->second->generation == generation) {
      current = it->second;
    }
  }
  if (current != nullptr &&
      FindRows(current.get(), list.get(), posts, rows) == 0) {
    return current;
  }
  std::vector<const PostRef*> missing;
  for (size_t i = 0; i < posts.size(); ++i) {
    if (posts[i]->published_ms != 0 && (current == nullptr ||
                                         (*rows)[i] == kNoRow)) {
      missing.push_back(posts[i]);
    }
  }
  auto built =
      Build(creator_id, fields, current.get(), missing, list, generation);
  if (!built.ok()) return built.status();
  FindRows(built->get(), list.get(), posts, rows);
  const size_t bytes = (*built)->bytes + key.size() + 64;
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = tables_.try_emplace(key);  // Copies the key.
  if (!inserted) {
    bytes_ -= std::min(bytes_, it->second->bytes + key.size() + 64);
  }
  if (bytes_ + bytes > max_bytes_) {
    // Full: start over rather than track recency on every hit.
    tables_.clear();
    bytes_ = 0;
    it = tables_.try_emplace(key).first;
  }
  it->second = *built;
  bytes_ += bytes;
  return built;
}

absl::StatusOr<std::shared_ptr<const LatestTable>> LatestSampleCache::Build(
    std::string_view creator_id, const std::vector<std::string>& fields,
    const LatestTable* base, const std::vector<const PostRef*>& missing,
    const std::shared_ptr<const PostList>& list, uint64_t generation) {
  auto table = std::make_shared<LatestTable>();
  table->generation = generation;
  table->field_count = fields.size();
  const size_t base_cells = base == nullptr ? 0 : base->present.size();
  if (base != nullptr) {
    // The rows already read, for the same generation, stay as they are.
    table->row_of_post = base->row_of_post;
    table->timestamps = base->timestamps;
    table->values = base->values;
    table->flags = base->flags;
    table->present = base->present;
  }
  std::vector<storage::SeriesRead> reads;
  reads.reserve(missing.size() * fields.size());
  for (const PostRef* p : missing) {
    table->row_of_post.emplace(p->post_id, table->row_of_post.size());
    for (const std::string& field : fields) {
      storage::SeriesRead r;
      r.id = storage::SeriesId{creator_id, p->post_id, field};
      r.start = std::numeric_limits<int64_t>::min();
      r.end = std::numeric_limits<int64_t>::max();
      r.borrow = true;
      // Only the last sample is kept: leave the cache to what is read
      // again (the account series of every call).
      r.fill = false;
      reads.push_back(std::move(r));
    }
  }
  if (absl::Status st = store_->ReadMany(&reads); !st.ok()) return st;
  const size_t n = base_cells + reads.size();
  table->timestamps.resize(n, 0);
  table->values.resize(n, 0);
  table->flags.resize(n, 0);
  table->present.resize(n, 0);
  // New rows follow the old ones, field by field, in read order.
  for (size_t i = 0; i < reads.size(); ++i) {
    const storage::SampleSpan s = reads[i].span();
    if (s.size == 0) continue;
    const size_t cell = base_cells + i;
    table->timestamps[cell] = s.timestamps[s.size - 1];
    table->values[cell] = s.values[s.size - 1];
    table->flags[cell] = s.flags == nullptr ? 0 : s.flags[s.size - 1];
    table->present[cell] = 1;
  }
  if (list != nullptr) {
    table->list = list;
    table->row_of_index.assign(list->size(), kNoRow);
    for (size_t i = 0; i < list->size(); ++i) {
      auto it = table->row_of_post.find((*list)[i].post_id);
      if (it != table->row_of_post.end()) table->row_of_index[i] = it->second;
    }
  }
  table->bytes = sizeof(LatestTable) +
                 n * (2 * sizeof(int64_t) + sizeof(uint32_t) + 1) +
                 table->row_of_index.size() * sizeof(size_t);
  for (const auto& [post_id, row] : table->row_of_post) {
    table->bytes += post_id.capacity() + 48;
  }
  return std::shared_ptr<const LatestTable>(std::move(table));
}

}  // namespace clout::metrics

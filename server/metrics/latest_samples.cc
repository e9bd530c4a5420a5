#include "server/metrics/latest_samples.h"

#include <algorithm>
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
    : store_(store), tables_(max_bytes) {}

absl::StatusOr<std::shared_ptr<const LatestTable>> LatestSampleCache::Get(
    std::string_view creator_id, const std::vector<std::string>& fields,
    const std::shared_ptr<const PostList>& list,
    const std::vector<const PostRef*>& posts, uint64_t generation,
    std::vector<size_t>* rows) {
  thread_local std::string key;
  TableKey(creator_id, fields, &key);
  std::shared_ptr<const LatestTable> current = tables_.Find(key, generation);
  if (current != nullptr &&
      FindRows(current.get(), list.get(), posts, rows) == 0) {
    return current;
  }
  std::vector<const PostRef*> missing;
  for (size_t i = 0; i < posts.size(); ++i) {
    if (posts[i]->published_ms != 0 &&
        (current == nullptr || (*rows)[i] == kNoRow)) {
      missing.push_back(posts[i]);
    }
  }
  auto built =
      Build(creator_id, fields, current.get(), missing, list, generation);
  if (!built.ok()) return built.status();
  FindRows(built->get(), list.get(), posts, rows);
  tables_.Insert(key, generation, *built, (*built)->bytes + key.size() + 64);
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
  // The stored tails: no block of the posts is read. Asked for in the
  // store's key order (post id, then field name), which it reads fastest.
  thread_local std::vector<const PostRef*> by_id;
  by_id.assign(missing.begin(), missing.end());
  std::sort(by_id.begin(), by_id.end(), [](const PostRef* a, const PostRef* b) {
    return a->post_id < b->post_id;
  });
  thread_local std::vector<size_t> field_order;
  field_order.resize(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) field_order[f] = f;
  std::sort(field_order.begin(), field_order.end(),
            [&fields](size_t a, size_t b) { return fields[a] < fields[b]; });
  std::vector<storage::LastRead> reads;
  std::vector<size_t> cells;  // Of reads[i] in the table.
  reads.reserve(by_id.size() * fields.size());
  cells.reserve(reads.capacity());
  for (const PostRef* p : by_id) {
    const size_t row = table->row_of_post.size();
    table->row_of_post.emplace(p->post_id, row);
    for (size_t f : field_order) {
      storage::LastRead r;
      r.id = storage::SeriesId{creator_id, p->post_id, fields[f]};
      reads.push_back(r);
      cells.push_back(row * fields.size() + f);
    }
  }
  if (absl::Status st = store_->ReadLast(&reads); !st.ok()) return st;
  const size_t n = base_cells + reads.size();
  table->timestamps.resize(n, 0);
  table->values.resize(n, 0);
  table->flags.resize(n, 0);
  table->present.resize(n, 0);
  for (size_t i = 0; i < reads.size(); ++i) {
    if (!reads[i].found) continue;
    const size_t cell = cells[i];
    table->timestamps[cell] = reads[i].timestamp;
    table->values[cell] = reads[i].value;
    table->flags[cell] = reads[i].flag;
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

#include "server/metrics/latest_samples.h"

#include <limits>
#include <utility>

namespace clout::metrics {
namespace {

std::string TableKey(std::string_view creator_id,
                     const std::vector<std::string>& fields) {
  std::string key(creator_id);
  for (const std::string& f : fields) {
    key.push_back('\n');
    key.append(f);
  }
  return key;
}

}  // namespace

LatestSampleCache::LatestSampleCache(storage::SeriesStore* store,
                                     size_t max_tables)
    : store_(store), max_tables_(max_tables) {}

absl::StatusOr<std::shared_ptr<const LatestTable>> LatestSampleCache::Get(
    std::string_view creator_id, const std::vector<std::string>& fields,
    const PostList& posts, uint64_t generation) {
  std::string key = TableKey(creator_id, fields);
  {
    absl::MutexLock lock(&mu_);
    auto it = tables_.find(key);
    if (it != tables_.end() && it->second->generation == generation) {
      return it->second;
    }
  }
  auto built = Build(creator_id, fields, posts, generation);
  if (!built.ok()) return built.status();
  absl::MutexLock lock(&mu_);
  if (tables_.size() >= max_tables_) tables_.clear();
  tables_[std::move(key)] = *built;
  return built;
}

absl::StatusOr<std::shared_ptr<const LatestTable>> LatestSampleCache::Build(
    std::string_view creator_id, const std::vector<std::string>& fields,
    const PostList& posts, uint64_t generation) {
  auto table = std::make_shared<LatestTable>();
  table->generation = generation;
  table->field_count = fields.size();
  std::vector<storage::SeriesRead> reads;
  for (const PostRef& p : posts) {
    if (p.published_ms == 0) continue;  // These get whole series anyway.
    table->row_of_post.emplace(p.post_id, table->row_of_post.size());
    for (const std::string& field : fields) {
      storage::SeriesRead r;
      r.id = storage::SeriesId{creator_id, p.post_id, field};
      r.start = std::numeric_limits<int64_t>::min();
      r.end = std::numeric_limits<int64_t>::max();
      r.borrow = true;
      reads.push_back(std::move(r));
    }
  }
  if (absl::Status st = store_->ReadMany(&reads); !st.ok()) return st;
  const size_t n = reads.size();
  table->timestamps.assign(n, 0);
  table->values.assign(n, 0);
  table->flags.assign(n, 0);
  table->present.assign(n, 0);
  // Reads were made in row order, field by field.
  for (size_t i = 0; i < n; ++i) {
    const storage::SampleSpan s = reads[i].span();
    if (s.size == 0) continue;
    table->timestamps[i] = s.timestamps[s.size - 1];
    table->values[i] = s.values[s.size - 1];
    table->flags[i] = s.flags == nullptr ? 0 : s.flags[s.size - 1];
    table->present[i] = 1;
  }
  return std::shared_ptr<const LatestTable>(std::move(table));
}

}  // namespace clout::metrics

#include "server/metrics/latest_samples.h"

#include <algorithm>
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
                                     size_t max_bytes)
    : store_(store), max_bytes_(max_bytes) {}

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
  const size_t bytes = (*built)->bytes + key.size() + 64;
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = tables_.try_emplace(key);
  if (!inserted) bytes_ -= std::min(bytes_, it->second->bytes + key.size() + 64);
  if (bytes_ + bytes > max_bytes_) {
    // Full: start over rather than track recency on every hit.
    tables_.clear();
    bytes_ = 0;
    it = tables_.try_emplace(std::move(key)).first;
  }
  it->second = *built;
  bytes_ += bytes;
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
  table->bytes = sizeof(LatestTable) +
                 n * (2 * sizeof(int64_t) + sizeof(uint32_t) + 1);
  for (const auto& [post_id, row] : table->row_of_post) {
    table->bytes += post_id.capacity() + 48;
  }
  return std::shared_ptr<const LatestTable>(std::move(table));
}

}  // namespace clout::metrics

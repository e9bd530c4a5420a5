// RocksDbSeriesStore: deleting creators and samples.
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "server/common/strings.h"
#include "server/format/block_codec.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/rocksdb_series_store.h"
#include "server/storage/series_tail.h"

namespace clout::storage {

void RocksDbSeriesStore::AddDeleteRange(uint64_t sid, int64_t start,
                                        int64_t end,
                                        rocksdb::WriteBatch* batch) {
  start = std::max(start, kMinTimestampMs);
  end = std::min(end, kMaxTimestampMs);
  if (end <= start) return;
  const uint32_t first = BlockOf(start), last = BlockOf(end - 1);
  std::string record;
  EncodeDeleteRange(start, end, &record);
  // Blocks wholly inside the range go with one range tombstone; the partly
  // covered blocks at either end get a delete-range record.
  uint32_t whole_from = first, whole_to = last + 1;  // [from, to)
  if (BlockStart(first) < start) {
    batch->Merge(blocks_cf_, BlockKey(sid, first), record);
    whole_from = first + 1;
  }
  if (BlockStart(last + 1) > end && last >= whole_from) {
    batch->Merge(blocks_cf_, BlockKey(sid, last), record);
    whole_to = last;
  }
  if (whole_from < whole_to) {
    batch->DeleteRange(blocks_cf_, BlockKey(sid, whole_from),
                       BlockKey(sid, whole_to));
  }
}

absl::Status RocksDbSeriesStore::DeleteCreator(std::string_view creator_id,
                                               int64_t* posts_deleted,
                                               int64_t* series_deleted) {
  // Lock order everywhere: delete_mu_, series_mu_, records_mu_.
  absl::WriterMutexLock deletes(&delete_mu_);
  absl::MutexLock series_lock(&series_mu_);
  absl::MutexLock records(&records_mu_);
  std::string ignored;
  if (absl::Status st = ReadCreatorRecord(creator_id, &ignored); !st.ok()) {
    return st;
  }
  rocksdb::WriteBatch batch;
  auto series = SeriesWithPrefix(SeriesCreatorPrefix(creator_id));
  std::vector<uint64_t> ids;
  for (const auto& [key, sid] : series) {
    batch.Delete(series_cf_, key);
    ids.push_back(sid);
  }
  const std::string series_prefix = SeriesCreatorPrefix(creator_id);
  batch.DeleteRange(tails_cf_, series_prefix, PrefixSuccessor(series_prefix));
  // One range tombstone per run of consecutive series ids.
  std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < ids.size();) {
    size_t j = i + 1;
    while (j < ids.size() && ids[j] == ids[j - 1] + 1) ++j;
    batch.DeleteRange(blocks_cf_, BlockKey(ids[i], 0),
                      BlockKey(ids[j - 1] + 1, 0));
    i = j;
  }
  const std::string post_prefix = PostKeyPrefix(creator_id);
  int64_t posts = CountKeys(meta_cf_, post_prefix);
  batch.DeleteRange(meta_cf_, post_prefix, PrefixSuccessor(post_prefix));
  batch.Delete(meta_cf_, CreatorKey(creator_id));
  absl::Status st = Commit(&batch, "deleting creator");
  CatalogChanged();  // Even after a failure, as in Write.
  if (!st.ok()) return st;
  for (const auto& entry : series) series_ids_.erase(entry.first);
  Touch(creator_id);
  creator_count_ -= 1;
  post_count_ -= posts;
  *posts_deleted = posts;
  *series_deleted = static_cast<int64_t>(series.size());
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::DeleteSamples(std::string_view creator_id,
                                               std::string_view post_id,
                                               std::string_view field,
                                               bool all_entities, int64_t start,
                                               int64_t end,
                                               int64_t* series_affected) {
  // Exclusive: a write between reading a tail and rewriting it below would
  // be lost from it.
  absl::WriterMutexLock deletes(&delete_mu_);
  std::vector<std::pair<std::string, uint64_t>> series;
  if (all_entities) {
    series = SeriesWithPrefix(SeriesCreatorPrefix(creator_id));
  } else if (field.empty()) {
    series = SeriesWithPrefix(SeriesEntityPrefix(creator_id, post_id));
  } else {
    std::string key = SeriesKey(creator_id, post_id, field);
    absl::ReaderMutexLock lock(&series_mu_);
    auto it = series_ids_.find(key);
    if (it != series_ids_.end()) series.emplace_back(key, it->second);
  }
  if (series.empty()) {
    return absl::NotFoundError(
        StrCat("no series match creator '", creator_id, "'",
               post_id.empty() ? "" : StrCat(" post '", post_id, "'"),
               field.empty() ? "" : StrCat(" field '", field, "'")));
  }
  rocksdb::WriteBatch batch;
  std::string value;
  SampleColumns prior;
  std::unique_ptr<rocksdb::Iterator> blocks;  // Made on the first need.
  for (const auto& [key, sid] : series) {
    AddDeleteRange(sid, start, end, &batch);
    // A tail inside the range gives way to the last sample before it.
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), tails_cf_, key, &value);
    if (s.IsNotFound()) continue;
    if (!s.ok()) return FromRocksDb(s, "reading tail");
    SeriesTail tail;
    if (absl::Status st = ParseTail(key, value, &tail); !st.ok()) return st;
    if (tail.timestamp < start || tail.timestamp >= end) continue;
    if (blocks == nullptr) {
      blocks.reset(db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
    }
    prior.Clear();
    absl::Status st =
        LastBefore(sid, start, /*fill=*/false, blocks.get(), &prior);
    if (!st.ok()) return st;
    if (prior.empty()) {
      batch.Delete(tails_cf_, key);
      continue;
    }
    value.clear();
    EncodeTail(TailOf(prior), &value);
    batch.Put(tails_cf_, key, value);
  }
  absl::Status st = Commit(&batch, "deleting samples");
  Touch(creator_id);
  if (st.ok()) *series_affected = static_cast<int64_t>(series.size());
  return st;
}

}  // namespace clout::storage

// RocksDbSeriesStore: the last-sample index (series_tail.h), read by
// ReadLast, built once for a folder written before it.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "server/common/strings.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/rocksdb_block_walk.h"
#include "server/storage/rocksdb_series_store.h"
#include "server/storage/series_tail.h"

namespace clout::storage {

absl::Status RocksDbSeriesStore::EnsureTails() {
  std::string marker;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), default_cf_, kTailsCompleteKey, &marker);
  if (s.ok()) return absl::OkStatus();
  if (!s.IsNotFound()) return FromRocksDb(s, "reading tails marker");
  // A database from before tails, or one whose previous build of them was
  // interrupted: (re)build every tail from the blocks, once.
  rocksdb::WriteBatch batch;
  {
    std::unique_ptr<rocksdb::Iterator> stale(
        db_->NewIterator(rocksdb::ReadOptions(), tails_cf_));
    for (stale->SeekToFirst(); stale->Valid(); stale->Next()) {
      batch.Delete(tails_cf_, stale->key());
    }
    if (!stale->status().ok()) {
      return FromRocksDb(stale->status(), "listing tails");
    }
  }
  std::vector<std::pair<std::string, uint64_t>> series;
  {
    absl::ReaderMutexLock lock(&series_mu_);
    series.assign(series_ids_.begin(), series_ids_.end());
  }
  const auto start = std::chrono::steady_clock::now();
  if (options_.progress && !series.empty()) {
    options_.progress(StrCat("building the last-sample index of ",
                             series.size(),
                             " series (once, for a folder written before it)"));
  }
  // In id order, so one iterator serves every series, moving forward.
  std::sort(series.begin(), series.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  std::unique_ptr<rocksdb::Iterator> blocks(
      db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
  SampleColumns last;
  std::string value;
  for (const auto& [key, sid] : series) {
    last.Clear();
    absl::Status st =
        LastBefore(sid, kMaxTimestampMs, /*fill=*/false, blocks.get(), &last);
    if (!st.ok()) return st;
    if (last.empty()) continue;
    value.clear();
    EncodeTail(TailOf(last), &value);
    batch.Put(tails_cf_, key, value);
    if (batch.Count() >= 4096) {
      st = FromRocksDb(db_->Write(rocksdb::WriteOptions(), &batch),
                       "writing tails");
      if (!st.ok()) return st;
      batch.Clear();
    }
  }
  batch.Put(default_cf_, kTailsCompleteKey, "1");
  rocksdb::WriteOptions wo;
  wo.sync = true;
  absl::Status st = FromRocksDb(db_->Write(wo, &batch), "writing tails");
  if (st.ok() && options_.progress && !series.empty()) {
    const std::chrono::duration<double> took =
        std::chrono::steady_clock::now() - start;
    options_.progress(StrCat("built the last-sample index of ", series.size(),
                             " series in ", took.count(), " s"));
  }
  return st;
}

absl::Status RocksDbSeriesStore::ReadLast(std::vector<LastRead>* reads) {
  thread_local std::vector<std::pair<std::string, size_t>> order;
  order.resize(reads->size());
  for (size_t i = 0; i < reads->size(); ++i) {
    LastRead& r = (*reads)[i];
    r.found = false;
    SeriesKeyInto(r.id.creator_id, r.id.post_id, r.id.field, &order[i].first);
    order[i].second = i;
  }
  // In key order, so the iterator mostly steps forward: a creator's tails
  // are contiguous. Callers usually ask in that order already.
  if (!std::is_sorted(order.begin(), order.end())) {
    std::sort(order.begin(), order.end());
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), tails_cf_));
  SeriesTail tail;
  for (const auto& [key, index] : order) {
    PositionAt(it.get(), key);
    if (!it->Valid() || it->key() != rocksdb::Slice(key)) continue;
    if (absl::Status st = ParseTail(key, ToView(it->value()), &tail);
        !st.ok()) {
      return st;
    }
    LastRead& r = (*reads)[index];
    r.found = true;
    r.timestamp = tail.timestamp;
    r.value = tail.value;
    r.flag = tail.flag;
  }
  return FromRocksDb(it->status(), "reading tails");
}

}  // namespace clout::storage

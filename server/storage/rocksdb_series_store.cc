#include "server/storage/rocksdb_series_store.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "rocksdb/db.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_batch.h"
#include "server/common/disk_usage.h"
#include "server/common/strings.h"
#include "server/format/block_codec.h"
#include "server/format/bulk_file.h"
#include "server/format/coding.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/rocksdb_options.h"
#include "server/storage/rocksdb_prefix_iterator.h"
#include "server/storage/series_tail.h"

namespace clout::storage {

absl::StatusOr<std::unique_ptr<RocksDbSeriesStore>> RocksDbSeriesStore::Open(
    const std::string& dir, const Options& options) {
  std::unique_ptr<RocksDbSeriesStore> store(
      new RocksDbSeriesStore(dir, options));
  if (absl::Status st = store->OpenDb(); !st.ok()) return st;
  if (absl::Status st = store->LoadIndex(); !st.ok()) return st;
  if (absl::Status st = store->EnsureTails(); !st.ok()) return st;
  return store;
}

RocksDbSeriesStore::RocksDbSeriesStore(std::string dir, const Options& options)
    : dir_(std::move(dir)),
      options_(options),
      decoded_(
          std::make_unique<DecodedBlockCache>(options.decoded_cache_bytes)) {}

RocksDbSeriesStore::~RocksDbSeriesStore() {
  if (db_ == nullptr) return;
  db_->FlushWAL(/*sync=*/true).PermitUncheckedError();
  for (auto* cf : {meta_cf_, series_cf_, blocks_cf_, tails_cf_}) {
    if (cf != nullptr)
      db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
  }
  db_->DestroyColumnFamilyHandle(default_cf_).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDbSeriesStore::OpenDb() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        StrCat("cannot create data folder '", dir_, "': ", ec.message()));
  }
  const rocksdb::DBOptions db_options = StoreDbOptions();
  const std::vector<rocksdb::ColumnFamilyDescriptor> families =
      StoreColumnFamilies(options_.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, dir_, families, &handles, &db);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return absl::FailedPreconditionError(
          StrCat("data folder '", dir_,
                 "' is in use by another process: ", s.ToString()));
    }
    return FromRocksDb(s, StrCat("opening database in '", dir_, "'"));
  }
  db_.reset(db);
  default_cf_ = handles[0];
  meta_cf_ = handles[1];
  series_cf_ = handles[2];
  blocks_cf_ = handles[3];
  tails_cf_ = handles[4];

  std::string format;
  s = db_->Get(rocksdb::ReadOptions(), default_cf_, kFormatKey, &format);
  if (s.IsNotFound()) {
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocksDb(db_->Put(wo, default_cf_, kFormatKey, kStoreFormat),
                       "writing format marker");
  }
  if (!s.ok()) return FromRocksDb(s, "reading format marker");
  if (format != kStoreFormat) {
    return absl::FailedPreconditionError(
        StrCat("data folder '", dir_, "' holds format '", format,
               "', this server reads '", kStoreFormat, "'"));
  }
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::LoadIndex() {
  absl::MutexLock lock(&series_mu_);
  std::string next;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), default_cf_, kNextSeriesIdKey, &next);
  if (s.ok() && next.size() == 8)
    next_series_id_ = DecodeFixed64BE(next.data());
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), series_cf_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->value().size() != 8) {
      return absl::DataLossError(StrCat(
          "series index entry '", it->key().ToString(true), "' is corrupt"));
    }
    uint64_t id = DecodeFixed64BE(it->value().data());
    series_ids_.emplace(it->key().ToString(), id);
    next_series_id_ = std::max(next_series_id_, id + 1);
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "loading series");
  it.reset(db_->NewIterator(rocksdb::ReadOptions(), meta_cf_));
  int64_t creators = 0, posts = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    (it->key()[0] == 'c' ? creators : posts)++;
  }
  creator_count_ = creators;
  post_count_ = posts;
  return FromRocksDb(it->status(), "loading records");
}

absl::StatusOr<uint64_t> RocksDbSeriesStore::ResolveSeries(
    const std::string& key, const SeriesId& id) {
  {
    absl::ReaderMutexLock lock(&series_mu_);
    auto it = series_ids_.find(key);
    if (it != series_ids_.end()) return it->second;
  }
  absl::MutexLock lock(&series_mu_);
  auto it = series_ids_.find(key);
  if (it != series_ids_.end()) return it->second;
  return CreateSeries(key, id);
}

absl::StatusOr<uint64_t> RocksDbSeriesStore::CreateSeries(
    const std::string& key, const SeriesId& id) {
  const uint64_t sid = next_series_id_;
  rocksdb::WriteBatch batch;
  batch.Put(series_cf_, key, SeriesIdValue(sid));
  batch.Put(default_cf_, kNextSeriesIdKey, SeriesIdValue(sid + 1));
  absl::MutexLock records(&records_mu_);
  int new_creators = 0, new_posts = 0;
  absl::Status st = AddBareRecords(id, &batch, &new_creators, &new_posts);
  if (!st.ok()) return st;
  st = Commit(&batch, "creating series");
  if (new_creators > 0) CatalogChanged();
  if (!st.ok()) return st;
  creator_count_ += new_creators;
  post_count_ += new_posts;
  series_ids_.emplace(key, sid);
  next_series_id_ = sid + 1;
  return sid;
}

uint64_t RocksDbSeriesStore::CreatorGeneration(
    std::string_view creator_id) const {
  const std::string key(creator_id);
  absl::ReaderMutexLock lock(&generation_mu_);
  auto it = generations_.find(key);
  return it == generations_.end() ? 0 : it->second;
}

void RocksDbSeriesStore::Touch(std::string_view creator_id) {
  absl::MutexLock lock(&generation_mu_);
  generations_[std::string(creator_id)] = next_generation_++;
}

void RocksDbSeriesStore::TouchAll(const std::vector<SeriesWrite>& batch) {
  absl::MutexLock lock(&generation_mu_);
  std::string_view last;
  for (const SeriesWrite& w : batch) {
    if (w.id.creator_id == last) continue;  // Batches come grouped.
    last = w.id.creator_id;
    generations_[std::string(last)] = next_generation_++;
  }
}

absl::Status RocksDbSeriesStore::Write(std::vector<SeriesWrite>* batch) {
  absl::ReaderMutexLock deletes(&delete_mu_);
  rocksdb::WriteBatch wb;
  std::string key, value;
  SampleColumns part;
  for (SeriesWrite& w : *batch) {
    if (w.samples.empty()) continue;
    SeriesKeyInto(w.id.creator_id, w.id.post_id, w.id.field, &key);
    absl::StatusOr<uint64_t> sid = ResolveSeries(key, w.id);
    if (!sid.ok()) return sid.status();
    SortAndDeduplicate(&w.samples);
    // The series' last sample, if this write's last is later (series_tail.h).
    value.clear();
    EncodeTail(TailOf(w.samples), &value);
    wb.Merge(tails_cf_, key, value);
    ForEachBlock(w.samples, &part,
                 [&](uint32_t block, const SampleColumns& in_block) {
                   value.clear();
                   EncodeSamples(in_block, &value);
                   wb.Merge(blocks_cf_, BlockKey(*sid, block), value);
                 });
  }
  absl::Status st = Commit(&wb, "writing samples");
  // Even after a failed write: a cache must not outlive a doubt about
  // what is stored.
  TouchAll(*batch);
  return st;
}

absl::Status RocksDbSeriesStore::Commit(rocksdb::WriteBatch* batch,
                                        std::string_view what) {
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  return FromRocksDb(db_->Write(wo, batch), what);
}

absl::StatusOr<uint64_t> RocksDbSeriesStore::FindSeries(const SeriesId& id) {
  std::string key = SeriesKey(id.creator_id, id.post_id, id.field);
  absl::ReaderMutexLock lock(&series_mu_);
  auto it = series_ids_.find(key);
  if (it == series_ids_.end()) {
    return absl::NotFoundError(
        StrCat("no series '", id.field, "' for creator '", id.creator_id, "'",
               id.post_id.empty() ? "" : StrCat(" post '", id.post_id, "'")));
  }
  return it->second;
}

std::vector<std::pair<std::string, uint64_t>>
RocksDbSeriesStore::SeriesWithPrefix(const std::string& prefix) {
  std::vector<std::pair<std::string, uint64_t>> result;
  PrefixIterator it(db_.get(), series_cf_, prefix);
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (it->value().size() != 8) continue;
    result.emplace_back(it->key().ToString(),
                        DecodeFixed64BE(it->value().data()));
  }
  return result;
}

absl::StatusOr<StoreStats> RocksDbSeriesStore::Stats(bool count_samples) {
  StoreStats stats;
  stats.creators = creator_count_;
  stats.posts = post_count_;
  {
    absl::ReaderMutexLock lock(&series_mu_);
    stats.series = static_cast<int64_t>(series_ids_.size());
  }
  if (count_samples) {
    rocksdb::ReadOptions ro;
    ro.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, blocks_cf_));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      absl::StatusOr<uint64_t> n = PeekSampleCount(
          std::string_view(it->value().data(), it->value().size()));
      if (!n.ok()) return n.status();
      stats.samples += static_cast<int64_t>(*n);
    }
    if (!it->status().ok()) return FromRocksDb(it->status(), "counting");
  }
  uint64_t sst = 0;
  db_->GetIntProperty(blocks_cf_, "rocksdb.total-sst-files-size", &sst);
  stats.sample_table_bytes = static_cast<int64_t>(sst);
  stats.bytes_on_disk = DirectoryBytes(dir_);
  return stats;
}

absl::Status RocksDbSeriesStore::Checkpoint(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    return absl::AlreadyExistsError(
        StrCat("checkpoint folder '", dir, "' already exists"));
  }
  rocksdb::Checkpoint* raw = nullptr;
  absl::Status st =
      FromRocksDb(rocksdb::Checkpoint::Create(db_.get(), &raw), "checkpoint");
  if (!st.ok()) return st;
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  return FromRocksDb(checkpoint->CreateCheckpoint(dir),
                     StrCat("writing checkpoint to '", dir, "'"));
}

absl::Status RocksDbSeriesStore::Compact() {
  rocksdb::CompactRangeOptions o;
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* cf : {default_cf_, meta_cf_, series_cf_, blocks_cf_, tails_cf_}) {
    absl::Status st =
        FromRocksDb(db_->CompactRange(o, cf, nullptr, nullptr), "compacting");
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

int64_t RocksDbSeriesStore::CountKeys(rocksdb::ColumnFamilyHandle* cf,
                                      const std::string& prefix) {
  PrefixIterator it(db_.get(), cf, prefix);
  int64_t n = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) ++n;
  return n;
}

}  // namespace clout::storage

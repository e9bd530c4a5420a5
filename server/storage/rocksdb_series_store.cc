#include "server/storage/rocksdb_series_store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>

#include "server/common/strings.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/checkpoint.h"
#include "rocksdb/write_batch.h"
#include "server/storage/coding.h"
#include "server/storage/keys.h"
#include "server/storage/rocksdb_status.h"
#include "server/storage/sample_merge_operator.h"
#include "server/storage/series_tail.h"

namespace clout::storage {
namespace {

std::string_view ToView(const rocksdb::Slice& s) {
  return std::string_view(s.data(), s.size());
}

constexpr char kFormatKey[] = "format";
constexpr char kFormatValue[] = "clout-series-store-v1";
constexpr char kNextSeriesIdKey[] = "next_series_id";
// Present once the tails column family holds the tail of every series (a
// database written before tails existed gets them built when opened).
constexpr char kTailsCompleteKey[] = "tails_complete";

std::string EncodeId(uint64_t id) {
  std::string s;
  PutFixed64BE(&s, id);
  return s;
}

rocksdb::ColumnFamilyOptions BlocksOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  o.merge_operator = NewSampleMergeOperator();
  o.write_buffer_size = 64 << 20;
  o.max_write_buffer_number = 4;
  o.target_file_size_base = 64 << 20;
  o.max_bytes_for_level_base = 256 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = 32 << 10;
  t.format_version = 5;
  t.index_block_restart_interval = 16;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::ColumnFamilyOptions IndexOptions(
    const std::shared_ptr<rocksdb::Cache>& cache,
    size_t block_size = 4 << 10) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = 16 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = block_size;
  t.format_version = 5;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::ColumnFamilyOptions TailsOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  // Read in runs (a creator's posts at a time) by the first metric calls
  // after a start: larger blocks, and LZ4 at every level, whose decoding
  // costs a fraction of ZSTD's, make that first read cheaper. Tails are a
  // small part of the data.
  rocksdb::ColumnFamilyOptions o = IndexOptions(cache, 16 << 10);
  o.merge_operator = NewTailMergeOperator();
  o.bottommost_compression = rocksdb::kLZ4Compression;
  return o;
}

// The tail in `value` of the series keyed `key`; DataLoss naming the series
// if it is not one.
absl::Status ParseTail(std::string_view key, std::string_view value,
                       SeriesTail* out) {
  if (DecodeTail(value, out)) return absl::OkStatus();
  return absl::DataLossError(
      StrCat("corrupt tail of series ",
             rocksdb::Slice(key.data(), key.size()).ToString(/*hex=*/true)));
}

int64_t DirectoryBytes(const std::string& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      total += static_cast<int64_t>(it->file_size(ec));
    }
  }
  return total;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RocksDbSeriesStore>> RocksDbSeriesStore::Open(
    const std::string& dir, const Options& options) {
  std::unique_ptr<RocksDbSeriesStore> store(
      new RocksDbSeriesStore(dir, options));
  if (absl::Status st = store->OpenDb(); !st.ok()) return st;
  if (absl::Status st = store->LoadIndex(); !st.ok()) return st;
  if (absl::Status st = store->EnsureTails(); !st.ok()) return st;
  return store;
}

RocksDbSeriesStore::RocksDbSeriesStore(std::string dir, Options options)
    : dir_(std::move(dir)),
      options_(options),
      decoded_(std::make_unique<DecodedBlockCache>(
          options.decoded_cache_bytes)) {}

RocksDbSeriesStore::~RocksDbSeriesStore() {
  if (db_ == nullptr) return;
  db_->FlushWAL(/*sync=*/true).PermitUncheckedError();
  for (auto* cf : {meta_cf_, series_cf_, blocks_cf_, tails_cf_}) {
    if (cf != nullptr) db_->DestroyColumnFamilyHandle(cf).PermitUncheckedError();
  }
  db_->DestroyColumnFamilyHandle(default_cf_).PermitUncheckedError();
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDbSeriesStore::OpenDb() {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    return absl::FailedPreconditionError(StrCat(
        "cannot create data folder '", dir_, "': ", ec.message()));
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.keep_log_file_num = 3;
  db_options.max_total_wal_size = 512 << 20;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  auto cache = rocksdb::NewLRUCache(options_.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, IndexOptions(cache)},
      {"meta", IndexOptions(cache)},
      {"series", IndexOptions(cache)},
      {"blocks", BlocksOptions(cache)},
      {"tails", TailsOptions(cache)},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, dir_, families, &handles, &db);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return absl::FailedPreconditionError(StrCat(
          "data folder '", dir_, "' is in use by another process: ",
          s.ToString()));
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
    return FromRocksDb(db_->Put(wo, default_cf_, kFormatKey, kFormatValue),
                       "writing format marker");
  }
  if (!s.ok()) return FromRocksDb(s, "reading format marker");
  if (format != kFormatValue) {
    return absl::FailedPreconditionError(
        StrCat("data folder '", dir_, "' holds format '", format,
                     "', this server reads '", kFormatValue, "'"));
  }
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::LoadIndex() {
  absl::MutexLock lock(&series_mu_);
  std::string next;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), default_cf_, kNextSeriesIdKey, &next);
  if (s.ok() && next.size() == 8) next_series_id_ = DecodeFixed64BE(next.data());
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
  batch.Put(series_cf_, key, EncodeId(sid));
  batch.Put(default_cf_, kNextSeriesIdKey, EncodeId(sid + 1));
  absl::MutexLock records(&records_mu_);
  int new_creators = 0, new_posts = 0;
  absl::Status st = AddBareRecords(id, &batch, &new_creators, &new_posts);
  if (!st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  st = FromRocksDb(db_->Write(wo, &batch), "creating series");
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
    const std::vector<int64_t>& ts = w.samples.timestamps;
    // The series' last sample, if this write's last is later (series_tail.h).
    value.clear();
    EncodeTail(TailOf(w.samples), &value);
    wb.Merge(tails_cf_, key, value);
    for (size_t begin = 0; begin < ts.size();) {
      const uint32_t block = BlockOf(ts[begin]);
      const size_t end =
          std::lower_bound(ts.begin() + begin, ts.end(), BlockStart(block + 1)) -
          ts.begin();
      value.clear();
      if (begin == 0 && end == ts.size()) {
        EncodeSamples(w.samples, &value);
      } else {
        part.Clear();
        part.AppendRange(w.samples, begin, end);
        EncodeSamples(part, &value);
      }
      wb.Merge(blocks_cf_, BlockKey(*sid, block), value);
      begin = end;
    }
  }
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  absl::Status st = FromRocksDb(db_->Write(wo, &wb), "writing samples");
  // Even after a failed write: a cache must not outlive a doubt about
  // what is stored.
  TouchAll(*batch);
  return st;
}

absl::StatusOr<uint64_t> RocksDbSeriesStore::FindSeries(const SeriesId& id) {
  std::string key = SeriesKey(id.creator_id, id.post_id, id.field);
  absl::ReaderMutexLock lock(&series_mu_);
  auto it = series_ids_.find(key);
  if (it == series_ids_.end()) {
    return absl::NotFoundError(StrCat(
        "no series '", id.field, "' for creator '", id.creator_id, "'",
        id.post_id.empty() ? "" : StrCat(" post '", id.post_id, "'")));
  }
  return it->second;
}

absl::Status RocksDbSeriesStore::Read(const SeriesId& id, int64_t start,
                                      int64_t end, SampleColumns* out) {
  absl::StatusOr<uint64_t> sid = FindSeries(id);
  if (!sid.ok()) return sid.status();
  return ReadBlocks(*sid, start, end, nullptr, out);
}

absl::Status RocksDbSeriesStore::ReadMany(std::vector<SeriesRead>* reads) {
  // (series id, read index, creator generation)
  struct Item {
    uint64_t sid;
    size_t index;
    uint64_t generation;
  };
  // Buffers kept per thread: metric calls read in many small batches.
  thread_local std::vector<Item> order;
  thread_local std::vector<uint64_t> generations;
  thread_local std::vector<uint32_t> blocks;
  thread_local std::string key;
  order.clear();
  // Each creator's generation is read before any of its blocks (see
  // DecodedBlockCache::LookupStamped); the reads of a batch are usually one
  // creator's.
  generations.resize(reads->size());
  for (size_t i = 0; i < reads->size(); ++i) {
    const std::string_view creator = (*reads)[i].id.creator_id;
    generations[i] = i > 0 && creator == (*reads)[i - 1].id.creator_id
                         ? generations[i - 1]
                         : CreatorGeneration(creator);
  }
  {
    absl::ReaderMutexLock lock(&series_mu_);
    for (size_t i = 0; i < reads->size(); ++i) {
      SeriesRead& r = (*reads)[i];
      r.samples.Clear();
      r.pin.reset();
      r.borrowed = {};
      SeriesKeyInto(r.id.creator_id, r.id.post_id, r.id.field, &key);
      auto it = series_ids_.find(key);
      r.found = it != series_ids_.end();
      if (r.found) order.push_back({it->second, i, generations[i]});
    }
  }
  // In key order, so the iterator mostly moves forward.
  std::sort(order.begin(), order.end(),
            [](const Item& a, const Item& b) { return a.sid < b.sid; });
  std::unique_ptr<rocksdb::Iterator> it;  // Made on the first miss.
  for (const Item& item : order) {
    SeriesRead& r = (*reads)[item.index];
    if (ReadStamped(item.sid, item.generation, &blocks, &r)) continue;
    if (it == nullptr) {
      it.reset(db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
    }
    absl::Status st =
        ReadWithIterator(it.get(), item.sid, item.generation, &blocks, &r);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

namespace {

// Moves `it` to the first key >= target. When the iterator sits a little
// before the target, as it does between the reads of one batch (they come
// in key order), stepping is much cheaper than seeking: every key stepped
// over is below the target, so the first one at or past it is the answer.
void PositionAt(rocksdb::Iterator* it, const std::string& target) {
  constexpr int kMaxSteps = 8;
  const rocksdb::Slice t(target);
  if (it->Valid()) {
    const int c = it->key().compare(t);
    if (c == 0) return;
    if (c < 0) {
      for (int step = 0; step < kMaxSteps; ++step) {
        it->Next();
        if (!it->Valid() || it->key().compare(t) >= 0) return;
      }
    }
    // Past the target (only a seek knows what lies between), or far
    // below it.
  }
  it->Seek(t);
}

// Assembles the answer to one SeriesRead from decoded blocks: first the
// blocks overlapping the range, in order; then, if the sample before the
// range is wanted and was not in the first of them, earlier blocks from the
// latest back. A single range of one block is lent rather than copied when
// the read allows it: a cached block stays pinned in the cache, a block
// decoded for this read alone moves into the pin.
class RangeAssembler {
 public:
  explicit RangeAssembler(SeriesRead* r)
      : r_(r),
        start_(std::max(r->start, kMinTimestampMs)),
        end_(std::min(r->end, kMaxTimestampMs)),
        want_prior_(r->with_prior && start_ > kMinTimestampMs) {
    r_->samples.Clear();
    r_->pin.reset();
    r_->borrowed = {};
  }

  bool empty_range() const { return end_ <= start_; }
  uint32_t first_block() const { return BlockOf(start_); }
  uint32_t last_block() const { return BlockOf(end_ - 1); }
  bool wants_prior() const { return want_prior_; }

  // Block `block` (first_block() <= block <= last_block()), in order.
  void Add(uint32_t block, DecodedBlockCache::Lease* lease) {
    const SampleColumns& samples = lease->samples();
    const auto& ts = samples.timestamps;
    size_t lo = std::lower_bound(ts.begin(), ts.end(), start_) - ts.begin();
    const size_t hi =
        std::lower_bound(ts.begin(), ts.end(), end_) - ts.begin();
    if (want_prior_ && block == first_block() && lo > 0) {
      // The common case: the sample before the range is in its first block.
      --lo;
      want_prior_ = false;
    }
    if (lo == hi) return;
    if (r_->borrow && r_->samples.empty() && !holding_) {
      held_ = std::move(*lease);
      holding_ = true;
      held_lo_ = lo;
      held_hi_ = hi;
      return;
    }
    FlushHeld();
    r_->samples.AppendRange(samples, lo, hi);
  }

  // A block before first_block(), latest first, while wants_prior().
  void AddEarlier(const DecodedBlockCache::Lease& lease) {
    const auto& ts = lease.samples().timestamps;
    const size_t i =
        std::lower_bound(ts.begin(), ts.end(), start_) - ts.begin();
    if (i == 0) return;
    want_prior_ = false;
    SampleColumns with_prior;
    with_prior.Reserve(r_->samples.size() + (held_hi_ - held_lo_) + 1);
    with_prior.AppendRange(lease.samples(), i - 1, i);
    if (holding_) {
      with_prior.AppendRange(held_.samples(), held_lo_, held_hi_);
      held_ = DecodedBlockCache::Lease();
      holding_ = false;
    } else {
      with_prior.AppendRange(r_->samples, 0, r_->samples.size());
    }
    r_->samples = std::move(with_prior);
  }

  void Finish() {
    if (!holding_) return;
    // An owned block's samples live in vectors whose buffers the move below
    // carries along, so the span stays valid.
    r_->borrowed = SampleSpan::Of(held_.samples(), held_lo_, held_hi_);
    r_->pin = std::make_shared<DecodedBlockCache::Lease>(std::move(held_));
    holding_ = false;
  }

 private:
  void FlushHeld() {
    if (!holding_) return;
    r_->samples.AppendRange(held_.samples(), held_lo_, held_hi_);
    held_ = DecodedBlockCache::Lease();
    holding_ = false;
    held_lo_ = held_hi_ = 0;
  }

  SeriesRead* const r_;
  const int64_t start_, end_;
  bool want_prior_;
  // The first range found, kept as a cached block instead of copied until a
  // second range shows that the samples must be assembled after all.
  DecodedBlockCache::Lease held_;
  bool holding_ = false;
  size_t held_lo_ = 0, held_hi_ = 0;
};

}  // namespace

bool RocksDbSeriesStore::ReadStamped(uint64_t sid, uint64_t generation,
                                     std::vector<uint32_t>* blocks,
                                     SeriesRead* r) {
  if (!decoded_->GetBlockList(sid, generation, blocks)) return false;
  RangeAssembler out(r);
  if (out.empty_range()) return true;
  const uint32_t first = out.first_block(), last = out.last_block();
  auto from = std::lower_bound(blocks->begin(), blocks->end(), first);
  DecodedBlockCache::Lease lease;
  for (auto b = from; b != blocks->end() && *b <= last; ++b) {
    if (!decoded_->LookupStamped(BlockKey(sid, *b), generation, &lease)) {
      return false;  // Evicted or not checked at this generation.
    }
    out.Add(*b, &lease);
  }
  for (auto b = from; out.wants_prior() && b != blocks->begin();) {
    --b;
    if (!decoded_->LookupStamped(BlockKey(sid, *b), generation, &lease)) {
      return false;
    }
    out.AddEarlier(lease);
  }
  out.Finish();
  return true;
}

absl::Status RocksDbSeriesStore::ReadWithIterator(
    rocksdb::Iterator* it, uint64_t sid, uint64_t generation,
    std::vector<uint32_t>* blocks, SeriesRead* r) {
  RangeAssembler out(r);
  if (out.empty_range()) return absl::OkStatus();
  const uint32_t first = out.first_block(), last = out.last_block();
  // Every block of the series is listed, for ReadStamped next time; those
  // outside the range are passed over without decoding.
  blocks->clear();
  DecodedBlockCache::Lease lease;
  for (PositionAt(it, BlockKey(sid, 0)); it->Valid(); it->Next()) {
    uint64_t key_sid;
    uint32_t block;
    if (!ParseBlockKey(ToView(it->key()), &key_sid, &block) ||
        key_sid != sid) {
      break;
    }
    // Blocks past the range matter only to the block list, which a read
    // that does not fill the cache does not keep.
    if (block > last && !r->fill) break;
    blocks->push_back(block);
    if (block < first || block > last) continue;
    absl::Status st =
        decoded_->Decode(ToView(it->key()), ToView(it->value()),
                         r->fill, &lease, generation);
    if (!st.ok()) {
      return absl::DataLossError(
          StrCat(st.message(), " (series id ", sid, ", block ", block, ")"));
    }
    out.Add(block, &lease);
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "reading blocks");
  if (out.wants_prior() && !blocks->empty() && blocks->front() < first) {
    // The prior sample, if any, is in an earlier block.
    for (it->SeekForPrev(BlockKey(sid, first - 1));
         out.wants_prior() && it->Valid(); it->Prev()) {
      uint64_t key_sid;
      uint32_t block;
      if (!ParseBlockKey(ToView(it->key()), &key_sid, &block) ||
          key_sid != sid) {
        break;
      }
      absl::Status st =
          decoded_->Decode(ToView(it->key()), ToView(it->value()),
                           r->fill, &lease, generation);
      if (!st.ok()) return st;
      out.AddEarlier(lease);
    }
    if (!it->status().ok()) {
      return FromRocksDb(it->status(), "reading blocks");
    }
  }
  out.Finish();
  // Without filled blocks a list would not spare the next read anything
  // (and it is cut at the range).
  if (r->fill) decoded_->PutBlockList(sid, generation, *blocks);
  return absl::OkStatus();
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

absl::Status RocksDbSeriesStore::ReadLastBefore(const SeriesId& id, int64_t t,
                                                SampleColumns* out) {
  absl::StatusOr<uint64_t> sid = FindSeries(id);
  if (!sid.ok()) return sid.status();
  return LastBefore(*sid, t, /*fill=*/true, nullptr, out);
}

absl::Status RocksDbSeriesStore::LastBefore(uint64_t sid, int64_t t, bool fill,
                                            rocksdb::Iterator* it,
                                            SampleColumns* out) {
  t = std::min(t, kMaxTimestampMs);
  if (t <= kMinTimestampMs) return absl::OkStatus();
  std::unique_ptr<rocksdb::Iterator> own;
  if (it == nullptr) {
    own.reset(db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
    it = own.get();
  }
  // Walk back from the block holding t - 1 to the first with a sample < t.
  DecodedBlockCache::Lease lease;
  for (it->SeekForPrev(BlockKey(sid, BlockOf(t - 1))); it->Valid();
       it->Prev()) {
    uint64_t key_sid;
    uint32_t block;
    if (!ParseBlockKey(ToView(it->key()), &key_sid, &block) ||
        key_sid != sid) {
      break;  // Before the series' first block.
    }
    absl::Status st = decoded_->Decode(ToView(it->key()), ToView(it->value()),
                                       fill, &lease);
    if (!st.ok()) return st;
    const SampleColumns& samples = lease.samples();
    const auto& ts = samples.timestamps;
    size_t i = std::lower_bound(ts.begin(), ts.end(), t) - ts.begin();
    if (i > 0) {
      out->Append(ts[i - 1], samples.values[i - 1], samples.flag(i - 1));
      return absl::OkStatus();
    }
  }
  return FromRocksDb(it->status(), "reading blocks");
}

absl::Status RocksDbSeriesStore::ReadBlocks(uint64_t sid, int64_t start,
                                            int64_t end,
                                            const rocksdb::Snapshot* snapshot,
                                            SampleColumns* out) {
  out->Clear();
  start = std::max(start, kMinTimestampMs);
  end = std::min(end, kMaxTimestampMs);
  if (end <= start) return absl::OkStatus();
  const std::string lower = BlockKey(sid, BlockOf(start));
  const std::string upper = BlockKey(sid, BlockOf(end - 1) + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  ro.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, blocks_cf_));
  // Exports (reads at a snapshot) stream whole creators: they use what is
  // cached but do not push out what is hot.
  const bool fill = snapshot == nullptr;
  DecodedBlockCache::Lease lease;
  for (it->Seek(lower); it->Valid(); it->Next()) {
    absl::Status st = decoded_->Decode(ToView(it->key()), ToView(it->value()),
                                       fill, &lease);
    if (!st.ok()) {
      return absl::DataLossError(StrCat(
          st.message(), " (series id ", sid, ", key ",
          it->key().ToString(/*hex=*/true), ")"));
    }
    const SampleColumns& samples = lease.samples();
    const auto& ts = samples.timestamps;
    size_t lo = std::lower_bound(ts.begin(), ts.end(), start) - ts.begin();
    size_t hi = std::lower_bound(ts.begin(), ts.end(), end) - ts.begin();
    out->AppendRange(samples, lo, hi);
  }
  return FromRocksDb(it->status(), "reading blocks");
}

absl::Status RocksDbSeriesStore::Export(std::string_view creator_id,
                                        int64_t start, int64_t end,
                                        const ExportVisitor& visit) {
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{db_.get(), snapshot};
  const std::string prefix =
      creator_id.empty() ? std::string() : SeriesCreatorPrefix(creator_id);
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  if (!upper.empty()) ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, series_cf_));
  SampleColumns samples;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    SeriesName name;
    std::string_view key(it->key().data(), it->key().size());
    if (!ParseSeriesKey(key, &name) || it->value().size() != 8) {
      return absl::DataLossError(StrCat(
          "corrupt series index entry ", it->key().ToString(true)));
    }
    uint64_t sid = DecodeFixed64BE(it->value().data());
    absl::Status st = ReadBlocks(sid, start, end, snapshot, &samples);
    if (!st.ok()) return st;
    if (samples.empty()) continue;
    if (!visit(SeriesId{name.creator_id, name.post_id, name.field}, samples)) {
      return absl::OkStatus();
    }
  }
  return FromRocksDb(it->status(), "listing series");
}

std::vector<std::pair<std::string, uint64_t>>
RocksDbSeriesStore::SeriesWithPrefix(const std::string& prefix) {
  std::vector<std::pair<std::string, uint64_t>> result;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, series_cf_));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (it->value().size() != 8) continue;
    result.emplace_back(it->key().ToString(),
                        DecodeFixed64BE(it->value().data()));
  }
  return result;
}

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
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  absl::Status st = FromRocksDb(db_->Write(wo, &batch), "deleting creator");
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

absl::Status RocksDbSeriesStore::DeleteSamples(
    std::string_view creator_id, std::string_view post_id,
    std::string_view field, bool all_entities, int64_t start, int64_t end,
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
    return absl::NotFoundError(StrCat(
        "no series match creator '", creator_id, "'",
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
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  absl::Status st = FromRocksDb(db_->Write(wo, &batch), "deleting samples");
  Touch(creator_id);
  if (st.ok()) *series_affected = static_cast<int64_t>(series.size());
  return st;
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
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cf));
  int64_t n = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) ++n;
  return n;
}

}  // namespace clout::storage

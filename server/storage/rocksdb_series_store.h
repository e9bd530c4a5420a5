// RocksDbSeriesStore: the SeriesStore over an embedded RocksDB, and its
// BulkIngest.
//
// Column families (format/keys.h has the layouts):
//   default  format marker and the series id counter
//   meta     creator and post records
//   series   series name -> series id
//   blocks   (series id, block) -> sample records, merged by
//            sample_merge_operator.h
//   tails    series name -> the series' last sample (series_tail.h)
//
// The series index is also held in memory (name -> id) so a write resolves
// its series without a read. Writes go through the write-ahead log; with
// Options::sync each acknowledged write is also fsynced.
//
// The implementation is split by concern: rocksdb_series_store.cc (opening,
// the series index, writes, stats), rocksdb_read.cc (reads, one block walk
// for all of them), rocksdb_tails.cc (the last-sample index),
// rocksdb_delete.cc, rocksdb_records.cc (creator and post records) and
// rocksdb_bulk.cc (BulkIngest).
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_SERIES_STORE_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_SERIES_STORE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "server/storage/bulk_ingest.h"
#include "server/storage/decoded_block_cache.h"
#include "server/storage/series_store.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class WriteBatch;
class Snapshot;
class Iterator;
}  // namespace rocksdb

namespace clout::storage {

struct FileCheck;  // bulk_file_check.h

class RocksDbSeriesStore : public SeriesStore, public BulkIngest {
 public:
  struct Options {
    // fsync the write-ahead log before acknowledging each write.
    bool sync = false;
    // RocksDB's block cache (encoded blocks), in bytes.
    size_t block_cache_bytes = 256 << 20;
    // Decoded sample blocks kept in memory (decoded_block_cache.h), in
    // bytes; 0 disables the cache.
    size_t decoded_cache_bytes = size_t{512} << 20;
    // Told, if set, of long work while opening (building the series tails
    // of a folder written before them), at its start and its end.
    std::function<void(const std::string& message)> progress;
  };

  // Opens (creating if needed) the database in `dir`. FailedPrecondition if
  // the folder holds a database of another format or is locked by another
  // process.
  static absl::StatusOr<std::unique_ptr<RocksDbSeriesStore>> Open(
      const std::string& dir, const Options& options);

  // Flushes and closes the database.
  ~RocksDbSeriesStore() override;

  absl::Status Write(std::vector<SeriesWrite>* batch) override;
  absl::Status Read(const SeriesId& id, int64_t start, int64_t end,
                    SampleColumns* out) override;
  absl::Status ReadLastBefore(const SeriesId& id, int64_t t,
                              SampleColumns* out) override;
  absl::Status ReadMany(std::vector<SeriesRead>* reads) override;
  absl::Status ReadLast(std::vector<LastRead>* reads) override;
  absl::Status Export(std::string_view creator_id, int64_t start, int64_t end,
                      const ExportVisitor& visit) override;
  absl::Status UpsertCreators(const std::vector<CreatorRecord>& creators,
                              int* created) override;
  absl::Status UpsertPosts(const std::vector<PostRecord>& posts,
                           int* created) override;
  absl::StatusOr<CreatorInfo> GetCreator(std::string_view creator_id) override;
  absl::StatusOr<CreatorPage> ListCreators(const CreatorFilter& filter,
                                           std::string_view after,
                                           int limit) override;
  absl::StatusOr<PostPage> ListPosts(std::string_view creator_id,
                                     int64_t published_from,
                                     int64_t published_to,
                                     std::string_view after,
                                     int limit) override;
  absl::Status DeleteCreator(std::string_view creator_id,
                             int64_t* posts_deleted,
                             int64_t* series_deleted) override;
  absl::Status DeleteSamples(std::string_view creator_id,
                             std::string_view post_id, std::string_view field,
                             bool all_entities, int64_t start, int64_t end,
                             int64_t* series_affected) override;
  absl::StatusOr<StoreStats> Stats(bool count_samples) override;
  uint64_t CreatorGeneration(std::string_view creator_id) const override;
  uint64_t CatalogGeneration() const override {
    return catalog_generation_.load(std::memory_order_acquire);
  }
  absl::Status Checkpoint(const std::string& dir) override;
  absl::Status Compact() override;

  DecodedBlockCache::Stats decoded_cache_stats() const {
    return decoded_->stats();
  }

  // BulkIngest (rocksdb_bulk.cc).
  absl::Status ResolveSeriesIds(const std::vector<SeriesId>& series,
                                std::vector<uint64_t>* ids,
                                int64_t* created) override;
  absl::Status IngestSstFiles(const std::vector<std::string>& paths,
                              bool move_files,
                              BulkIngestResult* result) override;
  absl::StatusOr<std::string> NewBulkStagingPath() override;

 private:
  RocksDbSeriesStore(std::string dir, const Options& options);

  absl::Status OpenDb();
  // Writes `batch` atomically, fsynced if Options::sync; `what` prefixes an
  // error's message.
  absl::Status Commit(rocksdb::WriteBatch* batch, std::string_view what);
  absl::Status LoadIndex();
  // Builds the tail of every series if the database has no complete set
  // (written before tails existed, or interrupted while building them).
  absl::Status EnsureTails();
  // The id of an existing series; NotFound naming it otherwise.
  absl::StatusOr<uint64_t> FindSeries(const SeriesId& id);
  // Returns the id of series `id`, whose key is `key`, creating it (and
  // bare creator and post records) if new.
  absl::StatusOr<uint64_t> ResolveSeries(const std::string& key,
                                         const SeriesId& id);
  absl::StatusOr<uint64_t> CreateSeries(const std::string& key,
                                        const SeriesId& id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(series_mu_);
  // Appends to *out the last sample of series `sid` before t, if any;
  // with `fill`, the blocks decoded stay in the decoded cache. `it`, if not
  // null, is an iterator over the blocks column family to use (a caller
  // reading many series keeps one).
  absl::Status LastBefore(uint64_t sid, int64_t t, bool fill,
                          rocksdb::Iterator* it, SampleColumns* out);
  // Sets *out to the samples of series `sid` in [start, end), as of
  // `snapshot` (null: the latest state; a read at a snapshot leaves the
  // decoded cache as it is).
  absl::Status ReadBlocks(uint64_t sid, int64_t start, int64_t end,
                          const rocksdb::Snapshot* snapshot,
                          SampleColumns* out);

  // Performs read `r` of series `sid` with `it`, an iterator over the
  // blocks column family without bounds (SeriesRead says what it returns),
  // checking the blocks it decodes against the decoded cache and stamping
  // them, and the series' block list, with `generation`, the generation of
  // the series' creator read before. `blocks` is scratch space.
  absl::Status ReadWithIterator(rocksdb::Iterator* it, uint64_t sid,
                                uint64_t generation,
                                std::vector<uint32_t>* blocks, SeriesRead* r);
  // Performs read `r` from the decoded cache alone if the block list of
  // `sid` and every block the read needs carry `generation`; false (and `r`
  // to be read again) otherwise.
  bool ReadStamped(uint64_t sid, uint64_t generation,
                   std::vector<uint32_t>* blocks, SeriesRead* r);
  // Reads the record of `creator_id` into *bytes; NotFound naming the
  // creator if there is none.
  absl::Status ReadCreatorRecord(std::string_view creator_id,
                                 std::string* bytes);
  // Adds bare creator and post records for `id` to `batch` if they do not
  // exist yet, counting them.
  absl::Status AddBareRecords(const SeriesId& id, rocksdb::WriteBatch* batch,
                              int* new_creators, int* new_posts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(records_mu_);
  int64_t CountKeys(rocksdb::ColumnFamilyHandle* cf, const std::string& prefix);

  // Steps of ResolveSeriesIds. Sets (*keys)[i] to the key of series[i] and
  // (*ids)[i] to its id if it has one, else lists i in *missing.
  void FindSeriesIds(const std::vector<SeriesId>& series,
                     std::vector<std::string>* keys, std::vector<uint64_t>* ids,
                     std::vector<size_t>* missing);
  // Writes the bare creator and post records the series[missing] need.
  absl::Status AddBareRecordsOf(const std::vector<SeriesId>& series,
                                const std::vector<size_t>& missing);
  // Gives each of keys[missing] an id, unless it got one meanwhile.
  absl::Status CreateSeriesIds(const std::vector<std::string>& keys,
                               std::vector<size_t> missing,
                               std::vector<uint64_t>* ids, int64_t* created);
  // Steps of IngestSstFiles. Maps every series id the checked files name to
  // its key, and collects their creators; FailedPrecondition naming the
  // file for an id the store does not know.
  absl::Status KnownSeriesOf(const std::vector<std::string>& paths,
                             const std::vector<FileCheck>& checks,
                             absl::flat_hash_map<uint64_t, std::string>* key_of,
                             absl::flat_hash_set<std::string>* creators);
  // Ingests paths[i], with tail_paths[i] if not empty, one file at a time,
  // counting the files in result->files.
  absl::Status IngestChecked(const std::vector<std::string>& paths,
                             const std::vector<std::string>& tail_paths,
                             bool move_files, BulkIngestResult* result);
  // Adds to `batch` what deletes [start, end) from series `sid`.
  void AddDeleteRange(uint64_t sid, int64_t start, int64_t end,
                      rocksdb::WriteBatch* batch);
  // Series ids (and names) under a series-key prefix.
  std::vector<std::pair<std::string, uint64_t>> SeriesWithPrefix(
      const std::string& prefix);

  const std::string dir_;
  const Options options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<DecodedBlockCache> decoded_;
  rocksdb::ColumnFamilyHandle* default_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* series_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* blocks_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* tails_cf_ = nullptr;

  // Writes hold it shared; deletes hold it exclusively, so that no write
  // can resolve a series id that a concurrent delete is removing, or move
  // the last sample of a series whose tail a delete is rewriting.
  absl::Mutex delete_mu_;
  absl::Mutex series_mu_;
  absl::flat_hash_map<std::string, uint64_t> series_ids_
      ABSL_GUARDED_BY(series_mu_);
  uint64_t next_series_id_ ABSL_GUARDED_BY(series_mu_) = 1;
  // Marks the creators' data as changed (see CreatorGeneration).
  void Touch(std::string_view creator_id);
  void TouchAll(const std::vector<SeriesWrite>& batch);

  mutable absl::Mutex generation_mu_;
  absl::flat_hash_map<std::string, uint64_t> generations_
      ABSL_GUARDED_BY(generation_mu_);
  uint64_t next_generation_ ABSL_GUARDED_BY(generation_mu_) = 1;

  // Advanced after every change to the creator records is stored.
  void CatalogChanged() {
    catalog_generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  std::atomic<uint64_t> catalog_generation_{0};

  // Serializes read-modify-write of creator and post records.
  absl::Mutex records_mu_;
  std::atomic<int64_t> creator_count_{0};
  std::atomic<int64_t> post_count_{0};
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_SERIES_STORE_H_

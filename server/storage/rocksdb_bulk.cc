// RocksDbSeriesStore: BulkIngest. Resolving series ids in batches, and
// validating and ingesting bulk files (format/bulk_file.h).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "server/common/strings.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/bulk_file_check.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::storage {
namespace {

constexpr char kStagingFolder[] = "bulk-staging";

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::atomic<uint64_t> staging_counter{0};

// Removes the files named in `paths` (empty names are skipped) when it goes
// out of scope, whatever happened.
struct RemoveFiles {
  const std::vector<std::string>* paths;
  ~RemoveFiles() {
    for (const std::string& p : *paths) {
      std::error_code ignored;
      if (!p.empty()) std::filesystem::remove(p, ignored);
    }
  }
};

rocksdb::IngestExternalFileOptions BulkIngestOptions(bool move_files) {
  rocksdb::IngestExternalFileOptions io;
  io.move_files = move_files;
  io.failed_move_fall_back_to_copy = true;
  io.snapshot_consistency = true;
  io.allow_global_seqno = true;  // Loaded operands are newer than stored ones.
  io.allow_blocking_flush = true;
  io.ingest_behind = false;
  io.write_global_seqno = false;  // Never writes into the caller's file.
  io.verify_checksums_before_ingest = false;  // CheckFile read every block.
  return io;
}

}  // namespace

absl::Status RocksDbSeriesStore::ResolveSeriesIds(
    const std::vector<SeriesId>& series, std::vector<uint64_t>* ids,
    int64_t* created) {
  *created = 0;
  ids->assign(series.size(), 0);
  absl::ReaderMutexLock deletes(&delete_mu_);
  std::vector<std::string> keys(series.size());
  std::vector<size_t> missing;
  FindSeriesIds(series, &keys, ids, &missing);
  if (missing.empty()) return absl::OkStatus();
  if (absl::Status st = AddBareRecordsOf(series, missing); !st.ok()) return st;
  return CreateSeriesIds(keys, std::move(missing), ids, created);
}

void RocksDbSeriesStore::FindSeriesIds(const std::vector<SeriesId>& series,
                                       std::vector<std::string>* keys,
                                       std::vector<uint64_t>* ids,
                                       std::vector<size_t>* missing) {
  absl::ReaderMutexLock lock(&series_mu_);
  for (size_t i = 0; i < series.size(); ++i) {
    const SeriesId& id = series[i];
    (*keys)[i] = SeriesKey(id.creator_id, id.post_id, id.field);
    auto it = series_ids_.find((*keys)[i]);
    if (it != series_ids_.end()) {
      (*ids)[i] = it->second;
    } else {
      missing->push_back(i);
    }
  }
}

absl::Status RocksDbSeriesStore::AddBareRecordsOf(
    const std::vector<SeriesId>& series, const std::vector<size_t>& missing) {
  // Creators before posts, so that AddBareRecords sees the creators of this
  // call as existing when it comes to their posts.
  absl::MutexLock records(&records_mu_);
  for (int pass = 0; pass < 2; ++pass) {
    rocksdb::WriteBatch batch;
    absl::flat_hash_set<std::string> seen;
    int new_creators = 0, new_posts = 0;
    for (size_t i : missing) {
      const SeriesId& id = series[i];
      if (pass == 1 && id.post_id.empty()) continue;
      const SeriesId entity{id.creator_id, pass == 0 ? "" : id.post_id, ""};
      if (!seen.insert(SeriesEntityPrefix(entity.creator_id, entity.post_id))
               .second) {
        continue;
      }
      absl::Status st =
          AddBareRecords(entity, &batch, &new_creators, &new_posts);
      if (!st.ok()) return st;
    }
    if (batch.Count() == 0) continue;
    absl::Status st = Commit(&batch, "creating creator and post records");
    if (new_creators > 0) CatalogChanged();
    if (!st.ok()) return st;
    creator_count_ += new_creators;
    post_count_ += new_posts;
  }
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::CreateSeriesIds(
    const std::vector<std::string>& keys, std::vector<size_t> missing,
    std::vector<uint64_t>* ids, int64_t* created) {
  // New series get ids in key order, and go into the index in key order,
  // which the memtable inserts fastest, a slice at a time, so that lookups
  // of other calls wait for one short write at most.
  constexpr size_t kSlice = 2000;
  std::sort(missing.begin(), missing.end(),
            [&keys](size_t a, size_t b) { return keys[a] < keys[b]; });
  absl::flat_hash_map<std::string, uint64_t> fresh;
  for (size_t begin = 0; begin < missing.size(); begin += kSlice) {
    const size_t end = std::min(missing.size(), begin + kSlice);
    absl::MutexLock lock(&series_mu_);
    rocksdb::WriteBatch batch;
    std::vector<std::pair<std::string, uint64_t>> added;
    uint64_t next = next_series_id_;
    for (size_t k = begin; k < end; ++k) {
      const size_t i = missing[k];
      if (auto known = series_ids_.find(keys[i]); known != series_ids_.end()) {
        (*ids)[i] = known->second;  // Created meanwhile.
        continue;
      }
      if (auto same = fresh.find(keys[i]); same != fresh.end()) {
        (*ids)[i] = same->second;  // Named before in this call.
        continue;
      }
      batch.Put(series_cf_, keys[i], SeriesIdValue(next));
      added.emplace_back(keys[i], next);
      fresh.emplace(keys[i], next);
      (*ids)[i] = next++;
    }
    if (added.empty()) continue;
    batch.Put(default_cf_, kNextSeriesIdKey, SeriesIdValue(next));
    absl::Status st = Commit(&batch, "creating series");
    if (!st.ok()) return st;
    for (auto& [key, sid] : added) series_ids_.emplace(std::move(key), sid);
    next_series_id_ = next;
  }
  *created = static_cast<int64_t>(fresh.size());
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::IngestSstFiles(
    const std::vector<std::string>& paths, bool move_files,
    BulkIngestResult* result) {
  *result = BulkIngestResult();
  if (paths.empty()) return absl::OkStatus();
  // Shared: no creator can be deleted (and its series ids dropped) between
  // the check of the ids and the ingestion.
  absl::ReaderMutexLock deletes(&delete_mu_);
  const Clock::time_point validate_start = Clock::now();
  std::vector<FileCheck> checks(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    absl::Status st = CheckFile(paths[i], &checks[i]);
    if (!st.ok()) return st;
    result->records += checks[i].merges;
    result->samples += checks[i].samples;
    std::error_code ec;
    result->bytes +=
        static_cast<int64_t>(std::filesystem::file_size(paths[i], ec));
  }
  absl::flat_hash_map<uint64_t, std::string> key_of;
  absl::flat_hash_set<std::string> creators;
  absl::Status st = KnownSeriesOf(paths, checks, &key_of, &creators);
  if (!st.ok()) return st;
  result->series = static_cast<int64_t>(key_of.size());
  result->creators = static_cast<int64_t>(creators.size());
  // Each file's tails go in with it (series_tail.h), from files of their
  // own, removed at the end whatever happens.
  std::vector<std::string> tail_paths(paths.size());
  RemoveFiles remove_tail_files{&tail_paths};
  for (size_t i = 0; i < paths.size(); ++i) {
    if (checks[i].tails.empty()) continue;
    absl::StatusOr<std::string> path = NewBulkStagingPath();
    if (!path.ok()) return path.status();
    tail_paths[i] = *path;
    st = WriteTailsFile(checks[i], key_of, tail_paths[i]);
    if (!st.ok()) return st;
  }
  result->validate_seconds = SecondsSince(validate_start);

  const Clock::time_point ingest_start = Clock::now();
  st = IngestChecked(paths, tail_paths, move_files, result);
  result->ingest_seconds = SecondsSince(ingest_start);
  // Even after a failure: a cache must not outlive a doubt about what is
  // stored.
  for (const std::string& creator : creators) Touch(creator);
  return st;
}

absl::Status RocksDbSeriesStore::KnownSeriesOf(
    const std::vector<std::string>& paths, const std::vector<FileCheck>& checks,
    absl::flat_hash_map<uint64_t, std::string>* key_of,
    absl::flat_hash_set<std::string>* creators) {
  absl::flat_hash_set<uint64_t> wanted;
  for (const FileCheck& check : checks) {
    wanted.insert(check.series.begin(), check.series.end());
  }
  {
    absl::ReaderMutexLock lock(&series_mu_);
    for (const auto& [key, sid] : series_ids_) {
      if (!wanted.contains(sid)) continue;
      key_of->emplace(sid, key);
      creators->insert(key.substr(0, key.find('\0')));
    }
  }
  for (size_t i = 0; i < paths.size() && key_of->size() != wanted.size(); ++i) {
    for (uint64_t sid : checks[i].series) {
      if (key_of->contains(sid)) continue;
      return absl::FailedPreconditionError(StrCat(
          "bulk file '", paths[i], "' names series id ", sid,
          ", which this server does not know (never resolved, or its creator "
          "was deleted since); resolve the series again"));
    }
  }
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::IngestChecked(
    const std::vector<std::string>& paths,
    const std::vector<std::string>& tail_paths, bool move_files,
    BulkIngestResult* result) {
  const rocksdb::IngestExternalFileOptions io = BulkIngestOptions(move_files);
  // Made here for this call alone.
  const rocksdb::IngestExternalFileOptions tails_io =
      BulkIngestOptions(/*move_files=*/true);
  for (size_t i = 0; i < paths.size(); ++i) {
    // One call per file: each file gets its own sequence number, so a later
    // file wins over an earlier one at equal timestamps. Its tails go in
    // the same atomic step.
    std::vector<rocksdb::IngestExternalFileArg> args(1);
    args[0].column_family = blocks_cf_;
    args[0].external_files = {paths[i]};
    args[0].options = io;
    if (!tail_paths[i].empty()) {
      args.emplace_back();
      args[1].column_family = tails_cf_;
      args[1].external_files = {tail_paths[i]};
      args[1].options = tails_io;
    }
    absl::Status st = FromRocksDb(db_->IngestExternalFiles(args),
                                  StrCat("ingesting '", paths[i], "'"));
    if (!st.ok()) return st;
    ++result->files;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> RocksDbSeriesStore::NewBulkStagingPath() {
  const std::filesystem::path folder =
      std::filesystem::path(dir_) / kStagingFolder;
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    return absl::InternalError(
        StrCat("cannot create '", folder.string(), "': ", ec.message()));
  }
  // Files of earlier server processes are leftovers of interrupted uploads.
  const std::string own =
      StrCat("upload-", static_cast<int64_t>(::getpid()), "-");
  for (auto it = std::filesystem::directory_iterator(folder, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(own, 0) != 0) {
      std::error_code ignored;
      std::filesystem::remove(it->path(), ignored);
    }
  }
  return (folder / StrCat(own, staging_counter.fetch_add(1), ".sst")).string();
}

}  // namespace clout::storage

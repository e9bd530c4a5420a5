// Bulk loading of RocksDbSeriesStore: resolving series ids in batches,
// writing bulk SST files, and validating and ingesting them.
#include "server/storage/rocksdb_bulk.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <system_error>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table_properties.h"
#include "rocksdb/write_batch.h"
#include "server/common/strings.h"
#include "server/storage/coding.h"
#include "server/storage/keys.h"
#include "server/storage/rocksdb_series_store.h"
#include "server/storage/rocksdb_status.h"
#include "server/storage/series_tail.h"

namespace clout::storage {
namespace {

// The key of the series id counter in the default column family
// (docs/format/keys.md); rocksdb_series_store.cc writes it too.
constexpr char kNextSeriesIdKey[] = "next_series_id";
constexpr char kStagingFolder[] = "bulk-staging";
constexpr uint32_t kKnownFlags = 1 | 2 | 4;

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string EncodeId(uint64_t id) {
  std::string s;
  PutFixed64BE(&s, id);
  return s;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// What the validation of one file found.
struct FileCheck {
  std::string error;   // First problem; empty if none.
  int64_t merges = 0;  // Merge operands seen.
  int64_t samples = 0;
  std::vector<uint64_t> series;  // Distinct series ids, ascending.
  // The last sample the file holds of each series with samples in it, in
  // series id order.
  std::vector<std::pair<uint64_t, SeriesTail>> tails;
};

// A merge operator for reading a bulk file through SstFileReader: it checks
// the single operand of each key and returns it unchanged. The file's keys
// are unique, so each key reaches it with exactly one operand and no base
// value; anything else is an error.
class ValidatingMergeOperator : public rocksdb::MergeOperator {
 public:
  explicit ValidatingMergeOperator(FileCheck* check) : check_(check) {}

  const char* Name() const override { return "clout.SampleMerge.v1"; }

  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    ++check_->merges;
    std::string problem = Check(in);
    if (!problem.empty()) {
      if (check_->error.empty()) {
        check_->error = StrCat("entry ", check_->merges, " (key ",
                               Hex(ToView(in.key)), "): ", problem);
      }
      return false;
    }
    out->existing_operand = in.operand_list[0];
    return true;
  }

 private:
  static std::string_view ToView(const rocksdb::Slice& s) {
    return std::string_view(s.data(), s.size());
  }

  std::string Check(const MergeOperationInput& in) const {
    if (in.existing_value != nullptr || in.operand_list.size() != 1) {
      return "the key occurs more than once";
    }
    uint64_t sid = 0;
    uint32_t block = 0;
    if (!ParseBlockKey(ToView(in.key), &sid, &block)) {
      return "not a block key (12 bytes: series id, block)";
    }
    absl::Status st = DecodeRecord(ToView(in.operand_list[0]), &record_);
    if (!st.ok()) return std::string(st.message());
    if (record_.type != RecordType::kSamples) {
      return "not a sample-block record (delete ranges cannot be loaded)";
    }
    const SampleColumns& s = record_.samples;
    const int64_t lo = std::max(BlockStart(block), kMinTimestampMs);
    const int64_t hi = std::min(BlockStart(block + 1), kMaxTimestampMs);
    if (!s.empty() &&
        (s.timestamps.front() < lo || s.timestamps.back() >= hi)) {
      return StrCat("timestamps ", s.timestamps.front(), "..",
                    s.timestamps.back(), " fall outside block ", block, " [",
                    lo, ", ", hi, ")");
    }
    for (size_t i = 0; i < s.size(); ++i) {
      if (s.values[i] < 0) {
        return StrCat("value ", s.values[i], " at ", s.timestamps[i],
                      " is negative");
      }
      if ((s.flag(i) & ~kKnownFlags) != 0) {
        return StrCat("flags ", s.flag(i), " at ", s.timestamps[i],
                      " have unknown bits");
      }
    }
    if (check_->series.empty() || check_->series.back() != sid) {
      check_->series.push_back(sid);
    }
    if (!s.empty()) {
      // Blocks come in order: a later one of the same series holds later
      // samples.
      const SeriesTail last = TailOf(s);
      if (check_->tails.empty() || check_->tails.back().first != sid) {
        check_->tails.emplace_back(sid, last);
      } else {
        check_->tails.back().second = last;
      }
    }
    check_->samples += static_cast<int64_t>(s.size());
    return "";
  }

  FileCheck* check_;
  mutable Record record_;
};

// Reads the whole file at `path` and checks every entry (see bulk.proto).
absl::Status CheckFile(const std::string& path, FileCheck* check) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return absl::NotFoundError(StrCat("bulk file '", path, "' does not exist"));
  }
  rocksdb::Options options;
  options.merge_operator = std::make_shared<ValidatingMergeOperator>(check);
  rocksdb::SstFileReader reader(options);
  rocksdb::Status s = reader.Open(path);
  if (!s.ok()) {
    return absl::InvalidArgumentError(StrCat(
        "bulk file '", path, "' is not a readable SST file: ", s.ToString()));
  }
  auto props = reader.GetTableProperties();
  if (props == nullptr || props->num_deletions != 0 ||
      props->num_range_deletions != 0 ||
      props->num_merge_operands != props->num_entries) {
    return absl::InvalidArgumentError(StrCat(
        "bulk file '", path, "': every entry must be a merge operand; it has ",
        props == nullptr ? 0 : props->num_entries, " entries of which ",
        props == nullptr ? 0 : props->num_merge_operands,
        " merge operands, and ",
        props == nullptr ? 0
                         : props->num_deletions + props->num_range_deletions,
        " deletions"));
  }
  rocksdb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.fill_cache = false;
  ro.readahead_size = 4 << 20;
  std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(ro));
  int64_t keys = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (++keys != check->merges) {
      return absl::InvalidArgumentError(
          StrCat("bulk file '", path, "': entry ", keys, " (key ",
                 Hex(std::string_view(it->key().data(), it->key().size())),
                 ") is not a merge operand"));
    }
  }
  if (!check->error.empty()) {
    return absl::InvalidArgumentError(
        StrCat("bulk file '", path, "': ", check->error));
  }
  if (!it->status().ok()) {
    return absl::InvalidArgumentError(StrCat(
        "bulk file '", path, "' cannot be read: ", it->status().ToString()));
  }
  return absl::OkStatus();
}

std::atomic<uint64_t> staging_counter{0};

// Writes the tails of `check` to a new SST file at `path` for the tails
// column family: one merge operand per series, keyed by series name.
absl::Status WriteTailsFile(
    const FileCheck& check,
    const absl::flat_hash_map<uint64_t, std::string>& key_of,
    const std::string& path) {
  std::vector<std::pair<std::string_view, const SeriesTail*>> entries;
  entries.reserve(check.tails.size());
  for (const auto& [sid, tail] : check.tails) {
    entries.emplace_back(key_of.at(sid), &tail);
  }
  std::sort(entries.begin(), entries.end());
  rocksdb::SstFileWriter writer{rocksdb::EnvOptions(), rocksdb::Options()};
  rocksdb::Status s = writer.Open(path);
  std::string value;
  for (size_t i = 0; s.ok() && i < entries.size(); ++i) {
    value.clear();
    EncodeTail(*entries[i].second, &value);
    s = writer.Merge(rocksdb::Slice(entries[i].first.data(),
                                    entries[i].first.size()),
                     value);
  }
  if (s.ok()) s = writer.Finish();
  return FromRocksDb(s, StrCat("writing tails file '", path, "'"));
}

}  // namespace

// ---------------------------------------------------------------------------
// BulkSstWriter

BulkSstWriter::BulkSstWriter() = default;
BulkSstWriter::~BulkSstWriter() = default;

absl::Status BulkSstWriter::Open(const std::string& path) {
  rocksdb::Options options;
  options.compression = rocksdb::kLZ4Compression;
  writer_ = std::make_unique<rocksdb::SstFileWriter>(
      rocksdb::EnvOptions(), options, /*column_family=*/nullptr,
      /*invalidate_page_cache=*/false);
  records_ = samples_ = 0;
  last_series_ = 0;
  return FromRocksDb(writer_->Open(path), StrCat("creating '", path, "'"));
}

void EncodeBlocks(const SampleColumns& samples,
                  std::vector<EncodedBlock>* out) {
  const std::vector<int64_t>& ts = samples.timestamps;
  SampleColumns part;
  for (size_t begin = 0; begin < ts.size();) {
    const uint32_t block = BlockOf(ts[begin]);
    const size_t end =
        std::lower_bound(ts.begin() + begin, ts.end(), BlockStart(block + 1)) -
        ts.begin();
    EncodedBlock& b = out->emplace_back();
    b.block = block;
    b.samples = static_cast<int64_t>(end - begin);
    if (begin == 0 && end == ts.size()) {
      EncodeSamples(samples, &b.record);
    } else {
      part.Clear();
      part.AppendRange(samples, begin, end);
      EncodeSamples(part, &b.record);
    }
    begin = end;
  }
}

absl::Status BulkSstWriter::AddRecord(uint64_t series_id, uint32_t block,
                                      std::string_view record,
                                      int64_t samples) {
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  rocksdb::Status s = writer_->Merge(
      BlockKey(series_id, block), rocksdb::Slice(record.data(), record.size()));
  if (!s.ok()) return FromRocksDb(s, "writing bulk file");
  ++records_;
  samples_ += samples;
  last_series_ = series_id;
  return absl::OkStatus();
}

absl::Status BulkSstWriter::AddSeries(uint64_t series_id,
                                      const SampleColumns& samples) {
  if (samples.empty()) return absl::OkStatus();
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  if (records_ > 0 && series_id <= last_series_) {
    return absl::InvalidArgumentError(
        StrCat("series ", series_id, " added after series ", last_series_,
               "; series ids must increase"));
  }
  blocks_.clear();
  EncodeBlocks(samples, &blocks_);
  for (const EncodedBlock& b : blocks_) {
    absl::Status st = AddRecord(series_id, b.block, b.record, b.samples);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status BulkSstWriter::Finish(int64_t* file_bytes) {
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  if (records_ == 0) {
    return absl::FailedPreconditionError("bulk file has no samples");
  }
  rocksdb::ExternalSstFileInfo info;
  absl::Status st = FromRocksDb(writer_->Finish(&info), "finishing bulk file");
  writer_.reset();
  if (st.ok() && file_bytes != nullptr) {
    *file_bytes = static_cast<int64_t>(info.file_size);
  }
  return st;
}

// ---------------------------------------------------------------------------
// RocksDbSeriesStore: the bulk methods.

absl::Status RocksDbSeriesStore::ResolveSeriesIds(
    const std::vector<SeriesId>& series, std::vector<uint64_t>* ids,
    int64_t* created) {
  *created = 0;
  ids->assign(series.size(), 0);
  absl::ReaderMutexLock deletes(&delete_mu_);
  std::vector<std::string> keys(series.size());
  std::vector<size_t> missing;
  {
    absl::ReaderMutexLock lock(&series_mu_);
    for (size_t i = 0; i < series.size(); ++i) {
      const SeriesId& id = series[i];
      keys[i] = SeriesKey(id.creator_id, id.post_id, id.field);
      auto it = series_ids_.find(keys[i]);
      if (it != series_ids_.end()) {
        (*ids)[i] = it->second;
      } else {
        missing.push_back(i);
      }
    }
  }
  if (missing.empty()) return absl::OkStatus();

  // Bare records first, creators before posts, so that AddBareRecords sees
  // the creators of this call as existing when it comes to their posts.
  {
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
      rocksdb::WriteOptions wo;
      wo.sync = options_.sync;
      absl::Status st = FromRocksDb(db_->Write(wo, &batch),
                                    "creating creator and post records");
      if (new_creators > 0) CatalogChanged();
      if (!st.ok()) return st;
      creator_count_ += new_creators;
      post_count_ += new_posts;
    }
  }

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
        (*ids)[i] =
            known->second;  // Created meanwhile, or earlier in this call.
        continue;
      }
      if (auto same = fresh.find(keys[i]); same != fresh.end()) {
        (*ids)[i] = same->second;
        continue;
      }
      batch.Put(series_cf_, keys[i], EncodeId(next));
      added.emplace_back(keys[i], next);
      fresh.emplace(keys[i], next);
      (*ids)[i] = next++;
    }
    if (added.empty()) continue;
    batch.Put(default_cf_, kNextSeriesIdKey, EncodeId(next));
    rocksdb::WriteOptions wo;
    wo.sync = options_.sync;
    absl::Status st = FromRocksDb(db_->Write(wo, &batch), "creating series");
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
  absl::flat_hash_set<uint64_t> wanted;
  for (size_t i = 0; i < paths.size(); ++i) {
    absl::Status st = CheckFile(paths[i], &checks[i]);
    if (!st.ok()) return st;
    result->records += checks[i].merges;
    result->samples += checks[i].samples;
    wanted.insert(checks[i].series.begin(), checks[i].series.end());
    std::error_code ec;
    result->bytes +=
        static_cast<int64_t>(std::filesystem::file_size(paths[i], ec));
  }
  // The creators of the loaded series; every series id must be known.
  absl::flat_hash_set<std::string> creators;
  absl::flat_hash_map<uint64_t, std::string> key_of;  // Of known series.
  {
    absl::ReaderMutexLock lock(&series_mu_);
    for (const auto& [key, sid] : series_ids_) {
      if (!wanted.contains(sid)) continue;
      key_of.emplace(sid, key);
      creators.insert(key.substr(0, key.find('\0')));
    }
  }
  for (size_t i = 0; i < paths.size() && key_of.size() != wanted.size(); ++i) {
    for (uint64_t sid : checks[i].series) {
      if (key_of.contains(sid)) continue;
      return absl::FailedPreconditionError(StrCat(
          "bulk file '", paths[i], "' names series id ", sid,
          ", which this server does not know (never resolved, or its creator "
          "was deleted since); resolve the series again"));
    }
  }
  result->series = static_cast<int64_t>(wanted.size());
  result->creators = static_cast<int64_t>(creators.size());
  // Each file's tails go in with it (series_tail.h), from files of their
  // own, removed at the end whatever happens.
  std::vector<std::string> tail_paths(paths.size());
  struct RemoveFiles {
    const std::vector<std::string>* paths;
    ~RemoveFiles() {
      for (const std::string& p : *paths) {
        std::error_code ignored;
        if (!p.empty()) std::filesystem::remove(p, ignored);
      }
    }
  } remove_tail_files{&tail_paths};
  for (size_t i = 0; i < paths.size(); ++i) {
    if (checks[i].tails.empty()) continue;
    absl::StatusOr<std::string> path = NewBulkStagingPath();
    if (!path.ok()) return path.status();
    tail_paths[i] = *path;
    absl::Status st = WriteTailsFile(checks[i], key_of, tail_paths[i]);
    if (!st.ok()) return st;
  }
  result->validate_seconds = SecondsSince(validate_start);

  const Clock::time_point ingest_start = Clock::now();
  rocksdb::IngestExternalFileOptions io;
  io.move_files = move_files;
  io.failed_move_fall_back_to_copy = true;
  io.snapshot_consistency = true;
  io.allow_global_seqno = true;  // Loaded operands are newer than stored ones.
  io.allow_blocking_flush = true;
  io.ingest_behind = false;
  io.write_global_seqno = false;  // Never writes into the caller's file.
  io.verify_checksums_before_ingest = false;  // CheckFile read every block.
  rocksdb::IngestExternalFileOptions tails_io = io;
  tails_io.move_files = true;  // Made here for this call alone.
  absl::Status st;
  for (size_t i = 0; i < paths.size() && st.ok(); ++i) {
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
    st = FromRocksDb(db_->IngestExternalFiles(args),
                     StrCat("ingesting '", paths[i], "'"));
    if (st.ok()) ++result->files;
  }
  result->ingest_seconds = SecondsSince(ingest_start);
  // Even after a failure: a cache must not outlive a doubt about what is
  // stored.
  for (const std::string& creator : creators) Touch(creator);
  return st;
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

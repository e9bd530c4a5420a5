#include "bench/baseline_rocksdb.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "bench/process_stats.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "server/common/disk_usage.h"
#include "server/common/strings.h"

namespace clout::bench {
namespace {

absl::Status FromRocks(const rocksdb::Status& st, const std::string& what) {
  if (st.ok()) return absl::OkStatus();
  std::string message = StrCat("baseline RocksDB ", what, ": ", st.ToString());
  if (st.IsInvalidArgument() || st.IsNotSupported()) {
    return absl::InvalidArgumentError(message);
  }
  return absl::InternalError(message);
}

// Appends `value` as a base-128 varint (little-endian groups of 7 bits).
void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Appends `v` as 8 bytes, most significant first.
void AppendBigEndian64(uint64_t v, std::string* out) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(buf, sizeof(buf));
}

// Adds series to a WriteBatch and writes the batch once it holds at least
// batch_samples samples. Key and value buffers are reused, so adding a
// sample allocates nothing beyond the batch's own growth. Not thread-safe;
// one per writer thread.
class BatchedWriter {
 public:
  BatchedWriter(rocksdb::DB* db, int64_t batch_samples)
      : db_(db), batch_samples_(batch_samples) {}

  // Adds every sample of `series`. Returns the first write error; after an
  // error further calls do nothing and return it again.
  absl::Status Add(const SeriesData& series) {
    if (!status_.ok()) return status_;
    key_.clear();
    key_.append(series.creator_id).push_back('\0');
    key_.append(series.post_id).push_back('\0');
    key_.append(series.field).push_back('\0');
    const size_t prefix = key_.size();
    for (size_t i = 0; i < series.timestamps_ms.size(); ++i) {
      key_.resize(prefix);
      AppendBigEndian64(static_cast<uint64_t>(series.timestamps_ms[i]), &key_);
      value_.clear();
      AppendVarint(static_cast<uint64_t>(series.values[i]), &value_);
      status_ = FromRocks(batch_.Put(key_, value_), "Put");
      if (!status_.ok()) return status_;
    }
    pending_ += static_cast<int64_t>(series.timestamps_ms.size());
    samples_ += static_cast<int64_t>(series.timestamps_ms.size());
    if (pending_ >= batch_samples_) return Flush();
    return absl::OkStatus();
  }

  // Writes the pending batch, if any.
  absl::Status Flush() {
    if (!status_.ok() || pending_ == 0) return status_;
    status_ = FromRocks(db_->Write(rocksdb::WriteOptions(), &batch_), "Write");
    batch_.Clear();
    pending_ = 0;
    return status_;
  }

  int64_t samples() const { return samples_; }

 private:
  rocksdb::DB* const db_;
  const int64_t batch_samples_;
  rocksdb::WriteBatch batch_;
  std::string key_;
  std::string value_;
  int64_t pending_ = 0;
  int64_t samples_ = 0;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<BaselineResult> RunRocksDbBaseline(
    const WorkloadOptions& workload, const BaselineOptions& options) {
  if (options.threads < 1 || options.batch_samples < 1) {
    return absl::InvalidArgumentError(
        "baseline: threads and batch_samples must be >= 1");
  }
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.error_if_exists = true;
  db_options.compression = rocksdb::kLZ4Compression;
  rocksdb::DB* raw_db = nullptr;
  if (absl::Status st = FromRocks(
          rocksdb::DB::Open(db_options, options.dir, &raw_db), "Open");
      !st.ok()) {
    return st;
  }
  std::unique_ptr<rocksdb::DB> db(raw_db);

  BaselineResult result;
  using Clock = std::chrono::steady_clock;
  const double cpu_start = SelfCpuSeconds();
  const Clock::time_point start = Clock::now();
  std::vector<absl::Status> statuses(options.threads);
  std::vector<int64_t> samples(options.threads, 0);
  std::vector<std::thread> threads;
  threads.reserve(options.threads);
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] {
      BatchedWriter writer(db.get(), options.batch_samples);
      absl::Status st;
      for (int c = t; c < workload.creators && st.ok(); c += options.threads) {
        GenerateCreator(workload, c, [&](SeriesData&& series) {
          if (st.ok()) st = writer.Add(series);
        });
      }
      if (st.ok()) st = writer.Flush();
      statuses[t] = st;
      samples[t] = writer.samples();
    });
  }
  for (auto& thread : threads) thread.join();
  result.write_seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  result.write_cpu_seconds = SelfCpuSeconds() - cpu_start;
  for (int t = 0; t < options.threads; ++t) {
    if (!statuses[t].ok()) return statuses[t];
    result.samples += samples[t];
  }

  const Clock::time_point compact_start = Clock::now();
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForceOptimized;
  if (absl::Status st = FromRocks(db->CompactRange(compact, nullptr, nullptr),
                                  "CompactRange");
      !st.ok()) {
    return st;
  }
  result.compact_seconds =
      std::chrono::duration<double>(Clock::now() - compact_start).count();
  uint64_t sst_bytes = 0;
  if (!db->GetIntProperty(rocksdb::DB::Properties::kTotalSstFilesSize,
                          &sst_bytes)) {
    return absl::InternalError("baseline RocksDB: no total-sst-files-size");
  }
  result.sst_bytes = static_cast<int64_t>(sst_bytes);
  if (absl::Status st = FromRocks(db->Close(), "Close"); !st.ok()) return st;
  db.reset();
  result.dir_bytes = DirectoryBytes(options.dir);
  return result;
}

}  // namespace clout::bench

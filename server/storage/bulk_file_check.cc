#include "server/storage/bulk_file_check.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string_view>
#include <system_error>

#include "rocksdb/merge_operator.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_reader.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table_properties.h"
#include "server/common/strings.h"
#include "server/format/block_codec.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"

namespace clout::storage {
namespace {

constexpr uint32_t kKnownFlags = 1 | 2 | 4;

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

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

}  // namespace

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
    s = writer.Merge(
        rocksdb::Slice(entries[i].first.data(), entries[i].first.size()),
        value);
  }
  if (s.ok()) s = writer.Finish();
  return FromRocksDb(s, StrCat("writing tails file '", path, "'"));
}

}  // namespace clout::storage

// The backfill mapping: which input columns give the creator id, the post
// id, the timestamp and the sample values, and with which flags. A mapping
// is a small JSON file; docs/backfill.md documents every key, and
// clients/cli/mappings/ holds the mappings of the real data files.
//
//   {
//     "creator":   {"column": "user_id", "prefix": "tiktok:"},
//     "timestamp": {"column": "snapshot_utc", "format": "iso8601"},
//     "fields": [{"column": "followers"},
//                {"column": "total_likes", "field": "likes_total"}],
//     "flags": ["backfilled", "rounded"],
//     "ignore": ["source_endpoint", "handle", "verified"]
//   }
//
// RowMapper applies a mapping to the records of one file and validates them
// with the server's own rules (server/common/input_rules.h), so that a line the
// mapper accepts is never rejected by the server.
#ifndef CLOUT_CLIENTS_CLI_MAPPING_H_
#define CLOUT_CLIENTS_CLI_MAPPING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clients/cli/json.h"
#include "clients/cli/timestamp.h"

namespace clout::cli {

enum class InputFormat { kAuto, kCsv, kJsonLines };

// Flag bits, as clout.v1.SampleFlag.
constexpr uint32_t kFlagEstimated = 1;
constexpr uint32_t kFlagBackfilled = 2;
constexpr uint32_t kFlagRounded = 4;

// How one column becomes an id: prefix + (escaped) cell.
struct IdMapping {
  std::string column;  // Empty: not mapped (post only).
  std::string prefix;
  // Percent-encode bytes that ids may not hold (spaces, non-ASCII, '%').
  bool escape = false;
};

struct FieldMapping {
  std::string column;
  std::string field;
  // The value belongs to the creator's account even on a line with a post
  // id (e.g. the author's follower count on a video's line).
  bool account = false;
  uint32_t flags = 0;         // Mapping flags plus the field's own.
  int64_t rounded_from = -1;  // >= 0: values >= it also get kFlagRounded.
  // Negative values in [-2^31, 0) are counts of [2^31, 2^32) that a 32-bit
  // signed integer wrapped (TikTok's API does this); add 2^32 back.
  bool unwrap_int32 = false;
};

struct Mapping {
  std::string text;  // The mapping file as read (for resume fingerprints).
  InputFormat format = InputFormat::kAuto;
  char delimiter = ',';
  bool multiline = false;  // CSV: quoted cells may span lines.
  IdMapping creator;
  IdMapping post;
  std::string time_column;
  TimeFormat time_format;
  std::vector<FieldMapping> fields;
  std::vector<std::string> ignore;  // Columns (or JSON objects) to skip.
  bool ignore_unknown = false;      // Skip every column not mapped.
};

// Reads and checks a mapping file. On failure sets *error ("mapping
// 'x.json': ...") and returns false.
bool LoadMapping(const std::string& path, Mapping* out, std::string* error);
// The same from the file's text.
bool ParseMapping(std::string_view text, Mapping* out, std::string* error);

// The format of `path` under `mapping`: the mapping's, else by file name
// (.jsonl, .ndjson, .json, optionally followed by .gz, mean JSON Lines).
InputFormat FormatFor(const Mapping& mapping, const std::string& path);

struct MappedSample {
  int field = 0;  // Index into Mapping::fields.
  int64_t value = 0;
  uint32_t flags = 0;
};

// One valid input line. The views stay valid until the next Map call.
struct MappedRow {
  std::string_view creator_id;
  std::string_view post_id;  // Empty: the creator's account.
  int64_t timestamp_ms = 0;
  std::vector<MappedSample> samples;  // Fields with a value on this line.
};

// Applies a mapping to the records of one file. Not thread-safe.
class RowMapper {
 public:
  explicit RowMapper(const Mapping* mapping);

  // CSV: takes the header record. False with *error if it names a column
  // the mapping neither maps nor ignores, repeats a column, or lacks a
  // mapped column.
  bool SetHeader(const std::vector<std::string_view>& cells,
                 std::string* error);

  // CSV: maps one record. False with *error naming the column and the
  // problem; then nothing of the record may be stored.
  bool MapCells(const std::vector<std::string_view>& cells, MappedRow* row,
                std::string* error);

  // JSON Lines: maps one parsed line (an object).
  bool MapObject(const JsonValue& object, MappedRow* row, std::string* error);

 private:
  // Sets *out to prefix + cell (escaped if asked) and validates it; caches
  // the last result.
  struct IdCache {
    std::string cell;
    std::string id;
    bool valid = false;
  };
  bool MapId(const IdMapping& m, std::string_view what, std::string_view cell,
             IdCache* cache, std::string* error);
  bool MapValues(const std::vector<std::string_view>& cells, MappedRow* row,
                 std::string* error);
  bool Ignored(std::string_view column) const;

  const Mapping* mapping_;
  // CSV column positions, -1 if absent.
  int creator_index_ = -1, post_index_ = -1, time_index_ = -1;
  std::vector<int> field_index_;
  size_t columns_ = 0;
  IdCache creator_cache_, post_cache_;
  // JSON Lines: the cells of the mapped columns of the current line, in the
  // order creator, post, timestamp, fields.
  std::vector<std::string_view> json_cells_;
  std::vector<std::string> json_text_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_MAPPING_H_

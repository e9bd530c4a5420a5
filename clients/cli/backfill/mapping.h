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
// RowMapper (row_mapper.h) applies a mapping to the records of one file.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_MAPPING_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_MAPPING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clients/cli/backfill/timestamp.h"

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

// Reads and checks a mapping file (JSON; a member named twice is refused).
// On failure sets *error ("mapping 'x.json': ...") and returns false.
bool LoadMapping(const std::string& path, Mapping* out, std::string* error);
// The same from the file's text.
bool ParseMapping(std::string_view text, Mapping* out, std::string* error);

// The format of `path` under `mapping`: the mapping's, else by file name
// (.jsonl, .ndjson, .json, optionally followed by .gz, mean JSON Lines).
InputFormat FormatFor(const Mapping& mapping, const std::string& path);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_MAPPING_H_

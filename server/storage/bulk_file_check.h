// Checking a bulk file (format/bulk_file.h) before the store ingests it,
// and the file of series tails that goes in with it. Internal to
// RocksDbSeriesStore's BulkIngest (rocksdb_bulk.cc).
#ifndef CLOUT_SERVER_STORAGE_BULK_FILE_CHECK_H_
#define CLOUT_SERVER_STORAGE_BULK_FILE_CHECK_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "server/storage/series_tail.h"

namespace clout::storage {

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

// Reads the whole file at `path` and checks every entry (see bulk.proto),
// filling *check. NotFound if there is no such file, InvalidArgument naming
// the file (and the entry) if it is not a valid bulk file.
absl::Status CheckFile(const std::string& path, FileCheck* check);

// Writes the tails of `check` to a new SST file at `path` for the tails
// column family: one merge operand per series, keyed by series name
// (key_of maps every series id of `check` to it).
absl::Status WriteTailsFile(
    const FileCheck& check,
    const absl::flat_hash_map<uint64_t, std::string>& key_of,
    const std::string& path);

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_BULK_FILE_CHECK_H_

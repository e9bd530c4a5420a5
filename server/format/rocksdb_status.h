// Conversions from RocksDB types: statuses to canonical absl::Status values,
// slices to string views.
#ifndef CLOUT_SERVER_FORMAT_ROCKSDB_STATUS_H_
#define CLOUT_SERVER_FORMAT_ROCKSDB_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"
#include "server/common/strings.h"

namespace clout::storage {

inline std::string_view ToView(const rocksdb::Slice& s) {
  return std::string_view(s.data(), s.size());
}

// Maps `s` to the closest canonical code; `context` prefixes the message.
inline absl::Status FromRocksDb(const rocksdb::Status& s,
                                std::string_view context) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = StrCat(context, ": ", s.ToString());
  if (s.IsNotFound()) return absl::NotFoundError(msg);
  if (s.IsCorruption()) return absl::DataLossError(msg);
  if (s.IsInvalidArgument()) return absl::InvalidArgumentError(msg);
  if (s.IsNotSupported()) return absl::UnimplementedError(msg);
  if (s.IsBusy() || s.IsTryAgain()) return absl::UnavailableError(msg);
  if (s.IsTimedOut()) return absl::DeadlineExceededError(msg);
  if (s.IsAborted()) return absl::AbortedError(msg);
  if (s.IsIncomplete() || s.IsShutdownInProgress()) {
    return absl::UnavailableError(msg);
  }
  return absl::InternalError(msg);
}

}  // namespace clout::storage

#endif  // CLOUT_SERVER_FORMAT_ROCKSDB_STATUS_H_

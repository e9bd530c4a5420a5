// The rules every creator id, post id, field name and timestamp follows,
// shared by the server's request validation (server/api/validation.h) and
// the CLI, which checks backfill lines before it sends them. Free of
// protobuf and of the store.
//
// Each check returns INVALID_ARGUMENT with a message that starts with `what`
// (the name of the field, as the caller wants it shown) and names the
// offending value, for example:
//   ValidateTimestamp("series[2].timestamps_ms[7]", 99999999999999)
//   -> "series[2].timestamps_ms[7]: 99999999999999 is not before 2100-01-01
//   ..."
#ifndef CLOUT_SERVER_COMMON_INPUT_RULES_H_
#define CLOUT_SERVER_COMMON_INPUT_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace clout {

// Timestamps clout accepts: [kMinTimestampMs, kMaxTimestampMs).
constexpr int64_t kMinTimestampMs = 0;              // 1970-01-01
constexpr int64_t kMaxTimestampMs = 4102444800000;  // 2100-01-01

// INVALID_ARGUMENT "<what>: <problem>".
absl::Status Invalid(std::string_view what, std::string_view problem);

// `s` in single quotes for a message: bytes outside printable ASCII as \xNN,
// cut after 80 bytes.
std::string Quote(std::string_view s);

// True if `s` is 1 or more of a-z, 0-9 and _, starting with a letter.
bool IsIdentifier(std::string_view s);

// A creator or post id: 1 to 128 bytes of printable ASCII without spaces.
absl::Status ValidateId(std::string_view what, std::string_view id);
// The same, or empty (an account-level series has no post id).
absl::Status ValidateOptionalId(std::string_view what, std::string_view id);
// A field name: an identifier of at most 64 bytes.
absl::Status ValidateFieldName(std::string_view what, std::string_view field);
// A timestamp in [kMinTimestampMs, kMaxTimestampMs).
absl::Status ValidateTimestamp(std::string_view what, int64_t ms);
// A half-open window [start_ms, end_ms): start not negative, end 0 (up to
// now, decided by the caller) or after start.
absl::Status ValidateRange(int64_t start_ms, int64_t end_ms);

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_INPUT_RULES_H_

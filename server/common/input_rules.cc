#include "server/common/input_rules.h"

#include <algorithm>

#include "server/common/strings.h"

namespace clout {
namespace {

constexpr size_t kMaxIdBytes = 128;
constexpr size_t kMaxFieldBytes = 64;

}  // namespace

absl::Status Invalid(std::string_view what, std::string_view problem) {
  return absl::InvalidArgumentError(StrCat(what, ": ", problem));
}

// Quotes a user-supplied string for a message, cutting it if long.
std::string Quote(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 80)) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(c);
    } else {
      out += StrCat("\\x", "0123456789abcdef"[(c >> 4) & 15],
                    "0123456789abcdef"[c & 15]);
    }
  }
  if (s.size() > 80) out += "...";
  return out + "'";
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

absl::Status ValidateId(std::string_view what, std::string_view id) {
  if (id.empty()) return Invalid(what, "is empty");
  if (id.size() > kMaxIdBytes) {
    return Invalid(what, StrCat(Quote(id), " is ", id.size(),
                                " bytes, the limit is ", kMaxIdBytes));
  }
  for (char c : id) {
    if (c <= 0x20 || c >= 0x7f) {
      return Invalid(what, StrCat(Quote(id),
                                  " contains a space or a character outside "
                                  "printable ASCII"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateOptionalId(std::string_view what, std::string_view id) {
  return id.empty() ? absl::OkStatus() : ValidateId(what, id);
}

absl::Status ValidateFieldName(std::string_view what, std::string_view field) {
  if (field.empty()) return Invalid(what, "is empty");
  if (field.size() > kMaxFieldBytes || !IsIdentifier(field)) {
    return Invalid(what, StrCat(Quote(field),
                                " is not a field name (1 to 64 characters of "
                                "a-z, 0-9 and _, starting with a letter)"));
  }
  return absl::OkStatus();
}

absl::Status ValidateTimestamp(std::string_view what, int64_t ms) {
  if (ms < kMinTimestampMs) {
    return Invalid(what, StrCat(ms, " is before 1970-01-01"));
  }
  if (ms >= kMaxTimestampMs) {
    return Invalid(what,
                   StrCat(ms, " is not before 2100-01-01 (", kMaxTimestampMs,
                          "); timestamps are in milliseconds"));
  }
  return absl::OkStatus();
}

absl::Status ValidateRange(int64_t start_ms, int64_t end_ms) {
  if (start_ms < 0) {
    return Invalid("start_ms", StrCat(start_ms, " is negative"));
  }
  if (end_ms != 0 && end_ms <= start_ms) {
    return Invalid("end_ms",
                   StrCat(end_ms, " is not after start_ms ", start_ms));
  }
  return absl::OkStatus();
}

}  // namespace clout

// Parsing the timestamps and counts of backfill input.
//
// Time formats (docs/backfill.md):
//   iso8601   2022-03-24T20:40:04Z, 2022-03-24 20:40:04.123+02:00,
//             2022-03-24T20:40 or 2022-03-24 (midnight). No zone means UTC.
//   epoch_s   seconds since 1970-01-01 UTC, optionally with a fraction
//   epoch_ms  milliseconds since 1970-01-01 UTC
//   a pattern with %Y %m %d %H %M %S (and %% for '%'), e.g. "%d.%m" for
//             the YouTube file's "13.09"; a year missing from the pattern
//             comes from the mapping. Fields not in the pattern are 0 (the
//             day is 1), in UTC.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_TIMESTAMP_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_TIMESTAMP_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace clout::cli {

struct TimeFormat {
  enum class Kind { kIso8601, kEpochSeconds, kEpochMillis, kPattern };
  Kind kind = Kind::kIso8601;
  std::string pattern;  // kPattern only.
  int year = 0;         // kPattern without %Y: the year to use.
};

// Reads a format name or pattern; `year` is the mapping's year (0: none).
// On failure sets *error and returns false (a pattern without %Y needs a
// year; unknown % directives are refused).
bool ParseTimeFormat(std::string_view name, int year, TimeFormat* out,
                     std::string* error);

// Parses `text` (surrounding blanks allowed) into ms since the epoch. On
// failure sets *error to a reason such as "'2022-13-01' is not an ISO 8601
// time" and returns false.
bool ParseTimestamp(const TimeFormat& format, std::string_view text,
                    int64_t* ms, std::string* error);

// Parses a count: decimal digits only (blanks around allowed), at most
// 2^63 - 1. False if it is anything else.
bool ParseCount(std::string_view text, int64_t* value);

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

// Removes blanks (spaces and tabs) at both ends.
std::string_view TrimBlanks(std::string_view s);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_TIMESTAMP_H_

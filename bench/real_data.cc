#include "bench/real_data.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace clout::bench {
namespace {

constexpr std::string_view kHeader =
    "snapshot_utc,source_endpoint,user_id,handle,verified,followers,"
    "total_likes";
constexpr int kFieldCount = 7;

struct Row {
  int64_t timestamp_ms;
  int64_t followers;
  int64_t likes;
};

// Closes a gzFile on scope exit.
class GzCloser {
 public:
  explicit GzCloser(gzFile file) : file_(file) {}
  GzCloser(const GzCloser&) = delete;
  GzCloser& operator=(const GzCloser&) = delete;
  ~GzCloser() {
    if (file_ != nullptr) gzclose(file_);
  }

 private:
  gzFile file_;
};

// Reads the next line (without its "\n" or "\r\n") into *line. Returns false
// at the end of the file or on a read error; the caller tells them apart with
// gzerror.
bool ReadLine(gzFile file, std::string* line) {
  line->clear();
  char buf[4096];
  bool any = false;
  while (gzgets(file, buf, sizeof(buf)) != nullptr) {
    any = true;
    line->append(buf);
    if (!line->empty() && line->back() == '\n') break;
  }
  if (!any) return false;
  if (!line->empty() && line->back() == '\n') line->pop_back();
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses a non-empty decimal integer made only of digits that fits int64.
bool ParseCount(std::string_view s, int64_t* value) {
  if (s.empty()) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    const int digit = c - '0';
    if (v > (INT64_MAX - digit) / 10) return false;
    v = v * 10 + digit;
  }
  *value = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Parses "YYYY-MM-DDTHH:MM:SSZ" into milliseconds since the Unix epoch.
bool ParseTimestamp(std::string_view s, int64_t* ms) {
  constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kPattern.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (kPattern[i] == 'd' ? !IsDigit(s[i]) : s[i] != kPattern[i]) {
      return false;
    }
  }
  auto number = [s](size_t pos, size_t len) {
    int64_t v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int64_t year = number(0, 4);
  const int64_t month = number(5, 2);
  const int64_t day = number(8, 2);
  const int64_t hour = number(11, 2);
  const int64_t minute = number(14, 2);
  const int64_t second = number(17, 2);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 ||
      second > 59) {
    return false;
  }
  static constexpr int kDaysInMonth[12] = {31, 29, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] || (month == 2 && day == 29 && !leap)) {
    return false;
  }
  const int64_t seconds = DaysFromCivil(year, month, day) * 86400 +
                          hour * 3600 + minute * 60 + second;
  *ms = seconds * 1000;
  return true;
}

// Splits `line` at commas into exactly kFieldCount fields.
bool SplitFields(std::string_view line, std::string_view* fields) {
  int n = 0;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    if (n == kFieldCount) return false;
    if (comma == std::string_view::npos) {
      fields[n++] = line.substr(start);
      break;
    }
    fields[n++] = line.substr(start, comma - start);
    start = comma + 1;
  }
  return n == kFieldCount;
}

void SetError(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
}

// Parses one data line into *row and *user (a view into `line`); on failure
// returns false with the reason in *message.
bool ParseRow(const std::string& line, Row* row, std::string_view* user,
              std::string* message) {
  std::string_view fields[kFieldCount];
  if (!SplitFields(line, fields)) {
    *message = "expected 7 comma-separated fields";
    return false;
  }
  if (!ParseTimestamp(fields[0], &row->timestamp_ms)) {
    *message = "invalid snapshot_utc \"" + std::string(fields[0]) + "\"";
    return false;
  }
  *user = fields[2];
  if (user->empty() || !std::all_of(user->begin(), user->end(), IsDigit)) {
    *message = "invalid user_id \"" + std::string(*user) + "\"";
    return false;
  }
  if (!ParseCount(fields[5], &row->followers)) {
    *message = "invalid followers \"" + std::string(fields[5]) + "\"";
    return false;
  }
  if (!ParseCount(fields[6], &row->likes)) {
    *message = "invalid total_likes \"" + std::string(fields[6]) + "\"";
    return false;
  }
  return true;
}

using RowsByUser = std::map<std::string, std::vector<Row>, std::less<>>;

// Reads the header and every data line of `file` into *rows_by_user.
bool ReadRows(gzFile file, const std::string& path, RowsByUser* rows_by_user,
              std::string* error) {
  std::vector<Row>* current = nullptr;  // rows of the previous line's user
  std::string current_user;
  std::string line;
  int64_t line_number = 0;
  bool header_seen = false;
  while (ReadLine(file, &line)) {
    ++line_number;
    auto where = [&path, line_number] {
      return path + ":" + std::to_string(line_number) + ": ";
    };
    if (!header_seen) {
      if (line != kHeader) {
        SetError(error, where() + "unexpected header \"" + line + "\"");
        return false;
      }
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;
    Row row;
    std::string_view user;
    std::string message;
    if (!ParseRow(line, &row, &user, &message)) {
      SetError(error, where() + message);
      return false;
    }
    if (current == nullptr || user != current_user) {
      current_user.assign(user);
      current = &(*rows_by_user)[current_user];
    }
    current->push_back(row);
  }
  int errnum = Z_OK;
  const char* message = gzerror(file, &errnum);
  if (errnum != Z_OK) {
    SetError(error, path + ":" + std::to_string(line_number + 1) +
                        ": read error: " + message);
    return false;
  }
  if (!header_seen) {
    SetError(error, path + ": empty file, expected a header line");
    return false;
  }
  return true;
}

// Two series per user, as LoadTikTokHourly describes.
std::vector<SeriesData> ToSeries(RowsByUser* rows_by_user) {
  std::vector<SeriesData> result;
  result.reserve(rows_by_user->size() * 2);
  for (auto& [user, rows] : *rows_by_user) {
    // Stable: rows with equal timestamps stay in file order, so the last of
    // each run is the last one in the file.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.timestamp_ms < b.timestamp_ms;
    });
    SeriesData followers;
    followers.creator_id = "tiktok:" + user;
    followers.field = "followers";
    SeriesData likes;
    likes.creator_id = followers.creator_id;
    likes.field = "likes_total";
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i + 1 < rows.size() &&
          rows[i + 1].timestamp_ms == rows[i].timestamp_ms) {
        continue;  // a later row has the same instant
      }
      followers.timestamps_ms.push_back(rows[i].timestamp_ms);
      followers.values.push_back(rows[i].followers);
      likes.timestamps_ms.push_back(rows[i].timestamp_ms);
      likes.values.push_back(rows[i].likes);
    }
    result.push_back(std::move(followers));
    result.push_back(std::move(likes));
  }
  return result;
}

}  // namespace

bool LoadTikTokHourly(const std::string& path, std::vector<SeriesData>* out,
                      std::string* error) {
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    SetError(error, path + ": cannot open: " +
                        (errno != 0 ? std::strerror(errno) : "out of memory"));
    return false;
  }
  GzCloser closer(file);
  gzbuffer(file, 1 << 17);
  RowsByUser rows_by_user;
  if (!ReadRows(file, path, &rows_by_user, error)) return false;
  std::vector<SeriesData> result = ToSeries(&rows_by_user);
  out->swap(result);
  return true;
}

}  // namespace clout::bench

#include "clients/cli/backfill/timestamp.h"

#include <limits>

namespace clout::cli {
namespace {

constexpr int64_t kMsPerDay = 86400000;

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at *pos.
bool Digits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// Reads 1 to `max` digits at *pos.
bool SomeDigits(std::string_view s, size_t* pos, int max, int* out) {
  int v = 0, n = 0;
  while (*pos < s.size() && n < max && s[*pos] >= '0' && s[*pos] <= '9') {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  *out = v;
  return n > 0;
}

struct Civil {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int millis = 0;
  int64_t offset_ms = 0;  // Local time minus UTC.
};

bool ToMillis(const Civil& c, int64_t* ms) {
  if (c.month < 1 || c.month > 12 || c.day < 1 ||
      static_cast<unsigned>(c.day) > DaysInMonth(c.year, c.month) ||
      c.hour > 23 || c.minute > 59 || c.second > 59) {
    return false;
  }
  *ms = DaysFromCivil(c.year, c.month, c.day) * kMsPerDay +
        ((c.hour * 60LL + c.minute) * 60 + c.second) * 1000 + c.millis -
        c.offset_ms;
  return true;
}

bool ParseIso(std::string_view s, int64_t* ms) {
  Civil c;
  size_t p = 0;
  if (!Digits(s, &p, 4, &c.year) || p >= s.size() || s[p++] != '-' ||
      !Digits(s, &p, 2, &c.month) || p >= s.size() || s[p++] != '-' ||
      !Digits(s, &p, 2, &c.day)) {
    return false;
  }
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    ++p;
    if (!Digits(s, &p, 2, &c.hour) || p >= s.size() || s[p++] != ':' ||
        !Digits(s, &p, 2, &c.minute)) {
      return false;
    }
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!Digits(s, &p, 2, &c.second)) return false;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        int n = 0, scale = 100;
        c.millis = 0;
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
          c.millis += (s[p] - '0') * scale;
          scale /= 10;
          ++p;
          ++n;
        }
        if (n == 0) return false;
      }
    }
    if (p < s.size() && s[p] == 'Z') {
      ++p;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
      const int sign = s[p++] == '-' ? -1 : 1;
      int hh = 0, mm = 0;
      if (!Digits(s, &p, 2, &hh)) return false;
      if (p < s.size() && s[p] == ':') ++p;
      if (p < s.size() && !Digits(s, &p, 2, &mm)) return false;
      if (hh > 23 || mm > 59) return false;
      c.offset_ms = sign * (hh * 60LL + mm) * 60000;
    }
  }
  return p == s.size() && ToMillis(c, ms);
}

bool ParseEpochSeconds(std::string_view s, int64_t* ms) {
  const size_t dot = s.find('.');
  int64_t secs = 0;
  if (!ParseCount(s.substr(0, dot), &secs) ||
      secs > std::numeric_limits<int64_t>::max() / 1000) {
    return false;
  }
  int64_t frac = 0;
  if (dot != std::string_view::npos) {
    std::string_view f = s.substr(dot + 1);
    if (f.empty()) return false;
    int scale = 100;
    for (char c : f) {
      if (c < '0' || c > '9') return false;
      frac += (c - '0') * scale;
      scale /= 10;
    }
  }
  *ms = secs * 1000 + frac;
  return true;
}

bool ParsePattern(const TimeFormat& f, std::string_view s, int64_t* ms) {
  Civil c;
  c.year = f.year;
  size_t p = 0;
  const std::string& pat = f.pattern;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] != '%') {
      if (p >= s.size() || s[p++] != pat[i]) return false;
      continue;
    }
    const char d = pat[++i];
    bool ok = true;
    switch (d) {
      case 'Y':
        ok = Digits(s, &p, 4, &c.year);
        break;
      case 'm':
        ok = SomeDigits(s, &p, 2, &c.month);
        break;
      case 'd':
        ok = SomeDigits(s, &p, 2, &c.day);
        break;
      case 'H':
        ok = SomeDigits(s, &p, 2, &c.hour);
        break;
      case 'M':
        ok = SomeDigits(s, &p, 2, &c.minute);
        break;
      case 'S':
        ok = SomeDigits(s, &p, 2, &c.second);
        break;
      case '%':
        ok = p < s.size() && s[p++] == '%';
        break;
      default:
        ok = false;
    }
    if (!ok) return false;
  }
  return p == s.size() && ToMillis(c, ms);
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool ParseCount(std::string_view text, int64_t* value) {
  text = TrimBlanks(text);
  if (text.empty() || text.size() > 19) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return false;
  }
  *value = static_cast<int64_t>(v);
  return true;
}

bool ParseTimeFormat(std::string_view name, int year, TimeFormat* out,
                     std::string* error) {
  *out = TimeFormat();
  if (name == "iso8601") return true;
  if (name == "epoch_s") {
    out->kind = TimeFormat::Kind::kEpochSeconds;
    return true;
  }
  if (name == "epoch_ms") {
    out->kind = TimeFormat::Kind::kEpochMillis;
    return true;
  }
  if (name.find('%') == std::string_view::npos) {
    *error = "unknown time format '" + std::string(name) +
             "' (iso8601, epoch_s, epoch_ms, or a pattern such as %d.%m)";
    return false;
  }
  bool has_year = false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '%') continue;
    const char d = i + 1 < name.size() ? name[i + 1] : '\0';
    if (std::string_view("YmdHMS%").find(d) == std::string_view::npos ||
        d == '\0') {
      *error = "time pattern '" + std::string(name) + "': unknown directive %" +
               std::string(1, d) + " (known: %Y %m %d %H %M %S %%)";
      return false;
    }
    has_year |= d == 'Y';
    ++i;
  }
  if (!has_year && year <= 0) {
    *error = "time pattern '" + std::string(name) +
             "' has no %Y: give the year in the mapping (\"year\": 2017)";
    return false;
  }
  out->kind = TimeFormat::Kind::kPattern;
  out->pattern = std::string(name);
  out->year = year;
  return true;
}

bool ParseTimestamp(const TimeFormat& format, std::string_view text,
                    int64_t* ms, std::string* error) {
  text = TrimBlanks(text);
  bool ok = false;
  const char* expected = "";
  switch (format.kind) {
    case TimeFormat::Kind::kIso8601:
      ok = ParseIso(text, ms);
      expected = "an ISO 8601 time (such as 2022-03-24T20:40:04Z)";
      break;
    case TimeFormat::Kind::kEpochSeconds:
      ok = ParseEpochSeconds(text, ms);
      expected = "epoch seconds";
      break;
    case TimeFormat::Kind::kEpochMillis:
      ok = ParseCount(text, ms);
      expected = "epoch milliseconds";
      break;
    case TimeFormat::Kind::kPattern:
      ok = ParsePattern(format, text, ms);
      expected = "a time of the pattern";
      break;
  }
  if (!ok) {
    *error = "'" + std::string(text.substr(0, 60)) + "' is not " + expected;
    if (format.kind == TimeFormat::Kind::kPattern) {
      *error += " '" + format.pattern + "'";
    }
  }
  return ok;
}

}  // namespace clout::cli

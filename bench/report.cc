#include "bench/report.h"

#include <cstdio>

#include "server/common/strings.h"

namespace clout::bench {

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  return buf;
}

double MiB(int64_t bytes) { return static_cast<double>(bytes) / 1048576.0; }

void Section(const std::string& title) {
  std::printf("\n== %s\n", title.c_str());
  std::fflush(stdout);
}

void Line(const std::string& label, const std::string& value,
          const std::string& unit, const std::string& note) {
  std::printf("  %-46s %16s %-10s%s\n", label.c_str(), value.c_str(),
              unit.c_str(), note.c_str());
  std::fflush(stdout);
}

void Note(const std::string& text) {
  std::printf("  (%s)\n", text.c_str());
  std::fflush(stdout);
}

std::string Target(double value, double limit, const std::string& unit) {
  return StrCat("  target < ", Fixed(limit, limit < 10 ? 1 : 0), " ", unit,
                ": ", value < limit ? "met" : "MISSED");
}

void ResultLine::Add(const std::string& key, const std::string& value) {
  text_ += StrCat(" ", key, "=", value);
}
void ResultLine::Add(const std::string& key, int64_t value) {
  Add(key, std::to_string(value));
}
void ResultLine::Add(const std::string& key, double value, int decimals) {
  Add(key, Fixed(value, decimals));
}
void ResultLine::Print() const { std::printf("RESULT%s\n", text_.c_str()); }

int Finish(const absl::Status& status, const ResultLine* result) {
  if (!status.ok()) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n", status.ToString().c_str());
    return 1;
  }
  if (result != nullptr) {
    std::printf("\n");
    result->Print();
  }
  return 0;
}

}  // namespace clout::bench

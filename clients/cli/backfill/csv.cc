#include "clients/cli/backfill/csv.h"

#include <cstring>

namespace clout::cli {

std::string_view CsvSplitter::Unescape(std::string_view quoted) {
  if (pool_used_ == pool_.size()) pool_.emplace_back();
  std::string& out = pool_[pool_used_++];
  out.clear();
  for (size_t i = 0; i < quoted.size(); ++i) {
    out.push_back(quoted[i]);
    if (quoted[i] == '"') ++i;  // The second quote of "".
  }
  return out;
}

CsvResult CsvSplitter::Split(std::string_view record,
                             std::vector<std::string_view>* cells,
                             std::string* error) {
  cells->clear();
  pool_used_ = 0;
  const size_t n = record.size();
  size_t i = 0;
  for (;;) {
    auto column = [cells] { return std::to_string(cells->size() + 1); };
    if (i < n && record[i] == '"') {
      size_t j = i + 1;
      bool escaped = false;
      size_t close = std::string_view::npos;
      while (j <= n) {
        const size_t q = record.find('"', j);
        if (q == std::string_view::npos) break;
        if (q + 1 < n && record[q + 1] == '"') {
          escaped = true;
          j = q + 2;
          continue;
        }
        close = q;
        break;
      }
      if (close == std::string_view::npos) {
        *error = "column " + column() + ": quoted cell is not closed";
        return CsvResult::kNeedMore;
      }
      std::string_view cell = record.substr(i + 1, close - i - 1);
      cells->push_back(escaped ? Unescape(cell) : cell);
      i = close + 1;
      if (i == n) return CsvResult::kOk;
      if (record[i] != delimiter_) {
        *error = "column " + std::to_string(cells->size()) + ": unexpected '" +
                 std::string(1, record[i]) + "' after the closing quote";
        return CsvResult::kError;
      }
      ++i;
      continue;
    }
    // Cells are short: a plain loop beats two memchr calls.
    const char* data = record.data();
    size_t end = i;
    while (end < n && data[end] != delimiter_ && data[end] != '"') ++end;
    if (end < n && data[end] == '"') {
      *error = "column " + column() +
               ": a quote inside an unquoted cell (quote the whole cell and "
               "double the quote)";
      return CsvResult::kError;
    }
    cells->push_back(record.substr(i, end - i));
    if (end == n) return CsvResult::kOk;
    i = end + 1;
  }
}

}  // namespace clout::cli

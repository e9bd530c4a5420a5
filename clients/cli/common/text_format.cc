#include "clients/cli/common/text_format.h"

#include <cstdio>

#include "fmt/format.h"

namespace clout::cli {

std::string Grouped(int64_t v) {
  const std::string digits = fmt::format(
      "{}", v < 0 ? -static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Fixed(double v, int decimals) {
  return fmt::format("{:.{}f}", v, decimals);
}

Table::Table(std::vector<Column> columns, int indent)
    : columns_(std::move(columns)), indent_(indent, ' ') {}

std::string Table::Format(size_t column, const Cell& cell) const {
  const Column& c = columns_[column];
  std::string text;
  if (const auto* s = std::get_if<std::string_view>(&cell)) {
    text = std::string(*s);
  } else if (const auto* i = std::get_if<int64_t>(&cell)) {
    text = fmt::format("{}", *i);
  } else {
    text = Fixed(std::get<double>(cell), c.decimals);
  }
  // Widths count bytes, as printf's do (fmt would count display width).
  const size_t pad =
      text.size() < static_cast<size_t>(c.width) ? c.width - text.size() : 0;
  std::string out = column == 0 ? "" : c.gap;
  if (c.align == Align::kRight) out.append(pad, ' ');
  out += text;
  if (c.align == Align::kLeft) out.append(pad, ' ');
  return out;
}

std::string Table::Row(std::initializer_list<Cell> cells) const {
  std::string out = indent_;
  size_t i = 0;
  for (const Cell& cell : cells) out += Format(i++, cell);
  out.push_back('\n');
  return out;
}

void Table::Print(std::initializer_list<Cell> cells) const {
  std::fputs(Row(cells).c_str(), stdout);
}

}  // namespace clout::cli

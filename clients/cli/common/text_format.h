// How `clout` prints numbers and tables (built on fmt): every command and
// the backfill progress format through these, so that a count, a rate or a
// table column looks the same wherever it appears.
//
//   Table table({{22, Align::kLeft}, {20, Align::kRight}});
//   table.Print({"time", "value"});
//   table.Print({FormatTime(t), int64_t{42}});   // integers as written
//   Table rank({{5, Align::kRight}, {32, Align::kLeft, "  "}, {14}});
//   rank.Print({int64_t{1}, "tiktok:42", 8.0});  // doubles: 4 decimals
//
// Thread-compatible; Table writes to stdout.
#ifndef CLOUT_CLIENTS_CLI_COMMON_TEXT_FORMAT_H_
#define CLOUT_CLIENTS_CLI_COMMON_TEXT_FORMAT_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace clout::cli {

// 1234567 -> "1,234,567" (and -1234 -> "-1,234").
std::string Grouped(int64_t v);

// `v` with `decimals` digits after the point, as printf's %.Nf.
std::string Fixed(double v, int decimals);

enum class Align { kLeft, kRight };

class Table {
 public:
  struct Column {
    int width = 0;  // At least this many characters; longer cells stay whole.
    Align align = Align::kRight;
    const char* gap = " ";  // Printed before the column (not the first).
    int decimals = 4;       // Of double cells.
  };
  using Cell = std::variant<std::string_view, int64_t, double>;

  // `indent` spaces start every row.
  explicit Table(std::vector<Column> columns, int indent = 0);

  // The cells of one row (fewer than the columns: the row ends early); the
  // text of Row ends with a newline.
  std::string Row(std::initializer_list<Cell> cells) const;
  // Row(cells) on stdout.
  void Print(std::initializer_list<Cell> cells) const;
  // One cell of `column`, with its gap: for rows built piece by piece.
  std::string Format(size_t column, const Cell& cell) const;

 private:
  std::vector<Column> columns_;
  std::string indent_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMON_TEXT_FORMAT_H_

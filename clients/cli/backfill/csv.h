// Splitting CSV records (RFC 4180) into cells, with messages that say what
// is wrong with a broken record.
//
// A cell is either unquoted (no quote character in it) or quoted: it starts
// with '"', ends with '"', and writes a '"' inside as '""'. Quoted cells may
// hold the delimiter and, when the caller allows records over several lines,
// line breaks.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_CSV_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_CSV_H_

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace clout::cli {

enum class CsvResult {
  kOk,
  // A quoted cell is still open at the end of the record: the record goes
  // on in the next line (or, if there is none, is broken).
  kNeedMore,
  kError,
};

class CsvSplitter {
 public:
  explicit CsvSplitter(char delimiter = ',') : delimiter_(delimiter) {}

  // Splits `record` into *cells. The views point into `record` or into
  // storage of the splitter; both stay valid until the next call. On kError
  // and kNeedMore sets *error to the problem, naming the column (from 1).
  CsvResult Split(std::string_view record, std::vector<std::string_view>* cells,
                  std::string* error);

 private:
  std::string_view Unescape(std::string_view quoted);

  char delimiter_;
  std::deque<std::string> pool_;
  size_t pool_used_ = 0;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_CSV_H_

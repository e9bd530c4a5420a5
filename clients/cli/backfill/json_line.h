// JsonLineReader: reads one line of a JSON Lines file (one JSON object) into
// the cells of the columns a mapping uses, with simdjson's on-demand parser.
//
// A column is a member name; members of nested objects are "outer.inner".
// A resolver says what each column is: a slot (a cell to fill), ignored, or
// unknown (the line is refused). Cells keep the value's text: numbers as
// written (so 64-bit ids and counts never pass through a double and "1.5"
// stays "1.5"), strings decoded, true/false as words, null as "".
//
//   class Slots : public JsonLineReader::Resolver { ... };
//   JsonLineReader reader;
//   std::vector<std::string_view> cells(3);
//   std::string error;
//   if (!reader.Read(line, slots, &cells, &error)) ...;  // cells[slot]
//
// The members of an ignored column are skipped without being checked. Not
// thread-safe; the cells stay valid until the next Read.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_JSON_LINE_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_JSON_LINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace clout::cli {

class JsonLineReader {
 public:
  // What a column of the line is for.
  class Resolver {
   public:
    static constexpr int kUnknown = -1;
    static constexpr int kIgnored = -2;
    virtual ~Resolver() = default;
    // The cell index of `column`, or kUnknown, or kIgnored.
    virtual int Slot(std::string_view column) const = 0;
  };

  JsonLineReader();
  ~JsonLineReader();
  JsonLineReader(const JsonLineReader&) = delete;
  JsonLineReader& operator=(const JsonLineReader&) = delete;

  // Parses `line` and sets (*cells)[slot] for every mapped column it holds;
  // the others are left as they are. False with *error ("not valid JSON:
  // ...", "the line is an array, not a JSON object", "unknown column 'x'
  // (...)", "column 'x' is an object, not a value", "duplicate member ...")
  // if the line cannot be taken.
  bool Read(std::string_view line, const Resolver& resolver,
            std::vector<std::string_view>* cells, std::string* error);

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_JSON_LINE_H_

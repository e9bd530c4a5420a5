// RowMapper applies a backfill mapping (mapping.h) to the records of one
// input file, CSV or JSON Lines, and validates them with the server's own
// rules (server/common/input_rules.h), so that a line the mapper accepts is
// never rejected by the server.
//
//   RowMapper mapper(&mapping);
//   if (!mapper.SetHeader(header_cells, &error)) ...;   // CSV only
//   MappedRow row;
//   if (!mapper.MapCells(cells, &row, &error)) ...;     // or MapJsonLine
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_ROW_MAPPER_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_ROW_MAPPER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clients/cli/backfill/json_line.h"
#include "clients/cli/backfill/mapping.h"

namespace clout::cli {

struct MappedSample {
  int field = 0;  // Index into Mapping::fields.
  int64_t value = 0;
  uint32_t flags = 0;
};

// One valid input line. The views stay valid until the next Map call.
struct MappedRow {
  std::string_view creator_id;
  std::string_view post_id;  // Empty: the creator's account.
  int64_t timestamp_ms = 0;
  std::vector<MappedSample> samples;  // Fields with a value on this line.
};

// Applies a mapping to the records of one file. Not thread-safe.
class RowMapper {
 public:
  explicit RowMapper(const Mapping* mapping);

  // CSV: takes the header record. False with *error if it names a column
  // the mapping neither maps nor ignores, repeats a column, or lacks a
  // mapped column.
  bool SetHeader(const std::vector<std::string_view>& cells,
                 std::string* error);

  // CSV: maps one record. False with *error naming the column and the
  // problem; then nothing of the record may be stored.
  bool MapCells(const std::vector<std::string_view>& cells, MappedRow* row,
                std::string* error);

  // JSON Lines: parses and maps one line (an object; nested objects'
  // members are columns "outer.inner").
  bool MapJsonLine(std::string_view line, MappedRow* row, std::string* error);

 private:
  // Sets *out to prefix + cell (escaped if asked) and validates it; caches
  // the last result.
  struct IdCache {
    std::string cell;
    std::string id;
    bool valid = false;
  };
  bool MapId(const IdMapping& m, std::string_view what, std::string_view cell,
             IdCache* cache, std::string* error);
  bool MapValues(const std::vector<std::string_view>& cells, MappedRow* row,
                 std::string* error);
  bool Ignored(std::string_view column) const;

  // The cell slots of JSON Lines columns.
  class JsonSlots : public JsonLineReader::Resolver {
   public:
    explicit JsonSlots(const RowMapper* mapper) : mapper_(mapper) {}
    int Slot(std::string_view column) const override;

   private:
    const RowMapper* mapper_;
  };

  const Mapping* mapping_;
  // CSV column positions, -1 if absent.
  int creator_index_ = -1, post_index_ = -1, time_index_ = -1;
  std::vector<int> field_index_;
  size_t columns_ = 0;
  IdCache creator_cache_, post_cache_;
  // The cells of the mapped columns of the current line, in the order
  // creator, post, timestamp, fields.
  std::vector<std::string_view> cells_;
  JsonSlots json_slots_;
  JsonLineReader json_reader_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_ROW_MAPPER_H_

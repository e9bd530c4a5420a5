// csv_reader.h: a small RFC 4180 CSV reader for plugin tests that load real
// data files (header-only, standard library only).
//
// Fields may be quoted; inside quotes, commas and line breaks are data and a
// doubled quote ("") is one quote. Lines may end in LF or CRLF. The first
// record is the header; blank lines are skipped.
//
//   clout::plugin_testing::CsvTable t;
//   std::string error;
//   ASSERT_TRUE(clout::plugin_testing::ReadCsvFile(path, &t, &error)) << error;
//   const int likes = t.Column("like_count");  // -1 if absent
//   for (const auto& record : t.records) use(record[likes]);
#ifndef CLOUT_PLUGINS_TESTING_CSV_READER_H_
#define CLOUT_PLUGINS_TESTING_CSV_READER_H_

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace clout::plugin_testing {

struct CsvTable {
  std::vector<std::string> header;
  // Data records; each has exactly header.size() fields.
  std::vector<std::vector<std::string>> records;

  // Index of the column named `name`, or -1.
  int Column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

// Parses CSV text. Returns false with a reason (naming the record number,
// 1-based, header included) for an unterminated quote or a record whose
// field count differs from the header's.
inline bool ParseCsv(std::string_view text, CsvTable* table,
                     std::string* error) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_started = false;  // The record has at least one field begun.
  size_t i = 0;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    record.clear();
    field_started = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        in_quotes = false;
      } else {
        field.push_back(c);
      }
      ++i;
      continue;
    }
    if (c == '"') {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
      field_started = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the LF ends the record.
    } else if (c == '\n') {
      if (field_started || !record.empty()) end_record();  // Skips blank lines.
    } else {
      field.push_back(c);
      field_started = true;
    }
    ++i;
  }
  if (in_quotes) {
    *error =
        "unterminated quote in record " + std::to_string(records.size() + 1);
    return false;
  }
  if (field_started || !record.empty()) end_record();
  if (records.empty()) {
    *error = "no header record";
    return false;
  }
  table->header = std::move(records[0]);
  table->records.clear();
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table->header.size()) {
      *error = "record " + std::to_string(r + 1) + " has " +
               std::to_string(records[r].size()) + " fields, header has " +
               std::to_string(table->header.size());
      return false;
    }
    table->records.push_back(std::move(records[r]));
  }
  return true;
}

// Reads and parses the file at `path`; false with a reason on failure.
inline bool ReadCsvFile(const std::string& path, CsvTable* table,
                        std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (!ParseCsv(text.str(), table, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_CSV_READER_H_

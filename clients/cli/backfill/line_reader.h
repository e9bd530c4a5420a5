// LineReader: reads a text file line by line, fast. Files compressed with
// gzip (recognised by their first bytes, whatever their name) are
// decompressed on the fly.
//
//   LineReader reader;
//   if (absl::Status st = reader.Open("data.csv.gz"); !st.ok()) ...;
//   std::string_view line;
//   while (reader.Next(&line)) Use(reader.line_number(), line);
//   if (!reader.status().ok()) ...;
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_LINE_READER_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_LINE_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace clout::cli {

class LineReader {
 public:
  LineReader() = default;
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // NotFound or PermissionDenied naming the file if it cannot be opened.
  absl::Status Open(const std::string& path);

  // Sets *line to the next line without its end ("\n" or "\r\n"). The view
  // stays valid until the next call. Returns false at the end of the file or
  // on a read error (see status()). A last line without "\n" is returned.
  bool Next(std::string_view* line);

  // Number of the line last returned, counted from 1.
  int64_t line_number() const { return line_number_; }
  // Bytes of the file consumed so far (compressed bytes for gzip), and the
  // size of the file: for progress.
  int64_t bytes_read() const;
  int64_t file_size() const { return file_size_; }
  const absl::Status& status() const { return status_; }

 private:
  bool Fill();

  std::string path_;
  void* gz_ = nullptr;  // gzFile
  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  int64_t line_number_ = 0;
  int64_t file_size_ = 0;
  absl::Status status_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_LINE_READER_H_

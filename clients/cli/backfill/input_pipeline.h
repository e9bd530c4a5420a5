// InputPipeline: reads the backfill input files on a thread of its own,
// splits, maps and validates their lines on `threads` more (RowMapper), and
// hands the results to the caller in input order.
//
// Lines travel in chunks of a few thousand. With a mapping that allows CSV
// records over several lines, the reading thread joins a record's lines
// (counting quotes) before the record is parsed, and the record keeps the
// number of its first line.
//
//   InputPipeline pipeline(files, &mapping, /*threads=*/2);
//   bool all = pipeline.Run(
//       [&](int file, int64_t line, const MappedRow& row) { ...; return true;
//       },
//       [&](int file, int64_t line, const std::string& why) { ...; return true;
//       },
//       [&](int64_t bytes) { ... });
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_INPUT_PIPELINE_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_INPUT_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clients/cli/backfill/row_mapper.h"

namespace clout::cli {

class InputPipeline {
 public:
  // Called in input order from the thread of Run. Returning false stops.
  using RowFn =
      std::function<bool(int file, int64_t line, const MappedRow& row)>;
  using BadFn =
      std::function<bool(int file, int64_t line, const std::string& reason)>;
  // Input bytes consumed so far (compressed bytes for gzip), over all files.
  using ProgressFn = std::function<void(int64_t bytes)>;

  // `mapping` must outlive the pipeline. threads >= 1.
  InputPipeline(std::vector<std::string> files, const Mapping* mapping,
                int threads);

  // Reads everything, or until a callback returns false. Returns true when
  // the whole input was read. A file that cannot be opened or read, or a
  // CSV header that does not fit the mapping, is reported through `bad`
  // (line 0, or the line), and the pipeline stops there.
  bool Run(const RowFn& row, const BadFn& bad, const ProgressFn& progress);

 private:
  struct Chunk;
  struct Shared;

  // The reading thread: every file into chunks, then marks reading done.
  void ReadFiles(Shared* shared);
  // Reads file `file` into chunks; false when the input ends with it (a
  // problem, reported in its last chunk, or the pipeline stopped).
  bool ReadFile(Shared* shared, int file, int64_t* done_bytes);
  // CSV: checks the header line and keeps it; false (with the chunk marked
  // fatal) if it does not fit the mapping.
  bool CheckHeader(std::string_view line, Chunk* chunk);
  // Queues a chunk, waiting while the queue is full; false once stopped.
  bool Push(Shared* shared, std::unique_ptr<Chunk> chunk);
  // Queues a chunk that ends the input with a problem; returns false.
  bool PushFatal(Shared* shared, std::unique_ptr<Chunk> chunk, int64_t line,
                 std::string reason);
  void Parse(Shared* shared);
  void ParseChunk(Chunk* chunk,
                  std::vector<std::unique_ptr<RowMapper>>* mappers);

  const std::vector<std::string> files_;
  const Mapping* mapping_;
  const int threads_;
  // CSV headers by file, set by the reading thread before the file's first
  // chunk is queued.
  std::vector<std::vector<std::string>> headers_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_INPUT_PIPELINE_H_

// Where the backfill reader hands the valid lines: a Sink sends them to
// the server (stream_sink.h, bulk_sink.h) and records in the resume file
// what the server acknowledged.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_SINK_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_SINK_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "clients/cli/backfill/row_mapper.h"

namespace clout::cli {

class Sink {
 public:
  virtual ~Sink() = default;

  // Connects and checks the server. Unavailable if it cannot be reached.
  virtual absl::Status Start() = 0;

  // The lane (resume.h) of a creator's lines; stable across runs with the
  // same options.
  virtual int Lane(std::string_view creator_id) const = 0;

  // Takes a valid line at `position` (ResumeFile::Position), whose lane is
  // `lane`. Called from one thread, in input order. Returns false once the
  // sink has failed; the reader should stop, and Finish says why.
  virtual bool Add(const MappedRow& row, int lane, uint64_t position) = 0;

  // Sends what is pending, waits for the acknowledgements and stops. The
  // first failure: Unavailable when the server could not be reached,
  // another code when it refused something.
  virtual absl::Status Finish() = 0;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_SINK_H_

// BulkSink: loads backfill lines through SST files (the bulk path).
//
// The reader's lines are collected into parts of about `part_samples`
// samples, grouped by series. Each part then passes three stages, each a
// thread of its own, so that while one part is ingested the next is being
// encoded, the one after it resolved, and the reader fills another:
//   1. resolve: Bulk.ResolveSeries learns the series ids (creating new
//      series);
//   2. build: the samples of each series are sorted (the later of two lines
//      with the same key wins) and encoded with the server's own codec on
//      `encode_threads` threads, then written in series id order into an SST
//      file of merge operands (BulkSstWriter);
//   3. deliver: the file goes to the server, uploaded with Bulk.UploadSst,
//      or, with `local`, left in `sst_dir` for Bulk.IngestSstFiles to move in
//      (the server must see the same path); once the server has ingested it,
//      the resume file moves past the part's last line.
// Parts keep their order through every stage, so they are ingested in input
// order, each atomically.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_BULK_SINK_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_BULK_SINK_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "clients/cli/backfill/progress.h"
#include "clients/cli/backfill/resume.h"
#include "clients/cli/backfill/sink.h"

namespace clout::cli {

struct BulkOptions {
  std::string server;
  int timeout_s = 30;
  bool local = false;   // IngestSstFiles instead of UploadSst.
  std::string sst_dir;  // Where the files are written; empty: temp dir.
  int64_t part_samples = 2000000;
  int encode_threads = 2;  // Threads that sort and encode a part.
  int retries = 3;
};

class BulkSink : public Sink {
 public:
  BulkSink(const BulkOptions& options, const Mapping* mapping,
           ResumeFile* resume, Counters* counters, Progress* progress);
  ~BulkSink() override;

  absl::Status Start() override;
  int Lane(std::string_view) const override { return 0; }
  bool Add(const MappedRow& row, int lane, uint64_t position) override;
  absl::Status Finish() override;

 private:
  struct Part;
  struct Rpc;
  class Queue;

  void Hand();  // Passes the reader's part to the first stage.
  absl::Status Resolve(Part* part);
  absl::Status Build(Part* part);
  absl::Status Deliver(Part* part);
  // Runs `stage` on every part from `in`, passing each on to `out` (null for
  // the last stage).
  void RunStage(absl::Status (BulkSink::*stage)(Part*), Queue* in, Queue* out);
  // Runs `call`, again while it fails because the server is unreachable.
  absl::Status WithRetries(const std::function<absl::Status()>& call);
  void Fail(const absl::Status& status);

  BulkOptions options_;
  const Mapping* mapping_;
  ResumeFile* resume_;
  Counters* counters_;
  Progress* progress_;
  std::unique_ptr<Rpc> rpc_;
  std::unique_ptr<Part> part_;  // Being filled by the reader.
  std::unique_ptr<Queue> to_resolve_, to_build_, to_deliver_;
  std::vector<std::thread> stages_;
  std::atomic<bool> failed_{false};
  std::mutex status_mu_;
  absl::Status status_;
  int files_ = 0;
  bool finished_ = false;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_BULK_SINK_H_

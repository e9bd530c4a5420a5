// StreamSink: sends backfill lines over several parallel Ingest.WriteStream
// calls.
//
// Each lane (one per stream) has a worker thread with its own connection. A
// creator's lines always go to the same lane (a stable hash of the creator
// id), so the samples of one series reach the server in input order and the
// later of two lines with the same key wins, as in a single stream. The
// reader packs each lane's lines into WriteRequest batches of about
// `batch_samples` samples. A worker sends batches on one WriteStream call
// until the call holds `commit_samples` samples or has been open for
// `commit_seconds`, then ends the call; when the server's response says
// every sample was accepted, the lane's position in the resume file moves
// past the call's last line. A call that fails because the server is
// unreachable is retried whole (writes are upserts, so the retry is
// harmless).
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_STREAM_SINK_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_STREAM_SINK_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "clients/cli/backfill/progress.h"
#include "clients/cli/backfill/resume.h"
#include "clients/cli/backfill/series_slots.h"
#include "clients/cli/backfill/sink.h"

namespace clout::cli {

struct StreamOptions {
  std::string server;
  int timeout_s = 30;
  int streams = 4;
  int64_t batch_samples = 20000;
  int64_t commit_samples = 500000;
  double commit_seconds = 5;
  int retries = 3;
};

class StreamSink : public Sink {
 public:
  // The pointers must outlive the sink.
  StreamSink(const StreamOptions& options, const Mapping* mapping,
             ResumeFile* resume, Counters* counters, Progress* progress);
  ~StreamSink() override;

  absl::Status Start() override;
  int Lane(std::string_view creator_id) const override;
  bool Add(const MappedRow& row, int lane, uint64_t position) override;
  absl::Status Finish() override;

 private:
  struct Batch;
  struct LaneState;
  class Call;
  // The reader's batch under construction for one lane.
  struct Builder {
    explicit Builder(const Mapping* mapping);
    Builder(Builder&&) noexcept;
    ~Builder();
    std::unique_ptr<Batch> batch;
    SeriesSlots slots;  // Which series of the batch each sample goes to.
  };

  void Push(int lane);
  // The work of lane `lane`'s thread: sends its batches in calls.
  void Work(int lane);
  // Waits for the lane's next batch (until `call` is due, if it is open).
  // False once the sink has failed; *done when no batch will follow.
  bool Next(int lane, const Call& call, std::unique_ptr<Batch>* batch,
            bool* done);
  void Fail(const absl::Status& status);

  const StreamOptions options_;
  const Mapping* mapping_;
  ResumeFile* resume_;
  Counters* counters_;
  Progress* progress_;
  std::vector<Builder> builders_;
  std::vector<std::unique_ptr<LaneState>> lanes_;
  std::atomic<bool> failed_{false};
  std::mutex status_mu_;
  absl::Status status_;
  bool finished_ = false;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_STREAM_SINK_H_

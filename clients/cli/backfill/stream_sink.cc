#include "clients/cli/backfill/stream_sink.h"

#include <chrono>

#include "clients/cli/common/channel.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"

namespace clout::cli {
namespace {

using Clock = std::chrono::steady_clock;
using clout::v1::WriteRequest;

// Batches a lane may have queued before the reader waits.
constexpr size_t kQueueDepth = 4;

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::ABORTED;
}

absl::Status FromGrpc(const grpc::Status& st, const std::string& context) {
  return absl::Status(static_cast<absl::StatusCode>(st.error_code()),
                      context + ": " + st.error_message());
}

}  // namespace

struct StreamSink::Batch {
  WriteRequest request;
  std::vector<std::vector<uint32_t>> flags;  // Per series, per sample.
  int64_t samples = 0;
  uint64_t end_position = 0;  // Just past the batch's last line.
};

struct StreamSink::LaneState {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::unique_ptr<Batch>> queue;
  bool closed = false;
  std::thread thread;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<clout::v1::Ingest::Stub> stub;
};

StreamSink::Builder::Builder(const Mapping* mapping) : slots(mapping) {}
StreamSink::Builder::Builder(Builder&&) noexcept = default;
StreamSink::Builder::~Builder() = default;

StreamSink::StreamSink(const StreamOptions& options, const Mapping* mapping,
                       ResumeFile* resume, Counters* counters,
                       Progress* progress)
    : options_(options),
      mapping_(mapping),
      resume_(resume),
      counters_(counters),
      progress_(progress) {
  builders_.reserve(options.streams);
  for (int i = 0; i < options.streams; ++i) builders_.emplace_back(mapping);
}

StreamSink::~StreamSink() {
  if (!finished_) Finish().IgnoreError();
}

absl::Status StreamSink::Start() {
  for (int i = 0; i < options_.streams; ++i) {
    auto lane = std::make_unique<LaneState>();
    lane->channel = NewChannel(options_.server, /*own_connection=*/true);
    if (!lane->channel->WaitForConnected(
            std::chrono::system_clock::now() +
            std::chrono::seconds(options_.timeout_s))) {
      return absl::UnavailableError("cannot reach cloutd at " +
                                    options_.server);
    }
    lane->stub = clout::v1::Ingest::NewStub(lane->channel);
    lanes_.push_back(std::move(lane));
  }
  for (int i = 0; i < options_.streams; ++i) {
    lanes_[i]->thread = std::thread([this, i] { Work(i); });
  }
  return absl::OkStatus();
}

int StreamSink::Lane(std::string_view creator_id) const {
  return static_cast<int>(Fnv1a(creator_id) %
                          static_cast<uint64_t>(options_.streams));
}

bool StreamSink::Add(const MappedRow& row, int lane, uint64_t position) {
  if (failed_) return false;
  if (row.samples.empty()) return true;
  Builder& b = builders_[lane];
  if (b.batch == nullptr) {
    b.batch = std::make_unique<Batch>();
    b.slots.Clear();
  }
  b.slots.Begin(row);
  WriteRequest& request = b.batch->request;
  for (const MappedSample& s : row.samples) {
    bool is_new = false;
    const int slot = b.slots.Slot(row, s.field, &is_new);
    if (is_new) {
      clout::v1::SeriesSamples* series = request.add_series();
      series->set_creator_id(std::string(row.creator_id));
      series->set_post_id(std::string(b.slots.PostOf(row, s.field)));
      series->set_field(mapping_->fields[s.field].field);
      b.batch->flags.emplace_back();
    }
    clout::v1::SeriesSamples* series = request.mutable_series(slot);
    series->add_timestamps_ms(row.timestamp_ms);
    series->add_values(s.value);
    b.batch->flags[slot].push_back(s.flags);
  }
  b.batch->samples += static_cast<int64_t>(row.samples.size());
  b.batch->end_position = position + 1;
  if (b.batch->samples >= options_.batch_samples) Push(lane);
  return !failed_;
}

// Hands the lane's batch to its worker, waiting while the queue is full.
void StreamSink::Push(int l) {
  Builder& b = builders_[l];
  if (b.batch == nullptr) return;
  Batch& batch = *b.batch;
  for (int i = 0; i < batch.request.series_size(); ++i) {
    const std::vector<uint32_t>& flags = batch.flags[i];
    bool uniform = true;
    for (uint32_t f : flags) uniform &= f == flags[0];
    auto* out = batch.request.mutable_series(i)->mutable_flags();
    if (!uniform) {
      out->Add(flags.begin(), flags.end());
    } else if (!flags.empty() && flags[0] != 0) {
      out->Add(flags[0]);  // One element applies to every sample.
    }
  }
  batch.flags.clear();
  LaneState& lane = *lanes_[l];
  std::unique_lock<std::mutex> lock(lane.mu);
  lane.cv.wait(lock,
               [&] { return lane.queue.size() < kQueueDepth || failed_; });
  lane.queue.push_back(std::move(b.batch));
  lane.cv.notify_all();
}

void StreamSink::Fail(const absl::Status& status) {
  {
    std::lock_guard<std::mutex> lock(status_mu_);
    if (status_.ok()) status_ = status;
  }
  failed_ = true;
  for (auto& lane : lanes_) {
    std::lock_guard<std::mutex> lock(lane->mu);
    lane->cv.notify_all();
  }
}

// One lane's WriteStream call: the batches it carries stay until the server
// has acknowledged them, so that the call can be sent again while the
// server is unreachable.
class StreamSink::Call {
 public:
  Call(StreamSink* sink, int lane)
      : sink_(sink),
        lane_(lane),
        commit_after_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(sink->options_.commit_seconds))) {}

  ~Call() {
    if (writer_ != nullptr) {
      ctx_->TryCancel();
      writer_->Finish();
    }
  }

  bool is_open() const { return writer_ != nullptr; }
  // When an open call is due, with no new batch.
  Clock::time_point due_time() const { return opened_ + commit_after_; }

  // Sends `batch` on the call, opening it first if needed.
  void Add(std::unique_ptr<Batch> batch) {
    if (writer_ == nullptr) Open();
    if (!broken_ && !writer_->Write(batch->request)) broken_ = true;
    samples_ += batch->samples;
    sink_->counters_->samples_sent += batch->samples;
    batches_.push_back(std::move(batch));
  }

  // Whether the open call should end now (`done`: no batch will follow).
  bool Due(bool done) const {
    return writer_ != nullptr &&
           (done || broken_ || samples_ >= sink_->options_.commit_samples ||
            Clock::now() - opened_ >= commit_after_);
  }

  // Ends the call and records the acknowledgement; retries the whole call
  // while the server is unreachable. False on a fatal failure.
  bool Commit();

 private:
  void Open() {
    ctx_ = std::make_unique<grpc::ClientContext>();
    ctx_->set_deadline(
        std::chrono::system_clock::now() +
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::duration<double>(sink_->options_.commit_seconds +
                                          sink_->options_.timeout_s)));
    response_.Clear();
    writer_ = sink_->lanes_[lane_]->stub->WriteStream(ctx_.get(), &response_);
    broken_ = false;
    opened_ = Clock::now();
  }

  // Opens the call again and sends every batch it carries.
  void Resend() {
    Open();
    for (const auto& b : batches_) {
      if (!writer_->Write(b->request)) {
        broken_ = true;
        break;
      }
    }
  }

  // Ends the call; true with *summary when the server answered it (some
  // samples may have been rejected).
  bool Finish(grpc::Status* st, clout::v1::WriteStreamResponse* summary) {
    if (!broken_) writer_->WritesDone();
    *st = writer_->Finish();
    writer_.reset();
    ctx_.reset();
    *summary = response_;
    if (st->error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
      return st->ok();
    }
    // Some samples were rejected; the others are stored.
    google::rpc::Status details;
    return details.ParseFromString(st->error_details()) &&
           details.details_size() == 1 && details.details(0).UnpackTo(summary);
  }

  // Records an answered call. False on a fatal failure.
  bool Record(const clout::v1::WriteStreamResponse& summary);

  StreamSink* sink_;
  const int lane_;
  const Clock::duration commit_after_;
  std::vector<std::unique_ptr<Batch>> batches_;  // Kept until acknowledged.
  int64_t samples_ = 0;
  std::unique_ptr<grpc::ClientContext> ctx_;
  std::unique_ptr<grpc::ClientWriter<WriteRequest>> writer_;
  clout::v1::WriteStreamResponse response_;
  bool broken_ = false;
  Clock::time_point opened_;
};

bool StreamSink::Call::Commit() {
  for (int attempt = 0;; ++attempt) {
    grpc::Status st;
    clout::v1::WriteStreamResponse summary;
    if (Finish(&st, &summary)) return Record(summary);
    if (!Retryable(st.error_code()) || attempt >= sink_->options_.retries ||
        sink_->failed_) {
      sink_->Fail(FromGrpc(st, "WriteStream to " + sink_->options_.server));
      return false;
    }
    sink_->progress_->Print("clout: WriteStream failed (" + st.error_message() +
                            "); retrying the call");
    std::this_thread::sleep_for(std::chrono::seconds(1 << attempt));
    Resend();
  }
}

bool StreamSink::Call::Record(const clout::v1::WriteStreamResponse& summary) {
  if (summary.accepted() + summary.rejected() != samples_) {
    sink_->Fail(absl::InternalError(
        "the server counted " +
        std::to_string(summary.accepted() + summary.rejected()) +
        " samples of a WriteStream call that sent " +
        std::to_string(samples_)));
    return false;
  }
  for (const auto& r : summary.first_rejections()) {
    sink_->progress_->Print("clout: the server rejected a sample: " +
                            r.reason());
  }
  if (summary.rejected() > 0) {
    sink_->counters_->samples_rejected += summary.rejected();
    std::lock_guard<std::mutex> lock(sink_->status_mu_);
    if (sink_->status_.ok()) {
      sink_->status_ = absl::InvalidArgumentError(
          "the server rejected samples the mapping accepted");
    }
  }
  sink_->counters_->samples_acked += summary.accepted();
  absl::Status saved =
      sink_->resume_->Acknowledge(lane_, batches_.back()->end_position);
  batches_.clear();
  samples_ = 0;
  if (!saved.ok()) {
    sink_->Fail(saved);
    return false;
  }
  return true;
}

bool StreamSink::Next(int l, const Call& call, std::unique_ptr<Batch>* batch,
                      bool* done) {
  LaneState& lane = *lanes_[l];
  std::unique_lock<std::mutex> lock(lane.mu);
  auto ready = [&] { return !lane.queue.empty() || lane.closed || failed_; };
  if (call.is_open()) {
    lane.cv.wait_until(lock, call.due_time(), ready);
  } else {
    lane.cv.wait(lock, ready);
  }
  if (failed_) return false;
  if (!lane.queue.empty()) {
    *batch = std::move(lane.queue.front());
    lane.queue.pop_front();
    lane.cv.notify_all();
  }
  *done = lane.closed && lane.queue.empty();
  return true;
}

void StreamSink::Work(int l) {
  Call call(this, l);
  for (;;) {
    std::unique_ptr<Batch> batch;
    bool done = false;
    if (!Next(l, call, &batch, &done)) break;
    if (batch != nullptr) call.Add(std::move(batch));
    if (call.Due(done) && !call.Commit()) break;
    if (done && !call.is_open()) break;
  }
}

absl::Status StreamSink::Finish() {
  if (finished_) return status_;
  finished_ = true;
  if (!failed_) {
    for (int l = 0; l < static_cast<int>(lanes_.size()); ++l) Push(l);
  }
  for (auto& lane : lanes_) {
    std::lock_guard<std::mutex> lock(lane->mu);
    lane->closed = true;
    lane->cv.notify_all();
  }
  for (auto& lane : lanes_) {
    if (lane->thread.joinable()) lane->thread.join();
  }
  std::lock_guard<std::mutex> lock(status_mu_);
  return status_;
}

}  // namespace clout::cli

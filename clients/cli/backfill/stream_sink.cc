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

StreamSink::StreamSink(const StreamOptions& options, const Mapping* mapping,
                       ResumeFile* resume, Counters* counters,
                       Progress* progress)
    : options_(options),
      mapping_(mapping),
      resume_(resume),
      counters_(counters),
      progress_(progress),
      builders_(options.streams) {}

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
    b.series.clear();
    b.creator.clear();
    b.post.clear();
    b.slots.assign(mapping_->fields.size(), -1);
  }
  if (row.creator_id != b.creator || row.post_id != b.post) {
    b.creator.assign(row.creator_id);
    b.post.assign(row.post_id);
    std::fill(b.slots.begin(), b.slots.end(), -1);
  }
  WriteRequest& request = b.batch->request;
  for (const MappedSample& s : row.samples) {
    int& slot = b.slots[s.field];
    if (slot < 0) {
      const FieldMapping& f = mapping_->fields[s.field];
      const std::string_view post =
          f.account ? std::string_view() : row.post_id;
      b.key.assign(row.creator_id);
      b.key.push_back('\0');
      b.key.append(post);
      b.key.push_back('\0');
      b.key.append(f.field);
      auto [it, inserted] = b.series.emplace(b.key, request.series_size());
      if (inserted) {
        clout::v1::SeriesSamples* series = request.add_series();
        series->set_creator_id(std::string(row.creator_id));
        series->set_post_id(std::string(post));
        series->set_field(f.field);
        b.batch->flags.emplace_back();
      }
      slot = it->second;
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

void StreamSink::Work(int l) {
  LaneState& lane = *lanes_[l];
  std::vector<std::unique_ptr<Batch>> call;  // Kept until acknowledged.
  int64_t call_samples = 0;
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<grpc::ClientWriter<WriteRequest>> writer;
  clout::v1::WriteStreamResponse response;
  bool broken = false;
  Clock::time_point opened;
  const auto commit_after = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(options_.commit_seconds));

  auto open = [&] {
    ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::duration<double>(
                              options_.commit_seconds + options_.timeout_s)));
    response.Clear();
    writer = lane.stub->WriteStream(ctx.get(), &response);
    broken = false;
    opened = Clock::now();
  };

  // Ends the open call and records the acknowledgement; retries the whole
  // call while the server is unreachable. False on a fatal failure.
  auto commit = [&]() -> bool {
    for (int attempt = 0;; ++attempt) {
      if (!broken) writer->WritesDone();
      const grpc::Status st = writer->Finish();
      writer.reset();
      ctx.reset();
      clout::v1::WriteStreamResponse summary = response;
      bool answered = st.ok();
      if (st.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
        // Some samples were rejected; the others are stored.
        google::rpc::Status details;
        answered = details.ParseFromString(st.error_details()) &&
                   details.details_size() == 1 &&
                   details.details(0).UnpackTo(&summary);
      }
      if (answered) {
        if (summary.accepted() + summary.rejected() != call_samples) {
          Fail(absl::InternalError(
              "the server counted " +
              std::to_string(summary.accepted() + summary.rejected()) +
              " samples of a WriteStream call that sent " +
              std::to_string(call_samples)));
          return false;
        }
        for (const auto& r : summary.first_rejections()) {
          progress_->Print("clout: the server rejected a sample: " +
                           r.reason());
        }
        if (summary.rejected() > 0) {
          counters_->samples_rejected += summary.rejected();
          std::lock_guard<std::mutex> lock(status_mu_);
          if (status_.ok()) {
            status_ = absl::InvalidArgumentError(
                "the server rejected samples the mapping accepted");
          }
        }
        counters_->samples_acked += summary.accepted();
        absl::Status saved = resume_->Acknowledge(l, call.back()->end_position);
        call.clear();
        call_samples = 0;
        if (!saved.ok()) {
          Fail(saved);
          return false;
        }
        return true;
      }
      if (!Retryable(st.error_code()) || attempt >= options_.retries ||
          failed_) {
        Fail(FromGrpc(st, "WriteStream to " + options_.server));
        return false;
      }
      progress_->Print("clout: WriteStream failed (" + st.error_message() +
                       "); retrying the call");
      std::this_thread::sleep_for(std::chrono::seconds(1 << attempt));
      open();
      for (const auto& b : call) {
        if (!writer->Write(b->request)) {
          broken = true;
          break;
        }
      }
    }
  };

  for (;;) {
    std::unique_ptr<Batch> batch;
    bool done = false;
    {
      std::unique_lock<std::mutex> lock(lane.mu);
      auto ready = [&] {
        return !lane.queue.empty() || lane.closed || failed_;
      };
      if (writer != nullptr) {
        lane.cv.wait_until(lock, opened + commit_after, ready);
      } else {
        lane.cv.wait(lock, ready);
      }
      if (failed_) break;
      if (!lane.queue.empty()) {
        batch = std::move(lane.queue.front());
        lane.queue.pop_front();
        lane.cv.notify_all();
      }
      done = lane.closed && lane.queue.empty();
    }
    if (batch != nullptr) {
      if (writer == nullptr) open();
      if (!broken && !writer->Write(batch->request)) broken = true;
      call_samples += batch->samples;
      counters_->samples_sent += batch->samples;
      call.push_back(std::move(batch));
    }
    const bool due =
        writer != nullptr &&
        (done || broken || call_samples >= options_.commit_samples ||
         Clock::now() - opened >= commit_after);
    if (due && !commit()) break;
    if (done && writer == nullptr) break;
  }
  if (writer != nullptr) {
    ctx->TryCancel();
    writer->Finish();
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

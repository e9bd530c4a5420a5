#include "clients/cli/backfill/bulk_sink.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "clients/cli/backfill/series_slots.h"
#include "clients/cli/common/channel.h"
#include "clout/v1/bulk.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/format/block_codec.h"
#include "server/format/bulk_file.h"
#include "server/format/keys.h"

namespace clout::cli {
namespace {

constexpr int kResolveBatch = 50000;
constexpr size_t kChunkBytes = 1 << 20;

absl::Status FromGrpc(const grpc::Status& st, const std::string& context) {
  return absl::Status(static_cast<absl::StatusCode>(st.error_code()),
                      context + ": " + st.error_message());
}

bool Retryable(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable ||
         code == absl::StatusCode::kDeadlineExceeded;
}

}  // namespace

struct BulkSink::Part {
  struct Series {
    std::string creator, post, field;
    SampleColumns samples;
    uint64_t id = 0;
  };
  explicit Part(const Mapping* mapping) : slots(mapping) {}

  std::vector<Series> series;
  SeriesSlots slots;  // Which series each sample goes to.
  int64_t samples = 0;
  uint64_t end_position = 0;
  // The file, once built; removed with the part.
  std::string path;
  int64_t bytes = 0;

  ~Part() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove(path, ec);
  }
};

struct BulkSink::Rpc {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<clout::v1::Bulk::Stub> stub;
};

// A hand-over point between two stages: holds at most one part.
class BulkSink::Queue {
 public:
  explicit Queue(const std::atomic<bool>* failed) : failed_(failed) {}

  // Waits for room; false (dropping the part) once the sink has failed.
  bool Put(std::unique_ptr<Part> part) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return part_ == nullptr || *failed_; });
    if (*failed_) return false;
    part_ = std::move(part);
    cv_.notify_all();
    return true;
  }
  // Waits for a part; null once closed and empty, or failed.
  std::unique_ptr<Part> Take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return part_ != nullptr || closed_ || *failed_; });
    if (*failed_) return nullptr;
    cv_.notify_all();
    return std::move(part_);
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  void Wake() {
    std::lock_guard<std::mutex> lock(mu_);
    cv_.notify_all();
  }

 private:
  const std::atomic<bool>* failed_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<Part> part_;
  bool closed_ = false;
};

BulkSink::BulkSink(const BulkOptions& options, const Mapping* mapping,
                   ResumeFile* resume, Counters* counters, Progress* progress)
    : options_(options),
      mapping_(mapping),
      resume_(resume),
      counters_(counters),
      progress_(progress),
      rpc_(std::make_unique<Rpc>()),
      to_resolve_(std::make_unique<Queue>(&failed_)),
      to_build_(std::make_unique<Queue>(&failed_)),
      to_deliver_(std::make_unique<Queue>(&failed_)) {}

BulkSink::~BulkSink() {
  if (!finished_) Finish().IgnoreError();
}

absl::Status BulkSink::Start() {
  rpc_->channel = NewChannel(options_.server, /*own_connection=*/false);
  if (!rpc_->channel->WaitForConnected(
          std::chrono::system_clock::now() +
          std::chrono::seconds(options_.timeout_s))) {
    return absl::UnavailableError("cannot reach cloutd at " + options_.server);
  }
  rpc_->stub = clout::v1::Bulk::NewStub(rpc_->channel);
  // An empty resolve checks that the server loads this format.
  clout::v1::ResolveSeriesResponse response;
  grpc::Status st = rpc_->stub->ResolveSeries(
      Deadline(options_.timeout_s).get(), {}, &response);
  if (!st.ok()) return FromGrpc(st, "Bulk.ResolveSeries");
  if (response.store_format() != storage::kBulkStoreFormat ||
      response.block_bits() != storage::kBlockBits) {
    return absl::FailedPreconditionError(
        "the server stores format '" + response.store_format() +
        "' with blocks of 2^" + std::to_string(response.block_bits()) +
        " ms; this clout writes '" + storage::kBulkStoreFormat + "' with 2^" +
        std::to_string(storage::kBlockBits) + ": use a matching clout");
  }
  std::error_code ec;
  std::string dir = options_.sst_dir.empty()
                        ? std::filesystem::temp_directory_path(ec).string()
                        : options_.sst_dir;
  std::filesystem::create_directories(dir, ec);
  options_.sst_dir = std::filesystem::absolute(dir, ec).string();
  stages_.emplace_back([this] {
    RunStage(&BulkSink::Resolve, to_resolve_.get(), to_build_.get());
  });
  stages_.emplace_back([this] {
    RunStage(&BulkSink::Build, to_build_.get(), to_deliver_.get());
  });
  stages_.emplace_back(
      [this] { RunStage(&BulkSink::Deliver, to_deliver_.get(), nullptr); });
  return absl::OkStatus();
}

bool BulkSink::Add(const MappedRow& row, int /*lane*/, uint64_t position) {
  if (failed_) return false;
  if (row.samples.empty()) return true;
  if (part_ == nullptr) part_ = std::make_unique<Part>(mapping_);
  Part& p = *part_;
  p.slots.Begin(row);
  for (const MappedSample& s : row.samples) {
    bool is_new = false;
    const int slot = p.slots.Slot(row, s.field, &is_new);
    if (is_new) {
      Part::Series series;
      series.creator.assign(row.creator_id);
      series.post.assign(p.slots.PostOf(row, s.field));
      series.field = mapping_->fields[s.field].field;
      p.series.push_back(std::move(series));
    }
    p.series[slot].samples.Append(row.timestamp_ms, s.value, s.flags);
  }
  p.samples += static_cast<int64_t>(row.samples.size());
  p.end_position = position + 1;
  if (p.samples >= options_.part_samples) Hand();
  return !failed_;
}

void BulkSink::Hand() {
  if (part_ == nullptr) return;
  part_->slots.Clear();  // Not needed past the reader.
  to_resolve_->Put(std::move(part_));
}

void BulkSink::Fail(const absl::Status& status) {
  {
    std::lock_guard<std::mutex> lock(status_mu_);
    if (status_.ok()) status_ = status;
  }
  failed_ = true;
  to_resolve_->Wake();
  to_build_->Wake();
  to_deliver_->Wake();
}

void BulkSink::RunStage(absl::Status (BulkSink::*stage)(Part*), Queue* in,
                        Queue* out) {
  while (std::unique_ptr<Part> part = in->Take()) {
    absl::Status st = (this->*stage)(part.get());
    if (!st.ok()) {
      Fail(st);
      break;
    }
    if (out != nullptr && !out->Put(std::move(part))) break;
  }
  if (out != nullptr) out->Close();
}

absl::Status BulkSink::WithRetries(const std::function<absl::Status()>& call) {
  for (int attempt = 0;; ++attempt) {
    absl::Status st = call();
    if (st.ok() || !Retryable(st.code()) || attempt >= options_.retries ||
        failed_) {
      return st;
    }
    progress_->Print("clout: " + std::string(st.message()) + "; retrying");
    std::this_thread::sleep_for(std::chrono::seconds(1 << attempt));
  }
}

absl::Status BulkSink::Resolve(Part* part) {
  for (size_t begin = 0; begin < part->series.size(); begin += kResolveBatch) {
    const size_t end = std::min(part->series.size(), begin + kResolveBatch);
    clout::v1::ResolveSeriesRequest request;
    for (size_t i = begin; i < end; ++i) {
      clout::v1::SeriesName* name = request.add_series();
      name->set_creator_id(part->series[i].creator);
      name->set_post_id(part->series[i].post);
      name->set_field(part->series[i].field);
    }
    clout::v1::ResolveSeriesResponse response;
    absl::Status st = WithRetries([&] {
      grpc::Status rpc = rpc_->stub->ResolveSeries(
          Deadline(options_.timeout_s).get(), request, &response);
      return rpc.ok() ? absl::OkStatus() : FromGrpc(rpc, "Bulk.ResolveSeries");
    });
    if (!st.ok()) return st;
    if (response.series_ids_size() != static_cast<int>(end - begin)) {
      return absl::InternalError("Bulk.ResolveSeries returned " +
                                 std::to_string(response.series_ids_size()) +
                                 " ids for " + std::to_string(end - begin) +
                                 " series");
    }
    for (size_t i = begin; i < end; ++i) {
      part->series[i].id = response.series_ids(static_cast<int>(i - begin));
    }
  }
  return absl::OkStatus();
}

absl::Status BulkSink::Build(Part* part) {
  std::vector<uint32_t> order(part->series.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [part](uint32_t a, uint32_t b) {
    return part->series[a].id < part->series[b].id;
  });
  // Sorting and encoding, on several threads; writing, in series id order.
  std::vector<std::vector<storage::EncodedBlock>> encoded(order.size());
  std::atomic<size_t> next{0};
  auto encode = [&] {
    constexpr size_t kStep = 64;
    for (size_t begin = next.fetch_add(kStep); begin < order.size();
         begin = next.fetch_add(kStep)) {
      for (size_t i = begin; i < std::min(order.size(), begin + kStep); ++i) {
        Part::Series& s = part->series[order[i]];
        storage::SortAndDeduplicate(&s.samples);
        storage::EncodeBlocks(s.samples, &encoded[i]);
        s.samples = SampleColumns();
      }
    }
  };
  std::vector<std::thread> encoders;
  for (int t = 1; t < options_.encode_threads; ++t)
    encoders.emplace_back(encode);
  encode();
  for (auto& t : encoders) t.join();

  part->path = (std::filesystem::path(options_.sst_dir) /
                ("clout-bulk-" + std::to_string(::getpid()) + "-" +
                 std::to_string(files_++) + ".sst"))
                   .string();
  storage::BulkSstWriter writer;
  absl::Status st = writer.Open(part->path);
  for (size_t i = 0; i < order.size() && st.ok(); ++i) {
    const uint64_t id = part->series[order[i]].id;
    for (const storage::EncodedBlock& b : encoded[i]) {
      st = writer.AddRecord(id, b.block, b.record, b.samples);
      if (!st.ok()) break;
    }
  }
  if (st.ok()) st = writer.Finish(&part->bytes);
  part->series.clear();
  return st;
}

absl::Status BulkSink::Deliver(Part* part) {
  absl::Status st = WithRetries([&]() -> absl::Status {
    auto ctx =
        Deadline(options_.timeout_s + static_cast<int>(part->bytes >> 23));
    clout::v1::IngestSstFilesResponse response;
    if (options_.local) {
      clout::v1::IngestSstFilesRequest request;
      request.add_paths(part->path);
      request.set_move_files(true);
      grpc::Status rpc =
          rpc_->stub->IngestSstFiles(ctx.get(), request, &response);
      return rpc.ok() ? absl::OkStatus() : FromGrpc(rpc, "Bulk.IngestSstFiles");
    }
    std::unique_ptr<grpc::ClientWriter<clout::v1::UploadSstRequest>> upload(
        rpc_->stub->UploadSst(ctx.get(), &response));
    clout::v1::UploadSstRequest message;
    message.mutable_header()->set_name(
        std::filesystem::path(part->path).filename().string());
    message.mutable_header()->set_size_bytes(part->bytes);
    bool ok = upload->Write(message);
    std::ifstream in(part->path, std::ios::binary);
    std::string chunk(kChunkBytes, '\0');
    while (ok && in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const std::streamsize n = in.gcount();
      if (n <= 0) break;
      message.set_chunk(chunk.data(), static_cast<size_t>(n));
      ok = upload->Write(message);
    }
    if (ok) upload->WritesDone();
    grpc::Status rpc = upload->Finish();
    return rpc.ok() ? absl::OkStatus() : FromGrpc(rpc, "Bulk.UploadSst");
  });
  if (!st.ok()) return st;
  counters_->samples_sent += part->samples;
  counters_->samples_acked += part->samples;
  return resume_->Acknowledge(0, part->end_position);
}

absl::Status BulkSink::Finish() {
  if (finished_) return status_;
  finished_ = true;
  if (!stages_.empty()) {
    if (!failed_) Hand();
    to_resolve_->Close();
    for (auto& t : stages_) t.join();
  }
  std::lock_guard<std::mutex> lock(status_mu_);
  return status_;
}

}  // namespace clout::cli

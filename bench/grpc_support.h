// The gRPC side the benchmarks share: call contexts, errors, channels, and
// packing series into Ingest.WriteStream calls.
#ifndef CLOUT_BENCH_GRPC_SUPPORT_H_
#define CLOUT_BENCH_GRPC_SUPPORT_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/workload.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace clout::bench {

// ---- gRPC
// --------------------------------------------------------------------

std::unique_ptr<grpc::ClientContext> Context(int seconds);
absl::Status RpcError(const std::string& what, const grpc::Status& st);
// A channel with its own TCP connection and no message size limits, so
// parallel streams do not share one HTTP/2 connection.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& target);
// NewChannel, connected: UNAVAILABLE when it cannot connect within 10 s.
absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectedChannel(
    const std::string& target);

// Packs series into one reused WriteRequest and writes it to a client stream
// once it holds at least batch_samples samples. Series are added whole; only
// a series longer than batch_samples is split. Steady-state packing
// allocates nothing per sample. Not thread-safe.
class StreamPacker {
 public:
  StreamPacker(grpc::ClientWriter<clout::v1::WriteRequest>* writer,
               int64_t batch_samples)
      : writer_(writer), batch_samples_(batch_samples) {}

  // Adds `series`; false once the stream is broken (Finish tells why).
  bool Add(const SeriesData& series);
  // Sends the pending message, if any.
  bool Flush();

  int64_t samples_sent() const { return samples_; }
  int64_t messages_sent() const { return messages_; }

 private:
  grpc::ClientWriter<clout::v1::WriteRequest>* const writer_;
  const int64_t batch_samples_;
  clout::v1::WriteRequest request_;
  int64_t pending_ = 0;
  int64_t samples_ = 0;
  int64_t messages_ = 0;
  bool ok_ = true;
};

struct StreamOutcome {
  int64_t samples_sent = 0;
  int64_t messages_sent = 0;
  absl::Status status;
};

// Runs one WriteStream call: `produce(add)` hands series to `add`, which
// returns false once the stream broke. Checks the final response: every
// sample accepted, none rejected.
template <typename Producer>
StreamOutcome RunWriteStream(clout::v1::Ingest::Stub* stub,
                             int64_t batch_samples, const std::string& name,
                             Producer produce);

// ---- Implementation of the template
// ------------------------------------------

absl::Status CheckStreamResponse(const std::string& name,
                                 const StreamOutcome& outcome,
                                 const clout::v1::WriteStreamResponse& r);

template <typename Producer>
StreamOutcome RunWriteStream(clout::v1::Ingest::Stub* stub,
                             int64_t batch_samples, const std::string& name,
                             Producer produce) {
  StreamOutcome outcome;
  auto ctx = Context(3600);
  clout::v1::WriteStreamResponse response;
  std::unique_ptr<grpc::ClientWriter<clout::v1::WriteRequest>> writer(
      stub->WriteStream(ctx.get(), &response));
  StreamPacker packer(writer.get(), batch_samples);
  produce([&packer](const SeriesData& s) { return packer.Add(s); });
  packer.Flush();
  writer->WritesDone();
  const grpc::Status st = writer->Finish();
  outcome.samples_sent = packer.samples_sent();
  outcome.messages_sent = packer.messages_sent();
  outcome.status = st.ok() ? CheckStreamResponse(name, outcome, response)
                           : RpcError(name + " WriteStream", st);
  return outcome;
}

}  // namespace clout::bench

#endif  // CLOUT_BENCH_GRPC_SUPPORT_H_

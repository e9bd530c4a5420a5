#include "bench/grpc_support.h"

#include "server/common/strings.h"

namespace clout::bench {

std::unique_ptr<grpc::ClientContext> Context(int seconds) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::seconds(seconds));
  return ctx;
}

absl::Status RpcError(const std::string& what, const grpc::Status& st) {
  return absl::InternalError(StrCat(what, " failed: code ",
                                    static_cast<int>(st.error_code()), ": ",
                                    st.error_message()));
}

std::shared_ptr<grpc::Channel> NewChannel(const std::string& target) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(-1);
  args.SetMaxSendMessageSize(-1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(),
                                   args);
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> ConnectedChannel(
    const std::string& target) {
  std::shared_ptr<grpc::Channel> channel = NewChannel(target);
  if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                 std::chrono::seconds(10))) {
    return absl::UnavailableError(StrCat("cannot connect to ", target));
  }
  return channel;
}

bool StreamPacker::Add(const SeriesData& series) {
  const int64_t n = static_cast<int64_t>(series.timestamps_ms.size());
  for (int64_t begin = 0; begin < n && ok_;) {
    const int64_t end = std::min(n, begin + batch_samples_);
    clout::v1::SeriesSamples* out = request_.add_series();
    out->set_creator_id(series.creator_id);
    out->set_post_id(series.post_id);
    out->set_field(series.field);
    out->mutable_timestamps_ms()->Add(series.timestamps_ms.begin() + begin,
                                      series.timestamps_ms.begin() + end);
    out->mutable_values()->Add(series.values.begin() + begin,
                               series.values.begin() + end);
    pending_ += end - begin;
    if (pending_ >= batch_samples_) Flush();
    begin = end;
  }
  return ok_;
}

bool StreamPacker::Flush() {
  if (!ok_ || pending_ == 0) return ok_;
  ok_ = writer_->Write(request_);
  if (ok_) {
    samples_ += pending_;
    ++messages_;
  }
  // Clear() keeps the SeriesSamples objects and their capacity for reuse.
  request_.Clear();
  pending_ = 0;
  return ok_;
}

absl::Status CheckStreamResponse(const std::string& name,
                                 const StreamOutcome& outcome,
                                 const clout::v1::WriteStreamResponse& r) {
  if (r.accepted() == outcome.samples_sent && r.rejected() == 0 &&
      r.messages() == outcome.messages_sent) {
    return absl::OkStatus();
  }
  return absl::InternalError(StrCat(
      name, " WriteStream: sent ", outcome.samples_sent, " samples in ",
      outcome.messages_sent, " messages; server counted ", r.messages(),
      " messages, accepted ", r.accepted(), ", rejected ", r.rejected()));
}

}  // namespace clout::bench

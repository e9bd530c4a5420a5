// Helpers for tests that call a running cloutd through the C++ stubs.
#ifndef CLOUT_TESTS_SUPPORT_API_CLIENT_H_
#define CLOUT_TESTS_SUPPORT_API_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"

namespace clout::testing {

// Stubs of the three clout.v1 services over one channel.
struct ApiClient {
  explicit ApiClient(const std::string& target)
      : channel(
            grpc::CreateChannel(target, grpc::InsecureChannelCredentials())),
        ingest(clout::v1::Ingest::NewStub(channel)),
        query(clout::v1::Query::NewStub(channel)),
        admin(clout::v1::Admin::NewStub(channel)) {}

  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<clout::v1::Ingest::Stub> ingest;
  std::unique_ptr<clout::v1::Query::Stub> query;
  std::unique_ptr<clout::v1::Admin::Stub> admin;
};

// A client context with a deadline `seconds` from now.
inline std::unique_ptr<grpc::ClientContext> Deadline(int seconds = 30) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() +
                    std::chrono::seconds(seconds));
  return ctx;
}

inline clout::v1::SeriesSamples Series(
    const std::string& creator, const std::string& post,
    const std::string& field, const std::vector<int64_t>& ts,
    const std::vector<int64_t>& values,
    const std::vector<uint32_t>& flags = {}) {
  clout::v1::SeriesSamples s;
  s.set_creator_id(creator);
  s.set_post_id(post);
  s.set_field(field);
  s.mutable_timestamps_ms()->Add(ts.begin(), ts.end());
  s.mutable_values()->Add(values.begin(), values.end());
  s.mutable_flags()->Add(flags.begin(), flags.end());
  return s;
}

// Decodes the WriteResponse carried in an error status's details; false if
// there is none.
inline bool WriteResponseFromStatus(const grpc::Status& status,
                                    clout::v1::WriteResponse* out) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details()) ||
      details.details_size() != 1) {
    return false;
  }
  return details.details(0).UnpackTo(out);
}

}  // namespace clout::testing

#endif  // CLOUT_TESTS_SUPPORT_API_CLIENT_H_

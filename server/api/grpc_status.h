// Conversion between absl::Status and grpc::Status. The canonical codes are
// the same numbers in both.
#ifndef CLOUT_SERVER_API_GRPC_STATUS_H_
#define CLOUT_SERVER_API_GRPC_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/status.h"

namespace clout::api {

inline grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()),
                      std::string(s.message()));
}

// A status whose grpc-status-details-bin trailer holds a google.rpc.Status
// with `detail` packed in its details.
grpc::Status WithDetails(grpc::StatusCode code, const std::string& message,
                         const google::protobuf::Message& detail);

}  // namespace clout::api

#endif  // CLOUT_SERVER_API_GRPC_STATUS_H_

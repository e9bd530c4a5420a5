#include "server/api/grpc_status.h"

#include "google/rpc/status.pb.h"

namespace clout::api {

grpc::Status WithDetails(grpc::StatusCode code, const std::string& message,
                         const google::protobuf::Message& detail) {
  google::rpc::Status status;
  status.set_code(static_cast<int>(code));
  status.set_message(message);
  status.add_details()->PackFrom(detail);
  return grpc::Status(code, message, status.SerializeAsString());
}

}  // namespace clout::api

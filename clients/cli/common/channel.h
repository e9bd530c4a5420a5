// gRPC channels and call deadlines for cloutd: the commands of `clout` and
// the backfill sinks open their connections here.
#ifndef CLOUT_CLIENTS_CLI_COMMON_CHANNEL_H_
#define CLOUT_CLIENTS_CLI_COMMON_CHANNEL_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace clout::cli {

// A channel to `target` without message size limits. With `own_connection`,
// the channel gets its own TCP connection (parallel streams then do not
// share one HTTP/2 connection). Never null; connecting happens on first use.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& target,
                                          bool own_connection);

// A client context whose deadline is `seconds` from now.
std::unique_ptr<grpc::ClientContext> Deadline(int seconds);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMON_CHANNEL_H_

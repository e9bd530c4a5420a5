// Client: the commands of `clout` that make one or a few calls to cloutd
// (every command but backfill). Each method runs one command with its
// parsed command line and returns the exit code (cli_common.h); tables go to
// stdout, problems to stderr. The methods are defined by concern:
// data_commands.cc (write, read, creators, posts), metric_commands.cc
// (metrics, compute, rank) and admin_commands.cc (reload, stats, compact,
// checkpoint).
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_CLIENT_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_CLIENT_H_

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "clients/cli/commands/command_line.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"

namespace clout::cli {

class Client {
 public:
  // Connects lazily to options.server.
  explicit Client(const GlobalOptions& options);

  int Write(const CommandLine& line);
  int Read(const CommandLine& line);
  int Creators(const CommandLine& line);
  int Posts(const CommandLine& line);

  int Metrics(const CommandLine& line);
  int Compute(const CommandLine& line);
  int Rank(const CommandLine& line);

  int Reload(const CommandLine& line);
  int Stats(const CommandLine& line);
  int Compact(const CommandLine& line);
  int Checkpoint(const CommandLine& line);

 private:
  // A context with the --timeout deadline.
  std::unique_ptr<grpc::ClientContext> Context() const;

  // Returned by Call when the caller prints the response as text.
  static constexpr int kPrintText = -1;

  // Makes one call with the --timeout deadline. Returns the exit code when
  // the command is done (the call failed, or --json printed the response),
  // else kPrintText.
  template <typename Stub, typename Request, typename Response>
  int Call(Stub* stub,
           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                        Response*),
           const std::common_type_t<Request>& request, Response* response) {
    const grpc::Status st = (stub->*method)(Context().get(), request, response);
    if (!st.ok()) return Failed(st);
    if (!options_.json) return kPrintText;
    PrintJson(*response);
    return kExitOk;
  }

  GlobalOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<clout::v1::Ingest::Stub> ingest_;
  std::unique_ptr<clout::v1::Query::Stub> query_;
  std::unique_ptr<clout::v1::Admin::Stub> admin_;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics_;
};

// Exit code of a command that takes no arguments but got some (and 0
// otherwise): "clout: COMMAND: unexpected 'ARG'".
int CheckNoArgs(const CommandLine& line);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_CLIENT_H_

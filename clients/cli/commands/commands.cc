#include "clients/cli/commands/commands.h"

#include <iostream>

#include "clients/cli/commands/backfill.h"
#include "clients/cli/commands/client.h"
#include "clients/cli/commands/help.h"
#include "clients/cli/common/channel.h"

namespace clout::cli {

Client::Client(const GlobalOptions& options)
    : options_(options),
      channel_(NewChannel(options.server, /*own_connection=*/false)),
      ingest_(clout::v1::Ingest::NewStub(channel_)),
      query_(clout::v1::Query::NewStub(channel_)),
      admin_(clout::v1::Admin::NewStub(channel_)),
      metrics_(clout::v1::Metrics::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> Client::Context() const {
  return Deadline(options_.timeout_s);
}

int CheckNoArgs(const CommandLine& line) {
  if (line.args.empty()) return kExitOk;
  return UsageError(line.command,
                    line.command + ": unexpected '" + line.args[0] + "'");
}

int RunCommand(const CommandLine& line) {
  using Run = int (Client::*)(const CommandLine&);
  static constexpr struct {
    const char* name;
    Run run;
  } kRuns[] = {
      {"write", &Client::Write},
      {"read", &Client::Read},
      {"creators", &Client::Creators},
      {"posts", &Client::Posts},
      {"metrics", &Client::Metrics},
      {"compute", &Client::Compute},
      {"rank", &Client::Rank},
      {"reload", &Client::Reload},
      {"stats", &Client::Stats},
      {"compact", &Client::Compact},
      {"checkpoint", &Client::Checkpoint},
  };
  if (line.command == "backfill") return RunBackfill(line);
  for (const auto& r : kRuns) {
    if (line.command == r.name) {
      Client client(line.options);
      return (client.*r.run)(line);
    }
  }
  return UsageError("", "unknown command '" + line.command + "'");
}

int Main(int argc, const char* const* argv) {
  CommandLine line;
  std::string problem;
  if (!ParseCommandLine(argc, argv, &line, &problem)) {
    return UsageError(line.command, problem);
  }
  if (line.help) {
    if (line.command.empty()) {
      std::cout << kOverview;
      return kExitOk;
    }
    const char* text = CommandHelp(line.command);
    if (text == nullptr) {
      return UsageError("", "unknown command '" + line.command + "'");
    }
    std::cout << text
              << "\nGlobal options: --server=HOST:PORT (or $CLOUT_SERVER), "
                 "--timeout=SECONDS, --json.\nExit codes: clout help.\n";
    return kExitOk;
  }
  if (line.command.empty()) {
    std::cerr << "clout: no command given\n\n" << kOverview;
    return kExitUsage;
  }
  if (CommandHelp(line.command) == nullptr) {
    return UsageError("", "unknown command '" + line.command + "'");
  }
  return RunCommand(line);
}

}  // namespace clout::cli

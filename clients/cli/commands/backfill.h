// `clout backfill`: loads history from CSV and JSON Lines files into cloutd,
// through parallel WriteStream calls (stream_sink.h) or through SST files
// (bulk_sink.h), resumably, with progress, a dry run and a rate limit.
// docs/backfill.md is the user's guide.
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_

#include <string>
#include <vector>

#include "clients/cli/commands/cli_common.h"

namespace clout::cli {

extern const char kBackfillHelp[];

// Runs the command; returns its exit code (cli_common.h).
int RunBackfill(std::vector<std::string> args, const GlobalOptions& options);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_

// `clout backfill`: loads history from CSV and JSON Lines files into cloutd,
// through parallel WriteStream calls (stream_sink.h) or through SST files
// (bulk_sink.h), resumably, with progress, a dry run and a rate limit. This
// is the command's front: its options, the run and the summary; the
// pipeline itself is in clients/cli/backfill/. docs/backfill.md is the
// user's guide.
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_

#include "clients/cli/commands/command_line.h"

namespace clout::cli {

// Runs the command; returns its exit code (cli_common.h).
int RunBackfill(const CommandLine& line);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_BACKFILL_H_

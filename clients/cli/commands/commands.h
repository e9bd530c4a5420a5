// The subcommands of `clout` other than backfill (backfill.h): writing and
// reading series, listing creators and posts, metrics, and administration.
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/cli/commands/cli_common.h"

namespace clout::cli {

// The overview printed by `clout help` and `clout --help`.
extern const char kOverview[];

// The help text of `command`, or null if there is no such command.
const char* CommandHelp(const std::string& command);

// Runs `command` with its arguments (global options already removed);
// returns the exit code.
int RunCommand(const std::string& command, std::vector<std::string> args,
               const GlobalOptions& options);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_

// The commands of `clout`: Main parses the command line (command_line.h)
// and runs one command (client.h, or backfill.h), printing help where
// asked (help.h).
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_

#include "clients/cli/commands/command_line.h"

namespace clout::cli {

// Runs `clout` with its arguments; returns the exit code (cli_common.h).
int Main(int argc, const char* const* argv);

// Runs the known command line.command; returns the exit code.
int RunCommand(const CommandLine& line);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_COMMANDS_H_

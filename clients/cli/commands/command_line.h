// The command line of `clout`, parsed with CLI11:
//
//   clout [--server=HOST:PORT] [--timeout=SECONDS] [--json] COMMAND [ARGS]
//
// The global options (and --help, -h) may stand anywhere on the line; each
// command has its own options (kCommands), given as --name=VALUE or
// --name VALUE. `clout help COMMAND` is `clout COMMAND --help`.
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_COMMAND_LINE_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_COMMAND_LINE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "clients/cli/commands/cli_common.h"

namespace clout::cli {

// A command and the options it takes.
struct CommandSpec {
  const char* name;
  std::vector<const char*> values;    // --name=VALUE options.
  std::vector<const char*> switches;  // --name options without a value.
};

// Every command of `clout`.
const std::vector<CommandSpec>& Commands();

struct CommandLine {
  GlobalOptions options;
  std::string command;  // Empty: none given.
  bool help = false;    // --help, -h or `help`.
  // The command's other arguments in order; with them, as written, any
  // --option the command does not know.
  std::vector<std::string> args;
  std::map<std::string, std::string> values;  // Options given, by name.
  std::set<std::string> switches;             // Switches given.

  // The value of option `name`, or `fallback` when it was not given.
  std::string Value(const std::string& name,
                    const std::string& fallback = "") const;
  bool Switch(const std::string& name) const;
};

// Parses argv (with $CLOUT_SERVER as the default server). On a malformed
// line sets *problem to what is wrong ("--timeout must be a positive number
// of seconds") and returns false; an unknown command is not a parse error
// (the caller reports it).
bool ParseCommandLine(int argc, const char* const* argv, CommandLine* line,
                      std::string* problem);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_COMMAND_LINE_H_

// The help texts of `clout`: the overview (`clout help`) and each command's
// (`clout COMMAND --help`).
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_HELP_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_HELP_H_

#include <string>

namespace clout::cli {

// The overview printed by `clout help` and `clout --help`.
extern const char kOverview[];

// The help text of `command`, or null if there is no such command.
const char* CommandHelp(const std::string& command);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_HELP_H_

// clout: the command line client of cloutd.
//
//   clout [--server=HOST:PORT] [--timeout=SECONDS] [--json] COMMAND [ARGS]
//
// Run `clout help` for the commands and `clout COMMAND --help` for one of
// them. The global options may stand anywhere on the line. Exit codes: 0
// success, 1 the server refused or failed the call, 2 bad command line, 3
// server unreachable; backfill adds 4 (bad input lines skipped) and 5
// (stopped after too many bad lines).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/cli/commands/cli_common.h"
#include "clients/cli/commands/commands.h"

int main(int argc, char** argv) {
  using namespace clout::cli;
  GlobalOptions options;
  if (const char* env = std::getenv("CLOUT_SERVER"); env != nullptr && *env) {
    options.server = env;
  }
  std::string command;
  std::vector<std::string> rest;
  bool help = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--server=", 0) == 0) {
      options.server = a.substr(9);
    } else if (a.rfind("--timeout=", 0) == 0) {
      options.timeout_s = std::atoi(a.c_str() + 10);
      if (options.timeout_s <= 0) {
        return UsageError(command,
                          "--timeout must be a positive number of seconds");
      }
    } else if (a == "--json") {
      options.json = true;
    } else if (a == "--help" || a == "-h") {
      help = true;
    } else if (command.empty() && a == "help") {
      help = true;
      if (i + 1 < argc) command = argv[++i];
    } else if (command.empty() && a.rfind("--", 0) != 0) {
      command = a;
    } else {
      rest.push_back(a);
    }
  }
  if (help) {
    if (command.empty()) {
      std::cout << kOverview;
      return kExitOk;
    }
    const char* text = CommandHelp(command);
    if (text == nullptr)
      return UsageError("", "unknown command '" + command + "'");
    std::cout << text
              << "\nGlobal options: --server=HOST:PORT (or $CLOUT_SERVER), "
                 "--timeout=SECONDS, --json.\nExit codes: clout help.\n";
    return kExitOk;
  }
  if (command.empty()) {
    std::cerr << "clout: no command given\n\n" << kOverview;
    return kExitUsage;
  }
  if (CommandHelp(command) == nullptr) {
    return UsageError("", "unknown command '" + command + "'");
  }
  return RunCommand(command, rest, options);
}

// clout: the command line client of cloutd.
//
//   clout [--server=HOST:PORT] [--timeout=SECONDS] [--json] COMMAND [ARGS]
//
// Run `clout help` for the commands and `clout COMMAND --help` for one of
// them. The global options may stand anywhere on the line. Exit codes: 0
// success, 1 the server refused or failed the call, 2 bad command line, 3
// server unreachable; backfill adds 4 (bad input lines skipped) and 5
// (stopped after too many bad lines).
#include "clients/cli/commands/commands.h"

int main(int argc, char** argv) { return clout::cli::Main(argc, argv); }

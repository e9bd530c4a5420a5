#include "clients/cli/commands/help.h"

namespace clout::cli {

const char kOverview[] =
    R"(usage: clout [--server=HOST:PORT] [--timeout=SECONDS] [--json] COMMAND [ARGS]

Commands:
  write CREATOR[/POST] FIELD TIME=VALUE...   store samples (TIME: epoch ms or
                                             ISO 8601 such as 2025-01-01T00:00:00Z)
  read CREATOR[/POST] FIELD [--from=TIME] [--to=TIME] [--step=MS --agg=NAME]
                                             print a series (agg: last, first, min,
                                             max, sum, mean, count, delta, rate)
  creators [--platform=NAME]                 list creators
  posts CREATOR                              list the posts of a creator
  metrics                                    list the loaded metrics and their parameters
  compute METRIC CREATOR [--from=TIME] [--to=TIME] [NAME=VALUE...]
                                             compute a metric (parameters by name)
  rank METRIC [--top=K] [--platform=NAME] [--from=TIME] [--to=TIME] [NAME=VALUE...]
                                             the top K creators by a metric
  reload                                     reload the server's plugin folder
  stats                                      counts, bytes on disk, plugin calls
  compact                                    compact the database
  checkpoint PATH                            consistent copy into PATH (on the server)
  backfill --mapping=FILE FILE...            load history from CSV or JSON Lines files
                                             (streaming, or --bulk through SST files)

Options (every command, anywhere on the line):
  --server    address of cloutd (default 127.0.0.1:7420, or $CLOUT_SERVER)
  --timeout   deadline of each call in seconds (default 30)
  --json      print responses as JSON instead of tables
  --help      the help of a command: clout COMMAND --help (or clout help COMMAND)

Exit codes: 0 ok, 1 the server refused or failed the call, 2 bad command line,
3 the server is unreachable; backfill also: 4 bad input lines were skipped,
5 stopped after more than --max-errors bad lines.
)";

namespace {

constexpr char kBackfillHelp[] =
    R"(usage: clout backfill --mapping=FILE [OPTIONS] FILE...

Loads history from CSV or JSON Lines files (gzip-compressed files too) into
cloutd. The mapping file says which columns give the creator id, post id,
timestamp and values, and which flags the samples get (docs/backfill.md;
ready-made mappings in clients/cli/mappings/). Every line is validated first:
a bad line is reported as FILE:LINE: reason, and nothing of it is stored.

Options:
  --mapping=FILE        the column mapping (required)
  --dry-run             validate everything and report bad lines; store nothing
  --resume=FILE         record what the server acknowledged in FILE; when FILE
                        exists, skip the lines it records and continue
  --max-errors=N        stop after more than N bad lines (default 100; -1: never)
  --rate=N              send at most N samples per second (default: no limit)
  --streams=N           parallel WriteStream calls (default 4)
  --batch=N             samples per WriteStream message (default 20000)
  --commit=N            samples per WriteStream call; the resume file advances
                        after each acknowledged call (default 500000)
  --commit-seconds=S    also end a call after S seconds (default 5)
  --bulk=upload|local   load through SST files instead: uploaded over gRPC, or
                        written to --sst-dir for the server to ingest from there
                        (server on the same machine)
  --sst-dir=DIR         where --bulk writes its files (default: the temp folder)
  --part=N              samples per bulk file (default 2000000)
  --retries=N           retries of a call while the server is unreachable (3)
  --parse-threads=N     threads that parse and check lines, and that encode
                        bulk files (default 2)
  --progress=MODE       auto (a bar on a terminal, lines otherwise), bar,
                        lines or none
  --progress-interval=S seconds between progress lines (default 10)
  --server, --timeout, --json as for every command; --json prints the summary
  (with the first bad lines) as JSON

Exit codes: 0 everything loaded; 1 the server refused or failed a call;
2 bad command line, mapping, header or unreadable file (nothing sent);
3 server unreachable; 4 done, but bad lines were skipped;
5 stopped after more than --max-errors bad lines.
)";

struct Help {
  const char* command;
  const char* text;
};

constexpr Help kHelp[] = {
    {"write", R"(usage: clout write CREATOR[/POST] FIELD TIME=VALUE...

Stores samples of one series. TIME is epoch milliseconds or ISO 8601 UTC
(2025-01-01T00:00:00Z or 2025-01-01); VALUE a whole number >= 0. Writing the
same time again replaces the value.
  clout write tiktok:42 followers 2025-01-01T00:00:00Z=1000
  clout write tiktok:42/video1 views 1735689600000=5400
)"},
    {"read", R"(usage: clout read CREATOR[/POST] FIELD [--from=TIME] [--to=TIME]
                  [--step=MS --agg=NAME]

Prints a series over [--from, --to), raw or aggregated per step of MS
milliseconds with one of: last, first, min, max, sum, mean, count, delta, rate.
)"},
    {"creators", R"(usage: clout creators [--platform=NAME]

Lists every creator (of one platform with --platform).
)"},
    {"posts", R"(usage: clout posts CREATOR

Lists the posts of a creator with their publishing times.
)"},
    {"metrics", R"(usage: clout metrics

Lists the metrics the server's plugins provide, with their parameters.
)"},
    {"compute",
     R"(usage: clout compute METRIC CREATOR [--from=TIME] [--to=TIME] [NAME=VALUE...]

Computes one metric for one creator over [--from, --to). Parameters are
NAME=VALUE (integers, numbers, true/false, or a choice).
)"},
    {"rank",
     R"(usage: clout rank METRIC [--top=K] [--platform=NAME] [--from=TIME] [--to=TIME]
                  [NAME=VALUE...]

The top K creators (default 10) by a metric's value.
)"},
    {"reload", R"(usage: clout reload

Reloads the server's plugin folder and lists what was loaded.
)"},
    {"stats", R"(usage: clout stats

Counts of creators, posts, series and samples; bytes on disk; plugin calls.
)"},
    {"compact", R"(usage: clout compact

Compacts the whole database (merges pending writes). Blocks until done.
)"},
    {"checkpoint", R"(usage: clout checkpoint PATH

Writes a consistent copy of the database into PATH, a new folder on the
server's machine, usable as a data folder.
)"},
};

}  // namespace

const char* CommandHelp(const std::string& command) {
  if (command == "backfill") return kBackfillHelp;
  for (const Help& h : kHelp) {
    if (command == h.command) return h.text;
  }
  return nullptr;
}

}  // namespace clout::cli

#include "clients/cli/commands/commands.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

#include "clients/cli/commands/backfill.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"

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

class Cli {
 public:
  explicit Cli(const GlobalOptions& options)
      : options_(options),
        channel_(NewChannel(options.server, /*own_connection=*/false)),
        ingest_(clout::v1::Ingest::NewStub(channel_)),
        query_(clout::v1::Query::NewStub(channel_)),
        admin_(clout::v1::Admin::NewStub(channel_)),
        metrics_(clout::v1::Metrics::NewStub(channel_)) {}

  int Run(const std::string& command, std::vector<std::string> args) {
    if (command == "write") return Write(args);
    if (command == "read") return Read(args);
    if (command == "creators") return Creators(args);
    if (command == "posts") return Posts(args);
    if (command == "metrics") return NoArgs(command, args, &Cli::Metrics);
    if (command == "compute") return Compute(args);
    if (command == "rank") return Rank(args);
    if (command == "reload") return NoArgs(command, args, &Cli::Reload);
    if (command == "stats") return NoArgs(command, args, &Cli::Stats);
    if (command == "compact") return NoArgs(command, args, &Cli::Compact);
    if (command == "checkpoint") return Checkpoint(args);
    return UsageError("", "unknown command '" + command + "'");
  }

 private:
  std::unique_ptr<grpc::ClientContext> Context() const {
    return Deadline(options_.timeout_s);
  }

  int NoArgs(const std::string& command, const std::vector<std::string>& args,
             int (Cli::*run)()) {
    if (!args.empty()) {
      return UsageError(command, command + ": unexpected '" + args[0] + "'");
    }
    return (this->*run)();
  }

  static void SplitEntity(const std::string& entity, std::string* creator,
                          std::string* post) {
    size_t slash = entity.find('/');
    *creator = entity.substr(0, slash);
    *post = slash == std::string::npos ? "" : entity.substr(slash + 1);
  }

  int Write(const std::vector<std::string>& args) {
    if (args.size() < 3) {
      return UsageError("write",
                        "write needs CREATOR[/POST] FIELD TIME=VALUE...");
    }
    clout::v1::WriteRequest request;
    auto* s = request.add_series();
    std::string creator, post;
    SplitEntity(args[0], &creator, &post);
    s->set_creator_id(creator);
    s->set_post_id(post);
    s->set_field(args[1]);
    for (size_t i = 2; i < args.size(); ++i) {
      size_t eq = args[i].rfind('=');
      int64_t t = 0;
      char* end = nullptr;
      if (eq == std::string::npos || !ParseTime(args[i].substr(0, eq), &t)) {
        return UsageError("write", "'" + args[i] + "' is not TIME=VALUE");
      }
      long long v = std::strtoll(args[i].c_str() + eq + 1, &end, 10);
      if (*end != '\0' || eq + 1 == args[i].size()) {
        return UsageError("write",
                          "'" + args[i] + "': the value is not an integer");
      }
      s->add_timestamps_ms(t);
      s->add_values(v);
    }
    clout::v1::WriteResponse response;
    grpc::Status st = ingest_->Write(Context().get(), request, &response);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(response);
    } else {
      std::cout << "stored " << response.accepted() << " samples\n";
    }
    return kExitOk;
  }

  int Read(std::vector<std::string> args) {
    clout::v1::ReadSeriesRequest request;
    int64_t t = 0;
    std::string from = TakeFlag(&args, "from"), to = TakeFlag(&args, "to");
    if (!from.empty()) {
      if (!ParseTime(from, &t))
        return UsageError("read", "--from: bad time '" + from + "'");
      request.set_start_ms(t);
    }
    if (!to.empty()) {
      if (!ParseTime(to, &t))
        return UsageError("read", "--to: bad time '" + to + "'");
      request.set_end_ms(t);
    }
    request.set_step_ms(std::atoll(TakeFlag(&args, "step", "0").c_str()));
    std::string agg = TakeFlag(&args, "agg");
    if (!agg.empty()) {
      clout::v1::Aggregation a;
      std::string name = "AGGREGATION_";
      for (char c : agg) name.push_back(static_cast<char>(std::toupper(c)));
      if (!clout::v1::Aggregation_Parse(name, &a)) {
        return UsageError("read", "--agg: unknown aggregation '" + agg + "'");
      }
      request.set_aggregation(a);
    }
    if (args.size() != 2)
      return UsageError("read", "read needs CREATOR[/POST] FIELD");
    std::string creator, post;
    SplitEntity(args[0], &creator, &post);
    request.set_creator_id(creator);
    request.set_post_id(post);
    request.set_field(args[1]);
    clout::v1::ReadSeriesResponse response;
    grpc::Status st = query_->ReadSeries(Context().get(), request, &response);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(response);
      return kExitOk;
    }
    std::printf("%-22s %20s\n", "time", "value");
    for (int i = 0; i < response.timestamps_ms_size(); ++i) {
      if (response.values_size() > i) {
        std::printf("%-22s %20lld\n",
                    FormatTime(response.timestamps_ms(i)).c_str(),
                    static_cast<long long>(response.values(i)));
      } else {
        std::printf("%-22s %20.6f\n",
                    FormatTime(response.timestamps_ms(i)).c_str(),
                    response.double_values(i));
      }
    }
    std::printf("(%d points)\n", response.timestamps_ms_size());
    return kExitOk;
  }

  int Creators(std::vector<std::string> args) {
    clout::v1::ListCreatorsRequest request;
    request.set_platform(TakeFlag(&args, "platform"));
    request.set_page_size(1000);
    if (!args.empty())
      return UsageError("creators", "creators: unexpected '" + args[0] + "'");
    std::vector<clout::v1::Creator> all;
    for (;;) {
      clout::v1::ListCreatorsResponse response;
      grpc::Status st =
          query_->ListCreators(Context().get(), request, &response);
      if (!st.ok()) return Failed(st);
      all.insert(all.end(), response.creators().begin(),
                 response.creators().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    if (options_.json) {
      clout::v1::ListCreatorsResponse out;
      for (auto& c : all) *out.add_creators() = c;
      PrintJson(out);
      return kExitOk;
    }
    std::printf("%-32s %-10s %-24s\n", "creator_id", "platform", "handle");
    for (const auto& c : all) {
      std::printf("%-32s %-10s %-24s\n", c.creator_id().c_str(),
                  c.platform().c_str(), c.handle().c_str());
    }
    std::printf("(%zu creators)\n", all.size());
    return kExitOk;
  }

  int Posts(const std::vector<std::string>& args) {
    if (args.size() != 1) return UsageError("posts", "posts needs CREATOR");
    clout::v1::ListPostsRequest request;
    request.set_creator_id(args[0]);
    request.set_page_size(1000);
    std::vector<clout::v1::Post> all;
    for (;;) {
      clout::v1::ListPostsResponse response;
      grpc::Status st = query_->ListPosts(Context().get(), request, &response);
      if (!st.ok()) return Failed(st);
      all.insert(all.end(), response.posts().begin(), response.posts().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    if (options_.json) {
      clout::v1::ListPostsResponse out;
      for (auto& p : all) *out.add_posts() = p;
      PrintJson(out);
      return kExitOk;
    }
    std::printf("%-32s %-22s\n", "post_id", "published");
    for (const auto& p : all) {
      std::printf(
          "%-32s %-22s\n", p.post_id().c_str(),
          p.published_ms() == 0 ? "-" : FormatTime(p.published_ms()).c_str());
    }
    std::printf("(%zu posts)\n", all.size());
    return kExitOk;
  }

  // Parses NAME=VALUE parameters: integers, numbers, true/false, or a
  // choice. The server checks them against the metric's schema.
  static bool ParseParams(
      const std::vector<std::string>& args, size_t from,
      google::protobuf::Map<std::string, clout::v1::ParameterValue>* out) {
    for (size_t i = from; i < args.size(); ++i) {
      size_t eq = args[i].find('=');
      if (eq == std::string::npos || eq == 0) return false;
      const std::string name = args[i].substr(0, eq);
      const std::string text = args[i].substr(eq + 1);
      clout::v1::ParameterValue v;
      char* end = nullptr;
      long long n = std::strtoll(text.c_str(), &end, 10);
      if (!text.empty() && *end == '\0') {
        v.set_int_value(n);
      } else if (double d = std::strtod(text.c_str(), &end);
                 !text.empty() && *end == '\0') {
        v.set_double_value(d);
      } else if (text == "true" || text == "false") {
        v.set_bool_value(text == "true");
      } else {
        v.set_choice(text);
      }
      (*out)[name] = v;
    }
    return true;
  }

  // Applies --from and --to; false (after printing why) on a bad time.
  static bool ParseWindow(const std::string& command,
                          std::vector<std::string>* args, int64_t* start,
                          int64_t* end) {
    const std::string from = TakeFlag(args, "from"), to = TakeFlag(args, "to");
    if (!from.empty() && !ParseTime(from, start)) {
      UsageError(command, "--from: bad time '" + from + "'");
      return false;
    }
    if (!to.empty() && !ParseTime(to, end)) {
      UsageError(command, "--to: bad time '" + to + "'");
      return false;
    }
    return true;
  }

  int Metrics() {
    clout::v1::ListMetricsResponse r;
    grpc::Status st = metrics_->ListMetrics(Context().get(), {}, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
      return kExitOk;
    }
    for (const auto& m : r.metrics()) {
      std::printf("%s %s  (%s %s, %s)\n  %s\n", m.name().c_str(),
                  m.version().c_str(), m.plugin().c_str(),
                  m.plugin_version().c_str(), m.plugin_file().c_str(),
                  m.description().c_str());
      for (const auto& p : m.parameters()) {
        std::string def = p.type() == clout::v1::PARAMETER_TYPE_ENUM
                              ? p.default_choice()
                              : std::to_string(p.default_number());
        std::printf("    %-16s default %-12s %s\n", p.name().c_str(),
                    def.c_str(), p.description().c_str());
      }
    }
    std::printf("(%d metrics)\n", r.metrics_size());
    return kExitOk;
  }

  int Compute(std::vector<std::string> args) {
    clout::v1::ComputeRequest request;
    int64_t start = 0, end = 0;
    if (!ParseWindow("compute", &args, &start, &end)) return kExitUsage;
    if (args.size() < 2)
      return UsageError("compute", "compute needs METRIC CREATOR");
    request.set_metric(args[0]);
    request.set_creator_id(args[1]);
    request.set_start_ms(start);
    request.set_end_ms(end);
    if (!ParseParams(args, 2, request.mutable_parameters())) {
      return UsageError("compute", "parameters are NAME=VALUE");
    }
    clout::v1::ComputeResponse r;
    grpc::Status st = metrics_->Compute(Context().get(), request, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
      return kExitOk;
    }
    const auto& m = r.result();
    std::printf("%s of %s: %.4f %s\n", m.metric().c_str(),
                m.creator_id().c_str(), m.value(), m.unit().c_str());
    if (!m.variant().empty()) {
      std::printf("variant %s: %s\n", m.variant().c_str(), m.formula().c_str());
    }
    for (const auto& c : m.components()) {
      std::printf("  %-28s %14.4f  %s\n", c.name().c_str(), c.value(),
                  c.note().c_str());
    }
    if (m.rows_size() > 0) {
      std::printf("  %-24s", "row");
      for (const auto& col : m.row_columns()) std::printf(" %14s", col.c_str());
      std::printf("\n");
      for (const auto& row : m.rows()) {
        std::printf("  %-24s", row.key().c_str());
        for (double v : row.values()) std::printf(" %14.4f", v);
        std::printf("\n");
      }
    }
    return kExitOk;
  }

  int Rank(std::vector<std::string> args) {
    clout::v1::RankRequest request;
    int64_t start = 0, end = 0;
    if (!ParseWindow("rank", &args, &start, &end)) return kExitUsage;
    request.set_top_k(std::atoi(TakeFlag(&args, "top", "10").c_str()));
    request.set_platform(TakeFlag(&args, "platform"));
    if (args.empty()) return UsageError("rank", "rank needs METRIC");
    request.set_metric(args[0]);
    request.set_start_ms(start);
    request.set_end_ms(end);
    if (!ParseParams(args, 1, request.mutable_parameters())) {
      return UsageError("rank", "parameters are NAME=VALUE");
    }
    clout::v1::RankResponse r;
    grpc::Status st = metrics_->Rank(Context().get(), request, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
      return kExitOk;
    }
    std::printf("%5s  %-32s %14s\n", "rank", "creator_id", r.unit().c_str());
    for (const auto& e : r.entries()) {
      std::printf("%5d  %-32s %14.4f\n", e.rank(), e.creator_id().c_str(),
                  e.value());
    }
    std::printf("(%d creators considered, %d without data)\n",
                r.creators_considered(), r.creators_skipped());
    return kExitOk;
  }

  int Reload() {
    clout::v1::ReloadPluginsResponse r;
    grpc::Status st = admin_->ReloadPlugins(Context().get(), {}, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
      return kExitOk;
    }
    for (const auto& f : r.files()) {
      if (f.error().empty()) {
        std::printf("loaded   %s: %s %s\n", f.file().c_str(),
                    f.plugin().c_str(), f.plugin_version().c_str());
      } else {
        std::printf("problem  %s\n", f.error().c_str());
      }
    }
    std::printf("(%d metrics available)\n", r.metrics());
    return kExitOk;
  }

  int Stats() {
    clout::v1::GetStatsResponse r;
    grpc::Status st = admin_->GetStats(Context().get(), {}, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
      return kExitOk;
    }
    std::printf(
        "creators        %lld\nposts           %lld\nseries          %lld\n"
        "samples         %lld\nbytes on disk   %lld\nsample tables   %lld\n"
        "server version  %s\nuptime          %.0f s\n",
        static_cast<long long>(r.creators()), static_cast<long long>(r.posts()),
        static_cast<long long>(r.series()), static_cast<long long>(r.samples()),
        static_cast<long long>(r.bytes_on_disk()),
        static_cast<long long>(r.sample_table_bytes()),
        r.server_version().c_str(), r.uptime_seconds());
    for (const auto& p : r.plugins()) {
      std::printf(
          "metric %-20s calls %lld, errors %lld, mean %.1f us, max %.1f us\n",
          p.metric().c_str(), static_cast<long long>(p.calls()),
          static_cast<long long>(p.errors()), p.mean_latency_us(),
          p.max_latency_us());
    }
    return kExitOk;
  }

  int Compact() {
    clout::v1::CompactResponse r;
    grpc::Status st = admin_->Compact(Context().get(), {}, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
    } else {
      std::printf("compacted in %.2f s: %lld -> %lld bytes\n", r.seconds(),
                  static_cast<long long>(r.bytes_before()),
                  static_cast<long long>(r.bytes_after()));
    }
    return kExitOk;
  }

  int Checkpoint(const std::vector<std::string>& args) {
    if (args.size() != 1)
      return UsageError("checkpoint", "checkpoint needs PATH");
    clout::v1::CheckpointRequest request;
    request.set_path(args[0]);
    clout::v1::CheckpointResponse r;
    grpc::Status st = admin_->Checkpoint(Context().get(), request, &r);
    if (!st.ok()) return Failed(st);
    if (options_.json) {
      PrintJson(r);
    } else {
      std::printf("checkpoint written to %s (%lld bytes)\n", r.path().c_str(),
                  static_cast<long long>(r.bytes()));
    }
    return kExitOk;
  }

  GlobalOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<clout::v1::Ingest::Stub> ingest_;
  std::unique_ptr<clout::v1::Query::Stub> query_;
  std::unique_ptr<clout::v1::Admin::Stub> admin_;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics_;
};

}  // namespace

const char* CommandHelp(const std::string& command) {
  if (command == "backfill") return kBackfillHelp;
  for (const Help& h : kHelp) {
    if (command == h.command) return h.text;
  }
  return nullptr;
}

int RunCommand(const std::string& command, std::vector<std::string> args,
               const GlobalOptions& options) {
  if (command == "backfill") return RunBackfill(std::move(args), options);
  return Cli(options).Run(command, std::move(args));
}

}  // namespace clout::cli

// reload, stats, compact and checkpoint (client.h).
#include "clients/cli/commands/client.h"
#include "clients/cli/common/text_format.h"
#include "fmt/format.h"

namespace clout::cli {

using Admin = clout::v1::Admin::Stub;

int Client::Reload(const CommandLine& line) {
  if (int code = CheckNoArgs(line); code != kExitOk) return code;
  clout::v1::ReloadPluginsResponse r;
  if (int code = Call(admin_.get(), &Admin::ReloadPlugins, {}, &r);
      code != kPrintText) {
    return code;
  }
  for (const auto& f : r.files()) {
    if (f.error().empty()) {
      fmt::print("loaded   {}: {} {}\n", f.file(), f.plugin(),
                 f.plugin_version());
    } else {
      fmt::print("problem  {}\n", f.error());
    }
  }
  fmt::print("({} metrics available)\n", r.metrics());
  return kExitOk;
}

int Client::Stats(const CommandLine& line) {
  if (int code = CheckNoArgs(line); code != kExitOk) return code;
  clout::v1::GetStatsResponse r;
  if (int code = Call(admin_.get(), &Admin::GetStats, {}, &r);
      code != kPrintText) {
    return code;
  }
  const Table table({{15, Align::kLeft}, {0, Align::kLeft}});
  table.Print({"creators", int64_t{r.creators()}});
  table.Print({"posts", int64_t{r.posts()}});
  table.Print({"series", int64_t{r.series()}});
  table.Print({"samples", int64_t{r.samples()}});
  table.Print({"bytes on disk", int64_t{r.bytes_on_disk()}});
  table.Print({"sample tables", int64_t{r.sample_table_bytes()}});
  table.Print({"server version", r.server_version()});
  table.Print({"uptime", Fixed(r.uptime_seconds(), 0) + " s"});
  for (const auto& p : r.plugins()) {
    fmt::print("metric {:<20} calls {}, errors {}, mean {} us, max {} us\n",
               p.metric(), p.calls(), p.errors(), Fixed(p.mean_latency_us(), 1),
               Fixed(p.max_latency_us(), 1));
  }
  return kExitOk;
}

int Client::Compact(const CommandLine& line) {
  if (int code = CheckNoArgs(line); code != kExitOk) return code;
  clout::v1::CompactResponse r;
  if (int code = Call(admin_.get(), &Admin::Compact, {}, &r);
      code != kPrintText) {
    return code;
  }
  fmt::print("compacted in {} s: {} -> {} bytes\n", Fixed(r.seconds(), 2),
             r.bytes_before(), r.bytes_after());
  return kExitOk;
}

int Client::Checkpoint(const CommandLine& line) {
  if (line.args.size() != 1)
    return UsageError("checkpoint", "checkpoint needs PATH");
  clout::v1::CheckpointRequest request;
  request.set_path(line.args[0]);
  clout::v1::CheckpointResponse r;
  if (int code = Call(admin_.get(), &Admin::Checkpoint, request, &r);
      code != kPrintText) {
    return code;
  }
  fmt::print("checkpoint written to {} ({} bytes)\n", r.path(), r.bytes());
  return kExitOk;
}

}  // namespace clout::cli

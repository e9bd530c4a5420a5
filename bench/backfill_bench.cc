// backfill_bench: `clout backfill` end to end, from a CSV file into a real
// cloutd on loopback, through each path.
//
//   backfill_bench [--creators=500] [--days=90] [--streams=4] [--keep] ...
//
// 1. Generates the synthetic workload (bench/workload.h; about 9.9 million
//    samples with the defaults) into a CSV file with one line per entity and
//    time (creator_id, post_id, timestamp_ms and one column per field, empty
//    where the entity has no such field), in entity order, and its mapping.
// 2. For each path (--paths: stream, upload, local) starts a fresh cloutd,
//    runs `clout backfill` on the file as a child process and times it from
//    start to exit. The bulk paths return once the server has ingested the
//    last file, so the time includes "until queryable"; the benchmark then
//    reads one series back (timed too) and checks it sample by sample.
//    Every path checks that GetStats counts exactly the generated samples.
// The last line is "RESULT key=value ..." for scripts. A mismatch prints
// "FAIL: ..." and exits with 1.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_split.h"
#include "bench/latency.h"
#include "bench/process_stats.h"
#include "bench/report.h"
#include "bench/work_dir.h"
#include "bench/workload.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"
#include "tests/backfill/cli_runner.h"
#include "tests/support/cloutd_process.h"

ABSL_FLAG(int, creators, 500, "synthetic creators");
ABSL_FLAG(int, days, 90, "days of synthetic history");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(int, streams, 4, "clout backfill --streams");
ABSL_FLAG(std::string, paths, "stream,upload,local",
          "paths to measure: stream, upload (--bulk=upload), local "
          "(--bulk=local)");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the CSV and the databases; empty: a fresh temp folder");
ABSL_FLAG(bool, keep, false, "keep the work folder");

namespace clout::bench {
namespace {

constexpr const char* kFields[] = {"followers",   "following", "likes_total",
                                   "posts_total", "views",     "likes",
                                   "comments",    "shares",    "saves"};
constexpr int kFieldCount = 9;

struct Workload {
  std::string csv_path;
  std::string mapping_path;
  int64_t samples = 0;
  int64_t lines = 0;
  int64_t bytes = 0;
  SeriesData probe;  // Creator 0's followers, to read back.
};

// Writes the workload as CSV: per creator, its account lines, then each
// post's lines, in time order.
absl::Status WriteCsv(const WorkloadOptions& options, const std::string& dir,
                      Workload* w) {
  w->csv_path = dir + "/workload.csv";
  w->mapping_path = dir + "/workload_mapping.json";
  std::ofstream mapping(w->mapping_path);
  mapping << R"({
  "creator": "creator_id",
  "post": "post_id",
  "timestamp": {"column": "timestamp_ms", "format": "epoch_ms"},
  "fields": ["followers", "following", "likes_total", "posts_total",
             "views", "likes", "comments", "shares", "saves"]
})";
  std::FILE* out = std::fopen(w->csv_path.c_str(), "wb");
  if (out == nullptr)
    return absl::InternalError("cannot create " + w->csv_path);
  std::vector<char> buffer(8 << 20);
  std::setvbuf(out, buffer.data(), _IOFBF, buffer.size());
  std::fputs("creator_id,post_id,timestamp_ms", out);
  for (const char* f : kFields) std::fprintf(out, ",%s", f);
  std::fputs("\n", out);
  for (int c = 0; c < options.creators; ++c) {
    // Entity (post id) -> time -> values by field index (-1: none).
    std::map<std::string, std::map<int64_t, std::vector<int64_t>>> rows;
    std::vector<std::string> order;
    std::string creator;
    GenerateCreator(options, c, [&](SeriesData&& s) {
      creator = s.creator_id;
      int field = 0;
      while (s.field != kFields[field]) ++field;
      auto [it, fresh] = rows.try_emplace(s.post_id);
      if (fresh) order.push_back(s.post_id);
      for (size_t i = 0; i < s.timestamps_ms.size(); ++i) {
        auto& values = it->second[s.timestamps_ms[i]];
        if (values.empty()) values.assign(kFieldCount, -1);
        values[field] = s.values[i];
      }
      w->samples += static_cast<int64_t>(s.timestamps_ms.size());
      if (c == 0 && s.post_id.empty() && s.field == "followers") {
        w->probe = std::move(s);
      }
    });
    for (const std::string& post : order) {
      for (const auto& [t, values] : rows[post]) {
        std::fprintf(out, "%s,%s,%lld", creator.c_str(), post.c_str(),
                     static_cast<long long>(t));
        for (int64_t v : values) {
          if (v < 0) {
            std::fputs(",", out);
          } else {
            std::fprintf(out, ",%lld", static_cast<long long>(v));
          }
        }
        std::fputs("\n", out);
        ++w->lines;
      }
    }
  }
  if (std::fclose(out) != 0)
    return absl::InternalError("writing the CSV failed");
  w->bytes = static_cast<int64_t>(std::filesystem::file_size(w->csv_path));
  return absl::OkStatus();
}

struct PathResult {
  double seconds = 0;
  double read_ms = 0;
  double server_cpu = 0;
  double client_cpu = 0;
};

std::vector<std::string> BackfillArgs(const std::string& path,
                                      const Workload& w, const std::string& dir,
                                      const std::string& target) {
  std::vector<std::string> args = {
      "--server=" + target,
      "--timeout=600",
      "backfill",
      "--mapping=" + w.mapping_path,
      "--progress=none",
      "--streams=" + std::to_string(absl::GetFlag(FLAGS_streams))};
  if (path != "stream") {
    args.push_back("--bulk=" + path);
    args.push_back("--sst-dir=" + dir + "/sst");
  }
  args.push_back(w.csv_path);
  return args;
}

// The first read after the load (the data is queryable): reads the probe
// series back, timed, and checks it sample by sample.
absl::Status ReadProbe(clout::v1::Query::Stub* query, const Workload& w,
                       double* read_ms) {
  clout::v1::ReadSeriesRequest read;
  read.set_creator_id(w.probe.creator_id);
  read.set_field(w.probe.field);
  clout::v1::ReadSeriesResponse response;
  grpc::ClientContext ctx;
  const Clock::time_point read_start = Clock::now();
  grpc::Status st = query->ReadSeries(&ctx, read, &response);
  const Clock::time_point read_end = Clock::now();
  if (!st.ok()) return absl::InternalError("ReadSeries: " + st.error_message());
  if (std::vector<int64_t>(response.timestamps_ms().begin(),
                           response.timestamps_ms().end()) !=
          w.probe.timestamps_ms ||
      std::vector<int64_t>(response.values().begin(),
                           response.values().end()) != w.probe.values) {
    return absl::InternalError("the series read back differs from the CSV");
  }
  *read_ms = Seconds(read_start, read_end) * 1000;
  return absl::OkStatus();
}

void PrintPath(const std::string& path, const Workload& w,
               const PathResult& result,
               const clout::v1::GetStatsResponse& stats) {
  const double total = result.seconds + result.read_ms / 1000;
  const double rate = w.samples / total;
  const double goal = path == "stream" ? 1e6 : 3e6;
  Line("clout backfill wall time", Fixed(result.seconds, 2), "s");
  Line("first read after it (queryable)", Fixed(result.read_ms, 2), "ms");
  Line("samples stored (GetStats)", Grouped(stats.samples()), "samples");
  Line("rate, until queryable", Grouped(static_cast<int64_t>(rate)),
       "samples/s",
       StrCat("  target >= ", Grouped(static_cast<int64_t>(goal)), ": ",
              rate >= goal ? "met" : "MISSED"));
  Line("clout CPU (user + system)", Fixed(result.client_cpu, 2), "s");
  Line("cloutd CPU during the load", Fixed(result.server_cpu, 2), "s");
  Line("series / creators / posts",
       StrCat(stats.series(), " / ", stats.creators(), " / ", stats.posts()),
       "");
}

absl::Status RunPath(const std::string& path, const Workload& w,
                     const std::string& dir, PathResult* result) {
  Section(path == "stream" ? "streaming backfill (WriteStream)"
          : path == "upload"
              ? "bulk path, SST files uploaded (--bulk=upload)"
              : "bulk path, SST files on the server's machine (--bulk=local)");
  testing::CloutdOptions server_options;
  server_options.data_dir = dir + "/data-" + path;
  server_options.extra_flags = {"--plugins=" + dir + "/no-plugins"};
  auto server = testing::CloutdProcess::Start(server_options);
  if (!server.ok()) return server.status();
  const std::string target = (*server)->target();

  const std::vector<std::string> args = BackfillArgs(path, w, dir, target);
  const double cpu_before = ProcessCpuSeconds((*server)->pid());
  const double client_cpu_before = ChildrenCpuSeconds();
  const Clock::time_point start = Clock::now();
  testing::CliRun run = testing::RunClout(args);
  const Clock::time_point loaded = Clock::now();
  result->client_cpu = ChildrenCpuSeconds() - client_cpu_before;
  if (run.exit_code != 0) {
    return absl::InternalError(
        StrCat("clout backfill exited with ", run.exit_code, ": ", run.err));
  }
  auto channel =
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  auto query = clout::v1::Query::NewStub(channel);
  if (absl::Status st = ReadProbe(query.get(), w, &result->read_ms); !st.ok()) {
    return st;
  }
  result->server_cpu = ProcessCpuSeconds((*server)->pid()) - cpu_before;
  result->seconds = Seconds(start, loaded);

  auto admin = clout::v1::Admin::NewStub(channel);
  clout::v1::GetStatsResponse stats;
  grpc::ClientContext stats_ctx;
  grpc::Status st = admin->GetStats(&stats_ctx, {}, &stats);
  if (!st.ok()) return absl::InternalError("GetStats: " + st.error_message());
  if (stats.samples() != w.samples) {
    return absl::InternalError(StrCat("GetStats counts ", stats.samples(),
                                      " samples, the CSV holds ", w.samples));
  }
  PrintPath(path, w, *result, stats);
  (*server)->Kill(SIGTERM);
  return absl::OkStatus();
}

absl::Status Run(const WorkDir& work_dir, ResultLine* result) {
  const std::string& dir = work_dir.root;
  WorkloadOptions options;
  options.creators = absl::GetFlag(FLAGS_creators);
  options.days = absl::GetFlag(FLAGS_days);
  options.seed = absl::GetFlag(FLAGS_seed);
  Section(StrCat("workload: ", options.creators, " creators, ", options.days,
                 " days, seed ", options.seed));
  Workload w;
  const Clock::time_point start = Clock::now();
  if (absl::Status st = WriteCsv(options, dir, &w); !st.ok()) return st;
  Line("CSV written", Fixed(Seconds(start, Clock::now()), 2), "s");
  Line("samples", Grouped(w.samples), "samples");
  Line("lines", Grouped(w.lines), "lines");
  Line("CSV size", Grouped(w.bytes), "bytes");
  result->Add("samples", w.samples);
  result->Add("csv_bytes", w.bytes);
  for (absl::string_view part :
       absl::StrSplit(absl::GetFlag(FLAGS_paths), ',')) {
    const std::string path(part);
    PathResult r;
    absl::Status st = RunPath(path, w, dir, &r);
    if (!st.ok()) return st;
    result->Add(path + "_seconds", r.seconds, 3);
    result->Add(
        path + "_samples_per_s",
        static_cast<int64_t>(w.samples / (r.seconds + r.read_ms / 1000)));
    result->Add(path + "_client_cpu_s", r.client_cpu, 2);
    result->Add(path + "_server_cpu_s", r.server_cpu, 2);
  }
  return absl::OkStatus();
}

// The work folder, as the flags ask.
WorkDirSpec WorkDirFromFlags() {
  return {absl::GetFlag(FLAGS_work_dir),
          [] { return testing::MakeTempDir("clout_backfill_bench"); },
          /*folders=*/{},
          // The whole folder goes, even one given with --work_dir.
          /*always_remove_root=*/true, absl::GetFlag(FLAGS_keep)};
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  return clout::bench::BenchMain(argc, argv, clout::bench::WorkDirFromFlags,
                                 clout::bench::Run);
}

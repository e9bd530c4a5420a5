// ingest_bench: end-to-end benchmark of cloutd over gRPC on loopback.
//
//   ingest_bench [--creators=500] [--days=90] [--streams=2] [--keep] ...
//
// Phases, each printing its figures (one per line, with units):
//   1. starts a fresh cloutd (WAL on, not synced) and upserts the creator and
//      post records of the synthetic workload (bench/workload.h);
//   2. generates the workload once into a counting sink (pure generation
//      cost), then streams it with --streams concurrent Ingest.WriteStream
//      calls and measures throughput, server and client CPU and server RSS;
//   3. compacts (Admin.Compact) and reads the storage figures (GetStats);
//   4. measures Query.ReadSeries latency of one account and one post series;
//   5. loads the real TikTok hourly file into a second fresh cloutd;
//   6. unless --skip_baseline, writes the same workload into a plain
//      in-process RocksDB (bench/baseline_rocksdb.h) for comparison.
// The last line is "RESULT key=value ..." for scripts. Any mismatch (a
// rejected sample, a stored count that differs from the count sent, a read
// that differs from what was written) prints "FAIL: ..." and exits with 1.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/baseline_rocksdb.h"
#include "bench/real_data.h"
#include "bench/bench_support.h"
#include "bench/grpc_support.h"
#include "bench/workload.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/query.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"
#include "tests/support/cloutd_process.h"

#ifndef CLOUT_REAL_DATA_DIR
#define CLOUT_REAL_DATA_DIR ""
#endif

ABSL_FLAG(std::string, cloutd, clout::testing::DefaultCloutdPath(),
          "path of the cloutd binary to benchmark");
ABSL_FLAG(int, creators, 500, "synthetic creators");
ABSL_FLAG(int, days, 90, "days of synthetic history");
ABSL_FLAG(uint64_t, seed, 42, "workload seed");
ABSL_FLAG(int, streams, 2, "parallel WriteStream calls (one thread each)");
ABSL_FLAG(int64_t, batch_samples, 50000,
          "samples per WriteStream message (whole series are packed, so "
          "messages are slightly larger)");
ABSL_FLAG(std::string, real_data_dir, CLOUT_REAL_DATA_DIR,
          "folder holding tiktok_top_creators_hourly_2022.csv.gz");
ABSL_FLAG(std::string, work_dir, "",
          "folder for the databases; empty: a fresh temporary folder");
ABSL_FLAG(bool, keep, false, "keep the databases at the end");
ABSL_FLAG(int, read_iterations, 2000, "timed ReadSeries calls per series");
ABSL_FLAG(bool, skip_baseline, false, "skip the in-process RocksDB baseline");

namespace clout::bench {
namespace {

using clout::v1::Admin;
using clout::v1::Ingest;
using clout::v1::Query;
using clout::v1::WriteRequest;
using Clock = std::chrono::steady_clock;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
// Samples in the real TikTok hourly file after merging duplicate snapshots.
constexpr int64_t kExpectedRealSamples = 379132;
constexpr int kWarmupReads = 100;
// Records per UpsertCreators / UpsertPosts call.
constexpr int kRecordsPerUpsert = 1000;

double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

int64_t PeakRssBytes(pid_t pid) { return ProcessStatusBytes(pid, "VmHWM:"); }

absl::StatusOr<clout::v1::GetStatsResponse> CompactAndStat(Admin::Stub* admin,
                                                           double* seconds) {
  const Clock::time_point start = Clock::now();
  clout::v1::CompactResponse compacted;
  grpc::Status st = admin->Compact(Context(3600).get(),
                                   clout::v1::CompactRequest(), &compacted);
  if (!st.ok()) return RpcError("Admin.Compact", st);
  *seconds = Seconds(start, Clock::now());
  clout::v1::GetStatsResponse stats;
  st = admin->GetStats(Context(600).get(), clout::v1::GetStatsRequest(),
                       &stats);
  if (!st.ok()) return RpcError("Admin.GetStats", st);
  return stats;
}

void PrintStorage(const clout::v1::GetStatsResponse& stats,
                  double compact_seconds, const std::string& prefix,
                  ResultLine* result) {
  const double samples = static_cast<double>(stats.samples());
  const double table_bps = stats.sample_table_bytes() / samples;
  const double disk_bps = stats.bytes_on_disk() / samples;
  Line("compaction", Fixed(compact_seconds, 2), "s");
  Line("creators / posts / series stored",
       StrCat(stats.creators(), " / ", stats.posts(), " / ", stats.series()),
       "");
  Line("samples stored", Grouped(stats.samples()), "samples");
  Line("sample_table_bytes", Grouped(stats.sample_table_bytes()), "bytes");
  Line("bytes_on_disk", Grouped(stats.bytes_on_disk()), "bytes");
  Line("sample tables per sample", Fixed(table_bps, 3), "bytes/sample");
  Line("disk per sample", Fixed(disk_bps, 3), "bytes/sample");
  result->Add(prefix + "stored_samples", stats.samples());
  result->Add(prefix + "sample_table_bytes", stats.sample_table_bytes());
  result->Add(prefix + "bytes_on_disk", stats.bytes_on_disk());
  result->Add(prefix + "table_bytes_per_sample", table_bps, 4);
  result->Add(prefix + "disk_bytes_per_sample", disk_bps, 4);
}

// Stops `server` with SIGTERM and reports how it exited.
absl::Status StopServer(std::unique_ptr<testing::CloutdProcess>* server,
                        const std::string& name) {
  const Clock::time_point start = Clock::now();
  const int status = (*server)->Kill(SIGTERM);
  server->reset();
  Line(StrCat(name, " shutdown (SIGTERM)"), Fixed(Seconds(start, Clock::now()), 2),
       "s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(
        StrCat(name, " did not exit cleanly: wait status ", status));
  }
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Phases.

// Counts of the generated workload, plus the two series read back in the
// latency phase.
struct WorkloadCensus {
  int64_t series = 0;
  int64_t samples = 0;
  int64_t posts = 0;
  double wall_seconds = 0;
  double cpu_seconds = 0;
  SeriesData account_series;  // creator 0, "followers"
  SeriesData post_series;     // creator 0, first post, "views"
};

WorkloadCensus CountWorkload(const WorkloadOptions& workload) {
  WorkloadCensus census;
  const std::string first_post =
      workload.creators > 0 && !Posts(workload, 0).empty()
          ? Posts(workload, 0).front().post_id
          : "";
  const double cpu_start = SelfCpuSeconds();
  const Clock::time_point start = Clock::now();
  for (int c = 0; c < workload.creators; ++c) {
    GenerateCreator(workload, c, [&](SeriesData&& s) {
      ++census.series;
      census.samples += static_cast<int64_t>(s.timestamps_ms.size());
      if (c != 0) return;
      if (s.post_id.empty() && s.field == "followers") {
        census.account_series = std::move(s);
      } else if (!first_post.empty() && s.post_id == first_post &&
                 s.field == "views") {
        census.post_series = std::move(s);
      }
    });
  }
  census.wall_seconds = Seconds(start, Clock::now());
  census.cpu_seconds = SelfCpuSeconds() - cpu_start;
  for (int c = 0; c < workload.creators; ++c) {
    census.posts += static_cast<int64_t>(Posts(workload, c).size());
  }
  return census;
}

absl::Status UpsertRecords(Ingest::Stub* ingest,
                           const WorkloadOptions& workload, double* seconds) {
  const Clock::time_point start = Clock::now();
  clout::v1::UpsertCreatorsRequest creators;
  auto send_creators = [&]() -> absl::Status {
    if (creators.creators_size() == 0) return absl::OkStatus();
    clout::v1::UpsertCreatorsResponse response;
    grpc::Status st =
        ingest->UpsertCreators(Context(120).get(), creators, &response);
    creators.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertCreators", st);
  };
  for (int c = 0; c < workload.creators; ++c) {
    clout::v1::Creator* creator = creators.add_creators();
    creator->set_creator_id(CreatorId(c));
    creator->set_platform("tiktok");
    creator->set_handle(StrCat("synth_creator_", c));
    creator->set_display_name(StrCat("Synthetic creator ", c));
    (*creator->mutable_labels())["source"] = "synthetic";
    if (creators.creators_size() >= kRecordsPerUpsert) {
      if (absl::Status st = send_creators(); !st.ok()) return st;
    }
  }
  if (absl::Status st = send_creators(); !st.ok()) return st;

  clout::v1::UpsertPostsRequest posts;
  auto send_posts = [&]() -> absl::Status {
    if (posts.posts_size() == 0) return absl::OkStatus();
    clout::v1::UpsertPostsResponse response;
    grpc::Status st = ingest->UpsertPosts(Context(120).get(), posts, &response);
    posts.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertPosts", st);
  };
  for (int c = 0; c < workload.creators; ++c) {
    for (const PostInfo& info : Posts(workload, c)) {
      clout::v1::Post* post = posts.add_posts();
      post->set_creator_id(info.creator_id);
      post->set_post_id(info.post_id);
      post->set_published_ms(info.published_ms);
      if (posts.posts_size() >= kRecordsPerUpsert) {
        if (absl::Status st = send_posts(); !st.ok()) return st;
      }
    }
  }
  if (absl::Status st = send_posts(); !st.ok()) return st;
  *seconds = Seconds(start, Clock::now());
  return absl::OkStatus();
}

struct IngestFigures {
  int64_t samples = 0;
  int64_t messages = 0;
  double wall_seconds = 0;
  double server_cpu_seconds = 0;
  double client_cpu_seconds = 0;
  int64_t server_peak_rss = 0;
};

// Streams the workload with `streams` parallel WriteStream calls, creator i
// on stream i % streams, each stream on its own thread and channel.
absl::StatusOr<IngestFigures> IngestWorkload(const std::string& target,
                                             pid_t server_pid,
                                             const WorkloadOptions& workload,
                                             int streams,
                                             int64_t batch_samples) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<Ingest::Stub>> stubs;
  for (int i = 0; i < streams; ++i) {
    channels.push_back(NewChannel(target));
    if (!channels.back()->WaitForConnected(std::chrono::system_clock::now() +
                                           std::chrono::seconds(10))) {
      return absl::UnavailableError(StrCat("cannot connect to ", target));
    }
    stubs.push_back(Ingest::NewStub(channels.back()));
  }

  IngestFigures figures;
  std::vector<StreamOutcome> outcomes(streams);
  const double server_cpu_start = ProcessCpuSeconds(server_pid);
  const double client_cpu_start = SelfCpuSeconds();
  const Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < streams; ++i) {
    threads.emplace_back([&, i] {
      outcomes[i] = RunWriteStream(
          stubs[i].get(), batch_samples, StrCat("stream ", i),
          [&](const auto& add) {
            bool ok = true;
            for (int c = i; c < workload.creators && ok; c += streams) {
              GenerateCreator(workload, c, [&](SeriesData&& s) {
                if (ok) ok = add(s);
              });
            }
          });
    });
  }
  for (auto& thread : threads) thread.join();
  figures.wall_seconds = Seconds(start, Clock::now());
  figures.client_cpu_seconds = SelfCpuSeconds() - client_cpu_start;
  figures.server_cpu_seconds =
      ProcessCpuSeconds(server_pid) - server_cpu_start;
  figures.server_peak_rss = PeakRssBytes(server_pid);
  for (const StreamOutcome& outcome : outcomes) {
    if (!outcome.status.ok()) return outcome.status;
    figures.samples += outcome.samples_sent;
    figures.messages += outcome.messages_sent;
  }
  return figures;
}

struct Latency {
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // microseconds
  int64_t samples_returned = 0;
};

// Times `iterations` sequential ReadSeries calls (after kWarmupReads
// untimed ones) and checks that the raw samples returned equal `expected`
// restricted to [start_ms, end_ms).
absl::StatusOr<Latency> MeasureReads(Query::Stub* query,
                                     const SeriesData& expected,
                                     int64_t start_ms, int64_t end_ms,
                                     int iterations) {
  clout::v1::ReadSeriesRequest request;
  request.set_creator_id(expected.creator_id);
  request.set_post_id(expected.post_id);
  request.set_field(expected.field);
  request.set_start_ms(start_ms);
  request.set_end_ms(end_ms);
  const std::string name = StrCat("ReadSeries(", expected.creator_id, " ",
                                  expected.post_id, " ", expected.field, ")");

  clout::v1::ReadSeriesResponse response;
  std::vector<double> micros;
  micros.reserve(iterations);
  for (int i = 0; i < kWarmupReads + iterations; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = query->ReadSeries(&ctx, request, &response);
    const Clock::time_point end = Clock::now();
    if (!st.ok()) return RpcError(name, st);
    if (i >= kWarmupReads) {
      micros.push_back(std::chrono::duration<double, std::micro>(end - start)
                           .count());
    }
  }

  // Verify the last response against what was written.
  std::vector<int64_t> want_ts;
  std::vector<int64_t> want_values;
  for (size_t i = 0; i < expected.timestamps_ms.size(); ++i) {
    const int64_t t = expected.timestamps_ms[i];
    if (t >= start_ms && t < end_ms) {
      want_ts.push_back(t);
      want_values.push_back(expected.values[i]);
    }
  }
  if (!std::equal(want_ts.begin(), want_ts.end(),
                  response.timestamps_ms().begin(),
                  response.timestamps_ms().end()) ||
      !std::equal(want_values.begin(), want_values.end(),
                  response.values().begin(), response.values().end())) {
    return absl::InternalError(StrCat(
        name, " returned ", response.timestamps_ms_size(), " timestamps and ",
        response.values_size(), " values that differ from the ",
        want_ts.size(), " samples written"));
  }

  std::sort(micros.begin(), micros.end());
  auto rank = [&](double p) {
    // Nearest rank.
    size_t k = static_cast<size_t>(p * micros.size() + 0.999999);
    return micros[std::clamp<size_t>(k, 1, micros.size()) - 1];
  };
  Latency latency;
  latency.p50 = rank(0.50);
  latency.p90 = rank(0.90);
  latency.p99 = rank(0.99);
  latency.max = micros.back();
  latency.samples_returned = response.timestamps_ms_size();
  return latency;
}

void PrintLatency(const std::string& what, const Latency& l,
                  const std::string& key, ResultLine* result) {
  Line(StrCat(what, " samples returned"), Grouped(l.samples_returned),
       "samples");
  Line(StrCat(what, " p50"), Fixed(l.p50, 1), "us");
  Line(StrCat(what, " p90"), Fixed(l.p90, 1), "us");
  Line(StrCat(what, " p99"), Fixed(l.p99, 1), "us",
       "  (target < 1000 us)");
  Line(StrCat(what, " max"), Fixed(l.max, 1), "us");
  result->Add(key + "_samples", l.samples_returned);
  result->Add(key + "_p50_us", l.p50, 1);
  result->Add(key + "_p90_us", l.p90, 1);
  result->Add(key + "_p99_us", l.p99, 1);
  result->Add(key + "_max_us", l.max, 1);
}

struct Dirs {
  std::string root;
  bool root_is_temp = false;
  std::string synth;
  std::string real;
  std::string baseline;
};

absl::Status Run(ResultLine* result, Dirs* dirs) {
  WorkloadOptions workload;
  workload.seed = absl::GetFlag(FLAGS_seed);
  workload.creators = absl::GetFlag(FLAGS_creators);
  workload.days = absl::GetFlag(FLAGS_days);
  const int streams = absl::GetFlag(FLAGS_streams);
  const int64_t batch_samples = absl::GetFlag(FLAGS_batch_samples);
  const int read_iterations = absl::GetFlag(FLAGS_read_iterations);
  const std::string cloutd = absl::GetFlag(FLAGS_cloutd);
  if (workload.creators < 1 || workload.days < 1 || streams < 1 ||
      batch_samples < 1 || read_iterations < 1) {
    return absl::InvalidArgumentError(
        "--creators, --days, --streams, --batch_samples and "
        "--read_iterations must be >= 1");
  }
  const int64_t period_end_ms = workload.start_ms + workload.days * kDayMs;

  std::printf("ingest_bench: cloutd over gRPC on loopback (127.0.0.1)\n");
  Line("cloutd", cloutd, "");
  Line("work dir", dirs->root, "");
  Line("machine cores (online)",
       std::to_string(std::thread::hardware_concurrency()), "");
  Line("workload", StrCat(workload.creators, " creators x ", workload.days,
                          " days, seed ", workload.seed), "");
  Line("streams x batch", StrCat(streams, " x ~", Grouped(batch_samples)),
       "samples");

  // --- Generation alone.
  Section("Workload generation alone (1 thread, counting sink)");
  const WorkloadCensus census = CountWorkload(workload);
  Line("series", Grouped(census.series), "");
  Line("posts", Grouped(census.posts), "");
  Line("samples", Grouped(census.samples), "samples");
  Line("generation wall", Fixed(census.wall_seconds, 2), "s");
  Line("generation CPU", Fixed(census.cpu_seconds, 2), "s");
  Line("generation rate",
       Grouped(static_cast<int64_t>(census.samples / census.wall_seconds)),
       "samples/s");
  result->Add("samples", census.samples);
  result->Add("gen_cpu_s", census.cpu_seconds, 3);

  // --- Server 1: records and ingest.
  Section("Synthetic ingest (Ingest.WriteStream, WAL on, no --sync)");
  testing::CloutdOptions server_options;
  server_options.binary = cloutd;
  server_options.data_dir = dirs->synth;
  auto server = testing::CloutdProcess::Start(server_options);
  if (!server.ok()) return server.status();
  const std::string target = (*server)->target();
  auto channel = NewChannel(target);
  auto ingest = Ingest::NewStub(channel);
  auto query = Query::NewStub(channel);
  auto admin = Admin::NewStub(channel);

  double upsert_seconds = 0;
  if (absl::Status st = UpsertRecords(ingest.get(), workload, &upsert_seconds);
      !st.ok()) {
    return st;
  }
  Line("upsert creators + posts",
       StrCat(workload.creators, " + ", census.posts), "records",
       StrCat("  in ", Fixed(upsert_seconds, 3), " s"));

  absl::StatusOr<IngestFigures> ingested = IngestWorkload(
      target, (*server)->pid(), workload, streams, batch_samples);
  if (!ingested.ok()) return ingested.status();
  if (ingested->samples != census.samples) {
    return absl::InternalError(StrCat("sent ", ingested->samples,
                                      " samples, generated ", census.samples));
  }
  const double rate = ingested->samples / ingested->wall_seconds;
  Line("samples sent (all acknowledged)", Grouped(ingested->samples),
       "samples");
  Line("WriteStream messages", Grouped(ingested->messages), "");
  Line("wall (stream start to last response)",
       Fixed(ingested->wall_seconds, 3), "s");
  Line("throughput", Grouped(static_cast<int64_t>(rate)), "samples/s",
       "  (target >= 2,000,000)");
  Line("server CPU (utime+stime)", Fixed(ingested->server_cpu_seconds, 2),
       "s", StrCat("  = ", Fixed(ingested->server_cpu_seconds /
                                     ingested->wall_seconds, 2),
                   " cores"));
  Line("client CPU (incl. generation)",
       Fixed(ingested->client_cpu_seconds, 2), "s",
       StrCat("  = ", Fixed(ingested->client_cpu_seconds /
                                ingested->wall_seconds, 2),
              " cores"));
  Line("  of which generation (measured above)", Fixed(census.cpu_seconds, 2),
       "s");
  Line("  client gRPC + packing (difference)",
       Fixed(ingested->client_cpu_seconds - census.cpu_seconds, 2), "s");
  Line("server peak RSS (VmHWM)",
       Fixed(ingested->server_peak_rss / 1048576.0, 1), "MiB");
  result->Add("ingest_s", ingested->wall_seconds, 3);
  result->Add("ingest_samples_per_s", static_cast<int64_t>(rate));
  result->Add("server_cpu_s", ingested->server_cpu_seconds, 2);
  result->Add("client_cpu_s", ingested->client_cpu_seconds, 2);
  result->Add("server_peak_rss_bytes", ingested->server_peak_rss);

  // --- Compaction and storage.
  Section("Storage after Admin.Compact (Admin.GetStats)");
  double compact_seconds = 0;
  absl::StatusOr<clout::v1::GetStatsResponse> stats =
      CompactAndStat(admin.get(), &compact_seconds);
  if (!stats.ok()) return stats.status();
  PrintStorage(*stats, compact_seconds, "", result);
  if (stats->samples() != census.samples) {
    return absl::InternalError(StrCat("server stores ", stats->samples(),
                                      " samples, ", census.samples,
                                      " were sent"));
  }
  Note("targets: <= 1.0 byte/sample");

  // --- Reads.
  Section(StrCat("Query.ReadSeries latency (raw, ", workload.days,
                 " days, ", read_iterations, " sequential calls after ",
                 kWarmupReads, " warm-up)"));
  absl::StatusOr<Latency> account =
      MeasureReads(query.get(), census.account_series, workload.start_ms,
                   period_end_ms, read_iterations);
  if (!account.ok()) return account.status();
  PrintLatency("account followers", *account, "read_account", result);
  absl::StatusOr<Latency> post =
      MeasureReads(query.get(), census.post_series, workload.start_ms,
                   period_end_ms, read_iterations);
  if (!post.ok()) return post.status();
  PrintLatency("post views", *post, "read_post", result);
  Line("server peak RSS (VmHWM) at the end",
       Fixed(PeakRssBytes((*server)->pid()) / 1048576.0, 1), "MiB");
  if (absl::Status st = StopServer(&*server, "synthetic cloutd"); !st.ok()) {
    return st;
  }

  // --- Real data.
  Section("Real data: TikTok top creators, hourly 2022");
  const std::string real_path = StrCat(absl::GetFlag(FLAGS_real_data_dir),
                                       "/", kTikTokHourlyFile);
  std::vector<SeriesData> real;
  std::string error;
  const Clock::time_point parse_start = Clock::now();
  if (!LoadTikTokHourly(real_path, &real, &error)) {
    return absl::NotFoundError(StrCat("real data: ", error));
  }
  const double parse_seconds = Seconds(parse_start, Clock::now());
  int64_t real_samples = 0;
  std::set<std::string> real_creators;
  for (const SeriesData& s : real) {
    real_samples += static_cast<int64_t>(s.timestamps_ms.size());
    real_creators.insert(s.creator_id);
  }
  Line("file", real_path, "");
  Line("parse (gunzip + CSV, in client)", Fixed(parse_seconds, 2), "s");
  Line("creators / series", StrCat(real_creators.size(), " / ", real.size()),
       "");
  if (real_samples != kExpectedRealSamples) {
    return absl::InternalError(StrCat("the real file holds ", real_samples,
                                      " samples, expected ",
                                      kExpectedRealSamples));
  }
  server_options.data_dir = dirs->real;
  auto real_server = testing::CloutdProcess::Start(server_options);
  if (!real_server.ok()) return real_server.status();
  auto real_channel = NewChannel((*real_server)->target());
  auto real_ingest = Ingest::NewStub(real_channel);
  auto real_admin = Admin::NewStub(real_channel);
  {
    clout::v1::UpsertCreatorsRequest request;
    for (const std::string& id : real_creators) {
      clout::v1::Creator* creator = request.add_creators();
      creator->set_creator_id(id);
      creator->set_platform("tiktok");
    }
    clout::v1::UpsertCreatorsResponse response;
    grpc::Status st = real_ingest->UpsertCreators(Context(120).get(), request,
                                                  &response);
    if (!st.ok()) return RpcError("UpsertCreators (real)", st);
  }
  const Clock::time_point real_start = Clock::now();
  const StreamOutcome real_outcome = RunWriteStream(
      real_ingest.get(), batch_samples, "real data",
      [&](const auto& add) {
        for (const SeriesData& s : real) {
          if (!add(s)) break;
        }
      });
  const double real_seconds = Seconds(real_start, Clock::now());
  if (!real_outcome.status.ok()) return real_outcome.status;
  const double real_rate = real_samples / real_seconds;
  Line("samples sent (all acknowledged)", Grouped(real_outcome.samples_sent),
       "samples");
  Line("write wall (1 stream)", Fixed(real_seconds, 3), "s");
  Line("load rate", Grouped(static_cast<int64_t>(real_rate)), "samples/s");
  double real_compact_seconds = 0;
  absl::StatusOr<clout::v1::GetStatsResponse> real_stats =
      CompactAndStat(real_admin.get(), &real_compact_seconds);
  if (!real_stats.ok()) return real_stats.status();
  PrintStorage(*real_stats, real_compact_seconds, "real_", result);
  if (real_stats->samples() != kExpectedRealSamples) {
    return absl::InternalError(StrCat("real server stores ",
                                      real_stats->samples(), " samples, ",
                                      kExpectedRealSamples, " were sent"));
  }
  Note("target: <= 2.0 bytes/sample");
  result->Add("real_samples_per_s", static_cast<int64_t>(real_rate));
  if (absl::Status st = StopServer(&*real_server, "real-data cloutd");
      !st.ok()) {
    return st;
  }

  // --- Baseline.
  if (absl::GetFlag(FLAGS_skip_baseline)) {
    Section("Baseline skipped (--skip_baseline)");
    return absl::OkStatus();
  }
  Section("Baseline: plain RocksDB, one key per sample, IN PROCESS (no RPC)");
  Note("key = series name + 8-byte big-endian ts, value = varint; LZ4; WAL "
       "on, not synced");
  Note(StrCat(streams, " writer threads, WriteBatch of ~",
              Grouped(batch_samples),
              " samples; generation included as for clout"));
  BaselineOptions baseline_options;
  baseline_options.dir = dirs->baseline;
  baseline_options.threads = streams;
  baseline_options.batch_samples = batch_samples;
  absl::StatusOr<BaselineResult> baseline =
      RunRocksDbBaseline(workload, baseline_options);
  if (!baseline.ok()) return baseline.status();
  if (baseline->samples != census.samples) {
    return absl::InternalError(StrCat("baseline wrote ", baseline->samples,
                                      " samples, generated ",
                                      census.samples));
  }
  const double base_rate = baseline->samples / baseline->write_seconds;
  const double base_bps =
      static_cast<double>(baseline->sst_bytes) / baseline->samples;
  const double clout_bps =
      static_cast<double>(stats->sample_table_bytes()) / stats->samples();
  Line("samples written", Grouped(baseline->samples), "samples");
  Line("write wall", Fixed(baseline->write_seconds, 3), "s");
  Line("throughput", Grouped(static_cast<int64_t>(base_rate)), "samples/s");
  Line("process CPU during writes", Fixed(baseline->write_cpu_seconds, 2),
       "s");
  Line("CompactRange", Fixed(baseline->compact_seconds, 2), "s");
  Line("SST bytes after compaction", Grouped(baseline->sst_bytes), "bytes");
  Line("folder bytes after compaction", Grouped(baseline->dir_bytes),
       "bytes");
  Line("SST per sample", Fixed(base_bps, 3), "bytes/sample");
  Section("clout (gRPC, loopback) vs baseline (in process, no RPC)");
  Line("throughput ratio clout/baseline", Fixed(rate / base_rate, 2), "x");
  Line("size ratio clout/baseline", Fixed(clout_bps / base_bps, 3), "x",
       "  (sample_table_bytes vs SST bytes)");
  result->Add("baseline_samples_per_s", static_cast<int64_t>(base_rate));
  result->Add("baseline_bytes_per_sample", base_bps, 4);
  result->Add("throughput_ratio", rate / base_rate, 3);
  result->Add("size_ratio", clout_bps / base_bps, 4);
  return absl::OkStatus();
}

// Prepares the work folder: a fresh temporary one, or --work_dir, in which
// the three database folders must not exist yet.
absl::Status PrepareDirs(Dirs* dirs) {
  const std::string flag = absl::GetFlag(FLAGS_work_dir);
  if (flag.empty()) {
    dirs->root = testing::MakeTempDir("ingest_bench");
    dirs->root_is_temp = true;
  } else {
    dirs->root = flag;
    std::error_code ec;
    std::filesystem::create_directories(dirs->root, ec);
    if (ec) {
      return absl::InvalidArgumentError(
          StrCat("cannot create --work_dir ", flag, ": ", ec.message()));
    }
  }
  dirs->synth = dirs->root + "/clout_synthetic";
  dirs->real = dirs->root + "/clout_real";
  dirs->baseline = dirs->root + "/baseline_rocksdb";
  for (const std::string* d : {&dirs->synth, &dirs->real, &dirs->baseline}) {
    if (std::filesystem::exists(*d)) {
      return absl::AlreadyExistsError(
          StrCat(*d, " exists; the benchmark needs fresh folders"));
    }
  }
  return absl::OkStatus();
}

// Removes what PrepareDirs set up (the whole folder if temporary, else the
// database folders only).
void RemoveDirs(const Dirs& dirs) {
  std::error_code ec;
  if (dirs.root_is_temp) {
    std::filesystem::remove_all(dirs.root, ec);
    return;
  }
  for (const std::string* d : {&dirs.synth, &dirs.real, &dirs.baseline}) {
    std::filesystem::remove_all(*d, ec);
  }
}

}  // namespace
}  // namespace clout::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  clout::bench::Dirs dirs;
  if (absl::Status st = clout::bench::PrepareDirs(&dirs); !st.ok()) {
    std::fprintf(stderr, "FAIL: %s\n", st.ToString().c_str());
    return 1;
  }
  clout::bench::ResultLine result;
  const absl::Status st = clout::bench::Run(&result, &dirs);
  if (absl::GetFlag(FLAGS_keep)) {
    std::printf("\nkept %s\n", dirs.root.c_str());
  } else {
    clout::bench::RemoveDirs(dirs);
  }
  if (!st.ok()) {
    std::fflush(stdout);
    std::fprintf(stderr, "FAIL: %s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("\n");
  result.Print();
  return 0;
}

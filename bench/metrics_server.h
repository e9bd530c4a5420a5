// The cloutd that metrics_bench measures: started with the built-in plugins,
// loaded with the synthetic workload, metered and stopped.
#ifndef CLOUT_BENCH_METRICS_SERVER_H_
#define CLOUT_BENCH_METRICS_SERVER_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/report.h"
#include "bench/workload.h"
#include "clout/v1/admin.grpc.pb.h"
#include "clout/v1/ingest.grpc.pb.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "tests/support/cloutd_process.h"

namespace clout::bench {

inline constexpr const char* kEngagement = "engagement_rate";
inline constexpr const char* kFollowerQuality = "follower_quality";
inline constexpr const char* kLikeVelocity = "like_velocity";

// How metrics_bench starts and loads its servers.
struct ServerConfig {
  std::string cloutd;   // The binary.
  std::string plugins;  // cloutd --plugins.
  int streams = 2;      // Parallel WriteStream calls while loading.
  int64_t batch_samples = 50000;
};

// One cloutd with its stubs on one channel.
struct Server {
  std::unique_ptr<testing::CloutdProcess> process;
  std::unique_ptr<clout::v1::Ingest::Stub> ingest;
  std::unique_ptr<clout::v1::Metrics::Stub> metrics;
  std::unique_ptr<clout::v1::Admin::Stub> admin;
  std::string target;
  // Offset added to end_ms of the next uncached Compute request, so that no
  // two requests are alike.
  int64_t next_end_offset_ms = 1;
  pid_t pid() const { return process->pid(); }
};

// Server CPU and memory over one step of a phase.
class ServerMeter {
 public:
  explicit ServerMeter(pid_t pid);
  // Prints CPU since construction, peak RSS so far and current RSS, and adds
  // <key>_server_cpu_s and <key>_server_hwm_mib to `result`.
  void Print(const std::string& step, double wall_seconds,
             const std::string& key, ResultLine* result) const;

 private:
  pid_t pid_;
  double cpu_start_;
};

// Starts cloutd on `data_dir` with --plugins and `extra_flags`, connects,
// and checks that the three built-in metrics are listed
// (FAILED_PRECONDITION otherwise). Prints the pid, target and metrics.
absl::StatusOr<Server> StartServer(
    const ServerConfig& config, const std::string& data_dir,
    const std::vector<std::string>& extra_flags = {});

// Closes the stubs, stops the server with SIGTERM and prints how long that
// took; INTERNAL unless it exited with status 0.
absl::Status StopServer(Server* server, const std::string& name);

struct LoadFigures {
  double upsert_seconds = 0;
  double ingest_seconds = 0;
  double compact_seconds = 0;
  double total_seconds() const {
    return upsert_seconds + ingest_seconds + compact_seconds;
  }
  int64_t samples = 0;
  int64_t posts = 0;
};

// Upserts the records, streams the workload over config.streams parallel
// calls (creator i on stream i % streams) and compacts; prints the figures
// and checks the stored counts against what was sent.
absl::StatusOr<LoadFigures> Load(const ServerConfig& config, Server* server,
                                 const WorkloadOptions& w,
                                 const std::string& key, ResultLine* result);

absl::StatusOr<clout::v1::GetStatsResponse> GetStats(
    clout::v1::Admin::Stub* admin);

// Calls into plugin code of `metric` counted by the server so far (cached
// answers do not call the plugin), or -1 if the metric is not listed.
absl::StatusOr<int64_t> PluginCalls(clout::v1::Admin::Stub* admin,
                                    const std::string& metric,
                                    double* mean_us = nullptr);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_METRICS_SERVER_H_

// cloutd: the clout server.
//
//   cloutd --listen=127.0.0.1:7420 --data=./data --plugins=./plugins
//
// Prints "cloutd listening on HOST:PORT" on stdout once it serves (with the
// port chosen when --listen asks for port 0). SIGTERM and SIGINT drain
// in-flight calls (up to --shutdown_grace_ms) and close the database.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/synchronization/mutex.h"
#include "server/common/log.h"
#include "server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:7420",
          "host:port to serve on; port 0 picks a free port");
ABSL_FLAG(std::string, data, "./data", "data folder (created if missing)");
ABSL_FLAG(std::string, plugins, "./plugins", "folder of metric plugins");
ABSL_FLAG(bool, sync, false,
          "fsync the write-ahead log before acknowledging each write "
          "(without it, acknowledged writes survive a process crash but not "
          "a power loss)");
ABSL_FLAG(int64_t, max_batch_samples, 1000000,
          "largest number of samples in one Write or WriteStream message");
ABSL_FLAG(int64_t, max_batch_series, 100000,
          "largest number of series in one Write or WriteStream message");
ABSL_FLAG(int, max_message_mb, 256, "largest request message, in MiB");
ABSL_FLAG(int, result_cache_mb, 256,
          "memory for cached metric results (0 disables the cache's reuse)");
ABSL_FLAG(int, sample_cache_mb, 512,
          "memory for decoded sample blocks, so that hot series are not "
          "decoded again on every read (0 disables the cache)");
ABSL_FLAG(int, shutdown_grace_ms, 10000,
          "how long in-flight calls may run on after SIGTERM or SIGINT");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warning or error");

namespace {

// The log level and cache sizes of the flags, checked; false (after saying
// why on stderr) if one is out of range.
bool CheckFlags() {
  clout::LogLevel level;
  if (!clout::ParseLogLevel(absl::GetFlag(FLAGS_log_level), &level)) {
    std::cerr << "cloutd: --log_level must be debug, info, warning or error\n";
    return false;
  }
  clout::SetLogLevel(level);
  for (const auto& [name, mb] :
       {std::pair<const char*, int>{"result_cache_mb",
                                    absl::GetFlag(FLAGS_result_cache_mb)},
        {"sample_cache_mb", absl::GetFlag(FLAGS_sample_cache_mb)}}) {
    if (mb < 0) {
      std::cerr << "cloutd: --" << name << " must be 0 or more (got " << mb
                << ")\n";
      return false;
    }
  }
  return true;
}

clout::ServerOptions OptionsFromFlags() {
  clout::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data);
  options.plugin_dir = absl::GetFlag(FLAGS_plugins);
  options.sync = absl::GetFlag(FLAGS_sync);
  options.limits.max_batch_samples = absl::GetFlag(FLAGS_max_batch_samples);
  options.limits.max_batch_series = absl::GetFlag(FLAGS_max_batch_series);
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_mb) << 20;
  options.result_cache_bytes =
      static_cast<size_t>(absl::GetFlag(FLAGS_result_cache_mb)) << 20;
  options.sample_cache_bytes =
      static_cast<size_t>(absl::GetFlag(FLAGS_sample_cache_mb)) << 20;
  return options;
}

// Serves until SIGTERM or SIGINT (of `signals`, blocked in every thread),
// reloading the plugins on SIGHUP.
void ServeUntilStopped(clout::Server* server, const sigset_t& signals) {
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      CLOUT_LOG(INFO) << "SIGHUP: reloading plugins";
      int loaded = 0, refused = 0;
      for (const auto& r : server->ReloadPlugins()) {
        (r.error.empty() ? loaded : refused)++;
      }
      CLOUT_LOG(INFO) << "reload done: " << loaded << " files loaded, "
                      << refused << " with problems";
      continue;
    }
    CLOUT_LOG(INFO) << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
                    << ": draining in-flight calls";
    return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "clout server: stores creator time series and serves the clout.v1 "
      "gRPC API.\nUsage: cloutd [--listen=HOST:PORT] [--data=DIR] "
      "[--plugins=DIR]");
  absl::ParseCommandLine(argc, argv);
  // Abseil's mutexes check every acquisition for lock-order cycles when the
  // library is built without NDEBUG (as Debian builds it); that bookkeeping
  // takes a global lock on every Lock call. The server's lock order is
  // fixed by design and its tests, so turn the check off.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (!CheckFlags()) return 2;

  // Block the shutdown signals in every thread; main waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const clout::ServerOptions options = OptionsFromFlags();
  auto server = clout::Server::Start(options);
  if (!server.ok()) {
    CLOUT_LOG(ERROR) << "cannot start: " << server.status();
    return 1;
  }
  std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::printf("cloutd listening on %s:%d\n", host.c_str(), (*server)->port());
  std::fflush(stdout);
  CLOUT_LOG(INFO) << "serving clout.v1 on " << host << ":" << (*server)->port();
  ServeUntilStopped(server->get(), signals);
  (*server)->Shutdown(
      std::chrono::milliseconds(absl::GetFlag(FLAGS_shutdown_grace_ms)));
  server->reset();
  CLOUT_LOG(INFO) << "stopped";
  return 0;
}

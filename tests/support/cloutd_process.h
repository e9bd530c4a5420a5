// CloutdProcess: runs a real cloutd as a child process, for tests and
// benchmarks. It listens on a free loopback port and keeps its data in the
// given folder.
//
//   auto server = CloutdProcess::Start({.data_dir = dir});
//   if (!server.ok()) ...;
//   std::string target = (*server)->target();   // "127.0.0.1:PORT"
//   (*server)->Kill(SIGKILL);
#ifndef CLOUT_TESTS_SUPPORT_CLOUTD_PROCESS_H_
#define CLOUT_TESTS_SUPPORT_CLOUTD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace clout::testing {

struct CloutdOptions {
  // Path of the cloutd binary; empty: $CLOUTD, then "cloutd" beside the
  // running executable's build tree (see DefaultCloutdPath).
  std::string binary;
  std::string data_dir;
  std::vector<std::string> extra_flags;
  // Seconds to wait for the "listening" line.
  int start_timeout_s = 30;
};

class CloutdProcess {
 public:
  // Starts cloutd and waits until it prints its port.
  static absl::StatusOr<std::unique_ptr<CloutdProcess>> Start(
      const CloutdOptions& options);

  // Sends SIGTERM and waits, if still running.
  ~CloutdProcess();

  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  std::string target() const;

  // Sends `signal` and waits for the process to exit; returns its wait
  // status (as from waitpid).
  int Kill(int signal);

 private:
  CloutdProcess() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  int stdout_fd_ = -1;
};

// $CLOUTD if set, else the cloutd built next to the tests (CLOUT_CLOUTD_PATH
// compile definition).
std::string DefaultCloutdPath();

// A fresh empty folder under the system temporary folder.
std::string MakeTempDir(const std::string& prefix);

}  // namespace clout::testing

#endif  // CLOUT_TESTS_SUPPORT_CLOUTD_PROCESS_H_

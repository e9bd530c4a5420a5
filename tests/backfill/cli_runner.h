// Running the `clout` command line from tests and benchmarks, as a child
// process with its output captured in files.
//
//   CliRun run = RunClout({"--server=" + target, "stats"});
//   EXPECT_EQ(run.exit_code, 0) << run.err;
#ifndef CLOUT_TESTS_BACKFILL_CLI_RUNNER_H_
#define CLOUT_TESTS_BACKFILL_CLI_RUNNER_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace clout::testing {

struct CliRun {
  int exit_code = -1;  // -1 if it did not exit normally.
  int signal = 0;      // The signal that ended it, if any.
  std::string out;     // stdout
  std::string err;     // stderr
};

// $CLOUT if set, else the clout built next to the tests (CLOUT_CLI_PATH).
std::string CloutPath();

// Runs clout with `args` and waits for it.
CliRun RunClout(const std::vector<std::string>& args);

// A clout started in the background; Wait() or Kill() it.
class CloutChild {
 public:
  explicit CloutChild(const std::vector<std::string>& args);
  ~CloutChild();
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits; returns what it printed.
  CliRun Kill(int signal);
  CliRun Wait();

 private:
  CliRun Collect(int status);
  pid_t pid_ = -1;
  std::string out_path_, err_path_;
};

// The whole content of a file ("" if it cannot be read).
std::string ReadFileText(const std::string& path);

}  // namespace clout::testing

#endif  // CLOUT_TESTS_BACKFILL_CLI_RUNNER_H_

#include "tests/support/cloutd_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "server/common/strings.h"

namespace clout::testing {

std::string DefaultCloutdPath() {
  if (const char* env = std::getenv("CLOUTD"); env != nullptr && *env) {
    return env;
  }
#ifdef CLOUT_CLOUTD_PATH
  return CLOUT_CLOUTD_PATH;
#else
  return "cloutd";
#endif
}

std::string MakeTempDir(const std::string& prefix) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             StrCat(prefix, "_", ::getpid(), "_", rd());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

absl::StatusOr<std::unique_ptr<CloutdProcess>> CloutdProcess::Start(
    const CloutdOptions& options) {
  const std::string binary =
      options.binary.empty() ? DefaultCloutdPath() : options.binary;
  std::vector<std::string> args = {binary, "--listen=127.0.0.1:0",
                                   StrCat("--data=", options.data_dir),
                                   "--log_level=warning"};
  args.insert(args.end(), options.extra_flags.begin(),
              options.extra_flags.end());
  int out[2];
  if (pipe(out) != 0) return absl::InternalError("pipe failed");
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", binary.c_str(),
                 std::strerror(errno));
    _exit(127);
  }
  close(out[1]);
  std::unique_ptr<CloutdProcess> p(new CloutdProcess());
  p->pid_ = pid;
  p->stdout_fd_ = out[0];
  // Read stdout until the "listening on HOST:PORT" line.
  std::string text;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::seconds(options.start_timeout_s);
  while (text.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    pollfd pfd{out[0], POLLIN, 0};
    if (left <= 0 || poll(&pfd, 1, static_cast<int>(left)) <= 0) {
      return absl::DeadlineExceededError(
          StrCat(binary, " did not report its port within ",
                 options.start_timeout_s, " s"));
    }
    char buf[256];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) {
      int status = 0;
      waitpid(pid, &status, 0);
      p->pid_ = -1;
      return absl::FailedPreconditionError(
          StrCat(binary, " exited before serving (status ", status,
                 "); its stderr says why"));
    }
    text.append(buf, static_cast<size_t>(n));
  }
  size_t colon = text.rfind(':', text.find('\n'));
  if (text.rfind("cloutd listening on ", 0) != 0 ||
      colon == std::string::npos) {
    return absl::InternalError(StrCat("unexpected first line: ", text));
  }
  p->port_ = std::atoi(text.c_str() + colon + 1);
  return p;
}

CloutdProcess::~CloutdProcess() {
  if (pid_ > 0) Kill(SIGTERM);
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::string CloutdProcess::target() const {
  return StrCat("127.0.0.1:", port_);
}

int CloutdProcess::Kill(int signal) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

}  // namespace clout::testing

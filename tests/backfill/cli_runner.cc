#include "tests/backfill/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace clout::testing {

std::string CloutPath() {
  if (const char* env = std::getenv("CLOUT"); env != nullptr && *env) {
    return env;
  }
#ifdef CLOUT_CLI_PATH
  return CLOUT_CLI_PATH;
#else
  return "clout";
#endif
}

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {
std::atomic<int> counter{0};
}  // namespace

CloutChild::CloutChild(const std::vector<std::string>& args) {
  const auto base = std::filesystem::temp_directory_path() /
                    ("clout_cli_" + std::to_string(::getpid()) + "_" +
                     std::to_string(counter++));
  out_path_ = base.string() + ".out";
  err_path_ = base.string() + ".err";
  const std::string binary = CloutPath();
  std::vector<std::string> argv_text = {binary};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ == 0) {
    const int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", binary.c_str(),
                 std::strerror(errno));
    _exit(127);
  }
}

CloutChild::~CloutChild() {
  if (pid_ > 0) Kill(SIGKILL);
  std::error_code ec;
  std::filesystem::remove(out_path_, ec);
  std::filesystem::remove(err_path_, ec);
}

CliRun CloutChild::Collect(int status) {
  CliRun run;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = ReadFileText(out_path_);
  run.err = ReadFileText(err_path_);
  pid_ = -1;
  return run;
}

CliRun CloutChild::Kill(int signal) {
  if (pid_ <= 0) return CliRun();
  ::kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  return Collect(status);
}

CliRun CloutChild::Wait() {
  if (pid_ <= 0) return CliRun();
  int status = 0;
  waitpid(pid_, &status, 0);
  return Collect(status);
}

CliRun RunClout(const std::vector<std::string>& args) {
  CloutChild child(args);
  return child.Wait();
}

}  // namespace clout::testing

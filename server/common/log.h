// A small leveled logger writing one line per message to stderr:
//
//   2026-11-26T01:02:03.456Z I cloutd_main.cc:42] listening on 127.0.0.1:7420
//
// Usage: CLOUT_LOG(INFO) << "opened " << path;
// Messages below the level set with SetLogLevel are skipped cheaply. Safe
// to use from any thread; each message is written with one write(2).
#ifndef CLOUT_SERVER_COMMON_LOG_H_
#define CLOUT_SERVER_COMMON_LOG_H_

#include <sstream>
#include <string_view>

namespace clout {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Sets the lowest level that is written. Default: kInfo.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// Parses "debug", "info", "warning" or "error"; false if none of them.
bool ParseLogLevel(std::string_view text, LogLevel* level);

class LogMessage {
 public:
  LogMessage(LogLevel level, const char* file, int line);
  ~LogMessage();
  LogMessage(const LogMessage&) = delete;
  LogMessage& operator=(const LogMessage&) = delete;
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

}  // namespace clout

#define CLOUT_LOG_LEVEL_DEBUG ::clout::LogLevel::kDebug
#define CLOUT_LOG_LEVEL_INFO ::clout::LogLevel::kInfo
#define CLOUT_LOG_LEVEL_WARNING ::clout::LogLevel::kWarning
#define CLOUT_LOG_LEVEL_ERROR ::clout::LogLevel::kError

#define CLOUT_LOG(level)                                  \
  if (CLOUT_LOG_LEVEL_##level < ::clout::GetLogLevel()) { \
  } else                                                  \
    ::clout::LogMessage(CLOUT_LOG_LEVEL_##level, __FILE__, __LINE__).stream()

#endif  // CLOUT_SERVER_COMMON_LOG_H_

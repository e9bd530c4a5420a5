#include "clients/cli/commands/cli_common.h"

#include <cstdlib>
#include <ctime>
#include <iostream>

#include "clout/v1/ingest.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"

namespace clout::cli {

int UsageError(const std::string& command, const std::string& problem) {
  std::cerr << "clout: " << problem << "\n"
            << "Run 'clout " << (command.empty() ? "" : command + " ")
            << "--help' for the usage.\n";
  return kExitUsage;
}

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  int i = static_cast<int>(code);
  return i >= 0 && i <= 16 ? kNames[i] : "UNKNOWN";
}

int Failed(const grpc::Status& st) {
  std::cerr << "clout: " << st.error_message() << " ("
            << CodeName(st.error_code()) << ")\n";
  google::rpc::Status details;
  clout::v1::WriteResponse write;
  if (details.ParseFromString(st.error_details()) &&
      details.details_size() == 1 && details.details(0).UnpackTo(&write)) {
    for (const auto& r : write.rejections()) {
      std::cerr << "  rejected: " << r.reason() << "\n";
    }
  }
  return st.error_code() == grpc::StatusCode::UNAVAILABLE ? kExitUnreachable
                                                          : kExitRefused;
}

bool ParseTime(const std::string& text, int64_t* ms) {
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') {
    *ms = v;
    return true;
  }
  std::tm tm{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (rest == nullptr) rest = strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (rest == nullptr || (*rest != '\0' && std::string(rest) != "Z")) {
    return false;
  }
  *ms = static_cast<int64_t>(timegm(&tm)) * 1000;
  return true;
}

std::string FormatTime(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void PrintJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  std::cout << out;
}

}  // namespace clout::cli

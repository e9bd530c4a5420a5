// What the subcommands of `clout` share: global options, exit codes, error
// reporting, time parsing and printing, channels.
#ifndef CLOUT_CLIENTS_CLI_COMMANDS_CLI_COMMON_H_
#define CLOUT_CLIENTS_CLI_COMMANDS_CLI_COMMON_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clients/cli/common/channel.h"
#include "google/protobuf/message.h"
#include "grpcpp/support/status.h"

namespace clout::cli {

// Exit codes of every subcommand (documented in `clout help`).
constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;      // The server refused or failed a call.
constexpr int kExitUsage = 2;        // Bad command line, mapping or input file.
constexpr int kExitUnreachable = 3;  // The server cannot be reached.
constexpr int kExitBadLines = 4;     // backfill: bad input lines were skipped.
constexpr int kExitTooManyErrors = 5;  // backfill: stopped at --max-errors.

struct GlobalOptions {
  std::string server = "127.0.0.1:7420";
  int timeout_s = 30;
  bool json = false;
};

// Prints "clout: <problem>" and a pointer to the command's help; returns
// kExitUsage.
int UsageError(const std::string& command, const std::string& problem);

// Name of a gRPC status code, e.g. "INVALID_ARGUMENT".
const char* CodeName(grpc::StatusCode code);

// Reports a failed call on stderr (with the rejections a WriteResponse in
// the status details carries); returns kExitUnreachable for UNAVAILABLE,
// kExitRefused otherwise.
int Failed(const grpc::Status& status);

// Parses epoch milliseconds or an ISO 8601 UTC time; false if neither.
bool ParseTime(const std::string& text, int64_t* ms);
// 2025-01-01T00:00:00Z.
std::string FormatTime(int64_t ms);

// Prints a message as indented JSON on stdout.
void PrintJson(const google::protobuf::Message& message);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_COMMANDS_CLI_COMMON_H_

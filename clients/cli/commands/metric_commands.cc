// metrics, compute and rank (client.h).
#include <cstdlib>
#include <iostream>

#include "clients/cli/commands/client.h"
#include "clients/cli/common/text_format.h"
#include "fmt/format.h"

namespace clout::cli {
namespace {

using MetricsStub = clout::v1::Metrics::Stub;
using ParameterMap =
    google::protobuf::Map<std::string, clout::v1::ParameterValue>;

// Parses NAME=VALUE parameters from args[from] on: integers, numbers,
// true/false, or a choice. The server checks them against the metric's
// schema. False if one is not NAME=VALUE.
bool ParseParams(const std::vector<std::string>& args, size_t from,
                 ParameterMap* out) {
  for (size_t i = from; i < args.size(); ++i) {
    const size_t eq = args[i].find('=');
    if (eq == std::string::npos || eq == 0) return false;
    const std::string name = args[i].substr(0, eq);
    const std::string text = args[i].substr(eq + 1);
    clout::v1::ParameterValue v;
    char* end = nullptr;
    const long long n = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && *end == '\0') {
      v.set_int_value(n);
    } else if (double d = std::strtod(text.c_str(), &end);
               !text.empty() && *end == '\0') {
      v.set_double_value(d);
    } else if (text == "true" || text == "false") {
      v.set_bool_value(text == "true");
    } else {
      v.set_choice(text);
    }
    (*out)[name] = v;
  }
  return true;
}

// Applies --from and --to; false (after printing why) on a bad time.
bool ParseWindow(const std::string& command, const CommandLine& line,
                 int64_t* start, int64_t* end) {
  const std::string from = line.Value("from"), to = line.Value("to");
  if (!from.empty() && !ParseTime(from, start)) {
    UsageError(command, "--from: bad time '" + from + "'");
    return false;
  }
  if (!to.empty() && !ParseTime(to, end)) {
    UsageError(command, "--to: bad time '" + to + "'");
    return false;
  }
  return true;
}

void PrintResult(const clout::v1::MetricResult& m) {
  fmt::print("{} of {}: {} {}\n", m.metric(), m.creator_id(),
             Fixed(m.value(), 4), m.unit());
  if (!m.variant().empty()) {
    fmt::print("variant {}: {}\n", m.variant(), m.formula());
  }
  const Table components(
      {{28, Align::kLeft}, {14, Align::kRight}, {0, Align::kLeft, "  "}}, 2);
  for (const auto& c : m.components()) {
    components.Print({c.name(), c.value(), c.note()});
  }
  if (m.rows_size() == 0) return;
  const Table rows({{24, Align::kLeft}, {14, Align::kRight}}, 2);
  std::string text = "  " + rows.Format(0, "row");
  for (const auto& col : m.row_columns()) text += rows.Format(1, col);
  fmt::print("{}\n", text);
  for (const auto& row : m.rows()) {
    text = "  " + rows.Format(0, row.key());
    for (double v : row.values()) text += rows.Format(1, v);
    fmt::print("{}\n", text);
  }
}

}  // namespace

int Client::Metrics(const CommandLine& line) {
  if (int code = CheckNoArgs(line); code != kExitOk) return code;
  clout::v1::ListMetricsResponse r;
  if (int code = Call(metrics_.get(), &MetricsStub::ListMetrics, {}, &r);
      code != kPrintText) {
    return code;
  }
  for (const auto& m : r.metrics()) {
    fmt::print("{} {}  ({} {}, {})\n  {}\n", m.name(), m.version(), m.plugin(),
               m.plugin_version(), m.plugin_file(), m.description());
    const Table parameters({{16, Align::kLeft},
                            {12, Align::kLeft, " default "},
                            {0, Align::kLeft}},
                           4);
    for (const auto& p : m.parameters()) {
      const std::string def = p.type() == clout::v1::PARAMETER_TYPE_ENUM
                                  ? p.default_choice()
                                  : Fixed(p.default_number(), 6);
      parameters.Print({p.name(), def, p.description()});
    }
  }
  fmt::print("({} metrics)\n", r.metrics_size());
  return kExitOk;
}

int Client::Compute(const CommandLine& line) {
  clout::v1::ComputeRequest request;
  int64_t start = 0, end = 0;
  if (!ParseWindow("compute", line, &start, &end)) return kExitUsage;
  const std::vector<std::string>& args = line.args;
  if (args.size() < 2)
    return UsageError("compute", "compute needs METRIC CREATOR");
  request.set_metric(args[0]);
  request.set_creator_id(args[1]);
  request.set_start_ms(start);
  request.set_end_ms(end);
  if (!ParseParams(args, 2, request.mutable_parameters())) {
    return UsageError("compute", "parameters are NAME=VALUE");
  }
  clout::v1::ComputeResponse r;
  if (int code = Call(metrics_.get(), &MetricsStub::Compute, request, &r);
      code != kPrintText) {
    return code;
  }
  PrintResult(r.result());
  return kExitOk;
}

int Client::Rank(const CommandLine& line) {
  clout::v1::RankRequest request;
  int64_t start = 0, end = 0;
  if (!ParseWindow("rank", line, &start, &end)) return kExitUsage;
  request.set_top_k(std::atoi(line.Value("top", "10").c_str()));
  request.set_platform(line.Value("platform"));
  if (line.args.empty()) return UsageError("rank", "rank needs METRIC");
  request.set_metric(line.args[0]);
  request.set_start_ms(start);
  request.set_end_ms(end);
  if (!ParseParams(line.args, 1, request.mutable_parameters())) {
    return UsageError("rank", "parameters are NAME=VALUE");
  }
  clout::v1::RankResponse r;
  if (int code = Call(metrics_.get(), &MetricsStub::Rank, request, &r);
      code != kPrintText) {
    return code;
  }
  const Table table(
      {{5, Align::kRight}, {32, Align::kLeft, "  "}, {14, Align::kRight}});
  table.Print({"rank", "creator_id", r.unit()});
  for (const auto& e : r.entries()) {
    table.Print({int64_t{e.rank()}, e.creator_id(), e.value()});
  }
  fmt::print("({} creators considered, {} without data)\n",
             r.creators_considered(), r.creators_skipped());
  return kExitOk;
}

}  // namespace clout::cli

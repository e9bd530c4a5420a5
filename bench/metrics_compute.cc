#include "bench/metrics_compute.h"

#include <chrono>
#include <cmath>
#include <utility>
#include <vector>

#include "bench/grpc_support.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"

namespace clout::bench {
namespace {

// Targets (from the brief; this program does not tune anything).
constexpr double kComputeP50TargetUs = 500;
constexpr double kComputeP99TargetUs = 2000;

}  // namespace

absl::StatusOr<ComputeFigures> MeasureCompute(
    Server* server, const clout::v1::ComputeRequest& base, bool distinct,
    int iterations) {
  ComputeFigures f;
  clout::v1::ComputeRequest request = base;
  clout::v1::ComputeResponse response;
  std::vector<double> micros;
  micros.reserve(iterations);
  absl::StatusOr<int64_t> calls_before = 0;
  for (int i = 0; i < kWarmupCalls + iterations; ++i) {
    if (i == kWarmupCalls) {
      calls_before = PluginCalls(server->admin.get(), base.metric());
      if (!calls_before.ok()) return calls_before.status();
    }
    if (distinct)
      request.set_end_ms(base.end_ms() + server->next_end_offset_ms++);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = server->metrics->Compute(&ctx, request, &response);
    const double us = MicrosSince(start);
    if (!st.ok()) {
      return RpcError(
          StrCat("Compute(", base.metric(), ", ", base.creator_id(), ")"), st);
    }
    if (i >= kWarmupCalls) micros.push_back(us);
  }
  absl::StatusOr<int64_t> calls_after =
      PluginCalls(server->admin.get(), base.metric());
  if (!calls_after.ok()) return calls_after.status();
  f.plugin_calls = *calls_after - *calls_before;
  f.latency = Summarize(std::move(micros));
  f.value = response.result().value();
  f.rows = response.result().rows_size();
  if (!std::isfinite(f.value)) {
    return absl::InternalError(
        StrCat("Compute(", base.metric(), ") returned a non-finite value"));
  }
  return f;
}

absl::StatusOr<Latency> MeasureRpcFloor(Server* server, int iterations) {
  std::vector<double> micros;
  micros.reserve(iterations);
  clout::v1::ListMetricsResponse response;
  for (int i = 0; i < kWarmupCalls + iterations; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(30));
    response.Clear();
    const Clock::time_point start = Clock::now();
    const grpc::Status st = server->metrics->ListMetrics(
        &ctx, clout::v1::ListMetricsRequest(), &response);
    const double us = MicrosSince(start);
    if (!st.ok()) return RpcError("Metrics.ListMetrics", st);
    if (i >= kWarmupCalls) micros.push_back(us);
  }
  return Summarize(std::move(micros));
}

void PrintLatencyFull(const std::string& what, const Latency& l,
                      bool with_targets, const std::string& key,
                      ResultLine* result) {
  PrintLatencyLines(
      what, l, with_targets ? Target(l.p50, kComputeP50TargetUs, "us") : "",
      with_targets ? Target(l.p99, kComputeP99TargetUs, "us") : "", key,
      result);
}

void PrintLatencyShort(const std::string& what, const Latency& l,
                       const std::string& key, ResultLine* result) {
  Line(StrCat(what, " p50 / p99"),
       StrCat(Fixed(l.p50, 1), " / ", Fixed(l.p99, 1)), "us");
  result->Add(key + "_p50_us", l.p50, 1);
  result->Add(key + "_p99_us", l.p99, 1);
}

clout::v1::ParameterValue Choice(const std::string& choice) {
  clout::v1::ParameterValue v;
  v.set_choice(choice);
  return v;
}

}  // namespace clout::bench

#include "bench/metrics_rank.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "bench/grpc_support.h"
#include "bench/process_stats.h"
#include "clout/v1/metrics.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/common/strings.h"

namespace clout::bench {
namespace {

// Rank calls over a new window after the cold one.
constexpr int kRecomputedRankCalls = 20;

// Whether `r` ranks as `cold` did: as many entries, the same first and last.
bool SameAsCold(const clout::v1::RankResponse& cold,
                const clout::v1::RankResponse& r) {
  return r.entries_size() == cold.entries_size() &&
         (r.entries_size() == 0 ||
          (r.entries(0).creator_id() == cold.entries(0).creator_id() &&
           r.entries(r.entries_size() - 1).creator_id() ==
               cold.entries(cold.entries_size() - 1).creator_id()));
}

// The first call, with nothing cached.
absl::Status RankCold(Server* server, const clout::v1::RankRequest& request,
                      clout::v1::RankResponse* cold, RankFigures* f) {
  const Clock::time_point start = Clock::now();
  grpc::Status st = server->metrics->Rank(Context(1800).get(), request, cold);
  f->cold_ms = MicrosSince(start) / 1000;
  if (!st.ok()) return RpcError("Rank (cold)", st);
  return absl::OkStatus();
}

// Copies the cold answer's figures and checks its entry count.
absl::Status CheckCold(const clout::v1::RankResponse& cold, RankFigures* f) {
  f->considered = cold.creators_considered();
  f->skipped = cold.creators_skipped();
  f->entries = cold.entries_size();
  if (f->entries > 0) {
    f->first_creator = cold.entries(0).creator_id();
    f->first_value = cold.entries(0).value();
  }
  const int expected_entries = std::min(kTopK, f->considered - f->skipped);
  if (f->entries != expected_entries) {
    return absl::InternalError(StrCat(
        "Rank returned ", f->entries, " entries; expected ", expected_entries,
        " (considered ", f->considered, ", skipped ", f->skipped, ")"));
  }
  return absl::OkStatus();
}

// `iterations` repetitions of the identical request.
absl::StatusOr<Latency> RankWarm(Server* server,
                                 const clout::v1::RankRequest& request,
                                 const clout::v1::RankResponse& cold,
                                 int iterations) {
  std::vector<double> micros;
  micros.reserve(iterations);
  clout::v1::RankResponse warm;
  for (int i = 0; i < iterations; ++i) {
    warm.Clear();
    const Clock::time_point start = Clock::now();
    grpc::Status st =
        server->metrics->Rank(Context(1800).get(), request, &warm);
    micros.push_back(MicrosSince(start));
    if (!st.ok()) return RpcError("Rank (warm)", st);
    if (!SameAsCold(cold, warm)) {
      return absl::InternalError("a warm Rank differs from the cold one");
    }
  }
  return Summarize(std::move(micros));
}

// Windows no call asked for before: every creator computed again, over
// samples the calls before have read.
absl::Status RankNewWindows(Server* server,
                            const clout::v1::RankRequest& request,
                            const clout::v1::RankResponse& cold,
                            RankFigures* f) {
  std::vector<double> recomputed;
  const double cpu_before = ProcessCpuSeconds(server->pid());
  for (int i = 1; i <= kRecomputedRankCalls; ++i) {
    clout::v1::RankRequest moved = request;
    moved.set_end_ms(request.end_ms() + i);
    clout::v1::RankResponse response;
    const Clock::time_point start = Clock::now();
    grpc::Status st =
        server->metrics->Rank(Context(1800).get(), moved, &response);
    recomputed.push_back(MicrosSince(start));
    if (!st.ok()) return RpcError("Rank (new window)", st);
    if (!SameAsCold(cold, response)) {
      return absl::InternalError(
          "a Rank over a window moved by 1 ms differs from the cold one");
    }
  }
  f->recomputed_cpu_ms = (ProcessCpuSeconds(server->pid()) - cpu_before) *
                         1000 / kRecomputedRankCalls;
  f->recomputed = Summarize(std::move(recomputed));
  return absl::OkStatus();
}

void PrintCold(const RankFigures& f, int creators, double target_ms) {
  Line("creators considered / skipped", StrCat(f.considered, " / ", f.skipped),
       "", "  (skipped: no rateable post in the window)");
  Line(
      "entries returned", std::to_string(f.entries), "",
      StrCat("  (#1 ", f.first_creator, " = ", Fixed(f.first_value, 3), " %)"));
  Line(StrCat("cold: first call (all ", creators, " computed)"),
       Fixed(f.cold_ms, 2), "ms",
       StrCat(Target(f.cold_ms, target_ms, "ms"), "; plugin calls ",
              f.cold_plugin_calls));
  Line("cold: per creator considered",
       Fixed(f.considered > 0 ? 1000 * f.cold_ms / f.considered : 0, 1), "us",
       "  (wall time of the call / creators; the server computes on its "
       "compute threads)");
}

void PrintNewWindowAndWarm(const RankFigures& f, double target_ms) {
  Line(StrCat("new window (end_ms + 1..", kRecomputedRankCalls,
              " ms; all computed, samples read before) p50"),
       Fixed(f.recomputed.p50 / 1000, 2), "ms",
       StrCat(Target(f.recomputed.p50 / 1000, target_ms, "ms"), "; max ",
              Fixed(f.recomputed.max / 1000, 2), " ms"));
  Line("new window: server CPU per call / per creator",
       StrCat(Fixed(f.recomputed_cpu_ms, 2), " ms / ",
              Fixed(f.considered > 0 ? 1000 * f.recomputed_cpu_ms / f.considered
                                     : 0,
                    1),
              " us"),
       "", "  (all threads of cloutd, from /proc)");
  Line("warm p50 (served from the result cache)", Fixed(f.warm.p50 / 1000, 3),
       "ms", Target(f.warm.p50 / 1000, target_ms, "ms"));
  Line("warm p99", Fixed(f.warm.p99 / 1000, 3), "ms",
       Target(f.warm.p99 / 1000, target_ms, "ms"));
  Line("warm max", Fixed(f.warm.max / 1000, 3), "ms",
       StrCat("  plugin calls during warm calls: ", f.warm_plugin_calls));
}

}  // namespace

absl::StatusOr<RankFigures> MeasureRank(Server* server, int64_t start_ms,
                                        int64_t end_ms, int iterations) {
  clout::v1::RankRequest request;
  request.set_metric(kEngagement);
  request.set_top_k(kTopK);
  request.set_start_ms(start_ms);
  request.set_end_ms(end_ms);
  RankFigures f;
  auto calls = [&]() { return PluginCalls(server->admin.get(), kEngagement); };

  absl::StatusOr<int64_t> calls0 = calls();
  if (!calls0.ok()) return calls0.status();
  clout::v1::RankResponse cold;
  if (absl::Status st = RankCold(server, request, &cold, &f); !st.ok()) {
    return st;
  }
  absl::StatusOr<int64_t> calls1 = calls();
  if (!calls1.ok()) return calls1.status();
  f.cold_plugin_calls = *calls1 - *calls0;
  if (absl::Status st = CheckCold(cold, &f); !st.ok()) return st;

  // Later calls over the same data must rank as the cold one did.
  absl::StatusOr<Latency> warm = RankWarm(server, request, cold, iterations);
  if (!warm.ok()) return warm.status();
  absl::StatusOr<int64_t> calls2 = calls();
  if (!calls2.ok()) return calls2.status();
  f.warm_plugin_calls = *calls2 - *calls1;
  f.warm = *warm;
  if (absl::Status st = RankNewWindows(server, request, cold, &f); !st.ok()) {
    return st;
  }
  return f;
}

void PrintRank(const RankFigures& f, int creators, double target_ms,
               const std::string& key, ResultLine* result) {
  PrintCold(f, creators, target_ms);
  PrintNewWindowAndWarm(f, target_ms);
  result->Add(key + "_considered", static_cast<int64_t>(f.considered));
  result->Add(key + "_skipped", static_cast<int64_t>(f.skipped));
  result->Add(key + "_cold_ms", f.cold_ms, 2);
  result->Add(key + "_new_window_p50_ms", f.recomputed.p50 / 1000, 2);
  result->Add(key + "_new_window_cpu_ms", f.recomputed_cpu_ms, 2);
  result->Add(key + "_warm_p50_ms", f.warm.p50 / 1000, 3);
  result->Add(key + "_warm_p99_ms", f.warm.p99 / 1000, 3);
}

}  // namespace clout::bench

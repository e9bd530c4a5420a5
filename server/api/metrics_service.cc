// The Metrics service: the clout.v1 face of the metrics engine
// (server/metrics/metric_engine.h). It converts requests and results and
// maps the engine's errors to gRPC codes; the engine does the rest.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "clout/v1/metrics.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/metric_proto.h"
#include "server/api/services.h"

namespace clout::api {
namespace {

// A cancellation callback for the engine. ServerContext::IsCancelled takes
// gRPC's locks, too dear to ask for every plugin poll (it cost about a sixth
// of a Rank's time), so ask it at most once a millisecond and remember a
// yes. Shared by the threads of a batch or Rank.
std::function<bool()> CancelPoll(grpc::ServerContext* context) {
  struct Poll {
    std::mutex mu;
    std::chrono::steady_clock::time_point next_ask;
    std::atomic<bool> cancelled{false};
  };
  auto poll = std::make_shared<Poll>();
  return [context, poll] {
    if (poll->cancelled.load(std::memory_order_relaxed)) return true;
    const auto now = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(poll->mu, std::try_to_lock);
    // Another thread is asking right now; it will remember the answer.
    if (!lock.owns_lock() || now < poll->next_ask) return false;
    poll->next_ask = now + std::chrono::milliseconds(1);
    if (context->IsCancelled()) poll->cancelled = true;
    return poll->cancelled.load();
  };
}

// The engine's request for one of the three calls' common fields, bounded
// by the call's deadline and cancellation.
template <typename Proto>
metrics::MetricRequest ToRequest(grpc::ServerContext* context,
                                 const Proto& proto) {
  metrics::MetricRequest request;
  request.metric = proto.metric();
  request.start_ms = proto.start_ms();
  request.end_ms = proto.end_ms();
  request.params = ParamsFromProto(proto.parameters());
  // The gRPC deadline, on the steady clock.
  if (context->deadline() != std::chrono::system_clock::time_point::max()) {
    const auto left = context->deadline() - std::chrono::system_clock::now();
    request.deadline =
        std::chrono::steady_clock::now() +
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(left);
  }
  request.cancelled = CancelPoll(context);
  return request;
}

template <typename Proto>
metrics::CreatorFilter ToFilter(const Proto& proto) {
  metrics::CreatorFilter filter;
  filter.platform = proto.platform();
  filter.labels.insert(proto.labels().begin(), proto.labels().end());
  return filter;
}

class MetricsService final : public clout::v1::Metrics::Service {
 public:
  explicit MetricsService(const ServiceContext* context)
      : engine_(context->metrics) {}

  grpc::Status ListMetrics(grpc::ServerContext*,
                           const clout::v1::ListMetricsRequest*,
                           clout::v1::ListMetricsResponse* response) override {
    for (const auto& [name, metric] : engine_->Metrics()->metrics) {
      FillMetricInfo(*metric, response->add_metrics());
    }
    return grpc::Status::OK;
  }

  grpc::Status Compute(grpc::ServerContext* context,
                       const clout::v1::ComputeRequest* request,
                       clout::v1::ComputeResponse* response) override {
    absl::StatusOr<metrics::MetricResult> result =
        engine_->Compute(ToRequest(context, *request), request->creator_id());
    if (!result.ok()) return ToGrpc(result.status());
    FillMetricResult(*result, response->mutable_result());
    return grpc::Status::OK;
  }

  grpc::Status ComputeBatch(
      grpc::ServerContext* context,
      const clout::v1::ComputeBatchRequest* request,
      grpc::ServerWriter<clout::v1::ComputeBatchItem>* writer) override {
    std::mutex write_mu;
    bool client_gone = false;  // Guarded by write_mu.
    auto write = [&](const std::string& creator_id,
                     const absl::StatusOr<metrics::MetricResult>& result) {
      clout::v1::ComputeBatchItem item;
      item.set_creator_id(creator_id);
      if (result.ok()) {
        FillMetricResult(*result, item.mutable_result());
      } else {
        item.set_error_code(static_cast<int>(result.status().code()));
        item.set_error_message(std::string(result.status().message()));
      }
      std::lock_guard<std::mutex> lock(write_mu);
      if (!client_gone && !writer->Write(item)) client_gone = true;
      return !client_gone;
    };
    const std::vector<std::string> ids(request->creator_ids().begin(),
                                       request->creator_ids().end());
    absl::Status st = engine_->ComputeBatch(ToRequest(context, *request), ids,
                                            ToFilter(*request), write);
    if (st.ok() && context->IsCancelled()) {
      st = absl::CancelledError("the client cancelled the batch");
    }
    return ToGrpc(st);
  }

  grpc::Status Rank(grpc::ServerContext* context,
                    const clout::v1::RankRequest* request,
                    clout::v1::RankResponse* response) override {
    metrics::RankRequest rank;
    rank.metric = ToRequest(context, *request);
    rank.filter = ToFilter(*request);
    rank.top_k = request->top_k();
    rank.ascending = request->ascending();
    absl::StatusOr<metrics::RankResult> ranked = engine_->Rank(rank);
    if (!ranked.ok()) return ToGrpc(ranked.status());
    for (size_t i = 0; i < ranked->entries.size(); ++i) {
      auto* e = response->add_entries();
      e->set_rank(static_cast<int>(i + 1));
      e->set_creator_id(ranked->entries[i].creator_id);
      e->set_value(ranked->entries[i].value);
    }
    response->set_creators_considered(ranked->creators_considered);
    response->set_creators_skipped(ranked->creators_skipped);
    response->set_unit(ranked->unit);
    return grpc::Status::OK;
  }

 private:
  metrics::MetricEngine* const engine_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewMetricsService(
    const ServiceContext* context) {
  return std::make_unique<MetricsService>(context);
}

}  // namespace clout::api

// The Metrics service: runs plugin metrics over the stored series.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "clout/v1/metrics.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/parallel.h"
#include "server/common/strings.h"
#include "server/metrics/metric_inputs.h"
#include "server/plugin_host/metric_call.h"
#include "server/common/stamped_lru.h"

namespace clout::api {
namespace {

using plugin_host::Metric;
using plugin_host::ParamValue;

constexpr int kMaxTopK = 1000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

clout::v1::ParameterType ToProtoType(uint32_t type) {
  switch (type) {
    case CLOUT_PARAM_INT:
      return clout::v1::PARAMETER_TYPE_INT;
    case CLOUT_PARAM_DOUBLE:
      return clout::v1::PARAMETER_TYPE_DOUBLE;
    case CLOUT_PARAM_BOOL:
      return clout::v1::PARAMETER_TYPE_BOOL;
    default:
      return clout::v1::PARAMETER_TYPE_ENUM;
  }
}

void FillInfo(const Metric& m, clout::v1::MetricInfo* info) {
  info->set_name(m.name);
  info->set_version(m.version);
  info->set_description(m.description);
  info->set_plugin(m.plugin->name());
  info->set_plugin_version(m.plugin->version());
  info->set_plugin_file(m.plugin->file());
  info->set_output_kind(m.output_kind == CLOUT_OUTPUT_SERIES
                            ? clout::v1::OUTPUT_KIND_SERIES
                            : clout::v1::OUTPUT_KIND_SCALAR);
  info->set_unit(m.unit);
  info->set_thread_safe(m.thread_safe);
  for (const auto& f : m.account_fields) info->add_account_fields(f);
  for (const auto& f : m.post_fields) info->add_post_fields(f);
  for (const auto& p : m.params) {
    auto* spec = info->add_parameters();
    spec->set_name(p.name);
    spec->set_description(p.description);
    spec->set_type(ToProtoType(p.type));
    if (p.type == CLOUT_PARAM_ENUM) {
      spec->set_default_choice(p.choices[static_cast<size_t>(p.default_value)]);
      for (const auto& c : p.choices) spec->add_choices(c);
    } else {
      spec->set_default_number(p.default_value);
      spec->set_min(p.min_value);
      spec->set_max(p.max_value);
    }
  }
  for (const auto& v : m.Variants()) info->add_variants(v);
  for (const auto& c : m.row_columns) info->add_row_columns(c);
}

std::map<std::string, ParamValue> FromProto(
    const google::protobuf::Map<std::string, clout::v1::ParameterValue>& in) {
  std::map<std::string, ParamValue> out;
  for (const auto& [name, v] : in) {
    ParamValue p;
    switch (v.kind_case()) {
      case clout::v1::ParameterValue::kIntValue:
        p.kind = ParamValue::Kind::kInt;
        p.int_value = v.int_value();
        break;
      case clout::v1::ParameterValue::kDoubleValue:
        p.kind = ParamValue::Kind::kDouble;
        p.double_value = v.double_value();
        break;
      case clout::v1::ParameterValue::kBoolValue:
        p.kind = ParamValue::Kind::kBool;
        p.bool_value = v.bool_value();
        break;
      default:
        p.kind = ParamValue::Kind::kChoice;
        p.choice = v.choice();
        break;
    }
    out.emplace(name, std::move(p));
  }
  return out;
}

// A validated request, ready to run for any number of creators.
struct Job {
  std::shared_ptr<const Metric> metric;
  std::vector<double> params;
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // Only windows with an explicit end are cached: "now" moves.
  bool cacheable = false;
  plugin_host::CallOptions options;
};

class MetricsService final : public clout::v1::Metrics::Service {
 public:
  explicit MetricsService(const ServiceContext* context) : ctx_(context) {}

  grpc::Status ListMetrics(grpc::ServerContext*,
                           const clout::v1::ListMetricsRequest*,
                           clout::v1::ListMetricsResponse* response) override {
    for (const auto& [name, metric] : ctx_->plugins->Snapshot()->metrics) {
      FillInfo(*metric, response->add_metrics());
    }
    return grpc::Status::OK;
  }

  grpc::Status Compute(grpc::ServerContext* context,
                       const clout::v1::ComputeRequest* request,
                       clout::v1::ComputeResponse* response) override {
    absl::Status st = ValidateId("creator_id", request->creator_id());
    if (!st.ok()) return ToGrpc(st);
    absl::StatusOr<Job> job =
        MakeJob(context, request->metric(), request->start_ms(),
                request->end_ms(), request->parameters());
    if (!job.ok()) return ToGrpc(job.status());
    st = Run(*job, request->creator_id(), response->mutable_result());
    return ToGrpc(st);
  }

  grpc::Status ComputeBatch(
      grpc::ServerContext* context,
      const clout::v1::ComputeBatchRequest* request,
      grpc::ServerWriter<clout::v1::ComputeBatchItem>* writer) override {
    absl::StatusOr<Job> job =
        MakeJob(context, request->metric(), request->start_ms(),
                request->end_ms(), request->parameters());
    if (!job.ok()) return ToGrpc(job.status());
    CreatorList selected;
    if (request->creator_ids().empty()) {
      auto listed = SelectCreators(request->platform(), request->labels());
      if (!listed.ok()) return ToGrpc(listed.status());
      selected = std::move(*listed);
    } else {
      for (int i = 0; i < request->creator_ids_size(); ++i) {
        absl::Status st = ValidateId(StrCat("creator_ids[", i, "]"),
                                     request->creator_ids(i));
        if (!st.ok()) return ToGrpc(st);
      }
      selected = std::make_shared<const std::vector<std::string>>(
          request->creator_ids().begin(), request->creator_ids().end());
    }
    const std::vector<std::string>& creators = *selected;
    std::mutex write_mu;
    bool client_gone = false;
    ctx_->compute_pool->ParallelFor(creators.size(), [&](size_t i) {
      clout::v1::ComputeBatchItem item;
      item.set_creator_id(creators[i]);
      {
        std::lock_guard<std::mutex> lock(write_mu);
        if (client_gone) return;
      }
      absl::Status st = Run(*job, creators[i], item.mutable_result());
      if (!st.ok()) {
        item.clear_result();
        item.set_error_code(static_cast<int>(st.code()));
        item.set_error_message(std::string(st.message()));
      }
      std::lock_guard<std::mutex> lock(write_mu);
      if (!client_gone && !writer->Write(item)) client_gone = true;
    });
    if (client_gone || context->IsCancelled()) {
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          "the client cancelled the batch");
    }
    return grpc::Status::OK;
  }

  grpc::Status Rank(grpc::ServerContext* context,
                    const clout::v1::RankRequest* request,
                    clout::v1::RankResponse* response) override {
    const int top_k = request->top_k() == 0 ? 10 : request->top_k();
    if (top_k < 1 || top_k > kMaxTopK) {
      return ToGrpc(absl::InvalidArgumentError(StrCat(
          "top_k: ", request->top_k(), " is outside 1..", kMaxTopK)));
    }
    absl::StatusOr<Job> job =
        MakeJob(context, request->metric(), request->start_ms(),
                request->end_ms(), request->parameters());
    if (!job.ok()) return ToGrpc(job.status());
    if (job->metric->output_kind != CLOUT_OUTPUT_SCALAR) {
      return ToGrpc(absl::InvalidArgumentError(
          StrCat("metric: '", request->metric(),
                 "' produces a series; Rank needs a scalar metric")));
    }
    // Rank returns values only; the plugin may skip the rest.
    job->options.value_only = true;
    auto selected = SelectCreators(request->platform(), request->labels());
    if (!selected.ok()) return ToGrpc(selected.status());
    const std::vector<std::string>& creators = **selected;

    std::vector<std::pair<double, size_t>> values;  // (value, creator index)
    std::mutex mu;
    absl::Status fatal;
    std::atomic<bool> failed{false};  // Once set, the rest is not computed.
    int skipped = 0;
    ctx_->compute_pool->ParallelFor(creators.size(), [&](size_t i) {
      if (failed.load(std::memory_order_relaxed)) return;
      auto out = Evaluate(*job, creators[i]);
      std::lock_guard<std::mutex> lock(mu);
      if (out.ok()) {
        values.emplace_back((*out)->value, i);
      } else if (absl::IsFailedPrecondition(out.status()) ||
                 absl::IsNotFound(out.status())) {
        ++skipped;  // No data for this creator in the window.
      } else if (fatal.ok()) {
        fatal = out.status();
        failed = true;
      }
    });
    if (!fatal.ok()) return ToGrpc(fatal);
    const bool ascending = request->ascending();
    auto better = [ascending, &creators](const auto& a, const auto& b) {
      if (a.first != b.first) return ascending ? a.first < b.first
                                               : a.first > b.first;
      return creators[a.second] < creators[b.second];
    };
    const size_t k = std::min(values.size(), static_cast<size_t>(top_k));
    std::partial_sort(values.begin(), values.begin() + k, values.end(),
                      better);
    for (size_t i = 0; i < k; ++i) {
      auto* e = response->add_entries();
      e->set_rank(static_cast<int>(i + 1));
      e->set_creator_id(creators[values[i].second]);
      e->set_value(values[i].first);
    }
    response->set_creators_considered(static_cast<int>(creators.size()));
    response->set_creators_skipped(skipped);
    response->set_unit(job->metric->unit);
    return grpc::Status::OK;
  }

 private:
  absl::StatusOr<Job> MakeJob(
      grpc::ServerContext* context, const std::string& metric_name,
      int64_t start_ms, int64_t end_ms,
      const google::protobuf::Map<std::string, clout::v1::ParameterValue>&
          parameters) const {
    if (metric_name.empty()) {
      return absl::InvalidArgumentError("metric: is empty");
    }
    auto snapshot = ctx_->plugins->Snapshot();
    auto it = snapshot->metrics.find(metric_name);
    if (it == snapshot->metrics.end()) {
      std::string names;
      for (const auto& [name, m] : snapshot->metrics) {
        names += StrCat(names.empty() ? "" : ", ", name);
      }
      return absl::NotFoundError(
          StrCat("metric '", metric_name, "' is not loaded (loaded: ",
                 names.empty() ? "none" : names, ")"));
    }
    Job job;
    job.metric = it->second;
    job.start_ms = start_ms;
    job.end_ms = end_ms == 0 ? NowMs() : end_ms;
    job.cacheable = end_ms != 0;
    absl::Status st = ValidateRange(job.start_ms, job.end_ms);
    if (!st.ok()) return st;
    absl::StatusOr<std::vector<double>> params =
        plugin_host::ResolveParams(*job.metric, FromProto(parameters));
    if (!params.ok()) return params.status();
    job.params = std::move(*params);
    // The gRPC deadline, on the steady clock.
    const auto left = context->deadline() - std::chrono::system_clock::now();
    if (context->deadline() != std::chrono::system_clock::time_point::max()) {
      job.options.deadline = std::chrono::steady_clock::now() +
                             std::chrono::duration_cast<
                                 std::chrono::steady_clock::duration>(left);
    }
    // ServerContext::IsCancelled takes gRPC's locks, too dear to ask for
    // every plugin poll (it cost about a sixth of a Rank's time), so ask it at
    // most once a millisecond and remember a yes. Shared by the threads of a
    // batch or Rank.
    struct CancelPoll {
      std::mutex mu;
      std::chrono::steady_clock::time_point next_ask;
      std::atomic<bool> cancelled{false};
    };
    auto poll = std::make_shared<CancelPoll>();
    job.options.cancelled = [context, poll] {
      if (poll->cancelled.load(std::memory_order_relaxed)) return true;
      const auto now = std::chrono::steady_clock::now();
      std::unique_lock<std::mutex> lock(poll->mu, std::try_to_lock);
      // Another thread is asking right now; it will remember the answer.
      if (!lock.owns_lock() || now < poll->next_ask) return false;
      poll->next_ask = now + std::chrono::milliseconds(1);
      if (context->IsCancelled()) poll->cancelled = true;
      return poll->cancelled.load();
    };
    return job;
  }

  // Computes the metric for one creator, or takes it from the cache.
  metrics::ResultCache::Result Evaluate(const Job& job,
                                        const std::string& creator_id) const {
    metrics::ResultKey key;
    uint64_t generation = 0;
    if (job.cacheable) {
      // Read the generation before the data, so a concurrent write retires
      // what is computed from older data.
      generation = ctx_->store->CreatorGeneration(creator_id);
      key = {job.metric->serial, creator_id,          job.start_ms,
             job.end_ms,          job.params,          job.options.value_only};
      if (auto hit = ctx_->results->Find(key, generation)) return *hit;
    }
    // One input per thread, reused: its buffers outlive the call, what it
    // borrows from the caches does not (Release below).
    thread_local plugin_host::MetricInput input;
    absl::Status st = metrics::GatherInput(
        ctx_->store, *job.metric, ctx_->post_directory, ctx_->latest_samples,
        creator_id, job.start_ms, job.end_ms, &input);
    metrics::ResultCache::Result result =
        st.ok() ? metrics::ResultCache::Result(nullptr) : st;
    if (st.ok()) {
      auto out =
          plugin_host::CallMetric(*job.metric, input, job.params, job.options);
      if (out.ok()) {
        result = std::make_shared<const plugin_host::MetricOutput>(
            std::move(*out));
      } else {
        result = out.status();
      }
    }
    input.Release();
    // Cache what the data decided: values, and "no data" verdicts.
    const absl::Status& s = result.status();
    if (job.cacheable &&
        (s.ok() || absl::IsFailedPrecondition(s) || absl::IsNotFound(s))) {
      ctx_->results->Insert(key, generation, result);
    }
    return result;
  }

  absl::Status Run(const Job& job, const std::string& creator_id,
                   clout::v1::MetricResult* result) const {
    auto evaluated = Evaluate(job, creator_id);
    if (!evaluated.ok()) return evaluated.status();
    const plugin_host::MetricOutput* out = evaluated->get();
    const Metric& m = *job.metric;
    result->set_metric(m.name);
    result->set_metric_version(m.version);
    result->set_creator_id(creator_id);
    result->set_window_start_ms(job.start_ms);
    result->set_window_end_ms(job.end_ms);
    result->set_value(out->value);
    result->set_unit(m.unit);
    result->set_variant(out->variant);
    result->set_formula(out->formula);
    for (const auto& c : out->components) {
      auto* pc = result->add_components();
      pc->set_name(c.name);
      pc->set_value(c.value);
      pc->set_note(c.note);
    }
    for (const auto& c : m.row_columns) result->add_row_columns(c);
    for (const auto& r : out->rows) {
      auto* pr = result->add_rows();
      pr->set_key(r.key);
      pr->set_timestamp_ms(r.timestamp_ms);
      pr->mutable_values()->Add(r.values.begin(), r.values.end());
    }
    for (const auto& [t, v] : out->points) {
      auto* pp = result->add_points();
      pp->set_timestamp_ms(t);
      pp->set_value(v);
    }
    // Echo every parameter used, defaults included.
    for (size_t i = 0; i < m.params.size(); ++i) {
      const auto& p = m.params[i];
      clout::v1::ParameterValue v;
      switch (p.type) {
        case CLOUT_PARAM_INT:
          v.set_int_value(static_cast<int64_t>(job.params[i]));
          break;
        case CLOUT_PARAM_DOUBLE:
          v.set_double_value(job.params[i]);
          break;
        case CLOUT_PARAM_BOOL:
          v.set_bool_value(job.params[i] != 0);
          break;
        default:
          v.set_choice(p.choices[static_cast<size_t>(job.params[i])]);
          break;
      }
      (*result->mutable_parameters())[p.name] = std::move(v);
    }
    return absl::OkStatus();
  }

  using CreatorList = std::shared_ptr<const std::vector<std::string>>;

  // The ids of the creators matching the filter, in id order. Listing
  // parses every creator record, a large part of a Rank over thousands of
  // creators, so lists are kept until a creator record changes
  // (SeriesStore::CatalogGeneration).
  absl::StatusOr<CreatorList> SelectCreators(
      const std::string& platform,
      const google::protobuf::Map<std::string, std::string>& labels) const {
    storage::CreatorFilter filter;
    filter.platform = platform;
    filter.labels.insert(labels.begin(), labels.end());
    // Length-prefixed parts, so that no two filters share a key.
    std::string key = StrCat(platform.size(), ":", platform);
    for (const auto& [name, value] : filter.labels) {  // Sorted by name.
      key += StrCat(name.size(), ":", name, value.size(), ":", value);
    }
    // Read before listing: a change during the listing retires the list.
    const uint64_t catalog = ctx_->store->CatalogGeneration();
    if (CreatorList kept = selections_.Find(key, catalog)) return kept;
    auto creators = std::make_shared<std::vector<std::string>>();
    std::string after;
    do {
      auto page = ctx_->store->ListCreators(filter, after, 10000);
      if (!page.ok()) return page.status();
      for (const auto& c : page->creators) creators->push_back(c.creator_id);
      after = page->next_after;
    } while (!after.empty());
    size_t bytes = key.size() + 96 + creators->capacity() * sizeof(std::string);
    for (const std::string& id : *creators) bytes += id.capacity();
    selections_.Insert(key, catalog, creators, bytes);
    return CreatorList(std::move(creators));
  }

  const ServiceContext* ctx_;
  // The creator lists of filters, by filter and catalog generation.
  mutable StampedLru<std::vector<std::string>> selections_{
      size_t{32} << 20};
};

}  // namespace

std::unique_ptr<grpc::Service> NewMetricsService(const ServiceContext* context) {
  return std::make_unique<MetricsService>(context);
}

}  // namespace clout::api

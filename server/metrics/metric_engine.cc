#include "server/metrics/metric_engine.h"

#include <algorithm>
#include <atomic>
#include <mutex>

#include "server/common/input_rules.h"
#include "server/common/parallel.h"
#include "server/common/strings.h"
#include "server/metrics/creator_lists.h"
#include "server/metrics/latest_samples.h"
#include "server/metrics/metric_inputs.h"
#include "server/metrics/metric_job.h"
#include "server/metrics/post_directory.h"
#include "server/metrics/result_cache.h"

namespace clout::metrics {
namespace {

using Scores = std::vector<std::pair<double, size_t>>;  // (value, creator)

// "No data for this creator in the window": cached, and skipped by Rank.
bool IsNoData(const absl::Status& s) {
  return absl::IsFailedPrecondition(s) || absl::IsNotFound(s);
}

// The best `top_k` of `scores`, best first; ties in creator id order.
std::vector<RankResult::Entry> Best(Scores* scores, size_t top_k,
                                    bool ascending,
                                    const std::vector<std::string>& creators) {
  auto better = [ascending, &creators](const auto& a, const auto& b) {
    if (a.first != b.first) {
      return ascending ? a.first < b.first : a.first > b.first;
    }
    return creators[a.second] < creators[b.second];
  };
  const size_t k = std::min(scores->size(), top_k);
  std::partial_sort(scores->begin(), scores->begin() + k, scores->end(),
                    better);
  std::vector<RankResult::Entry> best(k);
  for (size_t i = 0; i < k; ++i) {
    best[i] = {creators[(*scores)[i].second], (*scores)[i].first};
  }
  return best;
}

class LocalMetricEngine final : public MetricEngine {
 public:
  LocalMetricEngine(storage::SeriesStore* store,
                    const plugin_host::MetricCatalog* catalog,
                    const Options& options)
      : store_(store),
        catalog_(catalog),
        results_(options.result_cache_bytes),
        post_directory_(store, options.post_directory_bytes),
        latest_samples_(store, options.latest_sample_bytes),
        creator_lists_(store),
        pool_(options.workers) {}

  std::shared_ptr<const plugin_host::RegistrySnapshot> Metrics()
      const override {
    return catalog_->Snapshot();
  }

  absl::StatusOr<MetricResult> Compute(const MetricRequest& request,
                                       const std::string& creator_id) override {
    absl::Status st = ValidateId("creator_id", creator_id);
    if (!st.ok()) return st;
    absl::StatusOr<MetricJob> job = MakeJob(*catalog_->Snapshot(), request);
    if (!job.ok()) return job.status();
    return Run(*job, creator_id);
  }

  absl::Status ComputeBatch(const MetricRequest& request,
                            const std::vector<std::string>& creator_ids,
                            const CreatorFilter& filter,
                            const BatchSink& sink) override;

  absl::StatusOr<RankResult> Rank(const RankRequest& request) override;

  Stats stats() const override {
    const ResultCache::Counters c = results_.counters();
    return {c.hits, c.misses, c.bytes};
  }

 private:
  // The explicit ids, checked, or else the creators matching `filter`.
  absl::StatusOr<CreatorLists::List> BatchCreators(
      const std::vector<std::string>& creator_ids, const CreatorFilter& filter);
  // Computes the job for every creator into *scores, counting the creators
  // without data in *skipped; the first other error stops the rest.
  absl::Status Score(const MetricJob& job,
                     const std::vector<std::string>& creators, Scores* scores,
                     int* skipped);
  // Computes the metric for one creator, or takes it from the cache.
  ResultCache::Result Evaluate(const MetricJob& job,
                               const std::string& creator_id);
  absl::StatusOr<MetricResult> Run(const MetricJob& job,
                                   const std::string& creator_id);

  storage::SeriesStore* const store_;
  const plugin_host::MetricCatalog* const catalog_;
  ResultCache results_;
  PostDirectory post_directory_;
  LatestSampleCache latest_samples_;
  CreatorLists creator_lists_;
  // Spreads ComputeBatch and Rank over the cores.
  WorkerPool pool_;
};

absl::Status LocalMetricEngine::ComputeBatch(
    const MetricRequest& request, const std::vector<std::string>& creator_ids,
    const CreatorFilter& filter, const BatchSink& sink) {
  absl::StatusOr<MetricJob> job = MakeJob(*catalog_->Snapshot(), request);
  if (!job.ok()) return job.status();
  absl::StatusOr<CreatorLists::List> selected =
      BatchCreators(creator_ids, filter);
  if (!selected.ok()) return selected.status();
  const std::vector<std::string>& creators = **selected;
  std::atomic<bool> stopped{false};
  pool_.ParallelFor(creators.size(), [&](size_t i) {
    if (stopped.load()) return;
    if (!sink(creators[i], Run(*job, creators[i]))) stopped = true;
  });
  if (stopped.load()) {
    return absl::CancelledError("the client cancelled the batch");
  }
  return absl::OkStatus();
}

absl::StatusOr<CreatorLists::List> LocalMetricEngine::BatchCreators(
    const std::vector<std::string>& creator_ids, const CreatorFilter& filter) {
  if (creator_ids.empty()) return creator_lists_.Select(filter);
  for (size_t i = 0; i < creator_ids.size(); ++i) {
    absl::Status st =
        ValidateId(StrCat("creator_ids[", i, "]"), creator_ids[i]);
    if (!st.ok()) return st;
  }
  return std::make_shared<const std::vector<std::string>>(creator_ids);
}

absl::StatusOr<RankResult> LocalMetricEngine::Rank(const RankRequest& request) {
  const int top_k = request.top_k == 0 ? 10 : request.top_k;
  if (top_k < 1 || top_k > kMaxTopK) {
    return absl::InvalidArgumentError(
        StrCat("top_k: ", request.top_k, " is outside 1..", kMaxTopK));
  }
  absl::StatusOr<MetricJob> job =
      MakeJob(*catalog_->Snapshot(), request.metric);
  if (!job.ok()) return job.status();
  if (job->metric->output_kind != CLOUT_OUTPUT_SCALAR) {
    return absl::InvalidArgumentError(
        StrCat("metric: '", request.metric.metric,
               "' produces a series; Rank needs a scalar metric"));
  }
  // Rank returns values only; the plugin may skip the rest.
  job->options.value_only = true;
  absl::StatusOr<CreatorLists::List> selected =
      creator_lists_.Select(request.filter);
  if (!selected.ok()) return selected.status();
  const std::vector<std::string>& creators = **selected;
  RankResult result;
  Scores scores;
  absl::Status st = Score(*job, creators, &scores, &result.creators_skipped);
  if (!st.ok()) return st;
  result.entries =
      Best(&scores, static_cast<size_t>(top_k), request.ascending, creators);
  result.creators_considered = static_cast<int>(creators.size());
  result.unit = job->metric->unit;
  return result;
}

absl::Status LocalMetricEngine::Score(const MetricJob& job,
                                      const std::vector<std::string>& creators,
                                      Scores* scores, int* skipped) {
  std::mutex mu;
  absl::Status fatal;
  std::atomic<bool> failed{false};  // Once set, the rest is not computed.
  pool_.ParallelFor(creators.size(), [&](size_t i) {
    if (failed.load(std::memory_order_relaxed)) return;
    auto out = Evaluate(job, creators[i]);
    std::lock_guard<std::mutex> lock(mu);
    if (out.ok()) {
      scores->emplace_back((*out)->value, i);
    } else if (IsNoData(out.status())) {
      ++*skipped;
    } else if (fatal.ok()) {
      fatal = out.status();
      failed = true;
    }
  });
  return fatal;
}

ResultCache::Result LocalMetricEngine::Evaluate(const MetricJob& job,
                                                const std::string& creator_id) {
  ResultKey key;
  uint64_t generation = 0;
  if (job.cacheable) {
    // Read the generation before the data, so a concurrent write retires
    // what is computed from older data.
    generation = store_->CreatorGeneration(creator_id);
    key = {job.metric->serial, creator_id, job.start_ms,
           job.end_ms,         job.params, job.options.value_only};
    if (auto hit = results_.Find(key, generation)) return *hit;
  }
  // One input per thread, reused: its buffers outlive the call, what it
  // borrows from the caches does not (Release below).
  thread_local plugin_host::MetricInput input;
  absl::Status st = GatherInput(
      {store_, &post_directory_, &latest_samples_},
      {job.metric.get(), creator_id, job.start_ms, job.end_ms}, &input);
  ResultCache::Result result = st.ok() ? ResultCache::Result(nullptr) : st;
  if (st.ok()) {
    auto out =
        plugin_host::CallMetric(*job.metric, input, job.params, job.options);
    if (out.ok()) {
      result =
          std::make_shared<const plugin_host::MetricOutput>(std::move(*out));
    } else {
      result = out.status();
    }
  }
  input.Release();
  // Cache what the data decided: values, and "no data" verdicts.
  const absl::Status& s = result.status();
  if (job.cacheable && (s.ok() || IsNoData(s))) {
    results_.Insert(key, generation, result);
  }
  return result;
}

absl::StatusOr<MetricResult> LocalMetricEngine::Run(
    const MetricJob& job, const std::string& creator_id) {
  ResultCache::Result evaluated = Evaluate(job, creator_id);
  if (!evaluated.ok()) return evaluated.status();
  MetricResult result;
  result.metric = job.metric;
  result.creator_id = creator_id;
  result.window_start_ms = job.start_ms;
  result.window_end_ms = job.end_ms;
  result.output = std::move(*evaluated);
  result.parameters = NamedParams(job);
  return result;
}

}  // namespace

std::unique_ptr<MetricEngine> NewMetricEngine(
    storage::SeriesStore* store, const plugin_host::MetricCatalog* catalog,
    const MetricEngine::Options& options) {
  return std::make_unique<LocalMetricEngine>(store, catalog, options);
}

}  // namespace clout::metrics

#include "server/metrics/metric_job.h"

#include "server/common/clock.h"
#include "server/common/input_rules.h"
#include "server/common/strings.h"

namespace clout::metrics {

absl::StatusOr<MetricJob> MakeJob(const plugin_host::RegistrySnapshot& loaded,
                                  const MetricRequest& request) {
  if (request.metric.empty()) {
    return absl::InvalidArgumentError("metric: is empty");
  }
  auto it = loaded.metrics.find(request.metric);
  if (it == loaded.metrics.end()) {
    std::string names;
    for (const auto& [name, m] : loaded.metrics) {
      names += StrCat(names.empty() ? "" : ", ", name);
    }
    return absl::NotFoundError(StrCat(
        "metric '", request.metric,
        "' is not loaded (loaded: ", names.empty() ? "none" : names, ")"));
  }
  MetricJob job;
  job.metric = it->second;
  job.start_ms = request.start_ms;
  job.end_ms = request.end_ms == 0 ? NowMs() : request.end_ms;
  job.cacheable = request.end_ms != 0;
  absl::Status st = ValidateRange(job.start_ms, job.end_ms);
  if (!st.ok()) return st;
  absl::StatusOr<std::vector<double>> params =
      plugin_host::ResolveParams(*job.metric, request.params);
  if (!params.ok()) return params.status();
  job.params = std::move(*params);
  job.options.deadline = request.deadline;
  job.options.cancelled = request.cancelled;
  return job;
}

std::vector<std::pair<std::string, ParamValue>> NamedParams(
    const MetricJob& job) {
  const std::vector<plugin_host::ParamSpec>& specs = job.metric->params;
  std::vector<std::pair<std::string, ParamValue>> named(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    const double number = job.params[i];
    ParamValue& v = named[i].second;
    named[i].first = specs[i].name;
    switch (specs[i].type) {
      case CLOUT_PARAM_INT:
        v.kind = ParamValue::Kind::kInt;
        v.int_value = static_cast<int64_t>(number);
        break;
      case CLOUT_PARAM_DOUBLE:
        v.kind = ParamValue::Kind::kDouble;
        v.double_value = number;
        break;
      case CLOUT_PARAM_BOOL:
        v.kind = ParamValue::Kind::kBool;
        v.bool_value = number != 0;
        break;
      default:
        v.kind = ParamValue::Kind::kChoice;
        v.choice = specs[i].choices[static_cast<size_t>(number)];
        break;
    }
  }
  return named;
}

}  // namespace clout::metrics

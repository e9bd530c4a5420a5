#include "server/plugin_host/metric_call.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "server/common/log.h"
#include "server/common/strings.h"

namespace clout::plugin_host {
namespace {

using Clock = std::chrono::steady_clock;

const char* TypeName(uint32_t type) {
  switch (type) {
    case CLOUT_PARAM_INT:
      return "an integer";
    case CLOUT_PARAM_DOUBLE:
      return "a number";
    case CLOUT_PARAM_BOOL:
      return "a boolean";
    default:
      return "one of the choices";
  }
}

// State of one call, behind the opaque `call` handle.
struct CallState {
  const Metric* metric;
  const CallOptions* options;
  MetricOutput output;
  std::string error;      // From set_error.
  std::string malformed;  // First malformed output, if any.
  std::vector<std::unique_ptr<char[]>> arena;
  size_t allocated = 0;

  int32_t Malformed(std::string problem) {
    if (malformed.empty()) malformed = std::move(problem);
    return CLOUT_INVALID_ARGUMENT;
  }
};

CallState* State(void* call) { return static_cast<CallState*>(call); }

void HostLog(void* call, int32_t level, const char* message) {
  const std::string text =
      StrCat(State(call)->metric->Describe(), ": ", message ? message : "");
  switch (level) {
    case CLOUT_LOG_DEBUG:
      CLOUT_LOG(DEBUG) << text;
      break;
    case CLOUT_LOG_INFO:
      CLOUT_LOG(INFO) << text;
      break;
    case CLOUT_LOG_WARNING:
      CLOUT_LOG(WARNING) << text;
      break;
    default:
      CLOUT_LOG(ERROR) << text;
      break;
  }
}

void HostSetError(void* call, const char* message) {
  State(call)->error = message == nullptr ? "" : message;
}

int32_t HostCancelled(void* call) {
  const CallOptions& o = *State(call)->options;
  if (Clock::now() >= o.deadline) return 1;
  return o.cancelled && o.cancelled() ? 1 : 0;
}

void* HostAlloc(void* call, size_t size) {
  CallState* s = State(call);
  if (size > s->options->max_alloc_bytes - s->allocated) return nullptr;
  // operator new[] for char gives max_align_t alignment (16 on x86-64).
  s->arena.emplace_back(new (std::nothrow) char[size == 0 ? 1 : size]);
  if (s->arena.back() == nullptr) return nullptr;
  s->allocated += size;
  return s->arena.back().get();
}

int32_t HostSetValue(void* call, double value) {
  CallState* s = State(call);
  if (!std::isfinite(value)) {
    return s->Malformed(StrCat("value is ", value, " (NaN or infinite)"));
  }
  s->output.has_value = true;
  s->output.value = value;
  return CLOUT_OK;
}

int32_t HostSetVariant(void* call, const char* variant, const char* formula) {
  CallState* s = State(call);
  if (s->options->value_only) return CLOUT_OK;
  s->output.variant = variant == nullptr ? "" : variant;
  s->output.formula = formula == nullptr ? "" : formula;
  return CLOUT_OK;
}

int32_t HostAddComponent(void* call, const char* name, double value,
                         const char* note) {
  CallState* s = State(call);
  if (name == nullptr || *name == '\0') {
    return s->Malformed("a component without a name");
  }
  if (!std::isfinite(value)) {
    return s->Malformed(
        StrCat("component '", name, "' is ", value, " (NaN or infinite)"));
  }
  if (s->options->value_only) return CLOUT_OK;
  s->output.components.push_back({name, value, note == nullptr ? "" : note});
  return CLOUT_OK;
}

int32_t HostAddRow(void* call, const char* key, int64_t timestamp_ms,
                   const double* values, uint32_t value_count) {
  CallState* s = State(call);
  const size_t columns = s->metric->row_columns.size();
  if (value_count != columns) {
    return s->Malformed(StrCat("row '", key ? key : "", "' has ", value_count,
                               " values, the metric declares ", columns,
                               " columns"));
  }
  if (value_count > 0 && values == nullptr) {
    return s->Malformed("a row with NULL values");
  }
  if (s->options->value_only) {
    for (uint32_t i = 0; i < value_count; ++i) {
      if (std::isinf(values[i])) {
        return s->Malformed(
            StrCat("row '", key ? key : "", "' holds an infinite value"));
      }
    }
    return CLOUT_OK;
  }
  MetricOutput::Row row;
  row.key = key == nullptr ? "" : key;
  row.timestamp_ms = timestamp_ms;
  row.values.assign(values, values + value_count);
  for (double v : row.values) {
    if (std::isinf(v)) {
      return s->Malformed(
          StrCat("row '", row.key, "' holds an infinite value"));
    }
  }
  s->output.rows.push_back(std::move(row));
  return CLOUT_OK;
}

int32_t HostAddPoint(void* call, int64_t timestamp_ms, double value) {
  CallState* s = State(call);
  if (!std::isfinite(value)) {
    return s->Malformed(
        StrCat("point at ", timestamp_ms, " is ", value, " (NaN or infinite)"));
  }
  auto& points = s->output.points;
  if (!points.empty() && points.back().first >= timestamp_ms) {
    return s->Malformed("points are not in increasing time order");
  }
  points.emplace_back(timestamp_ms, value);
  return CLOUT_OK;
}

constexpr clout_host_v1 kHost = {
    sizeof(clout_host_v1), HostLog,          HostSetError,
    HostCancelled,         HostAlloc,        HostSetValue,
    HostSetVariant,        HostAddComponent, HostAddRow,
    HostAddPoint,
};

clout_series_v1 View(const InputSeries& series) {
  const SampleSpan s = series.span();
  return {s.timestamps, s.values, s.flags, s.size};
}

absl::Status Failure(const Metric& metric, int32_t code,
                     const std::string& message) {
  const std::string text = StrCat(metric.Describe(), ": ", message);
  switch (code) {
    case CLOUT_CANCELLED:
      return absl::CancelledError(text);
    case CLOUT_INVALID_ARGUMENT:
      return absl::InvalidArgumentError(text);
    case CLOUT_NOT_FOUND:
      return absl::NotFoundError(text);
    case CLOUT_RESOURCE_EXHAUSTED:
      return absl::ResourceExhaustedError(text);
    case CLOUT_FAILED_PRECONDITION:
      return absl::FailedPreconditionError(text);
    default:
      return absl::InternalError(text);
  }
}

// The inputs as ABI structs, built in per-thread buffers: a Rank makes
// thousands of calls, and nothing a plugin calls back into during its call
// reaches CallMetric again, so one set per thread suffices. Valid until the
// thread's next call.
clout_compute_input_v1 Lend(const Metric& metric, const MetricInput& input,
                            const std::vector<double>& params,
                            const CallOptions& options) {
  struct Views {
    std::vector<clout_series_v1> account, post_series;
    std::vector<clout_post_v1> posts;
    std::vector<const clout_post_v1*> post_ptrs;
  };
  thread_local Views views;
  std::vector<clout_series_v1>& account = views.account;
  std::vector<clout_series_v1>& post_series = views.post_series;
  std::vector<clout_post_v1>& posts = views.posts;
  std::vector<const clout_post_v1*>& post_ptrs = views.post_ptrs;
  account.clear();
  for (const auto& s : input.account) account.push_back(View(s));
  post_series.clear();
  const size_t per_post = metric.post_fields.size();
  post_series.reserve(input.posts.size() * per_post);
  posts.resize(input.posts.size());
  post_ptrs.resize(input.posts.size());
  for (size_t i = 0; i < input.posts.size(); ++i) {
    const auto& p = input.posts[i];
    const size_t first = post_series.size();
    for (size_t f = 0; f < per_post; ++f) {
      post_series.push_back(f < p.fields.size() ? View(p.fields[f])
                                                : clout_series_v1{});
    }
    posts[i] = {sizeof(clout_post_v1), p.post_id.c_str(), p.published_ms,
                per_post == 0 ? nullptr : post_series.data() + first};
    post_ptrs[i] = &posts[i];
  }
  return {
      sizeof(clout_compute_input_v1),
      input.creator_id.c_str(),
      input.window_start_ms,
      input.window_end_ms,
      account.empty() ? nullptr : account.data(),
      post_ptrs.empty() ? nullptr : post_ptrs.data(),
      post_ptrs.size(),
      params.empty() ? nullptr : params.data(),
      options.value_only ? static_cast<uint32_t>(CLOUT_INPUT_VALUE_ONLY) : 0u,
  };
}

// Runs the plugin's compute function (one call at a time for a metric that
// is not thread-safe) and counts the call and its time.
int32_t Invoke(const Metric& metric, const clout_compute_input_v1& in,
               CallState* state) {
  const auto start = Clock::now();
  int32_t rc;
  if (metric.thread_safe) {
    rc = metric.compute(&kHost, state, &in);
  } else {
    std::lock_guard<std::mutex> lock(metric.call_mu);
    rc = metric.compute(&kHost, state, &in);
  }
  const int64_t ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start)
          .count();
  MetricCounters& c = metric.counters;
  c.calls.fetch_add(1, std::memory_order_relaxed);
  c.total_ns.fetch_add(ns, std::memory_order_relaxed);
  for (int64_t max = c.max_ns.load();
       ns > max && !c.max_ns.compare_exchange_weak(max, ns);) {
  }
  return rc;
}

// What the call's return code `rc` and output amount to: OK, or the error.
absl::Status Outcome(const Metric& metric, const CallOptions& options,
                     const CallState& state, int32_t rc) {
  if (!state.malformed.empty()) {
    return absl::InternalError(StrCat(
        metric.Describe(), ": returned malformed output: ", state.malformed));
  }
  if (rc != CLOUT_OK) {
    if (rc == CLOUT_CANCELLED && Clock::now() >= options.deadline) {
      return absl::DeadlineExceededError(
          StrCat(metric.Describe(), ": stopped at the call's deadline"));
    }
    return Failure(
        metric, rc,
        state.error.empty() ? StrCat("failed with code ", rc) : state.error);
  }
  if (metric.output_kind == CLOUT_OUTPUT_SCALAR && !state.output.has_value) {
    return absl::InternalError(
        StrCat(metric.Describe(), ": returned OK without a value"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<double>> ResolveParams(
    const Metric& metric, const std::map<std::string, ParamValue>& given) {
  std::vector<double> values;
  values.reserve(metric.params.size());
  for (const auto& [name, value] : given) {
    bool known = false;
    for (const ParamSpec& p : metric.params) known |= p.name == name;
    if (!known) {
      std::string names;
      for (const ParamSpec& p : metric.params) {
        names += StrCat(names.empty() ? "" : ", ", p.name);
      }
      return absl::InvalidArgumentError(StrCat(
          "parameters: '", name, "' is not a parameter of metric '",
          metric.name, "' (it has: ", names.empty() ? "none" : names, ")"));
    }
  }
  for (const ParamSpec& p : metric.params) {
    auto it = given.find(p.name);
    if (it == given.end()) {
      values.push_back(p.default_value);
      continue;
    }
    const ParamValue& v = it->second;
    const std::string where =
        StrCat("parameters['", p.name, "'] of metric '", metric.name, "'");
    double number = 0;
    bool kind_ok = false;
    switch (p.type) {
      case CLOUT_PARAM_INT:
        kind_ok = v.kind == ParamValue::Kind::kInt;
        number = static_cast<double>(v.int_value);
        break;
      case CLOUT_PARAM_DOUBLE:
        kind_ok = v.kind == ParamValue::Kind::kDouble ||
                  v.kind == ParamValue::Kind::kInt;
        number = v.kind == ParamValue::Kind::kInt
                     ? static_cast<double>(v.int_value)
                     : v.double_value;
        break;
      case CLOUT_PARAM_BOOL:
        kind_ok = v.kind == ParamValue::Kind::kBool;
        number = v.bool_value ? 1 : 0;
        break;
      case CLOUT_PARAM_ENUM: {
        kind_ok = v.kind == ParamValue::Kind::kChoice;
        auto c = std::find(p.choices.begin(), p.choices.end(), v.choice);
        if (kind_ok && c == p.choices.end()) {
          std::string choices;
          for (const auto& x : p.choices) {
            choices += StrCat(choices.empty() ? "" : ", ", x);
          }
          return absl::InvalidArgumentError(
              StrCat(where, ": '", v.choice, "' is not one of ", choices));
        }
        number = static_cast<double>(c - p.choices.begin());
        break;
      }
    }
    if (!kind_ok) {
      return absl::InvalidArgumentError(
          StrCat(where, ": expected ", TypeName(p.type)));
    }
    if (!std::isfinite(number) || number < p.min_value ||
        number > p.max_value) {
      return absl::InvalidArgumentError(StrCat(where, ": ", number,
                                               " is outside [", p.min_value,
                                               ", ", p.max_value, "]"));
    }
    values.push_back(number);
  }
  return values;
}

absl::StatusOr<MetricOutput> CallMetric(const Metric& metric,
                                        const MetricInput& input,
                                        const std::vector<double>& params,
                                        const CallOptions& options) {
  const clout_compute_input_v1 in = Lend(metric, input, params, options);
  CallState state{&metric, &options, {}, {}, {}, {}, 0};
  const int32_t rc = Invoke(metric, in, &state);
  absl::Status failure = Outcome(metric, options, state, rc);
  if (!failure.ok()) {
    metric.counters.errors.fetch_add(1, std::memory_order_relaxed);
    return failure;
  }
  return std::move(state.output);
}

}  // namespace clout::plugin_host

// harness_host.h: the host side of one compute call in the plugin test
// harness (plugin_harness.h): every function of clout_host_v1, recording
// what the metric reports into a Result with the host's checks on outputs.
// Internal to the harness; tests use Plugin::Compute.
#ifndef CLOUT_PLUGINS_TESTING_HARNESS_HOST_H_
#define CLOUT_PLUGINS_TESTING_HARNESS_HOST_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "clout/plugin.h"
#include "harness_types.h"

namespace clout::plugin_testing {
namespace internal {

// The state of one compute call, behind the host's `call` handle.
struct CallState {
  const clout_metric_v1* metric = nullptr;
  Result* result = nullptr;
  std::string output_error;  // First refused output, if any.
  size_t alloc_limit = 0;
  size_t allocated = 0;
  bool cancelled = false;
  struct Block {
    void operator()(unsigned char* p) const {
      ::operator delete[](p, std::align_val_t{16});
    }
  };
  std::vector<std::unique_ptr<unsigned char[], Block>> arena;

  // Records the first output error; returns CLOUT_INVALID_ARGUMENT.
  int32_t Refuse(const std::string& reason) {
    if (output_error.empty()) output_error = reason;
    return CLOUT_INVALID_ARGUMENT;
  }
};

inline CallState* State(void* call) { return static_cast<CallState*>(call); }

inline void HostLog(void* call, int32_t level, const char* message) {
  State(call)->result->logs.push_back({level, message ? message : ""});
}

inline void HostSetError(void* call, const char* message) {
  State(call)->result->error = message ? message : "";
}

inline int32_t HostCancelled(void* call) {
  return State(call)->cancelled ? 1 : 0;
}

inline void* HostAlloc(void* call, size_t size) {
  CallState* s = State(call);
  const size_t rounded = (size + 15) / 16 * 16;
  if (rounded < size || rounded > s->alloc_limit - s->allocated) {
    return nullptr;
  }
  auto* p = static_cast<unsigned char*>(
      ::operator new[](rounded == 0 ? 16 : rounded, std::align_val_t{16}));
  s->arena.emplace_back(p);
  s->allocated += rounded;
  return p;
}

inline int32_t HostSetValue(void* call, double value) {
  CallState* s = State(call);
  if (s->metric->output_kind != CLOUT_OUTPUT_SCALAR) {
    return s->Refuse("set_value on a metric that is not SCALAR");
  }
  if (!std::isfinite(value)) {
    return s->Refuse("set_value: value is NaN or infinite");
  }
  s->result->value = value;
  return CLOUT_OK;
}

inline int32_t HostSetVariant(void* call, const char* variant,
                              const char* formula) {
  CallState* s = State(call);
  if (variant == nullptr || formula == nullptr) {
    return s->Refuse("set_variant: variant or formula is NULL");
  }
  s->result->variant_set = true;
  s->result->variant = variant;
  s->result->formula = formula;
  return CLOUT_OK;
}

inline int32_t HostAddComponent(void* call, const char* name, double value,
                                const char* note) {
  CallState* s = State(call);
  if (name == nullptr || *name == '\0') {
    return s->Refuse("add_component: empty or NULL name");
  }
  if (!std::isfinite(value)) {
    return s->Refuse(std::string("add_component '") + name +
                     "': value is NaN or infinite");
  }
  s->result->components.push_back({name, value, note ? note : ""});
  return CLOUT_OK;
}

inline int32_t HostAddRow(void* call, const char* key, int64_t timestamp_ms,
                          const double* values, uint32_t value_count) {
  CallState* s = State(call);
  if (key == nullptr) return s->Refuse("add_row: NULL key");
  if (value_count != s->metric->row_column_count) {
    return s->Refuse("add_row '" + std::string(key) +
                     "': " + std::to_string(value_count) + " values for " +
                     std::to_string(s->metric->row_column_count) +
                     " row columns");
  }
  if (value_count > 0 && values == nullptr) {
    return s->Refuse("add_row '" + std::string(key) + "': NULL values");
  }
  Row row{key, timestamp_ms, {}};
  for (uint32_t i = 0; i < value_count; ++i) {
    if (std::isinf(values[i])) {
      return s->Refuse("add_row '" + std::string(key) + "': value " +
                       std::to_string(i) + " is infinite");
    }
    row.values.push_back(values[i]);
  }
  s->result->rows.push_back(std::move(row));
  return CLOUT_OK;
}

inline int32_t HostAddPoint(void* call, int64_t timestamp_ms, double value) {
  CallState* s = State(call);
  if (s->metric->output_kind != CLOUT_OUTPUT_SERIES) {
    return s->Refuse("add_point on a metric that is not SERIES");
  }
  if (!std::isfinite(value)) {
    return s->Refuse("add_point: value is NaN or infinite");
  }
  const std::vector<Point>& points = s->result->points;
  if (!points.empty() && timestamp_ms <= points.back().timestamp_ms) {
    return s->Refuse("add_point: timestamps must increase");
  }
  s->result->points.push_back({timestamp_ms, value});
  return CLOUT_OK;
}

inline const clout_host_v1& HostTable() {
  static const clout_host_v1 kHost = {
      sizeof(clout_host_v1), &HostLog,          &HostSetError,
      &HostCancelled,        &HostAlloc,        &HostSetValue,
      &HostSetVariant,       &HostAddComponent, &HostAddRow,
      &HostAddPoint};
  return kHost;
}

}  // namespace internal
}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_HARNESS_HOST_H_

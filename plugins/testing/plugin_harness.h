// plugin_harness.h: a header-only harness that runs a clout metric plugin
// outside the server, for tests.
//
// It loads a plugin .so the way cloutd does (dlopen with RTLD_NOW |
// RTLD_LOCAL, then the entry symbol clout_plugin_entry_v1), builds the
// borrowed columnar inputs of clout/plugin.h from plain C++ vectors, plays
// the host's part (every function of clout_host_v1, with the host's checks on
// outputs) and returns what the metric reported. It depends only on
// clout/plugin.h, the C++ standard library and <dlfcn.h>, so plugin authors
// outside the clout tree can copy it next to their tests.
//
// Usage (GoogleTest; link ${CMAKE_DL_LIBS}):
//
//   namespace pt = clout::plugin_testing;
//
//   std::string error;
//   std::unique_ptr<pt::Plugin> plugin =
//       pt::Plugin::Open("/path/to/my_plugin.so", &error);
//   ASSERT_NE(plugin, nullptr) << error;
//
//   pt::Inputs in;
//   in.account["followers"] = pt::Series::Of({{1000, 500}, {2000, 520}});
//   pt::Post post{"p1", /*published_ms=*/1500};
//   post.fields["likes"] = pt::Series::Of({{1600, 10}, {1900, 25}});
//   in.posts.push_back(post);
//   in.params["variant"] = "by_followers";   // ENUM: by name
//   in.params["min_views"] = 100;            // INT, DOUBLE, BOOL: by value
//
//   pt::Result r = plugin->Compute("engagement_rate", in);
//   ASSERT_EQ(r.code, CLOUT_OK) << r.error;
//   EXPECT_DOUBLE_EQ(*r.value, 4.8);
//   EXPECT_DOUBLE_EQ(r.Cell("p1", "rate_percent"), 4.8);
//
// What the harness mirrors from cloutd, and where it is stricter:
//   - Parameters: unknown names, values of the wrong kind, out-of-bounds
//     values and non-whole INT values are refused with
//     CLOUT_INVALID_ARGUMENT before compute runs (compute_called is false);
//     omitted parameters take the schema's default.
//   - Inputs: the metric receives exactly the series it declares, in
//     declaration order; a declared field missing from the fixture is an
//     empty series. A fixture field the metric does not declare, a series
//     whose columns differ in length, or timestamps that are not strictly
//     increasing are fixture mistakes: the harness refuses them the same way
//     (error text starts with "harness:"). Posts are passed in the order
//     given; a metric that declares no post field receives none.
//   - Outputs: NaN or infinite values in set_value, add_component and
//     add_point, infinite row values, rows whose width differs from
//     row_columns, NULL names, set_value on a SERIES metric, add_point on a
//     SCALAR metric and points out of time order are refused with
//     CLOUT_INVALID_ARGUMENT, and the call then fails with that reason
//     whatever compute returns (as the host does). A SCALAR metric returning
//     CLOUT_OK without set_value fails with CLOUT_INTERNAL.
//   - alloc() serves 16-byte aligned blocks from an arena freed after the
//     call, and returns NULL past Inputs::alloc_limit_bytes.
//   - cancelled() returns Inputs::cancelled (0 unless a test sets it).
//
// Thread-safety: a Plugin may run Compute from several threads at once only
// for metrics flagged CLOUT_METRIC_THREAD_SAFE; each call has its own state.
#ifndef CLOUT_PLUGINS_TESTING_PLUGIN_HARNESS_H_
#define CLOUT_PLUGINS_TESTING_PLUGIN_HARNESS_H_

#include <dlfcn.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "clout/plugin.h"

namespace clout::plugin_testing {

// One series of a fixture: parallel columns sorted by strictly increasing
// time. `flags` is empty (no sample flagged) or holds one value per sample.
struct Series {
  std::vector<int64_t> timestamps_ms;
  std::vector<int64_t> values;
  std::vector<uint32_t> flags;

  // A series of (timestamp_ms, value) samples, each with `flags`.
  static Series Of(std::initializer_list<std::pair<int64_t, int64_t>> samples,
                   uint32_t flags = 0) {
    Series s;
    for (const auto& [t, v] : samples) s.Add(t, v, flags);
    return s;
  }

  // Appends a sample. Flags are stored only once some sample has one.
  void Add(int64_t timestamp_ms, int64_t value, uint32_t sample_flags = 0) {
    if (sample_flags != 0 && flags.size() < values.size()) {
      flags.resize(values.size(), 0);
    }
    timestamps_ms.push_back(timestamp_ms);
    values.push_back(value);
    if (sample_flags != 0 || !flags.empty()) flags.push_back(sample_flags);
  }

  size_t size() const { return values.size(); }
};

// One post of a fixture: its series by post field name ("likes", ...).
struct Post {
  std::string id;
  int64_t published_ms = 0;  // 0: unknown, as in clout_post_v1.
  std::map<std::string, Series> fields;
};

// A parameter value: a number (INT, DOUBLE; BOOL as 0/1 or bool) or, for
// ENUM parameters, the name of the choice.
class ParamValue {
 public:
  ParamValue() : value_(0.0) {}
  ParamValue(double v) : value_(v) {}                              // NOLINT
  ParamValue(int v) : value_(static_cast<double>(v)) {}            // NOLINT
  ParamValue(int64_t v) : value_(static_cast<double>(v)) {}        // NOLINT
  ParamValue(bool v) : value_(v ? 1.0 : 0.0) {}                    // NOLINT
  ParamValue(const char* choice) : value_(std::string(choice)) {}  // NOLINT
  ParamValue(std::string choice) : value_(std::move(choice)) {}    // NOLINT

  bool is_choice() const { return std::holds_alternative<std::string>(value_); }
  double number() const { return std::get<double>(value_); }
  const std::string& choice() const { return std::get<std::string>(value_); }

 private:
  std::variant<double, std::string> value_;
};

// Everything one compute call reads, plus the harness's knobs.
struct Inputs {
  std::string creator_id = "test:creator";
  // The window [start, end) in ms since the epoch. The harness does not
  // filter samples or posts by it: fixtures pass what the host would.
  int64_t window_start_ms = 0;
  int64_t window_end_ms = 4102444800000;  // 2100-01-01T00:00:00Z.
  // Account series by field name ("followers", ...).
  std::map<std::string, Series> account;
  // Posts in the order the host would pass them (by publication time).
  std::vector<Post> posts;
  // Parameters by name; omitted ones take the schema's default.
  std::map<std::string, ParamValue> params;
  // Bytes alloc() may hand out in total before it returns NULL.
  size_t alloc_limit_bytes = size_t{64} << 20;
  // What cancelled() returns.
  bool cancelled = false;
  // Sets CLOUT_INPUT_VALUE_ONLY in the input's flags, as cloutd does when it
  // ranks creators. The harness still records whatever the plugin reports,
  // so a test can see what it skipped.
  bool value_only = false;
  // Passes the input struct as a host of ABI 1.0 does: a struct_size that
  // ends before `flags`.
  bool abi_1_0_input = false;
};

struct Component {
  std::string name;
  double value = 0;
  std::string note;  // Empty when the plugin passed NULL.
};

struct Row {
  std::string key;
  int64_t timestamp_ms = 0;
  std::vector<double> values;
};

struct Point {
  int64_t timestamp_ms = 0;
  double value = 0;
};

struct LogLine {
  int32_t level = 0;
  std::string message;
};

// What one compute call produced, as the host would record it.
struct Result {
  // The status of the call: compute's return code, or the host's verdict
  // (CLOUT_INVALID_ARGUMENT for a refused output or parameter,
  // CLOUT_INTERNAL for a SCALAR result without a value).
  int32_t code = CLOUT_INTERNAL;
  // set_error's message, or the harness's reason.
  std::string error;
  // False when the harness refused the request before calling compute.
  bool compute_called = false;

  std::optional<double> value;
  bool variant_set = false;
  std::string variant;
  std::string formula;
  std::vector<Component> components;
  std::vector<std::string> row_columns;
  std::vector<Row> rows;
  std::vector<Point> points;
  std::vector<LogLine> logs;
  // The parameter values passed to compute, in schema order.
  std::vector<double> params;

  bool ok() const { return code == CLOUT_OK; }

  // The first component named `name`, or nullptr.
  const Component* FindComponent(std::string_view name) const {
    for (const Component& c : components) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
  // The first row keyed `key`, or nullptr.
  const Row* FindRow(std::string_view key) const {
    for (const Row& r : rows) {
      if (r.key == key) return &r;
    }
    return nullptr;
  }
  // Index of the row column `column`, or -1.
  int ColumnIndex(std::string_view column) const {
    for (size_t i = 0; i < row_columns.size(); ++i) {
      if (row_columns[i] == column) return static_cast<int>(i);
    }
    return -1;
  }
  // The value of `column` in the row keyed `key`. Returns a signalling
  // sentinel (-infinity, never a legal row value) when the row or column
  // does not exist, so a wrong name fails any comparison loudly.
  double Cell(std::string_view key, std::string_view column) const {
    const Row* row = FindRow(key);
    const int i = ColumnIndex(column);
    if (row == nullptr || i < 0 ||
        static_cast<size_t>(i) >= row->values.size()) {
      return -std::numeric_limits<double>::infinity();
    }
    return row->values[static_cast<size_t>(i)];
  }
};

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

// Checks a fixture series; returns an error text or "".
inline std::string CheckSeries(const std::string& what, const Series& s) {
  if (s.timestamps_ms.size() != s.values.size()) {
    return what + ": " + std::to_string(s.timestamps_ms.size()) +
           " timestamps for " + std::to_string(s.values.size()) + " values";
  }
  if (!s.flags.empty() && s.flags.size() != s.values.size()) {
    return what + ": " + std::to_string(s.flags.size()) + " flags for " +
           std::to_string(s.values.size()) + " values";
  }
  for (size_t i = 1; i < s.timestamps_ms.size(); ++i) {
    if (s.timestamps_ms[i] <= s.timestamps_ms[i - 1]) {
      return what + ": timestamps not strictly increasing at sample " +
             std::to_string(i);
    }
  }
  return "";
}

// A borrowed clout_series_v1 over a fixture series (flags NULL when no
// sample carries one).
inline clout_series_v1 View(const Series& s) {
  bool any_flag = false;
  for (uint32_t f : s.flags) any_flag = any_flag || f != 0;
  return {s.timestamps_ms.data(), s.values.data(),
          any_flag ? s.flags.data() : nullptr,
          static_cast<uint64_t>(s.values.size())};
}

// Resolves parameters by name into schema order; returns an error text or "".
inline std::string ResolveParams(const clout_metric_v1& m,
                                 const std::map<std::string, ParamValue>& given,
                                 std::vector<double>* out) {
  for (const auto& [name, value] : given) {
    bool known = false;
    for (uint32_t i = 0; i < m.param_count; ++i) {
      known = known || name == m.params[i].name;
    }
    if (!known) return "unknown parameter '" + name + "'";
  }
  for (uint32_t i = 0; i < m.param_count; ++i) {
    const clout_param_spec_v1& spec = m.params[i];
    const auto it = given.find(spec.name);
    if (it == given.end()) {
      out->push_back(spec.default_value);
      continue;
    }
    const ParamValue& v = it->second;
    const std::string name = spec.name;
    if (spec.type == CLOUT_PARAM_ENUM) {
      if (!v.is_choice()) return "parameter '" + name + "' takes a choice";
      double index = -1;
      for (uint32_t j = 0; j < spec.enum_count; ++j) {
        if (v.choice() == spec.enum_values[j]) index = j;
      }
      if (index < 0) {
        return "parameter '" + name + "': unknown choice '" + v.choice() + "'";
      }
      out->push_back(index);
      continue;
    }
    if (v.is_choice()) return "parameter '" + name + "' takes a number";
    const double x = v.number();
    if (!std::isfinite(x)) return "parameter '" + name + "' is not finite";
    if (spec.type == CLOUT_PARAM_BOOL && x != 0 && x != 1) {
      return "parameter '" + name + "' takes 0 or 1";
    }
    if (spec.type == CLOUT_PARAM_INT && x != std::floor(x)) {
      return "parameter '" + name + "' takes a whole number";
    }
    if ((spec.type == CLOUT_PARAM_INT || spec.type == CLOUT_PARAM_DOUBLE) &&
        (x < spec.min_value || x > spec.max_value)) {
      return "parameter '" + name + "' out of bounds [" +
             std::to_string(spec.min_value) + ", " +
             std::to_string(spec.max_value) + "]";
    }
    out->push_back(x);
  }
  return "";
}

// Index of `name` in a declared field list, or -1.
inline int FieldIndex(const char* const* fields, uint32_t count,
                      const std::string& name) {
  for (uint32_t i = 0; i < count; ++i) {
    if (name == fields[i]) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace internal

// A loaded plugin. Not copyable; dlcloses the library when destroyed (every
// pointer into the plugin's metadata dies with it).
class Plugin {
 public:
  // Loads the plugin at `path` (pass a path with a slash: a bare name is
  // searched on the library path) and checks its entry symbol and ABI
  // version. Returns nullptr with a reason in *error on failure.
  static std::unique_ptr<Plugin> Open(const std::string& path,
                                      std::string* error) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* e = dlerror();
      *error = path + ": " + (e ? e : "dlopen failed");
      return nullptr;
    }
    dlerror();
    void* sym = dlsym(handle, CLOUT_PLUGIN_ENTRY_SYMBOL);
    if (sym == nullptr) {
      const char* e = dlerror();
      *error = path + ": " + (e ? e : "no " CLOUT_PLUGIN_ENTRY_SYMBOL);
      dlclose(handle);
      return nullptr;
    }
    std::unique_ptr<Plugin> plugin(
        new Plugin(static_cast<const clout_plugin_v1*>(sym), handle));
    *error = plugin->Check(path);
    if (!error->empty()) return nullptr;
    return plugin;
  }

  // Wraps an entry that is linked into the test itself (no dlopen); the
  // entry must outlive the Plugin.
  static std::unique_ptr<Plugin> FromEntry(const clout_plugin_v1* entry,
                                           std::string* error) {
    std::unique_ptr<Plugin> plugin(new Plugin(entry, nullptr));
    *error = plugin->Check("(linked entry)");
    if (!error->empty()) return nullptr;
    return plugin;
  }

  ~Plugin() {
    if (handle_ != nullptr) dlclose(handle_);
  }
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const clout_plugin_v1& entry() const { return *entry_; }

  // The metric named `name`, or nullptr.
  const clout_metric_v1* FindMetric(std::string_view name) const {
    for (uint32_t i = 0; i < entry_->metric_count; ++i) {
      if (name == entry_->metrics[i]->name) return entry_->metrics[i];
    }
    return nullptr;
  }

  // Runs metric `metric_name` over `in` and returns what it reported.
  Result Compute(std::string_view metric_name, const Inputs& in) const {
    Result result;
    const clout_metric_v1* m = FindMetric(metric_name);
    if (m == nullptr) {
      result.code = CLOUT_NOT_FOUND;
      result.error = "harness: no metric '" + std::string(metric_name) + "'";
      return result;
    }
    for (uint32_t i = 0; i < m->row_column_count; ++i) {
      result.row_columns.push_back(m->row_columns[i]);
    }
    std::string error = internal::ResolveParams(*m, in.params, &result.params);
    if (!error.empty()) return Refused(std::move(result), error);

    // Account series, in declaration order.
    for (const auto& [name, series] : in.account) {
      if (internal::FieldIndex(m->account_fields, m->account_field_count,
                               name) < 0) {
        return Refused(std::move(result),
                       "harness: account field '" + name +
                           "' is not declared by the metric");
      }
      error = internal::CheckSeries("harness: account field '" + name + "'",
                                    series);
      if (!error.empty()) return Refused(std::move(result), error);
    }
    static const Series kEmpty;
    std::vector<clout_series_v1> account;
    for (uint32_t i = 0; i < m->account_field_count; ++i) {
      const auto it = in.account.find(m->account_fields[i]);
      account.push_back(
          internal::View(it == in.account.end() ? kEmpty : it->second));
    }

    // Posts, each with its declared fields.
    const size_t post_count = m->post_field_count == 0 ? 0 : in.posts.size();
    std::vector<std::vector<clout_series_v1>> fields(post_count);
    std::vector<clout_post_v1> posts(post_count);
    std::vector<const clout_post_v1*> post_ptrs(post_count);
    for (size_t p = 0; p < post_count; ++p) {
      const Post& post = in.posts[p];
      for (const auto& [name, series] : post.fields) {
        const std::string what =
            "harness: post '" + post.id + "' field '" + name + "'";
        if (internal::FieldIndex(m->post_fields, m->post_field_count, name) <
            0) {
          return Refused(std::move(result),
                         what + " is not declared by the metric");
        }
        error = internal::CheckSeries(what, series);
        if (!error.empty()) return Refused(std::move(result), error);
      }
      for (uint32_t f = 0; f < m->post_field_count; ++f) {
        const auto it = post.fields.find(m->post_fields[f]);
        fields[p].push_back(
            internal::View(it == post.fields.end() ? kEmpty : it->second));
      }
      posts[p] = {sizeof(clout_post_v1), post.id.c_str(), post.published_ms,
                  fields[p].data()};
      post_ptrs[p] = &posts[p];
    }

    const uint32_t struct_size =
        in.abi_1_0_input
            ? static_cast<uint32_t>(offsetof(clout_compute_input_v1, flags))
            : static_cast<uint32_t>(sizeof(clout_compute_input_v1));
    // A 1.0 host's struct ends before `flags`; its memory here holds a
    // value the plugin must not read, so a plugin that does shows it.
    const uint32_t flags = in.abi_1_0_input ? ~0u
                           : in.value_only
                               ? static_cast<uint32_t>(CLOUT_INPUT_VALUE_ONLY)
                               : 0u;
    const clout_compute_input_v1 input = {struct_size,
                                          in.creator_id.c_str(),
                                          in.window_start_ms,
                                          in.window_end_ms,
                                          account.data(),
                                          post_ptrs.data(),
                                          static_cast<uint64_t>(post_count),
                                          result.params.data(),
                                          flags};

    internal::CallState state;
    state.metric = m;
    state.result = &result;
    state.alloc_limit = in.alloc_limit_bytes;
    state.cancelled = in.cancelled;
    result.compute_called = true;
    result.code = m->compute(&internal::HostTable(), &state, &input);
    if (!state.output_error.empty()) {
      result.code = CLOUT_INVALID_ARGUMENT;
      result.error = state.output_error;
    } else if (result.code == CLOUT_OK &&
               m->output_kind == CLOUT_OUTPUT_SCALAR && !result.value) {
      result.code = CLOUT_INTERNAL;
      result.error = "SCALAR metric returned OK without set_value";
    }
    return result;
  }

  // Runs the metric over `in` twice, as Compute does and as Rank does
  // (value only), and returns "" if both give the same code and value, else
  // what differs. The ABI requires them to agree.
  std::string CheckValueOnly(std::string_view metric_name,
                             const Inputs& in) const {
    Inputs full = in;
    full.value_only = false;
    Inputs value_only = in;
    value_only.value_only = true;
    const Result a = Compute(metric_name, full);
    const Result b = Compute(metric_name, value_only);
    auto text = [](const Result& r) {
      return "code " + std::to_string(r.code) +
             (r.value ? ", value " + std::to_string(*r.value) : "") +
             (r.error.empty() ? "" : ", error '" + r.error + "'");
    };
    if (a.code != b.code || a.value != b.value) {
      return "full call: " + text(a) + "; value-only call: " + text(b);
    }
    return "";
  }

 private:
  Plugin(const clout_plugin_v1* entry, void* handle)
      : entry_(entry), handle_(handle) {}

  static Result Refused(Result result, std::string reason) {
    result.code = CLOUT_INVALID_ARGUMENT;
    result.error = std::move(reason);
    result.compute_called = false;
    return result;
  }

  // Checks the entry as the host does; returns an error text or "".
  std::string Check(const std::string& where) const {
    if (entry_->struct_size < sizeof(clout_plugin_v1)) {
      return where + ": clout_plugin_v1.struct_size " +
             std::to_string(entry_->struct_size) + " < " +
             std::to_string(sizeof(clout_plugin_v1));
    }
    if (entry_->abi_major != CLOUT_PLUGIN_ABI_MAJOR ||
        entry_->abi_minor > CLOUT_PLUGIN_ABI_MINOR) {
      return where + ": plugin ABI " + std::to_string(entry_->abi_major) + "." +
             std::to_string(entry_->abi_minor) + ", harness ABI " +
             std::to_string(CLOUT_PLUGIN_ABI_MAJOR) + "." +
             std::to_string(CLOUT_PLUGIN_ABI_MINOR);
    }
    for (uint32_t i = 0; i < entry_->metric_count; ++i) {
      const clout_metric_v1* m = entry_->metrics[i];
      if (m == nullptr || m->struct_size < sizeof(clout_metric_v1) ||
          m->name == nullptr || m->compute == nullptr) {
        return where + ": metric " + std::to_string(i) + " is malformed";
      }
    }
    return "";
  }

  const clout_plugin_v1* entry_;
  void* handle_;
};

}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_PLUGIN_HARNESS_H_

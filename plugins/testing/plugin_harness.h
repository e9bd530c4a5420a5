// plugin_harness.h: a header-only harness that runs a clout metric plugin
// outside the server, for tests.
//
// It loads a plugin .so the way cloutd does (dlopen with RTLD_NOW |
// RTLD_LOCAL, then the entry symbol clout_plugin_entry_v1), builds the
// borrowed columnar inputs of clout/plugin.h from plain C++ vectors, plays
// the host's part (every function of clout_host_v1, with the host's checks on
// outputs) and returns what the metric reported. It depends only on
// clout/plugin.h, the C++ standard library and <dlfcn.h>, so plugin authors
// outside the clout tree can copy it, with the three harness_*.h files it
// includes, next to their tests.
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
// Files: this umbrella header holds Plugin; harness_types.h the fixture and
// result types, harness_inputs.h and harness_host.h the host's two sides of
// a call. They include each other by file name, so to use the harness
// outside the clout tree copy the four files together.
//
// Thread-safety: a Plugin may run Compute from several threads at once only
// for metrics flagged CLOUT_METRIC_THREAD_SAFE; each call has its own state.
#ifndef CLOUT_PLUGINS_TESTING_PLUGIN_HARNESS_H_
#define CLOUT_PLUGINS_TESTING_PLUGIN_HARNESS_H_

#include <dlfcn.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clout/plugin.h"
#include "harness_host.h"
#include "harness_inputs.h"
#include "harness_types.h"

namespace clout::plugin_testing {

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
    internal::AbiInputs inputs;
    error = inputs.Build(*m, in);
    if (!error.empty()) return Refused(std::move(result), error);
    Call(*m, in, inputs, &result);
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

  // Calls metric `m` over `inputs` as the host does, recording into
  // *result, whose params hold the parameter values.
  static void Call(const clout_metric_v1& m, const Inputs& in,
                   const internal::AbiInputs& inputs, Result* result) {
    const clout_compute_input_v1 input = inputs.Input(in, result->params);
    internal::CallState state;
    state.metric = &m;
    state.result = result;
    state.alloc_limit = in.alloc_limit_bytes;
    state.cancelled = in.cancelled;
    result->compute_called = true;
    result->code = m.compute(&internal::HostTable(), &state, &input);
    if (!state.output_error.empty()) {
      result->code = CLOUT_INVALID_ARGUMENT;
      result->error = state.output_error;
    } else if (result->code == CLOUT_OK &&
               m.output_kind == CLOUT_OUTPUT_SCALAR && !result->value) {
      result->code = CLOUT_INTERNAL;
      result->error = "SCALAR metric returned OK without set_value";
    }
  }

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

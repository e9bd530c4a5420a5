// harness_inputs.h: how the plugin test harness (plugin_harness.h) turns
// a fixture into the borrowed inputs of clout/plugin.h: parameters by name
// into schema order, fixture series checked and viewed as clout_series_v1,
// posts and the input struct. Internal to the harness; tests use
// Plugin::Compute.
#ifndef CLOUT_PLUGINS_TESTING_HARNESS_INPUTS_H_
#define CLOUT_PLUGINS_TESTING_HARNESS_INPUTS_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "clout/plugin.h"
#include "harness_types.h"

namespace clout::plugin_testing {

namespace internal {

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

// A fixture's empty series: what a declared field missing from it reads.
inline const Series& EmptySeries() {
  static const Series kEmpty;
  return kEmpty;
}

// The borrowed inputs of one compute call, built from a fixture for one
// metric. They point into the fixture and into this object: both must
// outlive the call. Not copyable.
class AbiInputs {
 public:
  AbiInputs() = default;
  AbiInputs(const AbiInputs&) = delete;
  AbiInputs& operator=(const AbiInputs&) = delete;

  // Checks the fixture's series against metric `m` (declared fields only,
  // well-formed columns) and builds their views: the account fields in
  // declaration order, then the posts, each with its declared fields (none
  // if `m` declares no post field). Returns an error text starting with
  // "harness:", or "".
  std::string Build(const clout_metric_v1& m, const Inputs& in) {
    std::string error = BuildAccount(m, in.account);
    if (!error.empty()) return error;
    const size_t post_count = m.post_field_count == 0 ? 0 : in.posts.size();
    fields_.resize(post_count);
    posts_.resize(post_count);
    post_ptrs_.resize(post_count);
    for (size_t p = 0; p < post_count; ++p) {
      error = BuildPost(m, in.posts[p], p);
      if (!error.empty()) return error;
    }
    return "";
  }

  // The input struct over the views, with `params` in schema order. A 1.0
  // input (Inputs::abi_1_0_input) has a struct_size that ends before
  // `flags`.
  clout_compute_input_v1 Input(const Inputs& in,
                               const std::vector<double>& params) const {
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
    return {struct_size,
            in.creator_id.c_str(),
            in.window_start_ms,
            in.window_end_ms,
            account_.data(),
            post_ptrs_.data(),
            static_cast<uint64_t>(posts_.size()),
            params.data(),
            flags};
  }

 private:
  std::string BuildAccount(const clout_metric_v1& m,
                           const std::map<std::string, Series>& account) {
    for (const auto& [name, series] : account) {
      if (FieldIndex(m.account_fields, m.account_field_count, name) < 0) {
        return "harness: account field '" + name +
               "' is not declared by the metric";
      }
      const std::string error =
          CheckSeries("harness: account field '" + name + "'", series);
      if (!error.empty()) return error;
    }
    for (uint32_t i = 0; i < m.account_field_count; ++i) {
      const auto it = account.find(m.account_fields[i]);
      account_.push_back(
          View(it == account.end() ? EmptySeries() : it->second));
    }
    return "";
  }

  std::string BuildPost(const clout_metric_v1& m, const Post& post, size_t p) {
    for (const auto& [name, series] : post.fields) {
      const std::string what =
          "harness: post '" + post.id + "' field '" + name + "'";
      if (FieldIndex(m.post_fields, m.post_field_count, name) < 0) {
        return what + " is not declared by the metric";
      }
      const std::string error = CheckSeries(what, series);
      if (!error.empty()) return error;
    }
    for (uint32_t f = 0; f < m.post_field_count; ++f) {
      const auto it = post.fields.find(m.post_fields[f]);
      fields_[p].push_back(
          View(it == post.fields.end() ? EmptySeries() : it->second));
    }
    posts_[p] = {sizeof(clout_post_v1), post.id.c_str(), post.published_ms,
                 fields_[p].data()};
    post_ptrs_[p] = &posts_[p];
    return "";
  }

  std::vector<clout_series_v1> account_;
  std::vector<std::vector<clout_series_v1>> fields_;  // Per post.
  std::vector<clout_post_v1> posts_;
  std::vector<const clout_post_v1*> post_ptrs_;
};

}  // namespace internal

}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_HARNESS_INPUTS_H_

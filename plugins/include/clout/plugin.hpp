// clout/plugin.hpp: a header-only C++17 layer over clout/plugin.h.
//
// It turns a class with static members into a metric of ABI 1: views over
// the borrowed inputs, a Status type, an Output that reports through the
// host's functions, and a noexcept boundary that turns any exception into an
// error result. Nothing here is compiled into the host; a plugin built with
// it still exports only the C entry symbol.
//
// A complete plugin:
//
//   #include <clout/plugin.hpp>
//
//   namespace cp = clout::plugin;
//
//   struct LatestFollowers {
//     static constexpr const char* kName = "latest_followers";
//     static constexpr const char* kVersion = "1.0.0";
//     static constexpr const char* kDescription =
//         "The last follower count in the window, scaled.";
//     static constexpr uint32_t kOutputKind = CLOUT_OUTPUT_SCALAR;
//     static constexpr const char* kUnit = "followers";
//     static constexpr bool kThreadSafe = true;
//     // Optional: `static constexpr bool kLatestPostSamples = true;` when
//     // the metric reads only each post field's latest sample (see
//     // CLOUT_METRIC_LATEST_POST_SAMPLES in clout/plugin.h).
//     static constexpr std::array<const char*, 1> kAccountFields =
//     {"followers"}; static constexpr std::array<const char*, 0> kPostFields =
//     {}; static constexpr std::array<clout_param_spec_v1, 1> kParams = {
//         cp::DoubleParam("scale", "Multiply the result by this", 1, 0, 1000)};
//     static constexpr std::array<const char*, 0> kRowColumns = {};
//
//     static cp::Status Compute(const cp::Input& in, cp::Output& out) {
//       cp::SeriesView followers = in.account(0);
//       if (followers.empty()) {
//         return cp::Status::FailedPrecondition("no followers sample");
//       }
//       return out.SetValue(in.param(0) * followers.value(followers.size() -
//       1));
//     }
//   };
//
//   CLOUT_DEFINE_PLUGIN("latest", "1.0.0", LatestFollowers)
#ifndef CLOUT_PLUGIN_HPP_
#define CLOUT_PLUGIN_HPP_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "clout/plugin.h"

namespace clout::plugin {

// The result of a compute step: a code from clout/plugin.h and a message.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(CLOUT_INVALID_ARGUMENT, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(CLOUT_NOT_FOUND, std::move(m));
  }
  static Status FailedPrecondition(std::string m) {
    return Status(CLOUT_FAILED_PRECONDITION, std::move(m));
  }
  static Status Cancelled(std::string m = "cancelled") {
    return Status(CLOUT_CANCELLED, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(CLOUT_INTERNAL, std::move(m));
  }

  bool ok() const { return code_ == CLOUT_OK; }
  int32_t code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(int32_t code, std::string message)
      : code_(code), message_(std::move(message)) {}
  int32_t code_ = CLOUT_OK;
  std::string message_;
};

// Evaluates `expr` (a Status) and returns it from the enclosing function if
// it is not OK.
#define CLOUT_RETURN_IF_ERROR(expr)                 \
  do {                                              \
    ::clout::plugin::Status clout_status_ = (expr); \
    if (!clout_status_.ok()) return clout_status_;  \
  } while (0)

// A read-only view of one borrowed series, sorted by time.
class SeriesView {
 public:
  SeriesView() = default;
  explicit SeriesView(const clout_series_v1& s) : s_(&s) {}

  size_t size() const { return s_ == nullptr ? 0 : s_->count; }
  bool empty() const { return size() == 0; }
  int64_t timestamp(size_t i) const { return s_->timestamps_ms[i]; }
  int64_t value(size_t i) const { return s_->values[i]; }
  uint32_t flags(size_t i) const {
    return s_->flags == nullptr ? 0 : s_->flags[i];
  }

  // Index of the first sample with timestamp >= t (size() if none).
  size_t LowerBound(int64_t t) const {
    const int64_t* b = s_ == nullptr ? nullptr : s_->timestamps_ms;
    return static_cast<size_t>(std::lower_bound(b, b + size(), t) - b);
  }

  // LowerBound(t), searched forward from `hint`: for times asked in
  // increasing order, pass the previous answer as the hint. The search
  // guesses where t falls from the times at the hint and at the end (exact
  // for a regular schedule such as hourly samples), then widens its steps
  // from the guess, so it touches a few samples near the answer instead of
  // a binary search's probes across the whole series (which miss the CPU
  // caches on long series). Correct for any hint and any spacing.
  size_t LowerBoundFrom(size_t hint, int64_t t) const {
    const size_t n = size();
    if (hint > n || (hint > 0 && timestamp(hint - 1) >= t)) {
      return LowerBound(t);  // The answer lies before the hint.
    }
    if (hint == n || timestamp(hint) >= t) return hint;
    if (timestamp(n - 1) < t) return n;
    // Now timestamp(hint) < t <= timestamp(n - 1): the answer is in
    // (hint, n - 1]. Guess by linear interpolation.
    const double span = static_cast<double>(timestamp(n - 1)) -
                        static_cast<double>(timestamp(hint));
    const double part =
        static_cast<double>(t) - static_cast<double>(timestamp(hint));
    size_t guess =
        hint + 1 +
        static_cast<size_t>(part / span * static_cast<double>(n - 1 - hint));
    if (guess > n - 1) guess = n - 1;
    size_t lo, hi;  // timestamp(lo) < t <= timestamp(hi), lo < hi.
    if (timestamp(guess) >= t) {
      // Step back from the guess until below t.
      hi = guess;
      size_t step = 1;
      for (;;) {
        lo = hi - step > hint && hi > step ? hi - step : hint;
        if (timestamp(lo) < t) break;
        hi = lo;
        step *= 2;
      }
    } else {
      // Step forward from the guess until at or past t.
      lo = guess;
      size_t step = 1;
      for (;;) {
        hi = lo + step < n - 1 ? lo + step : n - 1;
        if (timestamp(hi) >= t) break;
        lo = hi;
        step *= 2;
      }
    }
    const int64_t* b = s_->timestamps_ms;
    return static_cast<size_t>(std::lower_bound(b + lo + 1, b + hi, t) - b);
  }

  // The value at time t, linearly interpolated between the samples around
  // it; exact at a sample. nullopt when t is before the first or after the
  // last sample.
  std::optional<double> Interpolate(int64_t t) const {
    const size_t i = LowerBound(t);
    if (i == size()) return std::nullopt;
    if (timestamp(i) == t) return static_cast<double>(value(i));
    if (i == 0) return std::nullopt;
    const double t0 = static_cast<double>(timestamp(i - 1));
    const double t1 = static_cast<double>(timestamp(i));
    const double v0 = static_cast<double>(value(i - 1));
    const double v1 = static_cast<double>(value(i));
    return v0 + (v1 - v0) * (static_cast<double>(t) - t0) / (t1 - t0);
  }

  // The value of the last sample at or before t; nullopt if none.
  std::optional<int64_t> ValueAtOrBefore(int64_t t) const {
    const size_t i = LowerBound(t);
    if (i < size() && timestamp(i) == t) return value(i);
    if (i == 0) return std::nullopt;
    return value(i - 1);
  }

 private:
  const clout_series_v1* s_ = nullptr;
};

// One post with the series the metric declared in kPostFields.
class PostView {
 public:
  PostView(const clout_post_v1& p, size_t field_count)
      : p_(&p), field_count_(field_count) {}
  std::string_view id() const { return p_->post_id; }
  int64_t published_ms() const { return p_->published_ms; }
  // Series of the i-th declared post field.
  SeriesView field(size_t i) const {
    return i < field_count_ ? SeriesView(p_->fields[i]) : SeriesView();
  }

 private:
  const clout_post_v1* p_;
  size_t field_count_;
};

// The inputs of one compute call.
class Input {
 public:
  Input(const clout_compute_input_v1& in, const clout_metric_v1& metric)
      : in_(&in), metric_(&metric) {}

  std::string_view creator_id() const { return in_->creator_id; }
  int64_t window_start_ms() const { return in_->window_start_ms; }
  int64_t window_end_ms() const { return in_->window_end_ms; }
  // Series of the i-th declared account field.
  SeriesView account(size_t i) const {
    return i < metric_->account_field_count ? SeriesView(in_->account[i])
                                            : SeriesView();
  }
  size_t post_count() const { return in_->post_count; }
  PostView post(size_t i) const {
    return PostView(*in_->posts[i], metric_->post_field_count);
  }
  // Value of the i-th declared parameter (defaults applied).
  double param(size_t i) const { return in_->params[i]; }
  // The host keeps only the value (CLOUT_INPUT_VALUE_ONLY): a metric may
  // return right after SetValue. Output skips the rest on its own.
  bool value_only() const {
    return (CLOUT_INPUT_FLAGS(in_) & CLOUT_INPUT_VALUE_ONLY) != 0;
  }

 private:
  const clout_compute_input_v1* in_;
  const clout_metric_v1* metric_;
};

// Reports results to the host. Each Set and Add method returns the host's
// verdict; a malformed value (NaN, a row of the wrong width) fails the call
// anyway. When the host asked for the value only, the variant, components
// and rows are not passed to it (and so not checked): those methods then
// return OK.
class Output {
 public:
  Output(const clout_host_v1* host, void* call, bool value_only = false)
      : host_(host), call_(call), value_only_(value_only) {}

  bool value_only() const { return value_only_; }
  Status SetValue(double v) const { return Check(host_->set_value(call_, v)); }
  Status SetVariant(const std::string& variant,
                    const std::string& formula) const {
    if (value_only_) return Status::Ok();
    return Check(host_->set_variant(call_, variant.c_str(), formula.c_str()));
  }
  Status AddComponent(const std::string& name, double value,
                      const std::string& note = "") const {
    if (value_only_) return Status::Ok();
    return Check(host_->add_component(call_, name.c_str(), value,
                                      note.empty() ? nullptr : note.c_str()));
  }
  template <size_t N>
  Status AddRow(std::string_view key, int64_t timestamp_ms,
                const std::array<double, N>& values) const {
    return AddRow(key, timestamp_ms, values.data(), N);
  }
  Status AddRow(std::string_view key, int64_t timestamp_ms,
                const double* values, uint32_t count) const {
    if (value_only_) return Status::Ok();
    const std::string k(key);
    return Check(host_->add_row(call_, k.c_str(), timestamp_ms, values, count));
  }
  Status AddPoint(int64_t timestamp_ms, double value) const {
    return Check(host_->add_point(call_, timestamp_ms, value));
  }
  void Log(int32_t level, const std::string& message) const {
    host_->log(call_, level, message.c_str());
  }
  bool Cancelled() const { return host_->cancelled(call_) != 0; }
  // Host-owned scratch memory freed after the call; nullptr when exhausted.
  void* Alloc(size_t size) const { return host_->alloc(call_, size); }

 private:
  static Status Check(int32_t code) {
    return code == CLOUT_OK
               ? Status::Ok()
               : Status::InvalidArgument("output refused by the host");
  }
  const clout_host_v1* host_;
  void* call_;
  bool value_only_;
};

// Parameter specs for kParams.
constexpr clout_param_spec_v1 IntParam(const char* name,
                                       const char* description, int64_t def,
                                       int64_t min, int64_t max) {
  return {sizeof(clout_param_spec_v1),
          name,
          description,
          CLOUT_PARAM_INT,
          static_cast<double>(def),
          static_cast<double>(min),
          static_cast<double>(max),
          nullptr,
          0};
}
constexpr clout_param_spec_v1 DoubleParam(const char* name,
                                          const char* description, double def,
                                          double min, double max) {
  return {sizeof(clout_param_spec_v1),
          name,
          description,
          CLOUT_PARAM_DOUBLE,
          def,
          min,
          max,
          nullptr,
          0};
}
constexpr clout_param_spec_v1 BoolParam(const char* name,
                                        const char* description, bool def) {
  return {sizeof(clout_param_spec_v1),
          name,
          description,
          CLOUT_PARAM_BOOL,
          def ? 1.0 : 0.0,
          0,
          1,
          nullptr,
          0};
}
// `values` must have static storage duration (a static constexpr array).
template <size_t N>
constexpr clout_param_spec_v1 EnumParam(
    const char* name, const char* description,
    const std::array<const char*, N>& values, uint32_t default_index) {
  return {sizeof(clout_param_spec_v1),
          name,
          description,
          CLOUT_PARAM_ENUM,
          static_cast<double>(default_index),
          0,
          static_cast<double>(N - 1),
          values.data(),
          static_cast<uint32_t>(N)};
}

namespace internal {

template <typename T, size_t N>
constexpr const T* DataOrNull(const std::array<T, N>& a) {
  if constexpr (N == 0) {
    return nullptr;
  } else {
    return a.data();
  }
}

template <class M>
int32_t Compute(const clout_host_v1* host, void* call,
                const clout_compute_input_v1* input) noexcept;

// M::kLatestPostSamples, false when M does not declare it.
template <class M, class = void>
struct LatestPostSamples : std::false_type {};
template <class M>
struct LatestPostSamples<M, std::void_t<decltype(M::kLatestPostSamples)>>
    : std::bool_constant<M::kLatestPostSamples> {};

template <class M>
inline constexpr clout_metric_v1 kMetric = {
    sizeof(clout_metric_v1),
    M::kName,
    M::kVersion,
    M::kDescription,
    M::kOutputKind,
    M::kUnit,
    (M::kThreadSafe ? static_cast<uint32_t>(CLOUT_METRIC_THREAD_SAFE) : 0u) |
        (LatestPostSamples<M>::value
             ? static_cast<uint32_t>(CLOUT_METRIC_LATEST_POST_SAMPLES)
             : 0u),
    DataOrNull(M::kAccountFields),
    static_cast<uint32_t>(M::kAccountFields.size()),
    DataOrNull(M::kPostFields),
    static_cast<uint32_t>(M::kPostFields.size()),
    DataOrNull(M::kParams),
    static_cast<uint32_t>(M::kParams.size()),
    DataOrNull(M::kRowColumns),
    static_cast<uint32_t>(M::kRowColumns.size()),
    &Compute<M>,
};

template <class M>
int32_t Compute(const clout_host_v1* host, void* call,
                const clout_compute_input_v1* input) noexcept {
  try {
    const Input in(*input, kMetric<M>);
    Output out(host, call, in.value_only());
    Status st = M::Compute(in, out);
    if (!st.ok()) host->set_error(call, st.message().c_str());
    return st.code();
  } catch (const std::exception& e) {
    const std::string message = std::string("uncaught exception: ") + e.what();
    host->set_error(call, message.c_str());
  } catch (...) {
    host->set_error(call, "uncaught exception of unknown type");
  }
  return CLOUT_INTERNAL;
}

template <class... Ms>
struct MetricList {
  static constexpr const clout_metric_v1* kList[] = {&kMetric<Ms>...};
  static constexpr uint32_t kCount = sizeof...(Ms);
};

}  // namespace internal
}  // namespace clout::plugin

// Defines the plugin's entry symbol with the given metric classes. Use once
// per plugin, at namespace scope of one source file.
#define CLOUT_DEFINE_PLUGIN(plugin_name, plugin_version, ...)                  \
  extern "C" CLOUT_PLUGIN_EXPORT const clout_plugin_v1 clout_plugin_entry_v1 = \
      {sizeof(clout_plugin_v1),                                                \
       CLOUT_PLUGIN_ABI_MAJOR,                                                 \
       CLOUT_PLUGIN_ABI_MINOR,                                                 \
       plugin_name,                                                            \
       plugin_version,                                                         \
       ::clout::plugin::internal::MetricList<__VA_ARGS__>::kList,              \
       ::clout::plugin::internal::MetricList<__VA_ARGS__>::kCount};

#endif  // CLOUT_PLUGIN_HPP_

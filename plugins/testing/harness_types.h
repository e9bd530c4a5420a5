// harness_types.h: the plain C++ values of the plugin test harness
// (plugin_harness.h): a fixture's inputs (Series, Post, ParamValue, Inputs)
// and what one compute call produced (Result and its parts). They depend on
// clout/plugin.h and the C++ standard library only.
#ifndef CLOUT_PLUGINS_TESTING_HARNESS_TYPES_H_
#define CLOUT_PLUGINS_TESTING_HARNESS_TYPES_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
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

}  // namespace clout::plugin_testing

#endif  // CLOUT_PLUGINS_TESTING_HARNESS_TYPES_H_

#include "clients/cli/backfill/mapping.h"

#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "nlohmann/json.hpp"
#include "server/common/input_rules.h"

namespace clout::cli {
namespace {

// Objects keep their members in file order, so that messages name the
// first problem as the file shows it.
using Json = nlohmann::ordered_json;

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// Checks the syntax of a JSON text and refuses a member named twice in one
// object (nlohmann keeps the last one silently). Walks the text once,
// building nothing.
class StrictChecker : public nlohmann::json_sax<Json> {
 public:
  static constexpr size_t npos = std::string::npos;
  std::string problem;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& name) override {
    if (!keys_.back().insert(name).second) {
      problem = "duplicate member \"" + name + "\"";
      return false;
    }
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 1, ...".
    problem = e.what();
    if (size_t end = problem.find("] "); problem[0] == '[' && end != npos) {
      problem.erase(0, end + 2);
    }
    return false;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

// Parses `text` into *out; false with *error if it is not valid JSON.
bool ParseJson(std::string_view text, Json* out, std::string* error) {
  StrictChecker checker;
  if (!Json::sax_parse(text, &checker, Json::input_format_t::json,
                       /*strict=*/true, /*ignore_comments=*/false)) {
    return Fail(error, "not valid JSON: " + checker.problem);
  }
  *out = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return !out->is_discarded() || Fail(error, "not valid JSON");
}

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "?";
  }
}

// The member `key` of an object, or null.
const Json* Find(const Json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string Where(std::string_view where, std::string_view key) {
  return std::string(where) + "." + std::string(key);
}

bool CheckKeys(const Json& object, std::string_view where,
               std::initializer_list<std::string_view> allowed,
               std::string* error) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view a : allowed) known |= key == a;
    if (known) continue;
    std::string list;
    for (std::string_view a : allowed) {
      list += list.empty() ? "" : ", ";
      list += a;
    }
    return Fail(error, std::string(where) + ": unknown key \"" + key +
                           "\" (known: " + list + ")");
  }
  return true;
}

bool GetString(const Json& object, std::string_view key, std::string_view where,
               std::string* out, std::string* error) {
  const Json* v = Find(object, key);
  if (v == nullptr) return true;
  if (!v->is_string()) {
    return Fail(error,
                Where(where, key) + " must be a string, not " + TypeName(*v));
  }
  *out = v->get<std::string>();
  return true;
}

bool GetBool(const Json& object, std::string_view key, std::string_view where,
             bool* out, std::string* error) {
  const Json* v = Find(object, key);
  if (v == nullptr) return true;
  if (!v->is_boolean()) {
    return Fail(error, Where(where, key) + " must be true or false");
  }
  *out = v->get<bool>();
  return true;
}

bool GetInt(const Json& object, std::string_view key, std::string_view where,
            int64_t* out, std::string* error) {
  const Json* v = Find(object, key);
  if (v == nullptr) return true;
  if (!v->is_number_unsigned() ||
      v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return Fail(error, Where(where, key) + " must be a whole number >= 0");
  }
  *out = static_cast<int64_t>(v->get<uint64_t>());
  return true;
}

bool ParseFlags(const Json* v, std::string_view where, uint32_t* flags,
                std::string* error) {
  if (v == nullptr) return true;
  if (!v->is_array()) {
    return Fail(error, std::string(where) + " must be an array of flag names");
  }
  for (const Json& item : *v) {
    const std::string name = item.is_string() ? item.get<std::string>() : "";
    if (item.is_string() && name == "estimated") {
      *flags |= kFlagEstimated;
    } else if (item.is_string() && name == "backfilled") {
      *flags |= kFlagBackfilled;
    } else if (item.is_string() && name == "rounded") {
      *flags |= kFlagRounded;
    } else {
      return Fail(error, std::string(where) + ": unknown flag " +
                             (item.is_string() ? "\"" + name + "\""
                                               : std::string(TypeName(item))) +
                             " (known: estimated, backfilled, rounded)");
    }
  }
  return true;
}

// "creator" and "post": a column name, or an object.
bool ParseId(const Json* v, std::string_view where, IdMapping* out,
             std::string* error) {
  if (v == nullptr) return true;
  if (v->is_string()) {
    out->column = v->get<std::string>();
    return true;
  }
  if (!v->is_object()) {
    return Fail(error,
                std::string(where) + " must be a column name or an object");
  }
  std::string escape = "none";
  if (!CheckKeys(*v, where, {"column", "prefix", "escape"}, error) ||
      !GetString(*v, "column", where, &out->column, error) ||
      !GetString(*v, "prefix", where, &out->prefix, error) ||
      !GetString(*v, "escape", where, &escape, error)) {
    return false;
  }
  if (escape != "none" && escape != "percent") {
    return Fail(error,
                std::string(where) + ".escape must be \"none\" or \"percent\"");
  }
  out->escape = escape == "percent";
  if (out->column.empty()) {
    return Fail(error, std::string(where) + ".column is missing");
  }
  return true;
}

// The object form of a field: {"column": ..., "field": ..., ...}.
bool ParseFieldObject(const Json& v, const std::string& where,
                      FieldMapping* out, std::string* error) {
  std::string entity = "post";
  if (!CheckKeys(v, where,
                 {"column", "field", "entity", "flags", "rounded_from",
                  "unwrap_int32"},
                 error) ||
      !GetBool(v, "unwrap_int32", where, &out->unwrap_int32, error) ||
      !GetString(v, "column", where, &out->column, error) ||
      !GetString(v, "field", where, &out->field, error) ||
      !ParseFlags(Find(v, "flags"), where + ".flags", &out->flags, error) ||
      !GetInt(v, "rounded_from", where, &out->rounded_from, error) ||
      !GetString(v, "entity", where, &entity, error)) {
    return false;
  }
  if (entity != "post" && entity != "account") {
    return Fail(error, where + ".entity must be \"post\" or \"account\"");
  }
  out->account = entity == "account";
  if (out->field.empty()) out->field = out->column;
  return true;
}

bool ParseField(const Json& v, size_t index, uint32_t global_flags,
                FieldMapping* out, std::string* error) {
  const std::string where = "fields[" + std::to_string(index) + "]";
  out->flags = global_flags;
  if (v.is_string()) {
    out->column = out->field = v.get<std::string>();
  } else if (v.is_object()) {
    if (!ParseFieldObject(v, where, out, error)) return false;
  } else {
    return Fail(error, where + " must be a column name or an object");
  }
  if (out->column.empty()) return Fail(error, where + ".column is missing");
  absl::Status st = ValidateFieldName(where + ".field", out->field);
  if (!st.ok()) {
    return Fail(error,
                std::string(st.message()) + " (name the field with \"field\")");
  }
  return true;
}

// "format", "delimiter", "multiline" and "ignore_unknown".
bool ParseFileSettings(const Json& root, Mapping* out, std::string* error) {
  std::string format = "auto", delimiter = ",";
  if (!GetString(root, "format", "mapping", &format, error) ||
      !GetString(root, "delimiter", "mapping", &delimiter, error) ||
      !GetBool(root, "multiline", "mapping", &out->multiline, error) ||
      !GetBool(root, "ignore_unknown", "mapping", &out->ignore_unknown,
               error)) {
    return false;
  }
  if (format == "csv") {
    out->format = InputFormat::kCsv;
  } else if (format == "jsonl") {
    out->format = InputFormat::kJsonLines;
  } else if (format != "auto") {
    return Fail(error, "format must be \"csv\", \"jsonl\" or \"auto\"");
  }
  if (delimiter == "\\t" || delimiter == "tab") delimiter = "\t";
  if (delimiter.size() != 1 || delimiter[0] == '"' || delimiter[0] == '\n') {
    return Fail(error, "delimiter must be one character other than '\"'");
  }
  out->delimiter = delimiter[0];
  return true;
}

// "timestamp": a column name, or {"column", "format", "year"}.
bool ParseTimestampMapping(const Json& root, Mapping* out, std::string* error) {
  const Json* ts = Find(root, "timestamp");
  if (ts == nullptr) {
    return Fail(error,
                "\"timestamp\" is missing: which column holds the time?");
  }
  std::string time_format = "iso8601";
  int64_t year = 0;
  if (ts->is_string()) {
    out->time_column = ts->get<std::string>();
  } else if (ts->is_object()) {
    if (!CheckKeys(*ts, "timestamp", {"column", "format", "year"}, error) ||
        !GetString(*ts, "column", "timestamp", &out->time_column, error) ||
        !GetString(*ts, "format", "timestamp", &time_format, error) ||
        !GetInt(*ts, "year", "timestamp", &year, error)) {
      return false;
    }
  } else {
    return Fail(error, "timestamp must be a column name or an object");
  }
  if (out->time_column.empty())
    return Fail(error, "timestamp.column is missing");
  std::string problem;
  if (!ParseTimeFormat(time_format, static_cast<int>(year), &out->time_format,
                       &problem)) {
    return Fail(error, "timestamp.format: " + problem);
  }
  return true;
}

// "flags" and "fields".
bool ParseFields(const Json& root, Mapping* out, std::string* error) {
  uint32_t flags = 0;
  if (!ParseFlags(Find(root, "flags"), "flags", &flags, error)) return false;
  const Json* fields = Find(root, "fields");
  if (fields == nullptr || !fields->is_array() || fields->empty()) {
    return Fail(error, "\"fields\" must be a non-empty array");
  }
  for (size_t i = 0; i < fields->size(); ++i) {
    FieldMapping f;
    if (!ParseField((*fields)[i], i, flags, &f, error)) return false;
    for (const FieldMapping& g : out->fields) {
      if (g.field == f.field && g.account == f.account) {
        return Fail(error, "fields: columns '" + g.column + "' and '" +
                               f.column + "' both map to field '" + f.field +
                               "' of the same entity");
      }
    }
    out->fields.push_back(std::move(f));
  }
  return true;
}

bool ParseIgnore(const Json& root, Mapping* out, std::string* error) {
  const Json* ignore = Find(root, "ignore");
  if (ignore == nullptr) return true;
  if (!ignore->is_array()) {
    return Fail(error, "\"ignore\" must be an array of column names");
  }
  for (const Json& item : *ignore) {
    if (!item.is_string()) {
      return Fail(error, "\"ignore\" must be an array of column names");
    }
    out->ignore.push_back(item.get<std::string>());
  }
  return true;
}

}  // namespace

bool ParseMapping(std::string_view text, Mapping* out, std::string* error) {
  *out = Mapping();
  out->text = std::string(text);
  Json root;
  if (!ParseJson(text, &root, error)) return false;
  if (!root.is_object()) return Fail(error, "must be a JSON object");
  if (!CheckKeys(
          root, "mapping",
          {"description", "format", "delimiter", "multiline", "creator", "post",
           "timestamp", "fields", "flags", "ignore", "ignore_unknown"},
          error) ||
      !ParseFileSettings(root, out, error)) {
    return false;
  }
  if (Find(root, "creator") == nullptr) {
    return Fail(error,
                "\"creator\" is missing: which column names the creator?");
  }
  return ParseId(Find(root, "creator"), "creator", &out->creator, error) &&
         ParseId(Find(root, "post"), "post", &out->post, error) &&
         ParseTimestampMapping(root, out, error) &&
         ParseFields(root, out, error) && ParseIgnore(root, out, error);
}

bool LoadMapping(const std::string& path, Mapping* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(error, "mapping '" + path + "': cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  std::string problem;
  if (!ParseMapping(text.str(), out, &problem)) {
    return Fail(error, "mapping '" + path + "': " + problem);
  }
  return true;
}

InputFormat FormatFor(const Mapping& mapping, const std::string& path) {
  if (mapping.format != InputFormat::kAuto) return mapping.format;
  std::string_view name = path;
  if (EndsWith(name, ".gz")) name.remove_suffix(3);
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson") ||
      EndsWith(name, ".json")) {
    return InputFormat::kJsonLines;
  }
  return InputFormat::kCsv;
}

}  // namespace clout::cli

#include "clients/cli/mapping.h"

#include <fstream>
#include <sstream>

#include "server/common/input_rules.h"

namespace clout::cli {
namespace {

// Slots of RowMapper's per-line cells.
constexpr size_t kCreatorSlot = 0, kPostSlot = 1, kTimeSlot = 2, kFieldSlot = 3;

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

bool CheckKeys(const JsonValue& object, std::string_view where,
               std::initializer_list<std::string_view> allowed,
               std::string* error) {
  for (const auto& [key, value] : object.members) {
    bool known = false;
    for (std::string_view a : allowed) known |= key == a;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) {
        list += list.empty() ? "" : ", ";
        list += a;
      }
      return Fail(error, std::string(where) + ": unknown key \"" + key +
                             "\" (known: " + list + ")");
    }
  }
  return true;
}

bool GetString(const JsonValue& object, std::string_view key,
               std::string_view where, std::string* out, std::string* error) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) return true;
  if (v->type != JsonValue::Type::kString) {
    return Fail(error, std::string(where) + "." + std::string(key) +
                           " must be a string, not " + JsonTypeName(v->type));
  }
  *out = v->text;
  return true;
}

bool GetBool(const JsonValue& object, std::string_view key,
             std::string_view where, bool* out, std::string* error) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) return true;
  if (v->type != JsonValue::Type::kBool) {
    return Fail(error, std::string(where) + "." + std::string(key) +
                           " must be true or false");
  }
  *out = v->boolean;
  return true;
}

bool GetInt(const JsonValue& object, std::string_view key,
            std::string_view where, int64_t* out, std::string* error) {
  const JsonValue* v = object.Find(key);
  if (v == nullptr) return true;
  if (v->type != JsonValue::Type::kNumber || !ParseCount(v->text, out)) {
    return Fail(error, std::string(where) + "." + std::string(key) +
                           " must be a whole number >= 0");
  }
  return true;
}

bool ParseFlags(const JsonValue* v, std::string_view where, uint32_t* flags,
                std::string* error) {
  if (v == nullptr) return true;
  if (v->type != JsonValue::Type::kArray) {
    return Fail(error, std::string(where) + " must be an array of flag names");
  }
  for (const JsonValue& item : v->items) {
    if (item.type == JsonValue::Type::kString && item.text == "estimated") {
      *flags |= kFlagEstimated;
    } else if (item.type == JsonValue::Type::kString &&
               item.text == "backfilled") {
      *flags |= kFlagBackfilled;
    } else if (item.type == JsonValue::Type::kString &&
               item.text == "rounded") {
      *flags |= kFlagRounded;
    } else {
      return Fail(error, std::string(where) + ": unknown flag " +
                             (item.type == JsonValue::Type::kString
                                  ? "\"" + item.text + "\""
                                  : std::string(JsonTypeName(item.type))) +
                             " (known: estimated, backfilled, rounded)");
    }
  }
  return true;
}

// "creator" and "post": a column name, or an object.
bool ParseId(const JsonValue* v, std::string_view where, IdMapping* out,
             std::string* error) {
  if (v == nullptr) return true;
  if (v->type == JsonValue::Type::kString) {
    out->column = v->text;
    return true;
  }
  if (!v->is_object()) {
    return Fail(error,
                std::string(where) + " must be a column name or an object");
  }
  if (!CheckKeys(*v, where, {"column", "prefix", "escape"}, error) ||
      !GetString(*v, "column", where, &out->column, error) ||
      !GetString(*v, "prefix", where, &out->prefix, error)) {
    return false;
  }
  std::string escape = "none";
  if (!GetString(*v, "escape", where, &escape, error)) return false;
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

bool ParseField(const JsonValue& v, size_t index, uint32_t global_flags,
                FieldMapping* out, std::string* error) {
  const std::string where = "fields[" + std::to_string(index) + "]";
  out->flags = global_flags;
  if (v.type == JsonValue::Type::kString) {
    out->column = out->field = v.text;
  } else if (v.is_object()) {
    if (!CheckKeys(v, where,
                   {"column", "field", "entity", "flags", "rounded_from",
                    "unwrap_int32"},
                   error) ||
        !GetBool(v, "unwrap_int32", where, &out->unwrap_int32, error) ||
        !GetString(v, "column", where, &out->column, error) ||
        !GetString(v, "field", where, &out->field, error) ||
        !ParseFlags(v.Find("flags"), where + ".flags", &out->flags, error) ||
        !GetInt(v, "rounded_from", where, &out->rounded_from, error)) {
      return false;
    }
    std::string entity = "post";
    if (!GetString(v, "entity", where, &entity, error)) return false;
    if (entity != "post" && entity != "account") {
      return Fail(error, where + ".entity must be \"post\" or \"account\"");
    }
    out->account = entity == "account";
    if (out->field.empty()) out->field = out->column;
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

// Percent-encodes what an id may not hold, and '%' itself.
void AppendEscaped(std::string_view cell, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : cell) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '%') {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(ch);
    }
  }
}

// "-94967296" -> 4200000000: a count of [2^31, 2^32) wrapped to negative.
bool UnwrapInt32(std::string_view cell, int64_t* value) {
  int64_t magnitude = 0;
  if (cell.empty() || cell[0] != '-' ||
      !ParseCount(cell.substr(1), &magnitude) || magnitude == 0 ||
      magnitude > (int64_t{1} << 31)) {
    return false;
  }
  *value = (int64_t{1} << 32) - magnitude;
  return true;
}

}  // namespace

bool ParseMapping(std::string_view text, Mapping* out, std::string* error) {
  *out = Mapping();
  out->text = std::string(text);
  JsonValue root;
  std::string problem;
  if (!ParseJson(text, &root, &problem)) {
    return Fail(error, "not valid JSON: " + problem);
  }
  if (!root.is_object()) return Fail(error, "must be a JSON object");
  if (!CheckKeys(
          root, "mapping",
          {"description", "format", "delimiter", "multiline", "creator", "post",
           "timestamp", "fields", "flags", "ignore", "ignore_unknown"},
          error)) {
    return false;
  }
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

  if (root.Find("creator") == nullptr) {
    return Fail(error,
                "\"creator\" is missing: which column names the creator?");
  }
  if (!ParseId(root.Find("creator"), "creator", &out->creator, error) ||
      !ParseId(root.Find("post"), "post", &out->post, error)) {
    return false;
  }

  const JsonValue* ts = root.Find("timestamp");
  if (ts == nullptr) {
    return Fail(error,
                "\"timestamp\" is missing: which column holds the time?");
  }
  std::string time_format = "iso8601";
  int64_t year = 0;
  if (ts->type == JsonValue::Type::kString) {
    out->time_column = ts->text;
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
  if (!ParseTimeFormat(time_format, static_cast<int>(year), &out->time_format,
                       &problem)) {
    return Fail(error, "timestamp.format: " + problem);
  }

  uint32_t flags = 0;
  if (!ParseFlags(root.Find("flags"), "flags", &flags, error)) return false;
  const JsonValue* fields = root.Find("fields");
  if (fields == nullptr || fields->type != JsonValue::Type::kArray ||
      fields->items.empty()) {
    return Fail(error, "\"fields\" must be a non-empty array");
  }
  for (size_t i = 0; i < fields->items.size(); ++i) {
    FieldMapping f;
    if (!ParseField(fields->items[i], i, flags, &f, error)) return false;
    for (const FieldMapping& g : out->fields) {
      if (g.field == f.field && g.account == f.account) {
        return Fail(error, "fields: columns '" + g.column + "' and '" +
                               f.column + "' both map to field '" + f.field +
                               "' of the same entity");
      }
    }
    out->fields.push_back(std::move(f));
  }
  if (const JsonValue* ignore = root.Find("ignore"); ignore != nullptr) {
    if (ignore->type != JsonValue::Type::kArray) {
      return Fail(error, "\"ignore\" must be an array of column names");
    }
    for (const JsonValue& item : ignore->items) {
      if (item.type != JsonValue::Type::kString) {
        return Fail(error, "\"ignore\" must be an array of column names");
      }
      out->ignore.push_back(item.text);
    }
  }
  return true;
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

RowMapper::RowMapper(const Mapping* mapping) : mapping_(mapping) {
  field_index_.assign(mapping->fields.size(), -1);
  json_cells_.resize(kFieldSlot + mapping->fields.size());
}

bool RowMapper::Ignored(std::string_view column) const {
  if (mapping_->ignore_unknown) return true;
  for (const std::string& ignored : mapping_->ignore) {
    // "author" also ignores "author.id" (JSON objects).
    if (column == ignored ||
        (column.size() > ignored.size() && column[ignored.size()] == '.' &&
         column.substr(0, ignored.size()) == ignored)) {
      return true;
    }
  }
  return false;
}

bool RowMapper::SetHeader(const std::vector<std::string_view>& cells,
                          std::string* error) {
  const Mapping& m = *mapping_;
  creator_index_ = post_index_ = time_index_ = -1;
  field_index_.assign(m.fields.size(), -1);
  columns_ = cells.size();
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string_view name = TrimBlanks(cells[i]);
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
    for (size_t j = 0; j < i; ++j) {
      if (TrimBlanks(cells[j]) == name) {
        return Fail(error, "column '" + std::string(name) + "' appears twice");
      }
    }
    bool used = false;
    if (name == m.creator.column)
      creator_index_ = static_cast<int>(i), used = true;
    if (!m.post.column.empty() && name == m.post.column) {
      post_index_ = static_cast<int>(i);
      used = true;
    }
    if (name == m.time_column) time_index_ = static_cast<int>(i), used = true;
    for (size_t f = 0; f < m.fields.size(); ++f) {
      if (name == m.fields[f].column) {
        field_index_[f] = static_cast<int>(i);
        used = true;
      }
    }
    if (!used && !Ignored(name)) {
      return Fail(error, "unknown column '" + std::string(name) +
                             "' (map it, or list it under \"ignore\" in the "
                             "mapping)");
    }
  }
  auto missing = [error](const std::string& column, const char* role) {
    return Fail(error, "the header has no column '" + column + "' (" + role +
                           " in the mapping)");
  };
  if (creator_index_ < 0) return missing(m.creator.column, "creator");
  if (!m.post.column.empty() && post_index_ < 0) {
    return missing(m.post.column, "post");
  }
  if (time_index_ < 0) return missing(m.time_column, "timestamp");
  for (size_t f = 0; f < m.fields.size(); ++f) {
    if (field_index_[f] < 0) return missing(m.fields[f].column, "a field");
  }
  return true;
}

bool RowMapper::MapId(const IdMapping& m, std::string_view what,
                      std::string_view cell, IdCache* cache,
                      std::string* error) {
  if (cache->valid && cell == cache->cell) return true;
  cache->valid = false;
  cache->cell.assign(cell);
  cache->id = m.prefix;
  if (m.escape) {
    AppendEscaped(cell, &cache->id);
  } else {
    cache->id.append(cell);
  }
  absl::Status st = ValidateId(what, cache->id);
  if (!st.ok()) {
    std::string message =
        "column '" + m.column + "': " + std::string(st.message());
    if (!m.escape)
      message += " (\"escape\": \"percent\" in the mapping encodes it)";
    return Fail(error, std::move(message));
  }
  cache->valid = true;
  return true;
}

bool RowMapper::MapValues(const std::vector<std::string_view>& slots,
                          MappedRow* row, std::string* error) {
  const Mapping& m = *mapping_;
  std::string_view creator = TrimBlanks(slots[kCreatorSlot]);
  if (creator.empty()) {
    return Fail(error, "column '" + m.creator.column + "' (creator) is empty");
  }
  if (!MapId(m.creator, "creator_id", creator, &creator_cache_, error)) {
    return false;
  }
  row->creator_id = creator_cache_.id;
  row->post_id = std::string_view();
  std::string_view post = TrimBlanks(slots[kPostSlot]);
  if (!post.empty()) {
    if (!MapId(m.post, "post_id", post, &post_cache_, error)) return false;
    row->post_id = post_cache_.id;
  }
  std::string_view time = slots[kTimeSlot];
  if (TrimBlanks(time).empty()) {
    return Fail(error, "column '" + m.time_column + "' (timestamp) is empty");
  }
  std::string problem;
  if (!ParseTimestamp(m.time_format, time, &row->timestamp_ms, &problem)) {
    return Fail(error, "column '" + m.time_column + "': " + problem);
  }
  absl::Status st = ValidateTimestamp("timestamp", row->timestamp_ms);
  if (!st.ok()) {
    return Fail(error,
                "column '" + m.time_column + "': " + std::string(st.message()));
  }
  row->samples.clear();
  for (size_t f = 0; f < m.fields.size(); ++f) {
    std::string_view cell = TrimBlanks(slots[kFieldSlot + f]);
    if (cell.empty()) continue;
    MappedSample s;
    s.field = static_cast<int>(f);
    if (!ParseCount(cell, &s.value) &&
        !(m.fields[f].unwrap_int32 && UnwrapInt32(cell, &s.value))) {
      return Fail(error, "column '" + m.fields[f].column + "': '" +
                             std::string(cell.substr(0, 40)) +
                             "' is not a count (a whole number >= 0)");
    }
    s.flags = m.fields[f].flags;
    if (m.fields[f].rounded_from >= 0 && s.value >= m.fields[f].rounded_from) {
      s.flags |= kFlagRounded;
    }
    row->samples.push_back(s);
  }
  return true;
}

bool RowMapper::MapCells(const std::vector<std::string_view>& cells,
                         MappedRow* row, std::string* error) {
  if (cells.size() != columns_) {
    return Fail(error, "the line has " + std::to_string(cells.size()) +
                           " cells, the header names " +
                           std::to_string(columns_) + " columns");
  }
  json_cells_[kCreatorSlot] = cells[creator_index_];
  json_cells_[kPostSlot] =
      post_index_ >= 0 ? cells[post_index_] : std::string_view();
  json_cells_[kTimeSlot] = cells[time_index_];
  for (size_t f = 0; f < field_index_.size(); ++f) {
    json_cells_[kFieldSlot + f] = cells[field_index_[f]];
  }
  return MapValues(json_cells_, row, error);
}

bool RowMapper::MapObject(const JsonValue& object, MappedRow* row,
                          std::string* error) {
  const Mapping& m = *mapping_;
  if (!object.is_object()) {
    return Fail(error, std::string("the line is ") + JsonTypeName(object.type) +
                           ", not a JSON object");
  }
  std::fill(json_cells_.begin(), json_cells_.end(), std::string_view());
  json_text_.resize(json_cells_.size());
  // Walks the object, nested objects as "outer.inner".
  struct Walker {
    RowMapper* self;
    std::string* error;
    bool Walk(const JsonValue& obj, const std::string& prefix) {
      const Mapping& m = *self->mapping_;
      for (const auto& [key, value] : obj.members) {
        const std::string column = prefix.empty() ? key : prefix + "." + key;
        int slot = -1;
        if (column == m.creator.column) slot = kCreatorSlot;
        if (!m.post.column.empty() && column == m.post.column) slot = kPostSlot;
        if (column == m.time_column) slot = kTimeSlot;
        for (size_t f = 0; f < m.fields.size() && slot < 0; ++f) {
          if (column == m.fields[f].column)
            slot = static_cast<int>(kFieldSlot + f);
        }
        if (slot >= 0) {
          if (value.type == JsonValue::Type::kArray ||
              value.type == JsonValue::Type::kObject) {
            return Fail(error, "column '" + column + "' is " +
                                   JsonTypeName(value.type) + ", not a value");
          }
          std::string& text = self->json_text_[slot];
          text = value.type == JsonValue::Type::kNull ? ""
                 : value.type == JsonValue::Type::kBool
                     ? (value.boolean ? "true" : "false")
                     : value.text;
          self->json_cells_[slot] = text;
          continue;
        }
        if (self->Ignored(column)) continue;
        if (value.is_object()) {
          if (!Walk(value, column)) return false;
          continue;
        }
        return Fail(error, "unknown column '" + column +
                               "' (map it, or list it under \"ignore\" in the "
                               "mapping)");
      }
      return true;
    }
  };
  Walker walker{this, error};
  if (!walker.Walk(object, "")) return false;
  (void)m;
  return MapValues(json_cells_, row, error);
}

}  // namespace clout::cli

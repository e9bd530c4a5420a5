#include "clients/cli/backfill/row_mapper.h"

#include <algorithm>

#include "server/common/input_rules.h"

namespace clout::cli {
namespace {

// Slots of RowMapper's per-line cells.
constexpr size_t kCreatorSlot = 0, kPostSlot = 1, kTimeSlot = 2, kFieldSlot = 3;

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
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

RowMapper::RowMapper(const Mapping* mapping)
    : mapping_(mapping), json_slots_(this) {
  field_index_.assign(mapping->fields.size(), -1);
  cells_.resize(kFieldSlot + mapping->fields.size());
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
  cells_[kCreatorSlot] = cells[creator_index_];
  cells_[kPostSlot] =
      post_index_ >= 0 ? cells[post_index_] : std::string_view();
  cells_[kTimeSlot] = cells[time_index_];
  for (size_t f = 0; f < field_index_.size(); ++f) {
    cells_[kFieldSlot + f] = cells[field_index_[f]];
  }
  return MapValues(cells_, row, error);
}

int RowMapper::JsonSlots::Slot(std::string_view column) const {
  const Mapping& m = *mapper_->mapping_;
  int slot = kUnknown;
  if (column == m.creator.column) slot = kCreatorSlot;
  if (!m.post.column.empty() && column == m.post.column) slot = kPostSlot;
  if (column == m.time_column) slot = kTimeSlot;
  for (size_t f = 0; f < m.fields.size() && slot < 0; ++f) {
    if (column == m.fields[f].column) slot = static_cast<int>(kFieldSlot + f);
  }
  if (slot < 0 && mapper_->Ignored(column)) slot = kIgnored;
  return slot;
}

bool RowMapper::MapJsonLine(std::string_view line, MappedRow* row,
                            std::string* error) {
  std::fill(cells_.begin(), cells_.end(), std::string_view());
  if (!json_reader_.Read(line, json_slots_, &cells_, error)) return false;
  return MapValues(cells_, row, error);
}

}  // namespace clout::cli

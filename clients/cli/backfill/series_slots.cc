#include "clients/cli/backfill/series_slots.h"

#include <algorithm>

namespace clout::cli {

SeriesSlots::SeriesSlots(const Mapping* mapping)
    : mapping_(mapping), slots_(mapping->fields.size(), -1) {}

void SeriesSlots::Clear() {
  index_.clear();
  creator_.clear();
  post_.clear();
  std::fill(slots_.begin(), slots_.end(), -1);
}

void SeriesSlots::Begin(const MappedRow& row) {
  if (row.creator_id == creator_ && row.post_id == post_) return;
  creator_.assign(row.creator_id);
  post_.assign(row.post_id);
  std::fill(slots_.begin(), slots_.end(), -1);
}

std::string_view SeriesSlots::PostOf(const MappedRow& row, int field) const {
  return mapping_->fields[field].account ? std::string_view() : row.post_id;
}

int SeriesSlots::Slot(const MappedRow& row, int field, bool* is_new) {
  int& slot = slots_[field];
  *is_new = false;
  if (slot >= 0) return slot;
  key_.assign(row.creator_id);
  key_.push_back('\0');
  key_.append(PostOf(row, field));
  key_.push_back('\0');
  key_.append(mapping_->fields[field].field);
  auto [it, inserted] = index_.emplace(key_, static_cast<int>(index_.size()));
  *is_new = inserted;
  slot = it->second;
  return slot;
}

}  // namespace clout::cli

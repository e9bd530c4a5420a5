// SeriesSlots: how the backfill sinks group the samples of mapped rows into
// series. A series is (creator, post, field), with no post for the fields
// the mapping puts on the creator's account; the first series seen gets
// index 0, the next new one 1, and so on.
//
//   SeriesSlots slots(&mapping);
//   slots.Begin(row);
//   for (const MappedSample& s : row.samples) {
//     bool is_new = false;
//     const int i = slots.Slot(row, s.field, &is_new);
//     if (is_new) AddSeries(row.creator_id, slots.PostOf(row, s.field), ...);
//     series[i].Append(row.timestamp_ms, s.value);
//   }
//
// Rows of one entity usually follow each other, so the series of the last
// entity are cached per field. Not thread-safe.
#ifndef CLOUT_CLIENTS_CLI_BACKFILL_SERIES_SLOTS_H_
#define CLOUT_CLIENTS_CLI_BACKFILL_SERIES_SLOTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "clients/cli/backfill/mapping.h"
#include "clients/cli/backfill/row_mapper.h"

namespace clout::cli {

class SeriesSlots {
 public:
  // `mapping` must outlive the slots.
  explicit SeriesSlots(const Mapping* mapping);

  // Forgets every series: the next new one gets index 0.
  void Clear();

  // Starts a row: call before Slot for its samples.
  void Begin(const MappedRow& row);

  // The index of the series of field `field` (an index into the mapping's
  // fields) on `row`. *is_new is true when the series was not seen since
  // Clear: the caller then adds it, as index Size() - 1.
  int Slot(const MappedRow& row, int field, bool* is_new);

  // The post id of the series of `field` on `row` (empty for account
  // fields).
  std::string_view PostOf(const MappedRow& row, int field) const;

  // How many series there are.
  size_t Size() const { return index_.size(); }

 private:
  const Mapping* mapping_;
  absl::flat_hash_map<std::string, int> index_;  // Key -> series index.
  std::string creator_, post_;                   // The cached entity,
  std::vector<int> slots_;                       // its series per field.
  std::string key_;
};

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_BACKFILL_SERIES_SLOTS_H_

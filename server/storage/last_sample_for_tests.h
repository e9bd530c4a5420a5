// For tests of the storage layer: a series' last sample (SeriesStore::
// ReadLast) as text that an equality assertion prints readably.
#ifndef CLOUT_SERVER_STORAGE_LAST_SAMPLE_FOR_TESTS_H_
#define CLOUT_SERVER_STORAGE_LAST_SAMPLE_FOR_TESTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage/series_store.h"

namespace clout::storage {

// "t=v/flag" with t counted from `origin_ms`, "none" if the series has no
// sample, or "error: ..." if the read failed.
inline std::string LastSampleText(SeriesStore* store, const SeriesId& id,
                                  int64_t origin_ms) {
  std::vector<LastRead> reads(1);
  reads[0].id = id;
  absl::Status st = store->ReadLast(&reads);
  if (!st.ok()) return "error: " + st.ToString();
  if (!reads[0].found) return "none";
  return std::to_string(reads[0].timestamp - origin_ms) + "=" +
         std::to_string(reads[0].value) + "/" + std::to_string(reads[0].flag);
}

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_LAST_SAMPLE_FOR_TESTS_H_

// BulkIngest: loading a store from bulk files written outside it.
//
// A loader learns the ids of its series from the store (ResolveSeriesIds,
// the Bulk.ResolveSeries RPC), writes their samples with BulkSstWriter
// (format/bulk_file.h) into sorted SST files, and hands the files to
// IngestSstFiles. The merge operator unions loaded and stored samples. Each
// ingested file is newer than everything stored before it, so at equal
// timestamps the loaded sample wins, and of two files of one call the
// later.
//
// Implementations are safe for concurrent use, also with the SeriesStore
// calls of the same store: reads and writes go on during an ingestion.
//
// Example (one process, as the tests do it):
//   std::vector<uint64_t> ids;
//   int64_t created = 0;
//   bulk->ResolveSeriesIds({{"tiktok:1", "", "followers"}}, &ids, &created);
//   BulkSstWriter writer;
//   writer.Open("/tmp/load.sst");
//   writer.AddSeries(ids[0], samples);   // sorted, unique timestamps
//   writer.Finish(nullptr);
//   BulkIngestResult result;
//   bulk->IngestSstFiles({"/tmp/load.sst"}, /*move_files=*/true, &result);
#ifndef CLOUT_SERVER_STORAGE_BULK_INGEST_H_
#define CLOUT_SERVER_STORAGE_BULK_INGEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/storage/series_store.h"

namespace clout::storage {

// What BulkIngest::IngestSstFiles loaded.
struct BulkIngestResult {
  int64_t files = 0;
  int64_t records = 0;   // Table entries, one per (series, block).
  int64_t samples = 0;   // Samples in those records.
  int64_t series = 0;    // Distinct series touched.
  int64_t creators = 0;  // Distinct creators touched.
  int64_t bytes = 0;     // Size of the files.
  double validate_seconds = 0;
  double ingest_seconds = 0;
};

class BulkIngest {
 public:
  virtual ~BulkIngest() = default;

  // Sets (*ids)[i] to the id of series[i], creating the missing series, and
  // bare creator and post records, in batched writes; sets *created to the
  // number of new series. Ids stay valid until the series' creator is
  // deleted. On error some series may have been created.
  virtual absl::Status ResolveSeriesIds(const std::vector<SeriesId>& series,
                                        std::vector<uint64_t>* ids,
                                        int64_t* created) = 0;

  // Validates every file, then ingests them in order, each atomically;
  // advances the generation of every creator loaded (SeriesStore::
  // CreatorGeneration). With `move_files` the files are moved into the store
  // if they can be (else copied); otherwise they are left as they are.
  // NotFound for a missing path, InvalidArgument naming the file and entry
  // for an invalid file (nothing is ingested then), FailedPrecondition for a
  // series id the store does not know. On an error while ingesting, the
  // files before the failing one are in (result->files counts them).
  virtual absl::Status IngestSstFiles(const std::vector<std::string>& paths,
                                      bool move_files,
                                      BulkIngestResult* result) = 0;

  // A fresh path in the store's data folder for staging an uploaded file,
  // on the file system the store ingests from. Files left there by earlier
  // processes are removed. Internal if the folder cannot be created.
  virtual absl::StatusOr<std::string> NewBulkStagingPath() = 0;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_BULK_INGEST_H_

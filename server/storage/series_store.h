// SeriesStore: the storage interface of clout. It holds creator and post
// records and the sample series of their fields.
//
// A SeriesStore is safe for concurrent use from many threads without
// external synchronization. Every method returns a canonical absl::Status:
// InvalidArgument for input it cannot store, NotFound for missing records,
// DataLoss for corruption found on disk, and the I/O errors of the engine
// otherwise. Inputs are expected to be validated by the caller (api/
// validation.h); the store only enforces what its format needs.
#ifndef CLOUT_SERVER_STORAGE_SERIES_STORE_H_
#define CLOUT_SERVER_STORAGE_SERIES_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/common/samples.h"

namespace clout::storage {

// Names one series. Views must stay valid for the duration of the call.
struct SeriesId {
  std::string_view creator_id;
  std::string_view post_id;  // Empty for the creator's account.
  std::string_view field;
};

// The samples to write to one series. Samples need not be sorted; of equal
// timestamps the last wins.
struct SeriesWrite {
  SeriesId id;
  SampleColumns samples;
};

struct CreatorFilter {
  std::string platform;                       // Empty: any.
  std::map<std::string, std::string> labels;  // All must match.
};

// A creator's descriptive record. The API's clout.v1.Creator carries the
// same fields; the services convert.
struct CreatorRecord {
  std::string creator_id;
  std::string platform;
  std::string handle;
  std::string display_name;
  std::map<std::string, std::string> labels;
  // Set by the store: when the record was first created and last updated,
  // ms since the epoch. Ignored on upsert.
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
};

// A post's descriptive record (the API's clout.v1.Post).
struct PostRecord {
  std::string creator_id;
  std::string post_id;
  int64_t published_ms = 0;  // 0 if unknown.
  std::map<std::string, std::string> labels;
  int64_t created_ms = 0;  // Set by the store, as in CreatorRecord.
  int64_t updated_ms = 0;
};

struct CreatorPage {
  std::vector<CreatorRecord> creators;
  std::string next_after;  // Empty when there is no further page.
};

struct PostPage {
  std::vector<PostRecord> posts;
  std::string next_after;  // Empty when there is no further page.
};

struct CreatorInfo {
  CreatorRecord creator;
  std::vector<std::string> account_fields;
  int64_t post_count = 0;
};

struct StoreStats {
  int64_t creators = 0;
  int64_t posts = 0;
  int64_t series = 0;
  int64_t samples = 0;
  int64_t bytes_on_disk = 0;
  int64_t sample_table_bytes = 0;
};

// One read of a batch (SeriesStore::ReadMany).
struct SeriesRead {
  SeriesId id;
  int64_t start = 0;  // Range [start, end).
  int64_t end = 0;
  // Also return the last sample before `start`, first in `samples`.
  bool with_prior = false;
  // Output: the samples; `found` is false if the series was never written.
  SampleColumns samples;
  bool found = false;
  // With `borrow`, the store may instead leave `samples` empty and answer
  // with `borrowed`, samples of a decoded block (one it caches, or one it
  // decoded for this read) that stay valid while `pin` is held, sparing a
  // copy. Read `span()` either way.
  bool borrow = false;
  SampleSpan borrowed;
  std::shared_ptr<const void> pin;
  // Keep the blocks this read decodes in memory for later reads. A read
  // that should not displace what is hot (a scan through every post, say)
  // clears it; it still uses what is there.
  bool fill = true;

  SampleSpan span() const {
    return pin != nullptr ? borrowed : SampleSpan::Of(samples);
  }
};

// One read of SeriesStore::ReadLast.
struct LastRead {
  SeriesId id;
  // Output: the sample of greatest timestamp the series holds, if any;
  // `found` is false for a series never written or with every sample
  // deleted.
  bool found = false;
  int64_t timestamp = 0;
  int64_t value = 0;
  uint32_t flag = 0;
};

// Called by Export for each series, in key order, with samples in time
// order. Returning false stops the export.
using ExportVisitor =
    std::function<bool(const SeriesId& id, const SampleColumns& samples)>;

class SeriesStore {
 public:
  virtual ~SeriesStore() = default;

  // Writes the batch atomically: all of it is stored or none. Creates the
  // series, and a bare creator or post record for an id seen for the first
  // time. On return with OK the batch is in the write-ahead log.
  virtual absl::Status Write(std::vector<SeriesWrite>* batch) = 0;

  // Sets *out to the samples of `id` with start <= timestamp < end, in time
  // order. NotFound if the series was never written.
  virtual absl::Status Read(const SeriesId& id, int64_t start, int64_t end,
                            SampleColumns* out) = 0;

  // Performs many reads at once, cheaper than one Read each: one engine
  // iterator serves them all. Series never written come back empty with
  // found == false; that is not an error.
  virtual absl::Status ReadMany(std::vector<SeriesRead>* reads) = 0;

  // Sets the last sample of each series of `reads`. Far cheaper than
  // reading the series: the store keeps every series' last sample beside
  // its blocks, and no block is read.
  virtual absl::Status ReadLast(std::vector<LastRead>* reads) = 0;

  // Appends to *out the last sample of `id` with timestamp < t, if there
  // is one. NotFound if the series was never written.
  virtual absl::Status ReadLastBefore(const SeriesId& id, int64_t t,
                                      SampleColumns* out) = 0;

  // Visits every series of `creator_id` (all creators when empty) with its
  // samples in [start, end); series without samples there are skipped.
  virtual absl::Status Export(std::string_view creator_id, int64_t start,
                              int64_t end, const ExportVisitor& visit) = 0;

  // Creates or replaces records, keeping the created_ms of a replaced one;
  // sets *created to the number that were new.
  virtual absl::Status UpsertCreators(
      const std::vector<CreatorRecord>& creators, int* created) = 0;
  // NotFound (naming it) if a post's creator does not exist; then nothing
  // is written.
  virtual absl::Status UpsertPosts(const std::vector<PostRecord>& posts,
                                   int* created) = 0;

  // The record of `creator_id`, the fields of its account series and its
  // number of posts. NotFound if there is no such creator.
  virtual absl::StatusOr<CreatorInfo> GetCreator(
      std::string_view creator_id) = 0;
  // Creators with id > after, in id order, at most `limit`.
  virtual absl::StatusOr<CreatorPage> ListCreators(const CreatorFilter& filter,
                                                   std::string_view after,
                                                   int limit) = 0;
  // Posts of a creator with post id > after, published in [from, to) (0
  // means unbounded), in post id order. NotFound if the creator is missing.
  virtual absl::StatusOr<PostPage> ListPosts(std::string_view creator_id,
                                             int64_t published_from,
                                             int64_t published_to,
                                             std::string_view after,
                                             int limit) = 0;

  // Deletes a creator, its posts and all its series, and sets the number
  // of posts and series deleted. NotFound if missing; then nothing changes.
  virtual absl::Status DeleteCreator(std::string_view creator_id,
                                     int64_t* posts_deleted,
                                     int64_t* series_deleted) = 0;

  // Deletes samples in [start, end) from the series of `creator_id` that
  // match `post_id` (unless all_entities) and `field` (unless empty), and
  // sets *series_affected to the number of those series. NotFound if no
  // series matches.
  virtual absl::Status DeleteSamples(std::string_view creator_id,
                                     std::string_view post_id,
                                     std::string_view field, bool all_entities,
                                     int64_t start, int64_t end,
                                     int64_t* series_affected) = 0;

  // Counts; with count_samples false, `samples` is left 0 (cheap call).
  virtual absl::StatusOr<StoreStats> Stats(bool count_samples) = 0;

  // A number that changes whenever anything stored for the creator
  // changes (samples, its record or its posts' records), for caches of
  // values derived from the creator's data. 0 for a creator never changed
  // since the store was opened. Cheap; thread-safe.
  virtual uint64_t CreatorGeneration(std::string_view creator_id) const = 0;

  // A number that changes whenever a creator is created, deleted or has its
  // record upserted, so a list of creators (ListCreators) taken after it
  // read g is still current while it reads g. Cheap; thread-safe.
  virtual uint64_t CatalogGeneration() const = 0;

  // Writes a consistent copy into `dir`; AlreadyExists if `dir` exists.
  virtual absl::Status Checkpoint(const std::string& dir) = 0;

  // Merges pending writes and rewrites all files at the bottom level.
  virtual absl::Status Compact() = 0;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_SERIES_STORE_H_

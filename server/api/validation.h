// Validation of API requests, before anything reaches the store.
//
// Messages name the field and the offending value so that a caller can act
// on them, for example:
//   series[2].timestamps_ms[7]: 99999999999999 is after 2100-01-01
#ifndef CLOUT_SERVER_API_VALIDATION_H_
#define CLOUT_SERVER_API_VALIDATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "clout/v1/ingest.pb.h"
#include "server/common/input_rules.h"
#include "server/storage/series_store.h"

namespace clout::api {

// Size limits of requests; the server sets them from its flags.
struct Limits {
  int64_t max_batch_samples = 1000000;  // Per Write or WriteStream message.
  int64_t max_batch_series = 100000;    // Per Write or WriteStream message.
  int max_labels = 64;                  // Per creator or post.
  int max_label_bytes = 256;            // Per label key or value.
};

absl::Status ValidateLabels(
    std::string_view what,
    const google::protobuf::Map<std::string, std::string>& labels,
    const Limits& limits);
absl::Status ValidateCreator(std::string_view what,
                             const clout::v1::Creator& creator,
                             const Limits& limits);
absl::Status ValidatePost(std::string_view what, const clout::v1::Post& post,
                          const Limits& limits);

// RESOURCE_EXHAUSTED naming the limit if the request is too large to take
// at all; OK otherwise.
absl::Status CheckWriteSize(const clout::v1::WriteRequest& request,
                            const Limits& limits);

// Splits a write request into the samples to store and the rejections.
// Rejected series and samples are left out of *writes and appended to
// response->rejections, with series_index offset by `series_offset`.
// *writes refer to strings of `request`, which must outlive them.
void PrepareWrite(const clout::v1::WriteRequest& request,
                  uint32_t series_offset,
                  std::vector<storage::SeriesWrite>* writes,
                  clout::v1::WriteResponse* response);

// A one-line summary of the rejections for a status message, naming the
// first few.
std::string SummarizeRejections(const clout::v1::WriteResponse& response);

}  // namespace clout::api

#endif  // CLOUT_SERVER_API_VALIDATION_H_

// Loading the synthetic workload (bench/workload.h) into a running cloutd
// over gRPC: the creator and post records, and the series over parallel
// WriteStream calls.
#ifndef CLOUT_BENCH_WORKLOAD_UPLOAD_H_
#define CLOUT_BENCH_WORKLOAD_UPLOAD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/grpc_support.h"
#include "bench/workload.h"
#include "clout/v1/ingest.grpc.pb.h"

namespace clout::bench {

// Upserts the record of every creator of `workload` (platform "tiktok",
// handle "synth_creator_<i>", label source=synthetic), then every post, in
// index order, 1000 records per UpsertCreators / UpsertPosts call. Sets
// *post_count to the posts sent. Returns the first failed call's error.
absl::Status UpsertRecords(clout::v1::Ingest::Stub* ingest,
                           const WorkloadOptions& workload,
                           int64_t* post_count);

// `count` Ingest stubs, each on its own connected channel (ConnectedChannel),
// so that parallel streams do not share one connection.
absl::StatusOr<std::vector<std::unique_ptr<clout::v1::Ingest::Stub>>>
ConnectIngestStubs(const std::string& target, int count);

// Streams the workload with one WriteStream call per stub, each on its own
// thread: creator c on stream c % stubs.size(), named "stream <i>". Returns
// when every stream has finished; one outcome per stream.
std::vector<StreamOutcome> StreamWorkload(
    const std::vector<std::unique_ptr<clout::v1::Ingest::Stub>>& stubs,
    const WorkloadOptions& workload, int64_t batch_samples);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_WORKLOAD_UPLOAD_H_

#include "bench/workload_upload.h"

#include <thread>

#include "server/common/strings.h"

namespace clout::bench {
namespace {

using clout::v1::Ingest;

// Records per UpsertCreators / UpsertPosts call.
constexpr int kRecordsPerUpsert = 1000;

absl::Status UpsertCreators(Ingest::Stub* ingest,
                            const WorkloadOptions& workload) {
  clout::v1::UpsertCreatorsRequest creators;
  auto send_creators = [&]() -> absl::Status {
    if (creators.creators_size() == 0) return absl::OkStatus();
    clout::v1::UpsertCreatorsResponse response;
    grpc::Status st =
        ingest->UpsertCreators(Context(120).get(), creators, &response);
    creators.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertCreators", st);
  };
  for (int c = 0; c < workload.creators; ++c) {
    clout::v1::Creator* creator = creators.add_creators();
    creator->set_creator_id(CreatorId(c));
    creator->set_platform("tiktok");
    creator->set_handle(StrCat("synth_creator_", c));
    creator->set_display_name(StrCat("Synthetic creator ", c));
    (*creator->mutable_labels())["source"] = "synthetic";
    if (creators.creators_size() >= kRecordsPerUpsert) {
      if (absl::Status st = send_creators(); !st.ok()) return st;
    }
  }
  return send_creators();
}

absl::Status UpsertPosts(Ingest::Stub* ingest, const WorkloadOptions& workload,
                         int64_t* post_count) {
  clout::v1::UpsertPostsRequest posts;
  auto send_posts = [&]() -> absl::Status {
    if (posts.posts_size() == 0) return absl::OkStatus();
    clout::v1::UpsertPostsResponse response;
    grpc::Status st = ingest->UpsertPosts(Context(120).get(), posts, &response);
    posts.Clear();
    return st.ok() ? absl::OkStatus() : RpcError("UpsertPosts", st);
  };
  *post_count = 0;
  for (int c = 0; c < workload.creators; ++c) {
    for (const PostInfo& info : Posts(workload, c)) {
      clout::v1::Post* post = posts.add_posts();
      post->set_creator_id(info.creator_id);
      post->set_post_id(info.post_id);
      post->set_published_ms(info.published_ms);
      ++*post_count;
      if (posts.posts_size() >= kRecordsPerUpsert) {
        if (absl::Status st = send_posts(); !st.ok()) return st;
      }
    }
  }
  return send_posts();
}

}  // namespace

absl::Status UpsertRecords(Ingest::Stub* ingest,
                           const WorkloadOptions& workload,
                           int64_t* post_count) {
  if (absl::Status st = UpsertCreators(ingest, workload); !st.ok()) return st;
  return UpsertPosts(ingest, workload, post_count);
}

absl::StatusOr<std::vector<std::unique_ptr<Ingest::Stub>>> ConnectIngestStubs(
    const std::string& target, int count) {
  std::vector<std::unique_ptr<Ingest::Stub>> stubs;
  for (int i = 0; i < count; ++i) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
        ConnectedChannel(target);
    if (!channel.ok()) return channel.status();
    stubs.push_back(Ingest::NewStub(*channel));
  }
  return stubs;
}

std::vector<StreamOutcome> StreamWorkload(
    const std::vector<std::unique_ptr<Ingest::Stub>>& stubs,
    const WorkloadOptions& workload, int64_t batch_samples) {
  const int streams = static_cast<int>(stubs.size());
  std::vector<StreamOutcome> outcomes(streams);
  std::vector<std::thread> threads;
  for (int i = 0; i < streams; ++i) {
    threads.emplace_back([&, i] {
      outcomes[i] = RunWriteStream(
          stubs[i].get(), batch_samples, StrCat("stream ", i),
          [&](const auto& add) {
            bool ok = true;
            for (int c = i; c < workload.creators && ok; c += streams) {
              GenerateCreator(workload, c, [&](SeriesData&& s) {
                if (ok) ok = add(s);
              });
            }
          });
    });
  }
  for (auto& thread : threads) thread.join();
  return outcomes;
}

}  // namespace clout::bench

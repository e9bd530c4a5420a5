// The Ingest service: validates write requests and hands them to the store.
#include "clout/v1/ingest.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/log.h"
#include "server/common/strings.h"

namespace clout::api {

namespace {

using clout::v1::WriteRequest;

class IngestService final : public clout::v1::Ingest::Service {
 public:
  explicit IngestService(const ServiceContext* context) : ctx_(context) {}

  grpc::Status Write(grpc::ServerContext*, const WriteRequest* request,
                     clout::v1::WriteResponse* response) override {
    if (absl::Status st = CheckWriteSize(*request, ctx_->limits); !st.ok()) {
      return ToGrpc(st);
    }
    std::vector<storage::SeriesWrite> writes;
    PrepareWrite(*request, 0, &writes, response);
    if (absl::Status st = ctx_->store->Write(&writes); !st.ok()) {
      CLOUT_LOG(ERROR) << "Write failed: " << st;
      return ToGrpc(st);
    }
    if (response->rejected() > 0) {
      return WithDetails(grpc::StatusCode::INVALID_ARGUMENT,
                         SummarizeRejections(*response), *response);
    }
    return grpc::Status::OK;
  }

  grpc::Status WriteStream(
      grpc::ServerContext*, grpc::ServerReader<WriteRequest>* reader,
      clout::v1::WriteStreamResponse* response) override {
    constexpr int kMaxReported = 100;
    WriteRequest request;
    clout::v1::WriteResponse part;
    std::vector<storage::SeriesWrite> writes;
    uint32_t series_offset = 0;
    while (reader->Read(&request)) {
      response->set_messages(response->messages() + 1);
      if (absl::Status st = CheckWriteSize(request, ctx_->limits); !st.ok()) {
        return ToGrpc(absl::ResourceExhaustedError(
            StrCat("message ", response->messages(), " of the stream: ",
                   st.message(), "; earlier messages were stored")));
      }
      part.Clear();
      PrepareWrite(request, series_offset, &writes, &part);
      series_offset += static_cast<uint32_t>(request.series_size());
      if (absl::Status st = ctx_->store->Write(&writes); !st.ok()) {
        CLOUT_LOG(ERROR) << "WriteStream failed: " << st;
        return ToGrpc(st);
      }
      response->set_accepted(response->accepted() + part.accepted());
      response->set_rejected(response->rejected() + part.rejected());
      for (auto& r : *part.mutable_rejections()) {
        if (response->first_rejections_size() >= kMaxReported) break;
        *response->add_first_rejections() = std::move(r);
      }
    }
    if (response->rejected() > 0) {
      clout::v1::WriteResponse summary;
      summary.set_accepted(response->accepted());
      summary.set_rejected(response->rejected());
      *summary.mutable_rejections() = response->first_rejections();
      return WithDetails(grpc::StatusCode::INVALID_ARGUMENT,
                         SummarizeRejections(summary), *response);
    }
    return grpc::Status::OK;
  }

  grpc::Status UpsertCreators(
      grpc::ServerContext*, const clout::v1::UpsertCreatorsRequest* request,
      clout::v1::UpsertCreatorsResponse* response) override {
    for (int i = 0; i < request->creators_size(); ++i) {
      absl::Status st = ValidateCreator(StrCat("creators[", i, "]"),
                                        request->creators(i), ctx_->limits);
      if (!st.ok()) return ToGrpc(st);
    }
    std::vector<clout::v1::Creator> creators(request->creators().begin(),
                                             request->creators().end());
    int created = 0;
    absl::Status st = ctx_->store->UpsertCreators(creators, &created);
    if (!st.ok()) return ToGrpc(st);
    response->set_created(created);
    response->set_updated(request->creators_size() - created);
    return grpc::Status::OK;
  }

  grpc::Status UpsertPosts(grpc::ServerContext*,
                           const clout::v1::UpsertPostsRequest* request,
                           clout::v1::UpsertPostsResponse* response) override {
    for (int i = 0; i < request->posts_size(); ++i) {
      absl::Status st = ValidatePost(StrCat("posts[", i, "]"),
                                     request->posts(i), ctx_->limits);
      if (!st.ok()) return ToGrpc(st);
    }
    std::vector<clout::v1::Post> posts(request->posts().begin(),
                                       request->posts().end());
    int created = 0;
    absl::Status st = ctx_->store->UpsertPosts(posts, &created);
    if (!st.ok()) return ToGrpc(st);
    response->set_created(created);
    response->set_updated(request->posts_size() - created);
    return grpc::Status::OK;
  }

  grpc::Status DeleteCreator(
      grpc::ServerContext*, const clout::v1::DeleteCreatorRequest* request,
      clout::v1::DeleteCreatorResponse* response) override {
    if (absl::Status st = ValidateId("creator_id", request->creator_id());
        !st.ok()) {
      return ToGrpc(st);
    }
    int64_t posts = 0, series = 0;
    absl::Status st =
        ctx_->store->DeleteCreator(request->creator_id(), &posts, &series);
    if (!st.ok()) return ToGrpc(st);
    CLOUT_LOG(INFO) << "deleted creator '" << request->creator_id() << "' ("
                    << posts << " posts, " << series << " series)";
    response->set_posts_deleted(posts);
    response->set_series_deleted(series);
    return grpc::Status::OK;
  }

  grpc::Status DeleteSamples(
      grpc::ServerContext*, const clout::v1::DeleteSamplesRequest* request,
      clout::v1::DeleteSamplesResponse* response) override {
    absl::Status st = ValidateId("creator_id", request->creator_id());
    if (st.ok()) st = ValidateOptionalId("post_id", request->post_id());
    if (st.ok() && !request->field().empty()) {
      st = ValidateFieldName("field", request->field());
    }
    if (st.ok() && request->all_entities() && !request->post_id().empty()) {
      st = absl::InvalidArgumentError(
          "post_id: must be empty when all_entities is true");
    }
    if (st.ok() && request->end_ms() <= request->start_ms()) {
      st = absl::InvalidArgumentError(
          StrCat("end_ms: ", request->end_ms(), " is not after start_ms ",
                 request->start_ms()));
    }
    if (!st.ok()) return ToGrpc(st);
    int64_t affected = 0;
    st = ctx_->store->DeleteSamples(
        request->creator_id(), request->post_id(), request->field(),
        request->all_entities(), request->start_ms(), request->end_ms(),
        &affected);
    if (!st.ok()) return ToGrpc(st);
    response->set_series_affected(affected);
    return grpc::Status::OK;
  }

 private:
  const ServiceContext* ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewIngestService(const ServiceContext* context) {
  return std::make_unique<IngestService>(context);
}

}  // namespace clout::api

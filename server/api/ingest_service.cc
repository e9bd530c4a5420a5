// The Ingest service: validates write requests and hands them to the store.
#include <string>
#include <string_view>
#include <vector>

#include "clout/v1/ingest.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/log.h"
#include "server/common/strings.h"

namespace clout::api {

namespace {

using clout::v1::WriteRequest;

// The store's records of the API's messages (the store ignores the output-
// only created_ms and updated_ms).
storage::CreatorRecord ToRecord(const clout::v1::Creator& c) {
  storage::CreatorRecord r;
  r.creator_id = c.creator_id();
  r.platform = c.platform();
  r.handle = c.handle();
  r.display_name = c.display_name();
  r.labels.insert(c.labels().begin(), c.labels().end());
  return r;
}

storage::PostRecord ToRecord(const clout::v1::Post& p) {
  storage::PostRecord r;
  r.creator_id = p.creator_id();
  r.post_id = p.post_id();
  r.published_ms = p.published_ms();
  r.labels.insert(p.labels().begin(), p.labels().end());
  return r;
}

absl::Status Validate(std::string_view what, const clout::v1::Creator& c,
                      const Limits& limits) {
  return ValidateCreator(what, c, limits);
}

absl::Status Validate(std::string_view what, const clout::v1::Post& p,
                      const Limits& limits) {
  return ValidatePost(what, p, limits);
}

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

  grpc::Status WriteStream(grpc::ServerContext*,
                           grpc::ServerReader<WriteRequest>* reader,
                           clout::v1::WriteStreamResponse* response) override {
    constexpr int kMaxReported = 100;
    WriteRequest request;
    clout::v1::WriteResponse part;
    std::vector<storage::SeriesWrite> writes;
    uint32_t series_offset = 0;
    while (reader->Read(&request)) {
      response->set_messages(response->messages() + 1);
      if (absl::Status st = CheckWriteSize(request, ctx_->limits); !st.ok()) {
        return ToGrpc(absl::ResourceExhaustedError(StrCat(
            "message ", response->messages(), " of the stream: ", st.message(),
            "; earlier messages were stored")));
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
    return Upsert("creators", request->creators(),
                  &storage::SeriesStore::UpsertCreators, response);
  }

  grpc::Status UpsertPosts(grpc::ServerContext*,
                           const clout::v1::UpsertPostsRequest* request,
                           clout::v1::UpsertPostsResponse* response) override {
    return Upsert("posts", request->posts(), &storage::SeriesStore::UpsertPosts,
                  response);
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
      st = absl::InvalidArgumentError(StrCat("end_ms: ", request->end_ms(),
                                             " is not after start_ms ",
                                             request->start_ms()));
    }
    if (!st.ok()) return ToGrpc(st);
    int64_t affected = 0;
    st = ctx_->store->DeleteSamples(request->creator_id(), request->post_id(),
                                    request->field(), request->all_entities(),
                                    request->start_ms(), request->end_ms(),
                                    &affected);
    if (!st.ok()) return ToGrpc(st);
    response->set_series_affected(affected);
    return grpc::Status::OK;
  }

 private:
  // Validates every message of `messages` (named what[i]), converts them to
  // store records, stores them with `upsert` and counts them in `response`.
  template <typename Message, typename Record, typename Response>
  grpc::Status Upsert(
      std::string_view what,
      const google::protobuf::RepeatedPtrField<Message>& messages,
      absl::Status (storage::SeriesStore::*upsert)(const std::vector<Record>&,
                                                   int*),
      Response* response) {
    std::vector<Record> records;
    records.reserve(messages.size());
    for (int i = 0; i < messages.size(); ++i) {
      absl::Status st =
          Validate(StrCat(what, "[", i, "]"), messages.Get(i), ctx_->limits);
      if (!st.ok()) return ToGrpc(st);
      records.push_back(ToRecord(messages.Get(i)));
    }
    int created = 0;
    absl::Status st = (ctx_->store->*upsert)(records, &created);
    if (!st.ok()) return ToGrpc(st);
    response->set_created(created);
    response->set_updated(messages.size() - created);
    return grpc::Status::OK;
  }

  const ServiceContext* ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewIngestService(const ServiceContext* context) {
  return std::make_unique<IngestService>(context);
}

}  // namespace clout::api

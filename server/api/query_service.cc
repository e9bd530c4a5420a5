// The Query service: records, series reads and exports.
#include <algorithm>

#include "clout/v1/query.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/strings.h"
#include "server/format/keys.h"
#include "server/query/aggregate.h"

namespace clout::api {
namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
// Samples per ExportSeries message (about 1-2 MB on the wire).
constexpr size_t kExportChunk = 65536;

absl::Status PageSize(int requested, int* size) {
  if (requested < 0 || requested > kMaxPageSize) {
    return absl::InvalidArgumentError(
        StrCat("page_size: ", requested, " is outside 0..", kMaxPageSize));
  }
  *size = requested == 0 ? kDefaultPageSize : requested;
  return absl::OkStatus();
}

// The API's messages of the store's records: the fields both kinds share,
// then each one's own.
template <typename Record, typename Message>
void SharedToMessage(Record* r, Message* out) {
  out->set_creator_id(std::move(r->creator_id));
  out->mutable_labels()->insert(r->labels.begin(), r->labels.end());
  out->set_created_ms(r->created_ms);
  out->set_updated_ms(r->updated_ms);
}

void ToMessage(storage::CreatorRecord&& r, clout::v1::Creator* out) {
  SharedToMessage(&r, out);
  out->set_platform(std::move(r.platform));
  out->set_handle(std::move(r.handle));
  out->set_display_name(std::move(r.display_name));
}

void ToMessage(storage::PostRecord&& r, clout::v1::Post* out) {
  SharedToMessage(&r, out);
  out->set_post_id(std::move(r.post_id));
  out->set_published_ms(r.published_ms);
}

// The query layer's aggregation for an API one other than
// AGGREGATION_NONE (ValidateReadSeries rules it out where one is used).
query::Aggregation ToQuery(clout::v1::Aggregation aggregation) {
  switch (aggregation) {
    case clout::v1::AGGREGATION_FIRST:
      return query::Aggregation::kFirst;
    case clout::v1::AGGREGATION_MIN:
      return query::Aggregation::kMin;
    case clout::v1::AGGREGATION_MAX:
      return query::Aggregation::kMax;
    case clout::v1::AGGREGATION_SUM:
      return query::Aggregation::kSum;
    case clout::v1::AGGREGATION_MEAN:
      return query::Aggregation::kMean;
    case clout::v1::AGGREGATION_COUNT:
      return query::Aggregation::kCount;
    case clout::v1::AGGREGATION_DELTA:
      return query::Aggregation::kDelta;
    case clout::v1::AGGREGATION_RATE:
      return query::Aggregation::kRate;
    default:
      return query::Aggregation::kLast;
  }
}

int64_t EndOrOpen(int64_t end_ms) {
  return end_ms == 0 ? kMaxTimestampMs : end_ms;
}

class QueryService final : public clout::v1::Query::Service {
 public:
  explicit QueryService(const ServiceContext* context) : ctx_(context) {}

  grpc::Status GetCreator(grpc::ServerContext*,
                          const clout::v1::GetCreatorRequest* request,
                          clout::v1::GetCreatorResponse* response) override {
    if (absl::Status st = ValidateId("creator_id", request->creator_id());
        !st.ok()) {
      return ToGrpc(st);
    }
    auto info = ctx_->store->GetCreator(request->creator_id());
    if (!info.ok()) return ToGrpc(info.status());
    ToMessage(std::move(info->creator), response->mutable_creator());
    for (auto& f : info->account_fields) response->add_account_fields(f);
    response->set_post_count(info->post_count);
    return grpc::Status::OK;
  }

  grpc::Status ListCreators(
      grpc::ServerContext*, const clout::v1::ListCreatorsRequest* request,
      clout::v1::ListCreatorsResponse* response) override {
    int size = 0;
    if (absl::Status st = PageSize(request->page_size(), &size); !st.ok()) {
      return ToGrpc(st);
    }
    storage::CreatorFilter filter;
    filter.platform = request->platform();
    filter.labels.insert(request->labels().begin(), request->labels().end());
    auto page = ctx_->store->ListCreators(filter, request->page_token(), size);
    if (!page.ok()) return ToGrpc(page.status());
    for (auto& c : page->creators)
      ToMessage(std::move(c), response->add_creators());
    response->set_next_page_token(page->next_after);
    return grpc::Status::OK;
  }

  grpc::Status ListPosts(grpc::ServerContext*,
                         const clout::v1::ListPostsRequest* request,
                         clout::v1::ListPostsResponse* response) override {
    int size = 0;
    absl::Status st = ValidateId("creator_id", request->creator_id());
    if (st.ok()) st = PageSize(request->page_size(), &size);
    if (!st.ok()) return ToGrpc(st);
    auto page = ctx_->store->ListPosts(
        request->creator_id(), request->published_after_ms(),
        request->published_before_ms(), request->page_token(), size);
    if (!page.ok()) return ToGrpc(page.status());
    for (auto& p : page->posts) ToMessage(std::move(p), response->add_posts());
    response->set_next_page_token(page->next_after);
    return grpc::Status::OK;
  }

  grpc::Status ReadSeries(grpc::ServerContext*,
                          const clout::v1::ReadSeriesRequest* request,
                          clout::v1::ReadSeriesResponse* response) override {
    absl::Status st = ValidateReadSeries(*request);
    if (!st.ok()) return ToGrpc(st);
    SampleColumns samples;
    st = ctx_->store->Read(
        storage::SeriesId{request->creator_id(), request->post_id(),
                          request->field()},
        request->start_ms(), EndOrOpen(request->end_ms()), &samples);
    if (!st.ok()) return ToGrpc(st);
    if (request->step_ms() == 0) {
      response->mutable_timestamps_ms()->Add(samples.timestamps.begin(),
                                             samples.timestamps.end());
      response->mutable_values()->Add(samples.values.begin(),
                                      samples.values.end());
      response->mutable_flags()->Add(samples.flags.begin(),
                                     samples.flags.end());
      return grpc::Status::OK;
    }
    query::AggregateResult result;
    query::Aggregate(samples, request->step_ms(),
                     ToQuery(request->aggregation()), &result);
    response->mutable_timestamps_ms()->Add(result.timestamps.begin(),
                                           result.timestamps.end());
    response->mutable_values()->Add(result.values.begin(), result.values.end());
    response->mutable_double_values()->Add(result.double_values.begin(),
                                           result.double_values.end());
    response->mutable_flags()->Add(result.flags.begin(), result.flags.end());
    return grpc::Status::OK;
  }

  grpc::Status ExportSeries(
      grpc::ServerContext* context,
      const clout::v1::ExportSeriesRequest* request,
      grpc::ServerWriter<clout::v1::SeriesSamples>* writer) override {
    absl::Status st = ValidateOptionalId("creator_id", request->creator_id());
    if (st.ok()) st = ValidateRange(request->start_ms(), request->end_ms());
    if (!st.ok()) return ToGrpc(st);
    if (!request->creator_id().empty()) {
      auto info = ctx_->store->GetCreator(request->creator_id());
      if (!info.ok()) return ToGrpc(info.status());
    }
    bool cancelled = false;
    clout::v1::SeriesSamples message;
    st = ctx_->store->Export(
        request->creator_id(), request->start_ms(),
        EndOrOpen(request->end_ms()),
        [&](const storage::SeriesId& id, const SampleColumns& s) {
          for (size_t begin = 0; begin < s.size(); begin += kExportChunk) {
            if (context->IsCancelled()) {
              cancelled = true;
              return false;
            }
            const size_t end = std::min(s.size(), begin + kExportChunk);
            message.Clear();
            message.set_creator_id(std::string(id.creator_id));
            message.set_post_id(std::string(id.post_id));
            message.set_field(std::string(id.field));
            message.mutable_timestamps_ms()->Add(s.timestamps.begin() + begin,
                                                 s.timestamps.begin() + end);
            message.mutable_values()->Add(s.values.begin() + begin,
                                          s.values.begin() + end);
            if (!s.flags.empty()) {
              message.mutable_flags()->Add(s.flags.begin() + begin,
                                           s.flags.begin() + end);
            }
            if (!writer->Write(message)) {
              cancelled = true;
              return false;
            }
          }
          return true;
        });
    if (cancelled) {
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          "export cancelled by the client");
    }
    return ToGrpc(st);
  }

 private:
  static absl::Status ValidateReadSeries(
      const clout::v1::ReadSeriesRequest& r) {
    absl::Status st = ValidateId("creator_id", r.creator_id());
    if (st.ok()) st = ValidateOptionalId("post_id", r.post_id());
    if (st.ok()) st = ValidateFieldName("field", r.field());
    if (st.ok()) st = ValidateRange(r.start_ms(), r.end_ms());
    if (!st.ok()) return st;
    if (r.step_ms() < 0) {
      return absl::InvalidArgumentError(
          StrCat("step_ms: ", r.step_ms(), " is negative"));
    }
    if (!clout::v1::Aggregation_IsValid(r.aggregation())) {
      return absl::InvalidArgumentError(
          StrCat("aggregation: ", static_cast<int>(r.aggregation()),
                 " is not a known Aggregation"));
    }
    if (r.step_ms() > 0 && r.aggregation() == clout::v1::AGGREGATION_NONE) {
      return absl::InvalidArgumentError(
          "aggregation: required when step_ms is set");
    }
    if (r.step_ms() == 0 && r.aggregation() != clout::v1::AGGREGATION_NONE) {
      return absl::InvalidArgumentError(
          StrCat("step_ms: required with aggregation ",
                 clout::v1::Aggregation_Name(r.aggregation())));
    }
    return absl::OkStatus();
  }

  const ServiceContext* ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewQueryService(const ServiceContext* context) {
  return std::make_unique<QueryService>(context);
}

}  // namespace clout::api

// The Bulk service: resolves series ids for bulk loaders and ingests their
// SST files (bulk.proto), through the store's BulkIngest; without one
// (ServiceContext::bulk null) every call returns UNIMPLEMENTED.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "clout/v1/bulk.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/log.h"
#include "server/common/strings.h"
#include "server/format/bulk_file.h"
#include "server/format/keys.h"
#include "server/storage/bulk_ingest.h"

namespace clout::api {
namespace {

constexpr int kMaxResolveSeries = 100000;

void FillResponse(const storage::BulkIngestResult& r,
                  clout::v1::IngestSstFilesResponse* response) {
  response->set_files(r.files);
  response->set_records(r.records);
  response->set_samples(r.samples);
  response->set_series(r.series);
  response->set_creators(r.creators);
  response->set_bytes(r.bytes);
  response->set_validate_seconds(r.validate_seconds);
  response->set_ingest_seconds(r.ingest_seconds);
}

void LogIngest(const std::string& what, const storage::BulkIngestResult& r) {
  CLOUT_LOG(INFO) << "bulk: ingested " << what << ": " << r.samples
                  << " samples in " << r.records << " records, " << r.series
                  << " series of " << r.creators << " creators, " << r.bytes
                  << " bytes (validated in " << r.validate_seconds
                  << " s, ingested in " << r.ingest_seconds << " s)";
}

// Removes a staged upload when the call ends, whatever happened.
struct StagedFile {
  std::string path;
  std::FILE* file = nullptr;
  ~StagedFile() {
    if (file != nullptr) std::fclose(file);
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove(path, ec);
  }
};

class BulkService final : public clout::v1::Bulk::Service {
 public:
  explicit BulkService(const ServiceContext* context) : bulk_(context->bulk) {}

  grpc::Status ResolveSeries(
      grpc::ServerContext*, const clout::v1::ResolveSeriesRequest* request,
      clout::v1::ResolveSeriesResponse* response) override {
    if (bulk_ == nullptr) return Unsupported();
    if (request->series_size() > kMaxResolveSeries) {
      return ToGrpc(absl::ResourceExhaustedError(
          StrCat("ResolveSeries names ", request->series_size(),
                 " series, the limit is ", kMaxResolveSeries, "; split it")));
    }
    std::vector<storage::SeriesId> ids;
    ids.reserve(request->series_size());
    for (int i = 0; i < request->series_size(); ++i) {
      const clout::v1::SeriesName& s = request->series(i);
      const std::string where = StrCat("series[", i, "]");
      absl::Status st =
          ValidateId(StrCat(where, ".creator_id"), s.creator_id());
      if (st.ok())
        st = ValidateOptionalId(StrCat(where, ".post_id"), s.post_id());
      if (st.ok()) st = ValidateFieldName(StrCat(where, ".field"), s.field());
      if (!st.ok()) return ToGrpc(st);
      ids.push_back(storage::SeriesId{s.creator_id(), s.post_id(), s.field()});
    }
    std::vector<uint64_t> out;
    int64_t created = 0;
    absl::Status st = bulk_->ResolveSeriesIds(ids, &out, &created);
    if (!st.ok()) return ToGrpc(st);
    response->mutable_series_ids()->Add(out.begin(), out.end());
    response->set_created(created);
    response->set_store_format(storage::kBulkStoreFormat);
    response->set_block_bits(storage::kBlockBits);
    return grpc::Status::OK;
  }

  grpc::Status IngestSstFiles(
      grpc::ServerContext*, const clout::v1::IngestSstFilesRequest* request,
      clout::v1::IngestSstFilesResponse* response) override {
    if (bulk_ == nullptr) return Unsupported();
    std::vector<std::string> paths;
    for (int i = 0; i < request->paths_size(); ++i) {
      const std::string& p = request->paths(i);
      if (p.empty() || p[0] != '/') {
        return ToGrpc(absl::InvalidArgumentError(
            StrCat("paths[", i, "]: '", p, "' is not an absolute path")));
      }
      paths.push_back(p);
    }
    storage::BulkIngestResult result;
    absl::Status st =
        bulk_->IngestSstFiles(paths, request->move_files(), &result);
    if (!st.ok()) {
      CLOUT_LOG(WARNING) << "bulk: IngestSstFiles failed: " << st;
      return ToGrpc(st);
    }
    LogIngest(StrCat(result.files, " local files"), result);
    FillResponse(result, response);
    return grpc::Status::OK;
  }

  grpc::Status UploadSst(
      grpc::ServerContext*,
      grpc::ServerReader<clout::v1::UploadSstRequest>* reader,
      clout::v1::IngestSstFilesResponse* response) override {
    if (bulk_ == nullptr) return Unsupported();
    clout::v1::UploadSstRequest message;
    if (!reader->Read(&message) || !message.has_header()) {
      return ToGrpc(absl::InvalidArgumentError(
          "UploadSst: the first message must carry the header"));
    }
    const clout::v1::UploadSstHeader header = message.header();
    if (header.size_bytes() <= 0) {
      return ToGrpc(absl::InvalidArgumentError(
          StrCat("UploadSst: header.size_bytes ", header.size_bytes(),
                 " is not positive")));
    }
    absl::StatusOr<std::string> path = bulk_->NewBulkStagingPath();
    if (!path.ok()) return ToGrpc(path.status());
    StagedFile staged;
    staged.path = *path;
    staged.file = std::fopen(staged.path.c_str(), "wb");
    if (staged.file == nullptr) {
      return ToGrpc(absl::InternalError(
          StrCat("cannot create staging file '", staged.path, "'")));
    }
    int64_t received = 0;
    while (reader->Read(&message)) {
      if (message.part_case() != clout::v1::UploadSstRequest::kChunk) {
        return ToGrpc(absl::InvalidArgumentError(
            "UploadSst: only the first message may carry a header"));
      }
      const std::string& chunk = message.chunk();
      received += static_cast<int64_t>(chunk.size());
      if (received > header.size_bytes()) {
        return ToGrpc(absl::InvalidArgumentError(
            StrCat("UploadSst '", header.name(), "': more than the announced ",
                   header.size_bytes(), " bytes")));
      }
      if (std::fwrite(chunk.data(), 1, chunk.size(), staged.file) !=
          chunk.size()) {
        return ToGrpc(absl::InternalError(
            StrCat("writing staging file '", staged.path, "' failed")));
      }
    }
    const bool closed = std::fclose(staged.file) == 0;
    staged.file = nullptr;
    if (!closed) {
      return ToGrpc(absl::InternalError(
          StrCat("writing staging file '", staged.path, "' failed")));
    }
    if (received != header.size_bytes()) {
      return ToGrpc(absl::InvalidArgumentError(
          StrCat("UploadSst '", header.name(), "': received ", received,
                 " bytes, the header announced ", header.size_bytes())));
    }
    storage::BulkIngestResult result;
    absl::Status st =
        bulk_->IngestSstFiles({staged.path}, /*move_files=*/true, &result);
    if (!st.ok()) {
      // Name the upload rather than its staging file.
      std::string message(st.message());
      const std::string staged_name = "bulk file '" + staged.path + "'";
      if (size_t at = message.find(staged_name); at != std::string::npos) {
        message.replace(at, staged_name.size(),
                        "uploaded file '" + header.name() + "'");
      }
      CLOUT_LOG(WARNING) << "bulk: upload '" << header.name()
                         << "' refused: " << message;
      return ToGrpc(absl::Status(st.code(), message));
    }
    LogIngest(StrCat("upload '", header.name(), "'"), result);
    FillResponse(result, response);
    return grpc::Status::OK;
  }

 private:
  static grpc::Status Unsupported() {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        "bulk loading needs the RocksDB store");
  }

  storage::BulkIngest* const bulk_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewBulkService(const ServiceContext* context) {
  return std::make_unique<BulkService>(context);
}

}  // namespace clout::api

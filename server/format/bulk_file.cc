#include "server/format/bulk_file.h"

#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"
#include "server/common/strings.h"
#include "server/format/rocksdb_status.h"

namespace clout::storage {

void EncodeBlocks(const SampleColumns& samples,
                  std::vector<EncodedBlock>* out) {
  SampleColumns part;
  ForEachBlock(samples, &part,
               [out](uint32_t block, const SampleColumns& in_block) {
                 EncodedBlock& b = out->emplace_back();
                 b.block = block;
                 b.samples = static_cast<int64_t>(in_block.size());
                 EncodeSamples(in_block, &b.record);
               });
}

BulkSstWriter::BulkSstWriter() = default;
BulkSstWriter::~BulkSstWriter() = default;

absl::Status BulkSstWriter::Open(const std::string& path) {
  rocksdb::Options options;
  options.compression = rocksdb::kLZ4Compression;
  writer_ = std::make_unique<rocksdb::SstFileWriter>(
      rocksdb::EnvOptions(), options, /*column_family=*/nullptr,
      /*invalidate_page_cache=*/false);
  records_ = samples_ = 0;
  last_series_ = 0;
  return FromRocksDb(writer_->Open(path), StrCat("creating '", path, "'"));
}

absl::Status BulkSstWriter::AddRecord(uint64_t series_id, uint32_t block,
                                      std::string_view record,
                                      int64_t samples) {
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  rocksdb::Status s = writer_->Merge(
      BlockKey(series_id, block), rocksdb::Slice(record.data(), record.size()));
  if (!s.ok()) return FromRocksDb(s, "writing bulk file");
  ++records_;
  samples_ += samples;
  last_series_ = series_id;
  return absl::OkStatus();
}

absl::Status BulkSstWriter::AddSeries(uint64_t series_id,
                                      const SampleColumns& samples) {
  if (samples.empty()) return absl::OkStatus();
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  if (records_ > 0 && series_id <= last_series_) {
    return absl::InvalidArgumentError(
        StrCat("series ", series_id, " added after series ", last_series_,
               "; series ids must increase"));
  }
  blocks_.clear();
  EncodeBlocks(samples, &blocks_);
  for (const EncodedBlock& b : blocks_) {
    absl::Status st = AddRecord(series_id, b.block, b.record, b.samples);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status BulkSstWriter::Finish(int64_t* file_bytes) {
  if (writer_ == nullptr) return absl::FailedPreconditionError("not open");
  if (records_ == 0) {
    return absl::FailedPreconditionError("bulk file has no samples");
  }
  rocksdb::ExternalSstFileInfo info;
  absl::Status st = FromRocksDb(writer_->Finish(&info), "finishing bulk file");
  writer_.reset();
  if (st.ok() && file_bytes != nullptr) {
    *file_bytes = static_cast<int64_t>(info.file_size);
  }
  return st;
}

}  // namespace clout::storage

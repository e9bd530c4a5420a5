#include "server/storage/sample_merge_operator.h"

#include <string>
#include <utility>

#include "server/format/block_codec.h"
#include "server/format/rocksdb_status.h"

namespace clout::storage {
namespace {

// Applies `record` on top of *acc (the older state).
void Apply(Record& record, SampleColumns* acc, SampleColumns* scratch) {
  if (record.type == RecordType::kDeleteRange) {
    DeleteRange(record.delete_start, record.delete_end, acc);
    return;
  }
  if (acc->empty()) {
    std::swap(*acc, record.samples);
    return;
  }
  MergeSamples(*acc, record.samples, scratch);
  std::swap(*acc, *scratch);
}

class SampleMergeOperator : public rocksdb::MergeOperator {
 public:
  const char* Name() const override { return "clout.SampleMerge.v1"; }

  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    SampleColumns acc, scratch;
    Record record;
    if (in.existing_value != nullptr) {
      if (!DecodeRecord(ToView(*in.existing_value), &record).ok()) {
        return false;
      }
      Apply(record, &acc, &scratch);
    }
    for (const rocksdb::Slice& operand : in.operand_list) {
      if (!DecodeRecord(ToView(operand), &record).ok()) return false;
      Apply(record, &acc, &scratch);
    }
    out->new_value.clear();
    EncodeSamples(acc, &out->new_value);
    return true;
  }

  // Folds a run of sample records into one. Refuses (returns false, leaving
  // the operands as they are) when a delete-range record is among them,
  // since its effect on the not-yet-known base must be kept.
  bool PartialMergeMulti(const rocksdb::Slice& /*key*/,
                         const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value,
                         rocksdb::Logger* /*logger*/) const override {
    SampleColumns acc, scratch;
    Record record;
    for (const rocksdb::Slice& operand : operands) {
      if (!DecodeRecord(ToView(operand), &record).ok() ||
          record.type != RecordType::kSamples) {
        return false;
      }
      Apply(record, &acc, &scratch);
    }
    new_value->clear();
    EncodeSamples(acc, new_value);
    return true;
  }

  bool AllowSingleOperand() const override { return false; }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> NewSampleMergeOperator() {
  return std::make_shared<SampleMergeOperator>();
}

}  // namespace clout::storage

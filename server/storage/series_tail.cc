#include "server/storage/series_tail.h"

#include "rocksdb/slice.h"
#include "server/common/strings.h"
#include "server/format/coding.h"

namespace clout::storage {

void EncodeTail(const SeriesTail& tail, std::string* dst) {
  PutFixed64BE(dst, static_cast<uint64_t>(tail.timestamp));
  PutFixed64BE(dst, static_cast<uint64_t>(tail.value));
  PutFixed32BE(dst, tail.flag);
}

bool DecodeTail(std::string_view src, SeriesTail* out) {
  if (src.size() != kSeriesTailBytes) return false;
  out->timestamp = static_cast<int64_t>(DecodeFixed64BE(src.data()));
  out->value = static_cast<int64_t>(DecodeFixed64BE(src.data() + 8));
  out->flag = DecodeFixed32BE(src.data() + 16);
  return true;
}

namespace {

// Keeps, of the encoded tails folded in order (older first), the one of
// greatest timestamp, the later one of equal timestamps.
class TailFold {
 public:
  bool Add(const rocksdb::Slice& operand) {
    SeriesTail t;
    if (!DecodeTail(std::string_view(operand.data(), operand.size()), &t)) {
      return false;
    }
    if (!has_ || t.timestamp >= best_.timestamp) {
      best_ = t;
      best_bytes_ = operand;
      has_ = true;
    }
    return true;
  }
  bool has() const { return has_; }
  void Write(std::string* out) const {
    out->assign(best_bytes_.data(), best_bytes_.size());
  }

 private:
  bool has_ = false;
  SeriesTail best_;
  rocksdb::Slice best_bytes_;
};

class TailMergeOperator : public rocksdb::MergeOperator {
 public:
  const char* Name() const override { return "clout.SeriesTail.v1"; }

  bool FullMergeV2(const MergeOperationInput& in,
                   MergeOperationOutput* out) const override {
    TailFold fold;
    if (in.existing_value != nullptr && !fold.Add(*in.existing_value)) {
      return false;
    }
    for (const rocksdb::Slice& operand : in.operand_list) {
      if (!fold.Add(operand)) return false;
    }
    fold.Write(&out->new_value);
    return true;
  }

  bool PartialMergeMulti(const rocksdb::Slice& /*key*/,
                         const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value,
                         rocksdb::Logger* /*logger*/) const override {
    TailFold fold;
    for (const rocksdb::Slice& operand : operands) {
      if (!fold.Add(operand)) return false;
    }
    if (!fold.has()) return false;
    fold.Write(new_value);
    return true;
  }
};

}  // namespace

std::shared_ptr<rocksdb::MergeOperator> NewTailMergeOperator() {
  return std::make_shared<TailMergeOperator>();
}

absl::Status ParseTail(std::string_view key, std::string_view value,
                       SeriesTail* out) {
  if (DecodeTail(value, out)) return absl::OkStatus();
  return absl::DataLossError(
      StrCat("corrupt tail of series ",
             rocksdb::Slice(key.data(), key.size()).ToString(/*hex=*/true)));
}

}  // namespace clout::storage

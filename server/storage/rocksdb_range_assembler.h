// RangeAssembler: the answer to one SeriesRead, put together from decoded
// blocks. Internal to RocksDbSeriesStore's reads (rocksdb_read.cc).
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_RANGE_ASSEMBLER_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_RANGE_ASSEMBLER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include "server/common/input_rules.h"
#include "server/format/keys.h"
#include "server/storage/decoded_block_cache.h"
#include "server/storage/series_store.h"

namespace clout::storage {

// Assembles the answer to one SeriesRead from decoded blocks: first the
// blocks overlapping the range, in order; then, if the sample before the
// range is wanted and was not in the first of them, earlier blocks from the
// latest back. A single range of one block is lent rather than copied when
// the read allows it: a cached block stays pinned in the cache, a block
// decoded for this read alone moves into the pin.
class RangeAssembler {
 public:
  explicit RangeAssembler(SeriesRead* r)
      : r_(r),
        start_(std::max(r->start, kMinTimestampMs)),
        end_(std::min(r->end, kMaxTimestampMs)),
        want_prior_(r->with_prior && start_ > kMinTimestampMs) {
    r_->samples.Clear();
    r_->pin.reset();
    r_->borrowed = {};
  }

  bool empty_range() const { return end_ <= start_; }
  uint32_t first_block() const { return BlockOf(start_); }
  uint32_t last_block() const { return BlockOf(end_ - 1); }
  bool wants_prior() const { return want_prior_; }

  // Block `block` (first_block() <= block <= last_block()), in order.
  void Add(uint32_t block, DecodedBlockCache::Lease* lease) {
    const SampleColumns& samples = lease->samples();
    const auto& ts = samples.timestamps;
    size_t lo = std::lower_bound(ts.begin(), ts.end(), start_) - ts.begin();
    const size_t hi = std::lower_bound(ts.begin(), ts.end(), end_) - ts.begin();
    if (want_prior_ && block == first_block() && lo > 0) {
      // The common case: the sample before the range is in its first block.
      --lo;
      want_prior_ = false;
    }
    if (lo == hi) return;
    if (r_->borrow && r_->samples.empty() && !holding_) {
      held_ = std::move(*lease);
      holding_ = true;
      held_lo_ = lo;
      held_hi_ = hi;
      return;
    }
    FlushHeld();
    r_->samples.AppendRange(samples, lo, hi);
  }

  // A block before first_block(), latest first, while wants_prior().
  void AddEarlier(const DecodedBlockCache::Lease& lease) {
    const auto& ts = lease.samples().timestamps;
    const size_t i =
        std::lower_bound(ts.begin(), ts.end(), start_) - ts.begin();
    if (i == 0) return;
    want_prior_ = false;
    SampleColumns with_prior;
    with_prior.Reserve(r_->samples.size() + (held_hi_ - held_lo_) + 1);
    with_prior.AppendRange(lease.samples(), i - 1, i);
    if (holding_) {
      with_prior.AppendRange(held_.samples(), held_lo_, held_hi_);
      held_ = DecodedBlockCache::Lease();
      holding_ = false;
    } else {
      with_prior.AppendRange(r_->samples, 0, r_->samples.size());
    }
    r_->samples = std::move(with_prior);
  }

  void Finish() {
    if (!holding_) return;
    // An owned block's samples live in vectors whose buffers the move below
    // carries along, so the span stays valid.
    r_->borrowed = SampleSpan::Of(held_.samples(), held_lo_, held_hi_);
    r_->pin = std::make_shared<DecodedBlockCache::Lease>(std::move(held_));
    holding_ = false;
  }

 private:
  void FlushHeld() {
    if (!holding_) return;
    r_->samples.AppendRange(held_.samples(), held_lo_, held_hi_);
    held_ = DecodedBlockCache::Lease();
    holding_ = false;
    held_lo_ = held_hi_ = 0;
  }

  SeriesRead* const r_;
  const int64_t start_, end_;
  bool want_prior_;
  // The first range found, kept as a cached block instead of copied until a
  // second range shows that the samples must be assembled after all.
  DecodedBlockCache::Lease held_;
  bool holding_ = false;
  size_t held_lo_ = 0, held_hi_ = 0;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_RANGE_ASSEMBLER_H_

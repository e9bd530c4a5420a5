// RocksDbSeriesStore: reading samples. Every read walks the blocks of a
// series with one helper (rocksdb_block_walk.h), or answers from the decoded
// cache alone when nothing changed since it was filled.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/db.h"
#include "server/common/strings.h"
#include "server/format/coding.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/rocksdb_block_walk.h"
#include "server/storage/rocksdb_prefix_iterator.h"
#include "server/storage/rocksdb_range_assembler.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::storage {

absl::Status RocksDbSeriesStore::Read(const SeriesId& id, int64_t start,
                                      int64_t end, SampleColumns* out) {
  absl::StatusOr<uint64_t> sid = FindSeries(id);
  if (!sid.ok()) return sid.status();
  return ReadBlocks(*sid, start, end, nullptr, out);
}

absl::Status RocksDbSeriesStore::ReadMany(std::vector<SeriesRead>* reads) {
  // (series id, read index, creator generation)
  struct Item {
    uint64_t sid;
    size_t index;
    uint64_t generation;
  };
  // Buffers kept per thread: metric calls read in many small batches.
  thread_local std::vector<Item> order;
  thread_local std::vector<uint64_t> generations;
  thread_local std::vector<uint32_t> blocks;
  thread_local std::string key;
  order.clear();
  // Each creator's generation is read before any of its blocks (see
  // DecodedBlockCache::LookupStamped); the reads of a batch are usually one
  // creator's.
  generations.resize(reads->size());
  for (size_t i = 0; i < reads->size(); ++i) {
    const std::string_view creator = (*reads)[i].id.creator_id;
    generations[i] = i > 0 && creator == (*reads)[i - 1].id.creator_id
                         ? generations[i - 1]
                         : CreatorGeneration(creator);
  }
  {
    absl::ReaderMutexLock lock(&series_mu_);
    for (size_t i = 0; i < reads->size(); ++i) {
      SeriesRead& r = (*reads)[i];
      r.samples.Clear();
      r.pin.reset();
      r.borrowed = {};
      SeriesKeyInto(r.id.creator_id, r.id.post_id, r.id.field, &key);
      auto it = series_ids_.find(key);
      r.found = it != series_ids_.end();
      if (r.found) order.push_back({it->second, i, generations[i]});
    }
  }
  // In key order, so the iterator mostly moves forward.
  std::sort(order.begin(), order.end(),
            [](const Item& a, const Item& b) { return a.sid < b.sid; });
  std::unique_ptr<rocksdb::Iterator> it;  // Made on the first miss.
  for (const Item& item : order) {
    SeriesRead& r = (*reads)[item.index];
    if (ReadStamped(item.sid, item.generation, &blocks, &r)) continue;
    if (it == nullptr) {
      it.reset(db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
    }
    absl::Status st =
        ReadWithIterator(it.get(), item.sid, item.generation, &blocks, &r);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

bool RocksDbSeriesStore::ReadStamped(uint64_t sid, uint64_t generation,
                                     std::vector<uint32_t>* blocks,
                                     SeriesRead* r) {
  if (!decoded_->GetBlockList(sid, generation, blocks)) return false;
  RangeAssembler out(r);
  if (out.empty_range()) return true;
  const uint32_t first = out.first_block(), last = out.last_block();
  auto from = std::lower_bound(blocks->begin(), blocks->end(), first);
  DecodedBlockCache::Lease lease;
  for (auto b = from; b != blocks->end() && *b <= last; ++b) {
    if (!decoded_->LookupStamped(BlockKey(sid, *b), generation, &lease)) {
      return false;  // Evicted or not checked at this generation.
    }
    out.Add(*b, &lease);
  }
  for (auto b = from; out.wants_prior() && b != blocks->begin();) {
    --b;
    if (!decoded_->LookupStamped(BlockKey(sid, *b), generation, &lease)) {
      return false;
    }
    out.AddEarlier(lease);
  }
  out.Finish();
  return true;
}

absl::Status RocksDbSeriesStore::ReadWithIterator(rocksdb::Iterator* it,
                                                  uint64_t sid,
                                                  uint64_t generation,
                                                  std::vector<uint32_t>* blocks,
                                                  SeriesRead* r) {
  RangeAssembler out(r);
  if (out.empty_range()) return absl::OkStatus();
  const uint32_t first = out.first_block(), last = out.last_block();
  // Every block of the series is listed, for ReadStamped next time; those
  // outside the range are passed over without decoding.
  blocks->clear();
  PositionAt(it, BlockKey(sid, 0));
  BlockWalk walk{it,      decoded_.get(), sid, /*backward=*/false,
                 r->fill, generation};
  absl::Status st = walk.Run(
      [&](uint32_t block) {
        // Blocks past the range matter only to the block list, which a read
        // that does not fill the cache does not keep.
        if (block > last && !r->fill) return BlockStep::kStop;
        blocks->push_back(block);
        return block < first || block > last ? BlockStep::kPass
                                             : BlockStep::kTake;
      },
      [&](uint32_t block, DecodedBlockCache::Lease* lease) {
        out.Add(block, lease);
        return true;
      });
  if (!st.ok()) return st;
  if (out.wants_prior() && !blocks->empty() && blocks->front() < first) {
    // The prior sample, if any, is in an earlier block.
    it->SeekForPrev(BlockKey(sid, first - 1));
    walk.backward = true;
    st = walk.Run([&](uint32_t, DecodedBlockCache::Lease* lease) {
      out.AddEarlier(*lease);
      return out.wants_prior();
    });
    if (!st.ok()) return st;
  }
  out.Finish();
  // Without filled blocks a list would not spare the next read anything
  // (and it is cut at the range).
  if (r->fill) decoded_->PutBlockList(sid, generation, *blocks);
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::ReadLastBefore(const SeriesId& id, int64_t t,
                                                SampleColumns* out) {
  absl::StatusOr<uint64_t> sid = FindSeries(id);
  if (!sid.ok()) return sid.status();
  return LastBefore(*sid, t, /*fill=*/true, nullptr, out);
}

absl::Status RocksDbSeriesStore::LastBefore(uint64_t sid, int64_t t, bool fill,
                                            rocksdb::Iterator* it,
                                            SampleColumns* out) {
  t = std::min(t, kMaxTimestampMs);
  if (t <= kMinTimestampMs) return absl::OkStatus();
  std::unique_ptr<rocksdb::Iterator> own;
  if (it == nullptr) {
    own.reset(db_->NewIterator(rocksdb::ReadOptions(), blocks_cf_));
    it = own.get();
  }
  // Walk back from the block holding t - 1 to the first with a sample < t.
  it->SeekForPrev(BlockKey(sid, BlockOf(t - 1)));
  const BlockWalk walk{it, decoded_.get(), sid, /*backward=*/true, fill};
  return walk.Run([&](uint32_t, DecodedBlockCache::Lease* lease) {
    const SampleColumns& samples = lease->samples();
    const auto& ts = samples.timestamps;
    const size_t i = std::lower_bound(ts.begin(), ts.end(), t) - ts.begin();
    if (i == 0) return true;
    out->Append(ts[i - 1], samples.values[i - 1], samples.flag(i - 1));
    return false;
  });
}

absl::Status RocksDbSeriesStore::ReadBlocks(uint64_t sid, int64_t start,
                                            int64_t end,
                                            const rocksdb::Snapshot* snapshot,
                                            SampleColumns* out) {
  out->Clear();
  start = std::max(start, kMinTimestampMs);
  end = std::min(end, kMaxTimestampMs);
  if (end <= start) return absl::OkStatus();
  const std::string upper = BlockKey(sid, BlockOf(end - 1) + 1);
  rocksdb::Slice upper_slice(upper);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper_slice;
  ro.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, blocks_cf_));
  it->Seek(BlockKey(sid, BlockOf(start)));
  // Exports (reads at a snapshot) stream whole creators: they use what is
  // cached but do not push out what is hot.
  const BlockWalk walk{it.get(), decoded_.get(), sid, /*backward=*/false,
                       /*fill=*/snapshot == nullptr};
  return walk.Run([&](uint32_t, DecodedBlockCache::Lease* lease) {
    const SampleColumns& samples = lease->samples();
    const auto& ts = samples.timestamps;
    const size_t lo =
        std::lower_bound(ts.begin(), ts.end(), start) - ts.begin();
    const size_t hi = std::lower_bound(ts.begin(), ts.end(), end) - ts.begin();
    out->AppendRange(samples, lo, hi);
    return true;
  });
}

absl::Status RocksDbSeriesStore::Export(std::string_view creator_id,
                                        int64_t start, int64_t end,
                                        const ExportVisitor& visit) {
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() { db->ReleaseSnapshot(s); }
  } release{db_.get(), snapshot};
  const std::string prefix =
      creator_id.empty() ? std::string() : SeriesCreatorPrefix(creator_id);
  PrefixIterator it(db_.get(), series_cf_, prefix, snapshot);
  SampleColumns samples;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    SeriesName name;
    std::string_view key(it->key().data(), it->key().size());
    if (!ParseSeriesKey(key, &name) || it->value().size() != 8) {
      return absl::DataLossError(
          StrCat("corrupt series index entry ", it->key().ToString(true)));
    }
    uint64_t sid = DecodeFixed64BE(it->value().data());
    absl::Status st = ReadBlocks(sid, start, end, snapshot, &samples);
    if (!st.ok()) return st;
    if (samples.empty()) continue;
    if (!visit(SeriesId{name.creator_id, name.post_id, name.field}, samples)) {
      return absl::OkStatus();
    }
  }
  return FromRocksDb(it->status(), "listing series");
}

}  // namespace clout::storage

// PrefixIterator: an iterator over the keys of one column family that start
// with a prefix. Internal to RocksDbSeriesStore's implementation.
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_PREFIX_ITERATOR_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_PREFIX_ITERATOR_H_

#include <memory>
#include <string>
#include <string_view>

#include "rocksdb/db.h"
#include "server/format/keys.h"

namespace clout::storage {

// Iterates the keys of `cf` starting with `prefix` (every key when it is
// empty), as of `snapshot` (null: the latest state). The caller positions
// it (usually Seek(prefix)). Not thread-safe; must not outlive `db`.
class PrefixIterator {
 public:
  PrefixIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                 std::string_view prefix,
                 const rocksdb::Snapshot* snapshot = nullptr)
      : upper_(PrefixSuccessor(std::string(prefix))), upper_slice_(upper_) {
    rocksdb::ReadOptions ro;
    if (!upper_.empty()) ro.iterate_upper_bound = &upper_slice_;
    ro.snapshot = snapshot;
    it_.reset(db->NewIterator(ro, cf));
  }
  PrefixIterator(const PrefixIterator&) = delete;
  PrefixIterator& operator=(const PrefixIterator&) = delete;

  rocksdb::Iterator* operator->() const { return it_.get(); }

 private:
  const std::string upper_;  // The bound upper_slice_ points into.
  const rocksdb::Slice upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_PREFIX_ITERATOR_H_

// The RocksDB options of a RocksDbSeriesStore database: the database's and
// those of its five column families (rocksdb_series_store.h lists them).
#ifndef CLOUT_SERVER_STORAGE_ROCKSDB_OPTIONS_H_
#define CLOUT_SERVER_STORAGE_ROCKSDB_OPTIONS_H_

#include <cstddef>
#include <vector>

#include "rocksdb/db.h"

namespace clout::storage {

rocksdb::DBOptions StoreDbOptions();

// The column families in the order the store opens them: default, meta,
// series, blocks, tails. They share one block cache of `block_cache_bytes`.
std::vector<rocksdb::ColumnFamilyDescriptor> StoreColumnFamilies(
    size_t block_cache_bytes);

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_ROCKSDB_OPTIONS_H_

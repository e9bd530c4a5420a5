#include "server/storage/rocksdb_options.h"

#include <memory>

#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "server/storage/sample_merge_operator.h"
#include "server/storage/series_tail.h"

namespace clout::storage {
namespace {

rocksdb::ColumnFamilyOptions BlocksOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  o.merge_operator = NewSampleMergeOperator();
  o.write_buffer_size = 64 << 20;
  o.max_write_buffer_number = 4;
  o.target_file_size_base = 64 << 20;
  o.max_bytes_for_level_base = 256 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = 32 << 10;
  t.format_version = 5;
  t.index_block_restart_interval = 16;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::ColumnFamilyOptions IndexOptions(
    const std::shared_ptr<rocksdb::Cache>& cache, size_t block_size = 4 << 10) {
  rocksdb::ColumnFamilyOptions o;
  o.write_buffer_size = 16 << 20;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.block_size = block_size;
  t.format_version = 5;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::ColumnFamilyOptions TailsOptions(
    const std::shared_ptr<rocksdb::Cache>& cache) {
  // Read in runs (a creator's posts at a time) by the first metric calls
  // after a start: larger blocks, and LZ4 at every level, whose decoding
  // costs a fraction of ZSTD's, make that first read cheaper. Tails are a
  // small part of the data.
  rocksdb::ColumnFamilyOptions o = IndexOptions(cache, 16 << 10);
  o.merge_operator = NewTailMergeOperator();
  o.bottommost_compression = rocksdb::kLZ4Compression;
  return o;
}

}  // namespace

rocksdb::DBOptions StoreDbOptions() {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.keep_log_file_num = 3;
  db_options.max_total_wal_size = 512 << 20;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  return db_options;
}

std::vector<rocksdb::ColumnFamilyDescriptor> StoreColumnFamilies(
    size_t block_cache_bytes) {
  auto cache = rocksdb::NewLRUCache(block_cache_bytes);
  return {
      {rocksdb::kDefaultColumnFamilyName, IndexOptions(cache)},
      {"meta", IndexOptions(cache)},
      {"series", IndexOptions(cache)},
      {"blocks", BlocksOptions(cache)},
      {"tails", TailsOptions(cache)},
  };
}

}  // namespace clout::storage

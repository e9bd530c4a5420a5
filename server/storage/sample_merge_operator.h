// The RocksDB merge operator of the blocks column family.
//
// Every write to a block is a Merge of a record (block_codec.h). The full
// merge applies the records oldest first onto the stored block and writes
// one sample block back; a partial merge folds adjacent sample records into
// one, so compactions keep operand lists short. The merge is deterministic
// and idempotent: applying the same sample record twice changes nothing.
#ifndef CLOUT_SERVER_STORAGE_SAMPLE_MERGE_OPERATOR_H_
#define CLOUT_SERVER_STORAGE_SAMPLE_MERGE_OPERATOR_H_

#include <memory>

#include "rocksdb/merge_operator.h"

namespace clout::storage {

std::shared_ptr<rocksdb::MergeOperator> NewSampleMergeOperator();

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_SAMPLE_MERGE_OPERATOR_H_

// Creator and post records of RocksDbSeriesStore (the meta column family).
#include <string>
#include <utility>

#include "clout/v1/types.pb.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "server/common/clock.h"
#include "server/common/strings.h"
#include "server/format/keys.h"
#include "server/format/rocksdb_status.h"
#include "server/storage/rocksdb_prefix_iterator.h"
#include "server/storage/rocksdb_series_store.h"

namespace clout::storage {
namespace {

// The platform implied by an id such as "tiktok:123", or empty.
std::string PlatformOf(std::string_view creator_id) {
  size_t colon = creator_id.find(':');
  if (colon == std::string_view::npos || colon == 0) return "";
  return std::string(creator_id.substr(0, colon));
}

bool Matches(const clout::v1::Creator& c, const CreatorFilter& filter) {
  if (!filter.platform.empty() && c.platform() != filter.platform) {
    return false;
  }
  for (const auto& [key, value] : filter.labels) {
    auto it = c.labels().find(key);
    if (it == c.labels().end() || it->second != value) return false;
  }
  return true;
}

// Records are stored as the serialized clout.v1.Creator and clout.v1.Post
// messages (docs/format/keys.md). That encoding stays private to this file:
// the store's interface speaks CreatorRecord and PostRecord.

template <typename Message>
absl::Status ParseRecord(const rocksdb::Slice& bytes, Message* out) {
  if (!out->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError("corrupt record in the meta column family");
  }
  return absl::OkStatus();
}

// The fields creator and post records share, to a message and back.
template <typename Record, typename Message>
void SharedToMessage(const Record& r, Message* m) {
  m->set_creator_id(r.creator_id);
  m->mutable_labels()->insert(r.labels.begin(), r.labels.end());
  m->set_created_ms(r.created_ms);
  m->set_updated_ms(r.updated_ms);
}

template <typename Message, typename Record>
void SharedToRecord(Message* m, Record* r) {
  r->creator_id = std::move(*m->mutable_creator_id());
  r->labels.insert(m->labels().begin(), m->labels().end());
  r->created_ms = m->created_ms();
  r->updated_ms = m->updated_ms();
}

std::string EncodeRecord(const CreatorRecord& r) {
  clout::v1::Creator c;
  SharedToMessage(r, &c);
  c.set_platform(r.platform);
  c.set_handle(r.handle);
  c.set_display_name(r.display_name);
  return c.SerializeAsString();
}

std::string EncodeRecord(const PostRecord& r) {
  clout::v1::Post p;
  SharedToMessage(r, &p);
  p.set_post_id(r.post_id);
  p.set_published_ms(r.published_ms);
  return p.SerializeAsString();
}

CreatorRecord ToRecord(clout::v1::Creator&& c) {
  CreatorRecord r;
  SharedToRecord(&c, &r);
  r.platform = std::move(*c.mutable_platform());
  r.handle = std::move(*c.mutable_handle());
  r.display_name = std::move(*c.mutable_display_name());
  return r;
}

PostRecord ToRecord(clout::v1::Post&& p) {
  PostRecord r;
  SharedToRecord(&p, &r);
  r.post_id = std::move(*p.mutable_post_id());
  r.published_ms = p.published_ms();
  return r;
}

// Sets *created_ms to the creation time of the record (a Message) stored
// under `key`, or to `now` (counting it in *fresh) if there is none.
template <typename Message>
absl::Status CreatedMsOf(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                         const std::string& key, std::string_view what,
                         int64_t now, int64_t* created_ms, int* fresh) {
  std::string bytes;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf, key, &bytes);
  *created_ms = now;
  if (s.IsNotFound()) {
    ++*fresh;
    return absl::OkStatus();
  }
  if (!s.ok()) return FromRocksDb(s, StrCat("reading ", what));
  Message old;
  if (old.ParseFromString(bytes)) *created_ms = old.created_ms();
  return absl::OkStatus();
}

// Adds each of `records` to `batch` under key_of(record), with the
// created_ms of the record (a Message) it replaces, or the current time for
// a new one (counted in *fresh), and updated_ms the current time.
template <typename Message, typename Record, typename KeyOf>
absl::Status AddUpserts(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                        const std::vector<Record>& records,
                        std::string_view what, const KeyOf& key_of,
                        rocksdb::WriteBatch* batch, int* fresh) {
  const int64_t now = NowMs();
  for (Record r : records) {
    const std::string key = key_of(r);
    absl::Status st =
        CreatedMsOf<Message>(db, cf, key, what, now, &r.created_ms, fresh);
    if (!st.ok()) return st;
    r.updated_ms = now;
    batch->Put(cf, key, EncodeRecord(r));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RocksDbSeriesStore::AddBareRecords(const SeriesId& id,
                                                rocksdb::WriteBatch* batch,
                                                int* new_creators,
                                                int* new_posts) {
  const int64_t now = NowMs();
  std::string existing;
  const std::string creator_key = CreatorKey(id.creator_id);
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), meta_cf_, creator_key, &existing);
  if (s.IsNotFound()) {
    CreatorRecord creator;
    creator.creator_id = std::string(id.creator_id);
    creator.platform = PlatformOf(id.creator_id);
    creator.created_ms = creator.updated_ms = now;
    batch->Put(meta_cf_, creator_key, EncodeRecord(creator));
    ++*new_creators;
  } else if (!s.ok()) {
    return FromRocksDb(s, "reading creator");
  }
  if (id.post_id.empty()) return absl::OkStatus();
  const std::string post_key = PostKey(id.creator_id, id.post_id);
  s = db_->Get(rocksdb::ReadOptions(), meta_cf_, post_key, &existing);
  if (s.IsNotFound()) {
    PostRecord post;
    post.creator_id = std::string(id.creator_id);
    post.post_id = std::string(id.post_id);
    post.created_ms = post.updated_ms = now;
    batch->Put(meta_cf_, post_key, EncodeRecord(post));
    ++*new_posts;
  } else if (!s.ok()) {
    return FromRocksDb(s, "reading post");
  }
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::UpsertCreators(
    const std::vector<CreatorRecord>& creators, int* created) {
  absl::MutexLock lock(&records_mu_);
  rocksdb::WriteBatch batch;
  int fresh = 0;
  absl::Status st = AddUpserts<clout::v1::Creator>(
      db_.get(), meta_cf_, creators, "creator",
      [](const CreatorRecord& c) { return CreatorKey(c.creator_id); }, &batch,
      &fresh);
  if (!st.ok()) return st;
  st = Commit(&batch, "writing creators");
  for (const auto& c : creators) Touch(c.creator_id);
  CatalogChanged();
  if (!st.ok()) return st;
  creator_count_ += fresh;
  *created = fresh;
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::UpsertPosts(
    const std::vector<PostRecord>& posts, int* created) {
  absl::MutexLock lock(&records_mu_);
  std::string bytes;
  for (const PostRecord& p : posts) {
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta_cf_,
                                 CreatorKey(p.creator_id), &bytes);
    if (s.IsNotFound()) {
      return absl::NotFoundError(StrCat("creator '", p.creator_id,
                                        "' of post '", p.post_id,
                                        "' does not exist"));
    }
    if (!s.ok()) return FromRocksDb(s, "reading creator");
  }
  rocksdb::WriteBatch batch;
  int fresh = 0;
  absl::Status st = AddUpserts<clout::v1::Post>(
      db_.get(), meta_cf_, posts, "post",
      [](const PostRecord& p) { return PostKey(p.creator_id, p.post_id); },
      &batch, &fresh);
  if (st.ok()) st = Commit(&batch, "writing posts");
  for (const auto& p : posts) Touch(p.creator_id);
  if (!st.ok()) return st;
  post_count_ += fresh;
  *created = fresh;
  return absl::OkStatus();
}

absl::Status RocksDbSeriesStore::ReadCreatorRecord(std::string_view creator_id,
                                                   std::string* bytes) {
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), meta_cf_, CreatorKey(creator_id), bytes);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        StrCat("creator '", creator_id, "' does not exist"));
  }
  return FromRocksDb(s, "reading creator");
}

absl::StatusOr<CreatorInfo> RocksDbSeriesStore::GetCreator(
    std::string_view creator_id) {
  std::string bytes;
  if (absl::Status st = ReadCreatorRecord(creator_id, &bytes); !st.ok()) {
    return st;
  }
  clout::v1::Creator creator;
  absl::Status st = ParseRecord(rocksdb::Slice(bytes), &creator);
  if (!st.ok()) return st;
  CreatorInfo info;
  info.creator = ToRecord(std::move(creator));
  for (const auto& [key, sid] :
       SeriesWithPrefix(SeriesEntityPrefix(creator_id, ""))) {
    SeriesName name;
    if (ParseSeriesKey(key, &name))
      info.account_fields.emplace_back(name.field);
  }
  info.post_count = CountKeys(meta_cf_, PostKeyPrefix(creator_id));
  return info;
}

absl::StatusOr<CreatorPage> RocksDbSeriesStore::ListCreators(
    const CreatorFilter& filter, std::string_view after, int limit) {
  PrefixIterator it(db_.get(), meta_cf_, CreatorKeyPrefix());
  CreatorPage page;
  const std::string start = CreatorKey(after);
  for (it->Seek(start); it->Valid(); it->Next()) {
    if (!after.empty() && it->key() == rocksdb::Slice(start)) continue;
    clout::v1::Creator c;
    absl::Status st = ParseRecord(it->value(), &c);
    if (!st.ok()) return st;
    if (!Matches(c, filter)) continue;
    if (static_cast<int>(page.creators.size()) == limit) {
      page.next_after = page.creators.back().creator_id;
      break;
    }
    page.creators.push_back(ToRecord(std::move(c)));
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "listing creators");
  return page;
}

absl::StatusOr<PostPage> RocksDbSeriesStore::ListPosts(
    std::string_view creator_id, int64_t published_from, int64_t published_to,
    std::string_view after, int limit) {
  const std::string prefix = PostKeyPrefix(creator_id);
  PrefixIterator it(db_.get(), meta_cf_, prefix);
  PostPage page;
  const std::string start = StrCat(prefix, after);
  for (it->Seek(start); it->Valid(); it->Next()) {
    if (!after.empty() && it->key() == rocksdb::Slice(start)) continue;
    clout::v1::Post p;
    absl::Status st = ParseRecord(it->value(), &p);
    if (!st.ok()) return st;
    if (published_from != 0 && p.published_ms() < published_from) continue;
    if (published_to != 0 && p.published_ms() >= published_to) continue;
    if (static_cast<int>(page.posts.size()) == limit) {
      page.next_after = page.posts.back().post_id;
      break;
    }
    page.posts.push_back(ToRecord(std::move(p)));
  }
  if (!it->status().ok()) return FromRocksDb(it->status(), "listing posts");
  if (page.posts.empty()) {
    // A post record exists only with its creator's (records are deleted
    // together), so only an empty page needs to tell the two apart.
    std::string bytes;
    if (absl::Status st = ReadCreatorRecord(creator_id, &bytes); !st.ok()) {
      return st;
    }
  }
  return page;
}

}  // namespace clout::storage

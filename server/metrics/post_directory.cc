#include "server/metrics/post_directory.h"

#include <utility>

#include "rocksdb/cache.h"
#include "server/storage/lru_cache.h"

namespace clout::metrics {

absl::StatusOr<PostList> ListAllPosts(storage::SeriesStore* store,
                                      std::string_view creator_id) {
  constexpr int kPage = 1000;
  PostList out;
  std::string after;
  do {
    auto page = store->ListPosts(creator_id, 0, 0, after, kPage);
    if (!page.ok()) return page.status();
    out.reserve(out.size() + page->posts.size());
    for (auto& p : page->posts) {
      out.push_back({std::move(*p.mutable_post_id()), p.published_ms()});
    }
    after = std::move(page->next_after);
  } while (!after.empty());
  return out;
}

namespace {

struct Entry {
  uint64_t generation = 0;
  std::shared_ptr<const PostList> posts;
};

void DeleteEntry(const rocksdb::Slice& /*key*/, void* value) {
  delete static_cast<Entry*>(value);
}

}  // namespace

PostDirectory::PostDirectory(storage::SeriesStore* store, size_t max_bytes)
    : store_(store), cache_(storage::NewLruCache(max_bytes)) {}

PostDirectory::~PostDirectory() = default;

size_t PostDirectory::Charge(const PostList& posts) {
  size_t bytes = sizeof(Entry) + sizeof(PostList) + 64 +
                 posts.capacity() * sizeof(PostRef);
  for (const PostRef& p : posts) bytes += p.post_id.capacity();
  return bytes;
}

absl::StatusOr<std::shared_ptr<const PostList>> PostDirectory::Get(
    std::string_view creator_id, uint64_t generation) {
  // The generation was read before the records, so that a concurrent change
  // retires what is listed from older records.
  const rocksdb::Slice key(creator_id.data(), creator_id.size());
  if (rocksdb::Cache::Handle* h = cache_->Lookup(key)) {
    const auto* e = static_cast<const Entry*>(cache_->Value(h));
    std::shared_ptr<const PostList> posts;
    if (e->generation == generation) posts = e->posts;
    cache_->Release(h);
    if (posts != nullptr) return posts;
  }
  absl::StatusOr<PostList> listed = ListAllPosts(store_, creator_id);
  if (!listed.ok()) return listed.status();
  auto posts = std::make_shared<const PostList>(std::move(*listed));
  // Replaces an older entry; the cache owns the new one from here on.
  cache_->Insert(key, new Entry{generation, posts}, Charge(*posts),
                 &DeleteEntry)
      .PermitUncheckedError();
  return posts;
}

}  // namespace clout::metrics

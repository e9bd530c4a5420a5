#include "server/metrics/post_directory.h"

#include <utility>

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
      out.push_back({std::move(p.post_id), p.published_ms});
    }
    after = std::move(page->next_after);
  } while (!after.empty());
  return out;
}

PostDirectory::PostDirectory(storage::SeriesStore* store, size_t max_bytes)
    : store_(store), lists_(max_bytes) {}

size_t PostDirectory::Charge(const PostList& posts) {
  size_t bytes = sizeof(PostList) + 96 + posts.capacity() * sizeof(PostRef);
  for (const PostRef& p : posts) bytes += p.post_id.capacity();
  return bytes;
}

absl::StatusOr<std::shared_ptr<const PostList>> PostDirectory::Get(
    std::string_view creator_id, uint64_t generation) {
  // The generation was read before the records, so that a concurrent change
  // retires what is listed from older records.
  if (auto posts = lists_.Find(creator_id, generation)) return posts;
  absl::StatusOr<PostList> listed = ListAllPosts(store_, creator_id);
  if (!listed.ok()) return listed.status();
  auto posts = std::make_shared<const PostList>(std::move(*listed));
  lists_.Insert(creator_id, generation, posts, Charge(*posts));
  return posts;
}

}  // namespace clout::metrics

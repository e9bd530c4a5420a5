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
      out.push_back({std::move(*p.mutable_post_id()), p.published_ms()});
    }
    after = std::move(page->next_after);
  } while (!after.empty());
  return out;
}

PostDirectory::PostDirectory(storage::SeriesStore* store, size_t max_posts)
    : store_(store), max_posts_(max_posts) {}

absl::StatusOr<std::shared_ptr<const PostList>> PostDirectory::Get(
    std::string_view creator_id, uint64_t generation) {
  // The generation was read before the records, so that a concurrent change
  // retires what is listed from older records.
  std::string key(creator_id);
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.generation == generation) {
      return it->second.posts;
    }
  }
  absl::StatusOr<PostList> listed = ListAllPosts(store_, creator_id);
  if (!listed.ok()) return listed.status();
  auto posts = std::make_shared<const PostList>(std::move(*listed));
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = entries_.try_emplace(key);
  if (!inserted) posts_held_ -= it->second.posts->size();
  if (posts_held_ + posts->size() > max_posts_) {
    // Full: start over rather than track recency on every hit.
    entries_.clear();
    posts_held_ = 0;
    it = entries_.try_emplace(std::move(key)).first;
  }
  it->second = {generation, posts};
  posts_held_ += posts->size();
  return posts;
}

}  // namespace clout::metrics

#include "server/metrics/metric_inputs.h"

#include <algorithm>

namespace clout::metrics {

absl::Status GatherInput(storage::SeriesStore* store,
                         const plugin_host::Metric& metric,
                         PostDirectory* directory,
                         std::string_view creator_id, int64_t start,
                         int64_t end, plugin_host::MetricInput* out) {
  out->creator_id = std::string(creator_id);
  out->window_start_ms = start;
  out->window_end_ms = end;
  out->posts.clear();
  // Listing the posts also checks that the creator exists.
  const bool wants_posts = !metric.post_fields.empty();
  std::shared_ptr<const PostList> all;
  if (directory != nullptr) {
    auto listed = directory->Get(creator_id);
    if (!listed.ok()) return listed.status();
    all = std::move(*listed);
  } else if (wants_posts) {
    auto listed = ListAllPosts(store, creator_id);
    if (!listed.ok()) return listed.status();
    all = std::make_shared<const PostList>(std::move(*listed));
  } else {
    auto page = store->ListPosts(creator_id, 0, 0, "", 1);
    if (!page.ok()) return page.status();
  }
  std::vector<const PostRef*> posts;
  if (wants_posts) {
    for (const PostRef& p : *all) {
      if (p.published_ms == 0 ||
          (p.published_ms >= start && p.published_ms < end)) {
        posts.push_back(&p);
      }
    }
  }
  std::stable_sort(posts.begin(), posts.end(),
                   [](const PostRef* a, const PostRef* b) {
                     return a->published_ms < b->published_ms;
                   });
  // Every series the metric reads, in one batch.
  const size_t n_account = metric.account_fields.size();
  const size_t n_post = metric.post_fields.size();
  std::vector<storage::SeriesRead> reads(n_account + posts.size() * n_post);
  for (size_t f = 0; f < n_account; ++f) {
    storage::SeriesRead& r = reads[f];
    r.id = storage::SeriesId{creator_id, "", metric.account_fields[f]};
    r.start = start;
    r.end = end;
    r.with_prior = true;
    r.borrow = true;
  }
  for (size_t p = 0; p < posts.size(); ++p) {
    for (size_t f = 0; f < n_post; ++f) {
      storage::SeriesRead& r = reads[n_account + p * n_post + f];
      r.id = storage::SeriesId{creator_id, posts[p]->post_id,
                               metric.post_fields[f]};
      r.start = posts[p]->published_ms == 0 ? start : posts[p]->published_ms;
      r.end = end;
      r.borrow = true;
    }
  }
  absl::Status st = store->ReadMany(&reads);
  if (!st.ok()) return st;
  auto take = [](storage::SeriesRead& r, plugin_host::InputSeries* series) {
    series->owned = std::move(r.samples);
    series->borrowed = r.borrowed;
    series->pin = std::move(r.pin);
  };
  out->account.resize(n_account);
  for (size_t f = 0; f < n_account; ++f) {
    take(reads[f], &out->account[f]);
  }
  for (size_t p = 0; p < posts.size(); ++p) {
    plugin_host::MetricInput::Post post;
    post.post_id = posts[p]->post_id;
    post.published_ms = posts[p]->published_ms;
    post.fields.resize(n_post);
    bool any = false;
    for (size_t f = 0; f < n_post; ++f) {
      take(reads[n_account + p * n_post + f], &post.fields[f]);
      any |= !post.fields[f].empty();
    }
    // A post of unknown publication time counts only with data in the window.
    if (post.published_ms != 0 || any) out->posts.push_back(std::move(post));
  }
  return absl::OkStatus();
}

}  // namespace clout::metrics

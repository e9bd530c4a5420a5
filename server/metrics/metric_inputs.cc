#include "server/metrics/metric_inputs.h"

#include <algorithm>

namespace clout::metrics {

absl::Status GatherInput(storage::SeriesStore* store,
                         const plugin_host::Metric& metric,
                         std::string_view creator_id, int64_t start,
                         int64_t end, plugin_host::MetricInput* out) {
  out->creator_id = std::string(creator_id);
  out->window_start_ms = start;
  out->window_end_ms = end;
  out->posts.clear();
  // Listing the posts also checks that the creator exists.
  const bool wants_posts = !metric.post_fields.empty();
  std::vector<clout::v1::Post> posts;
  std::string after;
  do {
    auto page = store->ListPosts(creator_id, 0, 0, after,
                                 wants_posts ? 1000 : 1);
    if (!page.ok()) return page.status();
    if (!wants_posts) break;
    for (auto& p : page->posts) {
      if (p.published_ms() == 0 ||
          (p.published_ms() >= start && p.published_ms() < end)) {
        posts.push_back(std::move(p));
      }
    }
    after = page->next_after;
  } while (!after.empty());

  std::stable_sort(posts.begin(), posts.end(),
                   [](const clout::v1::Post& a, const clout::v1::Post& b) {
                     return a.published_ms() < b.published_ms();
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
  }
  for (size_t p = 0; p < posts.size(); ++p) {
    for (size_t f = 0; f < n_post; ++f) {
      storage::SeriesRead& r = reads[n_account + p * n_post + f];
      r.id = storage::SeriesId{creator_id, posts[p].post_id(),
                               metric.post_fields[f]};
      r.start = posts[p].published_ms() == 0 ? start : posts[p].published_ms();
      r.end = end;
    }
  }
  absl::Status st = store->ReadMany(&reads);
  if (!st.ok()) return st;
  out->account.resize(n_account);
  for (size_t f = 0; f < n_account; ++f) {
    out->account[f] = std::move(reads[f].samples);
  }
  for (size_t p = 0; p < posts.size(); ++p) {
    plugin_host::MetricInput::Post post;
    post.post_id = posts[p].post_id();
    post.published_ms = posts[p].published_ms();
    post.fields.resize(n_post);
    bool any = false;
    for (size_t f = 0; f < n_post; ++f) {
      post.fields[f] = std::move(reads[n_account + p * n_post + f].samples);
      any |= !post.fields[f].empty();
    }
    // A post of unknown publication time counts only with data in the window.
    if (post.published_ms != 0 || any) out->posts.push_back(std::move(post));
  }
  return absl::OkStatus();
}

}  // namespace clout::metrics

#include "server/metrics/metric_inputs.h"

#include <algorithm>

namespace clout::metrics {

namespace {

// Keeps the last sample of `series` only.
void KeepLast(plugin_host::InputSeries* series) {
  const SampleSpan s = series->span();
  if (s.size <= 1) return;
  if (series->lent) {
    series->borrowed = {s.timestamps + s.size - 1, s.values + s.size - 1,
                        s.flags == nullptr ? nullptr : s.flags + s.size - 1,
                        1};
    return;
  }
  SampleColumns last;
  last.Append(s.timestamps[s.size - 1], s.values[s.size - 1],
              s.flags == nullptr ? 0 : s.flags[s.size - 1]);
  series->owned = std::move(last);
}

// Buffers of GatherInput, kept per thread between calls.
struct Scratch {
  std::vector<const PostRef*> posts;
  std::vector<storage::SeriesRead> reads;
  std::vector<plugin_host::InputSeries*> targets;
  std::vector<bool> keep_last;
  std::vector<size_t> rows;  // Of the posts in the latest-sample table.
  std::vector<plugin_host::MetricInput::Post> spare_posts;
};

}  // namespace

absl::Status GatherInput(storage::SeriesStore* store,
                         const plugin_host::Metric& metric,
                         PostDirectory* directory, LatestSampleCache* latest,
                         std::string_view creator_id, int64_t start,
                         int64_t end, plugin_host::MetricInput* out) {
  out->creator_id = std::string(creator_id);
  out->window_start_ms = start;
  out->window_end_ms = end;
  const bool wants_posts = !metric.post_fields.empty();
  const bool latest_only =
      wants_posts && latest != nullptr && metric.latest_post_samples;
  // Read once, before the posts are listed, for both caches (see
  // PostDirectory::Get and LatestSampleCache::Get).
  const uint64_t generation = directory != nullptr || latest_only
                                  ? store->CreatorGeneration(creator_id)
                                  : 0;
  // Listing the posts also checks that the creator exists.
  std::shared_ptr<const PostList> all;
  if (directory != nullptr) {
    auto listed = directory->Get(creator_id, generation);
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
  // Scratch reused by the calls of each thread: a Rank gathers thousands
  // of inputs, and allocation was a large part of each.
  thread_local Scratch scratch;
  std::vector<const PostRef*>& posts = scratch.posts;
  posts.clear();
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
  std::shared_ptr<const LatestTable> table;
  if (latest_only && !posts.empty()) {
    // `all` is the directory's list only when it came from the directory.
    auto got = latest->Get(creator_id, metric.post_fields,
                           directory != nullptr ? all : nullptr, posts,
                           generation, &scratch.rows);
    if (!got.ok()) return got.status();
    table = std::move(*got);
  }

  const size_t n_account = metric.account_fields.size();
  const size_t n_post = metric.post_fields.size();
  // `out` may be a reused input: every series is reset below.
  out->pins.clear();
  if (table != nullptr) out->pins.push_back(table);
  out->account.resize(n_account);
  // Posts beyond this call's count wait in the scratch for a later call
  // instead of being freed, with their buffers.
  while (out->posts.size() > posts.size()) {
    for (plugin_host::InputSeries& series : out->posts.back().fields) {
      series.Reset();
    }
    scratch.spare_posts.push_back(std::move(out->posts.back()));
    out->posts.pop_back();
  }
  while (out->posts.size() < posts.size()) {
    if (scratch.spare_posts.empty()) {
      out->posts.emplace_back();
    } else {
      out->posts.push_back(std::move(scratch.spare_posts.back()));
      scratch.spare_posts.pop_back();
    }
  }
  // What the table cannot answer is read, in one batch: (read, series).
  std::vector<storage::SeriesRead>& reads = scratch.reads;
  std::vector<plugin_host::InputSeries*>& targets = scratch.targets;
  std::vector<bool>& keep_last = scratch.keep_last;
  reads.clear();
  targets.clear();
  keep_last.clear();
  // A released input's series are empty already (new posts are, too).
  const bool reset = !out->released;
  out->released = false;
  for (size_t f = 0; f < n_account; ++f) {
    if (reset) out->account[f].Reset();
    storage::SeriesRead r;
    r.id = storage::SeriesId{creator_id, "", metric.account_fields[f]};
    r.start = start;
    r.end = end;
    r.with_prior = true;
    r.borrow = true;
    reads.push_back(std::move(r));
    targets.push_back(&out->account[f]);
    keep_last.push_back(false);
  }
  for (size_t p = 0; p < posts.size(); ++p) {
    plugin_host::MetricInput::Post& post = out->posts[p];
    post.post_id = posts[p]->post_id;
    post.published_ms = posts[p]->published_ms;
    post.fields.resize(n_post);
    if (reset) {
      for (plugin_host::InputSeries& series : post.fields) series.Reset();
    }
    const int64_t from = post.published_ms == 0 ? start : post.published_ms;
    // The post's row in the latest-sample table, if it has one.
    const size_t* row = nullptr;
    if (table != nullptr && scratch.rows[p] != LatestSampleCache::kNoRow) {
      row = &scratch.rows[p];
    }
    for (size_t f = 0; f < n_post; ++f) {
      if (row != nullptr) {
        const SampleSpan last = table->Last(*row, f);
        if (last.size == 0 || last.timestamps[0] < end) {
          // The series' last sample lies before the window's end, so it is
          // the one the metric wants, if it is not before the range.
          if (last.size == 1 && last.timestamps[0] >= from) {
            post.fields[f].Lend(last, nullptr);  // out->pins holds it.
          }
          continue;
        }
        // A window that ends before the last sample: read what lies in it.
      }
      storage::SeriesRead r;
      r.id = storage::SeriesId{creator_id, post.post_id,
                               metric.post_fields[f]};
      r.start = from;
      r.end = end;
      r.borrow = true;
      reads.push_back(std::move(r));
      targets.push_back(&post.fields[f]);
      keep_last.push_back(latest_only && post.published_ms != 0);
    }
  }
  absl::Status st = store->ReadMany(&reads);
  if (!st.ok()) {
    reads.clear();
    return st;
  }
  for (size_t i = 0; i < reads.size(); ++i) {
    plugin_host::InputSeries* series = targets[i];
    if (reads[i].pin != nullptr) {
      series->Lend(reads[i].borrowed, std::move(reads[i].pin));
    } else {
      series->owned = std::move(reads[i].samples);
    }
    if (keep_last[i]) KeepLast(series);
  }
  reads.clear();  // Nothing pinned stays behind in the scratch.
  targets.clear();
  // A post of unknown publication time counts only with data in the window.
  out->posts.erase(
      std::remove_if(out->posts.begin(), out->posts.end(),
                     [](const plugin_host::MetricInput::Post& p) {
                       if (p.published_ms != 0) return false;
                       for (const auto& f : p.fields) {
                         if (!f.empty()) return false;
                       }
                       return true;
                     }),
      out->posts.end());
  return absl::OkStatus();
}

}  // namespace clout::metrics

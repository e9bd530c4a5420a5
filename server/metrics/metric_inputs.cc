#include "server/metrics/metric_inputs.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace clout::metrics {

namespace {

using plugin_host::InputSeries;
using plugin_host::MetricInput;

// Keeps the last sample of `series` only.
void KeepLast(InputSeries* series) {
  const SampleSpan s = series->span();
  if (s.size <= 1) return;
  if (series->lent) {
    series->borrowed = {s.timestamps + s.size - 1, s.values + s.size - 1,
                        s.flags == nullptr ? nullptr : s.flags + s.size - 1, 1};
    return;
  }
  SampleColumns last;
  last.Append(s.timestamps[s.size - 1], s.values[s.size - 1],
              s.flags == nullptr ? 0 : s.flags[s.size - 1]);
  series->owned = std::move(last);
}

// The series one input reads from the store, in one batch: reads[i] fills
// *targets[i], cut to its last sample if keep_last[i].
struct ReadPlan {
  std::vector<storage::SeriesRead> reads;
  std::vector<InputSeries*> targets;
  std::vector<bool> keep_last;

  void Clear() {
    reads.clear();
    targets.clear();
    keep_last.clear();
  }

  void Add(storage::SeriesRead read, InputSeries* target, bool last_only) {
    reads.push_back(std::move(read));
    targets.push_back(target);
    keep_last.push_back(last_only);
  }

  // Runs the reads and hands their samples to the series. Leaves nothing
  // pinned behind, whatever the outcome.
  absl::Status Run(storage::SeriesStore* store) {
    absl::Status st = store->ReadMany(&reads);
    if (st.ok()) {
      for (size_t i = 0; i < reads.size(); ++i) {
        InputSeries* series = targets[i];
        if (reads[i].pin != nullptr) {
          series->Lend(reads[i].borrowed, std::move(reads[i].pin));
        } else {
          series->owned = std::move(reads[i].samples);
        }
        if (keep_last[i]) KeepLast(series);
      }
    }
    reads.clear();
    targets.clear();
    return st;
  }
};

// Buffers of GatherInput, kept per thread between calls: a Rank gathers
// thousands of inputs, and allocation was a large part of each.
struct Scratch {
  std::vector<const PostRef*> posts;  // The posts the input covers.
  ReadPlan plan;
  std::vector<size_t> rows;  // Of the posts in the latest-sample table.
  std::vector<MetricInput::Post> spare_posts;
};

// One call of GatherInput, step by step: select the posts, then plan the
// reads the caches cannot answer, then run them.
class Gathering {
 public:
  Gathering(const InputSources& from, const InputScope& scope, Scratch* scratch,
            MetricInput* out)
      : from_(from),
        scope_(scope),
        metric_(*scope.metric),
        scratch_(*scratch),
        out_(out),
        wants_posts_(!metric_.post_fields.empty()),
        latest_only_(wants_posts_ && from.latest != nullptr &&
                     metric_.latest_post_samples) {}

  // Post selection: the creator's posts in the window, and their latest
  // samples where the metric wants only those.
  absl::Status SelectPosts();
  // The read plan: every series of the input not answered from the
  // latest-sample table.
  void PlanReads();
  absl::Status ReadAndFinish();

 private:
  absl::Status ListPosts(uint64_t generation);
  void ResizePosts();
  void PlanPostReads(size_t p);

  const InputSources& from_;
  const InputScope& scope_;
  const plugin_host::Metric& metric_;
  Scratch& scratch_;
  MetricInput* const out_;
  const bool wants_posts_;
  const bool latest_only_;
  std::shared_ptr<const PostList> all_;  // Null without post fields.
  std::shared_ptr<const LatestTable> table_;
  bool reset_ = false;  // Whether the series of `out_` need resetting.
};

absl::Status Gathering::ListPosts(uint64_t generation) {
  // Listing the posts also checks that the creator exists.
  if (from_.directory != nullptr) {
    auto listed = from_.directory->Get(scope_.creator_id, generation);
    if (!listed.ok()) return listed.status();
    all_ = std::move(*listed);
  } else if (wants_posts_) {
    auto listed = ListAllPosts(from_.store, scope_.creator_id);
    if (!listed.ok()) return listed.status();
    all_ = std::make_shared<const PostList>(std::move(*listed));
  } else {
    auto page = from_.store->ListPosts(scope_.creator_id, 0, 0, "", 1);
    if (!page.ok()) return page.status();
  }
  return absl::OkStatus();
}

absl::Status Gathering::SelectPosts() {
  out_->creator_id = std::string(scope_.creator_id);
  out_->window_start_ms = scope_.start_ms;
  out_->window_end_ms = scope_.end_ms;
  // Read once, before the posts are listed, for both caches (see
  // PostDirectory::Get and LatestSampleCache::Get).
  const uint64_t generation =
      from_.directory != nullptr || latest_only_
          ? from_.store->CreatorGeneration(scope_.creator_id)
          : 0;
  absl::Status st = ListPosts(generation);
  if (!st.ok()) return st;
  std::vector<const PostRef*>& posts = scratch_.posts;
  posts.clear();
  if (wants_posts_) {
    for (const PostRef& p : *all_) {
      if (p.published_ms == 0 || (p.published_ms >= scope_.start_ms &&
                                  p.published_ms < scope_.end_ms)) {
        posts.push_back(&p);
      }
    }
  }
  std::stable_sort(posts.begin(), posts.end(),
                   [](const PostRef* a, const PostRef* b) {
                     return a->published_ms < b->published_ms;
                   });
  if (!latest_only_ || posts.empty()) return absl::OkStatus();
  // `all_` is the directory's list only when it came from the directory.
  auto got = from_.latest->Get(scope_.creator_id, metric_.post_fields,
                               from_.directory != nullptr ? all_ : nullptr,
                               posts, generation, &scratch_.rows);
  if (!got.ok()) return got.status();
  table_ = std::move(*got);
  return absl::OkStatus();
}

// Posts beyond this call's count wait in the scratch for a later call
// instead of being freed, with their buffers.
void Gathering::ResizePosts() {
  const size_t count = scratch_.posts.size();
  std::vector<MetricInput::Post>& spare = scratch_.spare_posts;
  while (out_->posts.size() > count) {
    for (InputSeries& series : out_->posts.back().fields) series.Reset();
    spare.push_back(std::move(out_->posts.back()));
    out_->posts.pop_back();
  }
  while (out_->posts.size() < count) {
    if (spare.empty()) {
      out_->posts.emplace_back();
    } else {
      out_->posts.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
}

void Gathering::PlanReads() {
  // `out_` may be a reused input: every series is reset below.
  out_->pins.clear();
  if (table_ != nullptr) out_->pins.push_back(table_);
  out_->account.resize(metric_.account_fields.size());
  ResizePosts();
  scratch_.plan.Clear();
  // A released input's series are empty already (new posts are, too).
  reset_ = !out_->released;
  out_->released = false;
  for (size_t f = 0; f < metric_.account_fields.size(); ++f) {
    if (reset_) out_->account[f].Reset();
    storage::SeriesRead r;
    r.id = storage::SeriesId{scope_.creator_id, "", metric_.account_fields[f]};
    r.start = scope_.start_ms;
    r.end = scope_.end_ms;
    r.with_prior = true;
    r.borrow = true;
    scratch_.plan.Add(std::move(r), &out_->account[f], false);
  }
  for (size_t p = 0; p < scratch_.posts.size(); ++p) PlanPostReads(p);
}

void Gathering::PlanPostReads(size_t p) {
  MetricInput::Post& post = out_->posts[p];
  post.post_id = scratch_.posts[p]->post_id;
  post.published_ms = scratch_.posts[p]->published_ms;
  post.fields.resize(metric_.post_fields.size());
  if (reset_) {
    for (InputSeries& series : post.fields) series.Reset();
  }
  const int64_t from =
      post.published_ms == 0 ? scope_.start_ms : post.published_ms;
  // The post's row in the latest-sample table, if it has one.
  const size_t* row = nullptr;
  if (table_ != nullptr && scratch_.rows[p] != LatestSampleCache::kNoRow) {
    row = &scratch_.rows[p];
  }
  for (size_t f = 0; f < metric_.post_fields.size(); ++f) {
    if (row != nullptr) {
      const SampleSpan last = table_->Last(*row, f);
      if (last.size == 0 || last.timestamps[0] < scope_.end_ms) {
        // The series' last sample lies before the window's end, so it is
        // the one the metric wants, if it is not before the range.
        if (last.size == 1 && last.timestamps[0] >= from) {
          post.fields[f].Lend(last, nullptr);  // out_->pins holds it.
        }
        continue;
      }
      // A window that ends before the last sample: read what lies in it.
    }
    storage::SeriesRead r;
    r.id = storage::SeriesId{scope_.creator_id, post.post_id,
                             metric_.post_fields[f]};
    r.start = from;
    r.end = scope_.end_ms;
    r.borrow = true;
    scratch_.plan.Add(std::move(r), &post.fields[f],
                      latest_only_ && post.published_ms != 0);
  }
}

absl::Status Gathering::ReadAndFinish() {
  absl::Status st = scratch_.plan.Run(from_.store);
  if (!st.ok()) return st;
  // A post of unknown publication time counts only with data in the window.
  out_->posts.erase(std::remove_if(out_->posts.begin(), out_->posts.end(),
                                   [](const MetricInput::Post& p) {
                                     if (p.published_ms != 0) return false;
                                     for (const auto& f : p.fields) {
                                       if (!f.empty()) return false;
                                     }
                                     return true;
                                   }),
                    out_->posts.end());
  return absl::OkStatus();
}

}  // namespace

absl::Status GatherInput(const InputSources& sources, const InputScope& scope,
                         MetricInput* out) {
  thread_local Scratch scratch;
  Gathering gathering(sources, scope, &scratch, out);
  absl::Status st = gathering.SelectPosts();
  if (!st.ok()) return st;
  gathering.PlanReads();
  return gathering.ReadAndFinish();
}

}  // namespace clout::metrics

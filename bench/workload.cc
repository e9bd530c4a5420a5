#include "bench/workload.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include "bench/workload_model.h"
#include "bench/workload_random.h"

// workload_random.h, included last, turns off floating-point contraction for
// the rest of this file.

namespace clout::bench {
namespace {

using workload_internal::CreatorParams;
using workload_internal::DrawCreatorParams;
using workload_internal::DrawPostPlans;
using workload_internal::DrawScrapeMask;
using workload_internal::Exp;
using workload_internal::FirstHourAfter;
using workload_internal::IsPostSampleHour;
using workload_internal::kHourMs;
using workload_internal::kPostCounterStream;
using workload_internal::PostId;
using workload_internal::PostPlan;
using workload_internal::Rhythm;
using workload_internal::Rng;
using workload_internal::SimulateFollowers;
using workload_internal::SimulateFollowing;

SeriesData MakeSeries(const std::string& creator_id, const std::string& post_id,
                      const char* field) {
  SeriesData s;
  s.creator_id = creator_id;
  s.post_id = post_id;
  s.field = field;
  return s;
}

// Emits the account series sampled at the present hours.
void EmitAccountSeries(const WorkloadOptions& options,
                       const std::string& creator_id, const char* field,
                       const std::vector<int64_t>& values,
                       const std::vector<uint8_t>& present,
                       const std::function<void(SeriesData&&)>& sink) {
  SeriesData s = MakeSeries(creator_id, std::string(), field);
  s.timestamps_ms.reserve(values.size());
  s.values.reserve(values.size());
  for (size_t h = 0; h < values.size(); ++h) {
    if (!present[h]) continue;
    s.timestamps_ms.push_back(options.start_ms +
                              static_cast<int64_t>(h) * kHourMs);
    s.values.push_back(values[h]);
  }
  if (!s.values.empty()) sink(std::move(s));
}

// What the posts of one creator share.
struct PostContext {
  const WorkloadOptions& options;
  int creator_index;
  const CreatorParams& creator;
  const std::string& creator_id;
  const std::vector<int64_t>& followers;
  const std::vector<uint8_t>& present;
  int64_t hours;
  std::vector<double> rhythm_views;  // Views rhythm by hour of the day.
};

// The running counters of one post.
struct PostCounters {
  int64_t views = 0;
  int64_t likes = 0;
  int64_t comments = 0;
  int64_t shares = 0;
  int64_t saves = 0;
  int64_t likes_at_last_sample = 0;
};

// The five series of one post.
struct PostSeries {
  SeriesData views, likes, comments, shares, saves;
};

PostSeries MakePostSeries(const std::string& creator_id,
                          const std::string& post_id, size_t capacity) {
  PostSeries p{MakeSeries(creator_id, post_id, "views"),
               MakeSeries(creator_id, post_id, "likes"),
               MakeSeries(creator_id, post_id, "comments"),
               MakeSeries(creator_id, post_id, "shares"),
               MakeSeries(creator_id, post_id, "saves")};
  for (SeriesData* s : {&p.views, &p.likes, &p.comments, &p.shares, &p.saves}) {
    s->timestamps_ms.reserve(capacity);
    s->values.reserve(capacity);
  }
  return p;
}

// Views and likes gained during the interval that ends at hour h: drawn at
// once, then the likes spread over the interval's hours in proportion to
// their expected views (`weights`, whose sum is `lambda`) and added to
// `post_likes_sum` for likes_total.
void CloseInterval(const PostPlan& post, int64_t interval_start, int64_t h,
                   double lambda, const std::vector<double>& weights, Rng* rng,
                   PostCounters* c, std::vector<int64_t>* post_likes_sum) {
  const int64_t new_views = rng->Poisson(lambda * rng->Uniform(0.8, 1.2));
  c->views += new_views;
  const int64_t likes_before = c->likes;
  c->likes = std::min(
      c->views,
      c->likes + rng->Poisson(static_cast<double>(new_views) * post.like_rate));
  const double gained_likes = static_cast<double>(c->likes - likes_before);
  double cumulative = 0.0;
  for (size_t k = 0; k + 1 < weights.size(); ++k) {
    cumulative += weights[k];
    const double share = lambda > 0.0 ? cumulative / lambda
                                      : static_cast<double>(k + 1) /
                                            static_cast<double>(weights.size());
    (*post_likes_sum)[interval_start + k] +=
        likes_before + static_cast<int64_t>(gained_likes * share);
  }
  (*post_likes_sum)[h] += c->likes;
}

// Comments, shares and saves drawn from the likes gained since the last
// sample; the sample is recorded unless the scrape of hour h is missing
// (the first sample of a post never is).
void TakeSample(const PostContext& ctx, const PostPlan& post, int64_t h,
                int64_t first, Rng* rng, PostCounters* c, PostSeries* out) {
  const double gained = static_cast<double>(c->likes - c->likes_at_last_sample);
  c->likes_at_last_sample = c->likes;
  c->comments += rng->Poisson(gained * post.comment_rate);
  c->shares += rng->Poisson(gained * post.share_rate);
  c->saves += rng->Poisson(gained * post.save_rate);
  if (!ctx.present[h] && h != first) return;  // missed scrape
  const int64_t ts = ctx.options.start_ms + h * kHourMs;
  const std::pair<SeriesData*, int64_t> samples[] = {
      {&out->views, c->views},
      {&out->likes, c->likes},
      {&out->comments, c->comments},
      {&out->shares, c->shares},
      {&out->saves, c->saves}};
  for (const auto& [series, value] : samples) {
    series->timestamps_ms.push_back(ts);
    series->values.push_back(value);
  }
}

// Simulates post `i`. The counters are evaluated at the post's sampling
// instants (and at the last hour of the period): views and likes gained in
// the interval since the previous evaluation are drawn at once, comments,
// shares and saves from the likes gained. `interval_weights` is scratch
// space.
PostSeries SimulatePost(const PostContext& ctx, const PostPlan& post, size_t i,
                        std::vector<double>* interval_weights,
                        std::vector<int64_t>* post_likes_sum) {
  Rng rng(ctx.options.seed, static_cast<uint64_t>(ctx.creator_index),
          kPostCounterStream + i);
  const double published_h =
      static_cast<double>(post.published_ms - ctx.options.start_ms) / kHourMs;
  const int64_t first = FirstHourAfter(ctx.options, post.published_ms);
  const double expected_views = static_cast<double>(ctx.followers[first - 1]) *
                                ctx.creator.reach * post.virality;
  const double t0 = static_cast<double>(first) - published_h;  // (0, 1]
  double fast = Exp(-t0 / post.tau_fast_hours);  // e^(-t / tau) at hour h
  const double fast_decay = Exp(-1.0 / post.tau_fast_hours);
  double prev_fraction = 0.0;
  PostCounters counters;
  int64_t interval_start = first;  // first hour of the current interval
  double interval_lambda = 0.0;
  interval_weights->clear();

  PostSeries out = MakePostSeries(
      ctx.creator_id, PostId(ctx.creator_index, static_cast<int>(i)),
      static_cast<size_t>(kPostHourlySamples + (ctx.hours - first) / 24 + 1));
  for (int64_t h = first; h < ctx.hours; ++h) {
    // Cumulative share of the expected views reached by hour h: a fast
    // exponential component plus a slow hyperbolic tail.
    const double t = static_cast<double>(h) - published_h;
    const double fraction =
        post.fast_share * (1.0 - fast) +
        (1.0 - post.fast_share) * (t / (t + post.tau_tail_hours));
    fast *= fast_decay;
    const double weight =
        expected_views * (fraction - prev_fraction) * ctx.rhythm_views[h % 24];
    prev_fraction = fraction;
    interval_lambda += weight;
    interval_weights->push_back(weight);
    const bool sample = IsPostSampleHour(h, first);
    if (!sample && h != ctx.hours - 1) continue;

    CloseInterval(post, interval_start, h, interval_lambda, *interval_weights,
                  &rng, &counters, post_likes_sum);
    interval_start = h + 1;
    interval_lambda = 0.0;
    interval_weights->clear();
    if (!sample) continue;
    TakeSample(ctx, post, h, first, &rng, &counters, &out);
  }
  return out;
}

// Emits the four account series; likes_total adds up `post_likes_sum`.
void EmitAccount(const PostContext& ctx, const std::vector<PostPlan>& plans,
                 const std::vector<int64_t>& post_likes_sum,
                 const std::function<void(SeriesData&&)>& sink) {
  const WorkloadOptions& options = ctx.options;
  const int64_t hours = ctx.hours;
  EmitAccountSeries(options, ctx.creator_id, "followers", ctx.followers,
                    ctx.present, sink);
  EmitAccountSeries(
      options, ctx.creator_id, "following",
      SimulateFollowing(options, ctx.creator_index, ctx.creator, hours),
      ctx.present, sink);
  std::vector<int64_t> series(static_cast<size_t>(hours));
  for (int64_t h = 0; h < hours; ++h) {
    series[h] = ctx.creator.likes_baseline + post_likes_sum[h];
  }
  EmitAccountSeries(options, ctx.creator_id, "likes_total", series, ctx.present,
                    sink);
  size_t published = 0;
  for (int64_t h = 0; h < hours; ++h) {
    const int64_t ts = options.start_ms + h * kHourMs;
    while (published < plans.size() && plans[published].published_ms <= ts) {
      ++published;
    }
    series[h] = ctx.creator.posts_baseline + static_cast<int64_t>(published);
  }
  EmitAccountSeries(options, ctx.creator_id, "posts_total", series, ctx.present,
                    sink);
}

}  // namespace

std::string CreatorId(int creator_index) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "synth:%06d", creator_index);
  return buf;
}

std::vector<PostInfo> Posts(const WorkloadOptions& options, int creator_index) {
  std::vector<PostInfo> out;
  if (creator_index < 0 || creator_index >= options.creators ||
      options.days <= 0) {
    return out;
  }
  const CreatorParams creator = DrawCreatorParams(options, creator_index);
  const std::vector<PostPlan> plans =
      DrawPostPlans(options, creator_index, creator);
  const std::string creator_id = CreatorId(creator_index);
  out.reserve(plans.size());
  for (size_t i = 0; i < plans.size(); ++i) {
    out.push_back(PostInfo{creator_id,
                           PostId(creator_index, static_cast<int>(i)),
                           plans[i].published_ms});
  }
  return out;
}

void GenerateCreator(const WorkloadOptions& options, int creator_index,
                     const std::function<void(SeriesData&&)>& sink) {
  if (creator_index < 0 || creator_index >= options.creators ||
      options.days <= 0) {
    return;
  }
  const int64_t hours = static_cast<int64_t>(options.days) * 24;
  const CreatorParams creator = DrawCreatorParams(options, creator_index);
  const std::vector<PostPlan> plans =
      DrawPostPlans(options, creator_index, creator);
  const std::vector<uint8_t> present =
      DrawScrapeMask(options, creator_index, hours);
  const std::vector<int64_t> followers =
      SimulateFollowers(options, creator_index, creator, plans, hours);
  const std::string creator_id = CreatorId(creator_index);
  PostContext ctx{options,   creator_index, creator, creator_id,
                  followers, present,       hours,   std::vector<double>(24)};

  // Posts. For likes_total, the likes gained in an interval are spread over
  // its hours in proportion to the expected views of each hour.
  std::vector<int64_t> post_likes_sum(static_cast<size_t>(hours), 0);
  for (int h = 0; h < 24; ++h) {
    ctx.rhythm_views[h] = Rhythm(options, creator, h, 0.35);
  }
  std::vector<double> interval_weights;  // expected views of each hour
  interval_weights.reserve(24);
  std::vector<SeriesData> post_series;
  post_series.reserve(plans.size() * 5);
  for (size_t i = 0; i < plans.size(); ++i) {
    PostSeries p =
        SimulatePost(ctx, plans[i], i, &interval_weights, &post_likes_sum);
    for (SeriesData* s :
         {&p.views, &p.likes, &p.comments, &p.shares, &p.saves}) {
      post_series.push_back(std::move(*s));
    }
  }

  EmitAccount(ctx, plans, post_likes_sum, sink);
  for (SeriesData& s : post_series) {
    if (!s.values.empty()) sink(std::move(s));
  }
}

void Generate(const WorkloadOptions& options,
              const std::function<void(SeriesData&&)>& sink) {
  for (int i = 0; i < options.creators; ++i) GenerateCreator(options, i, sink);
}

}  // namespace clout::bench

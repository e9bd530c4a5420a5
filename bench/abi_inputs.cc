#include "bench/abi_inputs.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "server/common/samples.h"
#include "server/common/strings.h"

namespace clout::bench {

using plugin_host::Metric;
using plugin_host::MetricInput;

namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

}  // namespace

int ChooseCreator(WorkloadOptions w, int wanted, int search, int posts) {
  int creator_index = wanted;
  if (creator_index < 0) {
    w.creators = search;
    for (int c = 0; c < search && creator_index < 0; ++c) {
      if (Posts(w, c).size() == static_cast<size_t>(posts)) creator_index = c;
    }
    if (creator_index < 0) creator_index = 0;
  }
  return creator_index;
}

absl::StatusOr<CreatorInput> BuildInput(const WorkloadOptions& w,
                                        int creator_index,
                                        const Metric& metric) {
  CreatorInput c;
  c.creator_index = creator_index;
  MetricInput& in = c.input;
  in.creator_id = CreatorId(creator_index);
  in.window_start_ms = w.start_ms;
  in.window_end_ms = w.start_ms + w.days * kDayMs;
  in.account.resize(metric.account_fields.size());
  std::map<std::string, size_t> post_index;
  for (const PostInfo& p : Posts(w, creator_index)) {
    if (p.published_ms < in.window_start_ms ||
        p.published_ms >= in.window_end_ms) {
      continue;
    }
    post_index[p.post_id] = in.posts.size();
    MetricInput::Post post;
    post.post_id = p.post_id;
    post.published_ms = p.published_ms;
    post.fields.resize(metric.post_fields.size());
    in.posts.push_back(std::move(post));
  }
  auto field_of = [](const std::vector<std::string>& fields,
                     const std::string& name) -> int {
    auto it = std::find(fields.begin(), fields.end(), name);
    return it == fields.end() ? -1 : static_cast<int>(it - fields.begin());
  };
  auto fill = [&c](plugin_host::InputSeries* series, const SeriesData& s) {
    SampleColumns* out = &series->owned;
    out->timestamps = s.timestamps_ms;
    out->values = s.values;
    out->flags.clear();
    c.samples += static_cast<int64_t>(s.timestamps_ms.size());
  };
  GenerateCreator(w, creator_index, [&](SeriesData&& s) {
    if (s.post_id.empty()) {
      const int f = field_of(metric.account_fields, s.field);
      if (f >= 0) fill(&in.account[f], s);
      return;
    }
    auto p = post_index.find(s.post_id);
    if (p == post_index.end()) return;
    const int f = field_of(metric.post_fields, s.field);
    if (f >= 0) fill(&in.posts[p->second].fields[f], s);
  });
  for (size_t f = 0; f < in.account.size(); ++f) {
    if (in.account[f].empty()) {
      return absl::InternalError(StrCat("no ", metric.account_fields[f],
                                        " series for ", in.creator_id));
    }
  }
  return c;
}

}  // namespace clout::bench

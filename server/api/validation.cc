#include "server/api/validation.h"

#include <algorithm>

#include "server/common/input_rules.h"
#include "server/common/strings.h"
#include "server/format/keys.h"

namespace clout::api {
namespace {

constexpr uint32_t kKnownFlags = 1 | 2 | 4;

// Appends a rejection of series `i` (sample -1 for the whole series).
void Reject(clout::v1::WriteResponse* response, uint32_t series, int sample,
            std::string reason, int64_t samples_lost) {
  clout::v1::Rejection* r = response->add_rejections();
  r->set_series_index(series);
  r->set_sample_index(sample);
  r->set_reason(std::move(reason));
  response->set_rejected(response->rejected() + samples_lost);
}

// Checks the series-level fields; a message naming the problem or empty.
std::string SeriesProblem(const clout::v1::SeriesSamples& s,
                          const std::string& where) {
  absl::Status st = ValidateId(StrCat(where, ".creator_id"), s.creator_id());
  if (st.ok()) st = ValidateOptionalId(StrCat(where, ".post_id"), s.post_id());
  if (st.ok()) st = ValidateFieldName(StrCat(where, ".field"), s.field());
  if (!st.ok()) return std::string(st.message());
  const int n = s.timestamps_ms_size();
  if (s.values_size() != n) {
    return StrCat(where, ": ", n, " timestamps but ", s.values_size(),
                  " values");
  }
  if (s.flags_size() > 1 && s.flags_size() != n) {
    return StrCat(where, ": ", s.flags_size(), " flags for ", n,
                  " samples (give none, one, or one per sample)");
  }
  return "";
}

}  // namespace

absl::Status ValidateLabels(
    std::string_view what,
    const google::protobuf::Map<std::string, std::string>& labels,
    const Limits& limits) {
  if (static_cast<int>(labels.size()) > limits.max_labels) {
    return Invalid(what, StrCat(labels.size(), " labels, the limit is ",
                                limits.max_labels));
  }
  for (const auto& [key, value] : labels) {
    if (!IsIdentifier(key) ||
        static_cast<int>(key.size()) > limits.max_label_bytes) {
      return Invalid(
          what, StrCat("key ", Quote(key), " is not an identifier of at most ",
                       limits.max_label_bytes, " bytes"));
    }
    if (static_cast<int>(value.size()) > limits.max_label_bytes) {
      return Invalid(StrCat(what, "[", key, "]"),
                     StrCat("value is ", value.size(), " bytes, the limit is ",
                            limits.max_label_bytes));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCreator(std::string_view what, const clout::v1::Creator& c,
                             const Limits& limits) {
  absl::Status st = ValidateId(StrCat(what, ".creator_id"), c.creator_id());
  if (st.ok() && !c.platform().empty() && !IsIdentifier(c.platform())) {
    st = Invalid(StrCat(what, ".platform"),
                 StrCat(Quote(c.platform()), " is not an identifier"));
  }
  if (st.ok() && c.handle().size() > 256) {
    st = Invalid(StrCat(what, ".handle"), "is longer than 256 bytes");
  }
  if (st.ok() && c.display_name().size() > 1024) {
    st = Invalid(StrCat(what, ".display_name"), "is longer than 1024 bytes");
  }
  if (st.ok()) st = ValidateLabels(StrCat(what, ".labels"), c.labels(), limits);
  return st;
}

absl::Status ValidatePost(std::string_view what, const clout::v1::Post& p,
                          const Limits& limits) {
  absl::Status st = ValidateId(StrCat(what, ".creator_id"), p.creator_id());
  if (st.ok()) st = ValidateId(StrCat(what, ".post_id"), p.post_id());
  if (st.ok() && p.published_ms() != 0) {
    st = ValidateTimestamp(StrCat(what, ".published_ms"), p.published_ms());
  }
  if (st.ok()) st = ValidateLabels(StrCat(what, ".labels"), p.labels(), limits);
  return st;
}

absl::Status CheckWriteSize(const clout::v1::WriteRequest& request,
                            const Limits& limits) {
  if (request.series_size() > limits.max_batch_series) {
    return absl::ResourceExhaustedError(
        StrCat("batch has ", request.series_size(), " series, the limit is ",
               limits.max_batch_series, " (--max_batch_series); split it"));
  }
  int64_t samples = 0;
  for (const auto& s : request.series()) samples += s.timestamps_ms_size();
  if (samples > limits.max_batch_samples) {
    return absl::ResourceExhaustedError(
        StrCat("batch has ", samples, " samples, the limit is ",
               limits.max_batch_samples, " (--max_batch_samples); split it"));
  }
  return absl::OkStatus();
}

void PrepareWrite(const clout::v1::WriteRequest& request,
                  uint32_t series_offset,
                  std::vector<storage::SeriesWrite>* writes,
                  clout::v1::WriteResponse* response) {
  writes->clear();
  writes->reserve(request.series_size());
  int64_t accepted = 0;
  for (int i = 0; i < request.series_size(); ++i) {
    const clout::v1::SeriesSamples& s = request.series(i);
    const uint32_t index = series_offset + static_cast<uint32_t>(i);
    const int n = s.timestamps_ms_size();
    std::string problem = SeriesProblem(s, StrCat("series[", index, "]"));
    if (!problem.empty()) {
      Reject(response, index, -1, std::move(problem), n);
      continue;
    }
    if (n == 0) continue;
    storage::SeriesWrite w;
    w.id = storage::SeriesId{s.creator_id(), s.post_id(), s.field()};
    const int64_t* ts = s.timestamps_ms().data();
    const int64_t* vs = s.values().data();
    auto flag = [&s](int j) -> uint32_t {
      return s.flags_size() == 0 ? 0 : s.flags(s.flags_size() == 1 ? 0 : j);
    };
    bool all_good = true;
    for (int j = 0; j < n && all_good; ++j) {
      all_good = ts[j] >= kMinTimestampMs && ts[j] < kMaxTimestampMs &&
                 vs[j] >= 0 && (flag(j) & ~kKnownFlags) == 0;
    }
    if (all_good) {  // The common case: copy the columns whole.
      w.samples.timestamps.assign(ts, ts + n);
      w.samples.values.assign(vs, vs + n);
      if (s.flags_size() == 1 && s.flags(0) != 0) {
        w.samples.flags.assign(n, s.flags(0));
      } else if (s.flags_size() > 1) {
        w.samples.flags.assign(s.flags().begin(), s.flags().end());
      }
    } else {
      w.samples.Reserve(n);
      const std::string where = StrCat("series[", index, "]");
      for (int j = 0; j < n; ++j) {
        absl::Status st =
            ValidateTimestamp(StrCat(where, ".timestamps_ms[", j, "]"), ts[j]);
        if (st.ok() && vs[j] < 0) {
          st = Invalid(StrCat(where, ".values[", j, "]"),
                       StrCat(vs[j], " is negative; field ", Quote(s.field()),
                              " is a counter"));
        }
        if (st.ok() && (flag(j) & ~kKnownFlags) != 0) {
          st = Invalid(StrCat(where, ".flags[", j, "]"),
                       StrCat(flag(j), " has unknown bits (known: 1, 2, 4)"));
        }
        if (st.ok()) {
          w.samples.Append(ts[j], vs[j], flag(j));
        } else {
          Reject(response, index, j, std::string(st.message()), 1);
        }
      }
    }
    accepted += static_cast<int64_t>(w.samples.size());
    if (!w.samples.empty()) writes->push_back(std::move(w));
  }
  response->set_accepted(response->accepted() + accepted);
}

std::string SummarizeRejections(const clout::v1::WriteResponse& response) {
  std::string out =
      StrCat(response.rejected(), " of ",
             response.accepted() + response.rejected(), " samples rejected: ");
  const int shown = std::min(response.rejections_size(), 3);
  for (int i = 0; i < shown; ++i) {
    if (i > 0) out += "; ";
    out += response.rejections(i).reason();
  }
  if (response.rejections_size() > shown) {
    out += StrCat("; and ", response.rejections_size() - shown,
                  " more (see the WriteResponse in the status details)");
  }
  return out;
}

}  // namespace clout::api

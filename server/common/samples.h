// Samples of one series, the type every layer of the server passes around:
// SampleColumns owns them as parallel columns, SampleSpan looks at columns
// held elsewhere (a SampleColumns, or a block in the decoded sample cache).
//
// Example:
//   SampleColumns s;
//   s.Append(1000, 5, /*flag=*/0);
//   s.Append(2000, 7, /*flag=*/0);
//   SampleSpan all = SampleSpan::Of(s);  // all.size == 2, all.flags == nullptr
#ifndef CLOUT_SERVER_COMMON_SAMPLES_H_
#define CLOUT_SERVER_COMMON_SAMPLES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace clout {

// Samples of one series as parallel columns. `flags` is either empty (no
// sample has a flag) or has one entry per sample.
struct SampleColumns {
  std::vector<int64_t> timestamps;
  std::vector<int64_t> values;
  std::vector<uint32_t> flags;

  size_t size() const { return timestamps.size(); }
  bool empty() const { return timestamps.empty(); }
  uint32_t flag(size_t i) const { return flags.empty() ? 0 : flags[i]; }
  void Clear() {
    timestamps.clear();
    values.clear();
    flags.clear();
  }
  void Reserve(size_t n) {
    timestamps.reserve(n);
    values.reserve(n);
  }
  // Appends one sample; keeps `flags` empty while every flag is zero.
  // Inline: codecs, merges and loaders call it once per sample.
  void Append(int64_t timestamp, int64_t value, uint32_t flag) {
    const bool track_flags = flag != 0 || !flags.empty();
    if (track_flags && flags.empty()) flags.assign(timestamps.size(), 0);
    timestamps.push_back(timestamp);
    values.push_back(value);
    if (track_flags) flags.push_back(flag);
  }
  // Appends samples [begin, end) of `other`.
  void AppendRange(const SampleColumns& other, size_t begin, size_t end);
  bool operator==(const SampleColumns& other) const;
};

// A read-only window onto samples held elsewhere (a SampleColumns, or a
// block in the decoded sample cache). `flags` is null when every flag is 0.
struct SampleSpan {
  const int64_t* timestamps = nullptr;
  const int64_t* values = nullptr;
  const uint32_t* flags = nullptr;
  size_t size = 0;

  // Samples [begin, end) of `s`.
  static SampleSpan Of(const SampleColumns& s, size_t begin, size_t end) {
    if (begin >= end) return {};
    return {s.timestamps.data() + begin, s.values.data() + begin,
            s.flags.empty() ? nullptr : s.flags.data() + begin, end - begin};
  }
  static SampleSpan Of(const SampleColumns& s) { return Of(s, 0, s.size()); }
};

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_SAMPLES_H_

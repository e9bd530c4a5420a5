#include "server/format/block_codec.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>

#include "server/common/strings.h"
#include "server/format/bit_stream.h"
#include "server/format/coding.h"

namespace clout::storage {
namespace {

constexpr int kMaxGolombParameter = 63;

// How one column (timestamps or values) is coded.
struct ColumnCoding {
  int order = 1;       // 1: deltas, 2: deltas of deltas.
  int k = 0;           // Exponential-Golomb parameter.
  uint64_t scale = 1;  // Every delta is a multiple of this.
};

int BitWidth(uint64_t u) { return u == 0 ? 0 : 64 - __builtin_clzll(u); }

uint64_t Gcd(uint64_t a, uint64_t b) {
  while (b != 0) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

uint64_t Magnitude(int64_t v) {
  return v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
}

// Wrapping arithmetic: deltas of arbitrary int64 columns round-trip exactly.
int64_t WrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
int64_t WrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
int64_t WrapMul(int64_t a, uint64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * b);
}

// Scaled deltas of `column`, d[i-1] = (x[i] - x[i-1]) / scale, i = 1..n-1.
uint64_t ScaledDeltas(const std::vector<int64_t>& column,
                      std::vector<int64_t>* deltas) {
  size_t n = column.size();
  deltas->resize(n - 1);
  uint64_t g = 0;
  for (size_t i = 1; i < n; ++i) {
    int64_t d = WrapSub(column[i], column[i - 1]);
    (*deltas)[i - 1] = d;
    if (g != 1) g = Gcd(Magnitude(d), g);
  }
  if (g == 0 || g > static_cast<uint64_t>(INT64_MAX)) g = 1;
  if (g != 1) {
    const int64_t sg = static_cast<int64_t>(g);
    for (int64_t& d : *deltas) d /= sg;
  }
  return g;
}

// Code length in bits of `u` under parameter `k`, from the histogram of bit
// widths: a value of width w costs (m == 0 ? 1 : 2m) + k bits, m = w - k.
uint64_t Cost(const std::array<uint64_t, 65>& widths, int k) {
  uint64_t bits = 0, count = 0;
  for (int w = 0; w <= 64; ++w) {
    if (widths[w] == 0) continue;
    count += widths[w];
    bits += widths[w] * (w > k ? 2 * static_cast<uint64_t>(w - k) : 1);
  }
  return bits + count * static_cast<uint64_t>(k);
}

// Picks the cheapest parameter for the zigzagged codes in `codes`.
std::pair<int, uint64_t> BestParameter(const std::vector<uint64_t>& codes) {
  std::array<uint64_t, 65> widths{};
  int max_width = 0;
  for (uint64_t u : codes) {
    int w = BitWidth(u);
    ++widths[w];
    max_width = std::max(max_width, w);
  }
  int best_k = 0;
  uint64_t best = Cost(widths, 0);
  for (int k = 1; k <= std::min(max_width, kMaxGolombParameter); ++k) {
    uint64_t c = Cost(widths, k);
    if (c < best) {
      best = c;
      best_k = k;
    }
  }
  return {best_k, best};
}

// Chooses the order and parameter for one column and fills *codes with the
// zigzagged values to write.
ColumnCoding ChooseCoding(const std::vector<int64_t>& column,
                          std::vector<int64_t>* scratch,
                          std::vector<uint64_t>* codes) {
  ColumnCoding coding;
  coding.scale = ScaledDeltas(column, scratch);
  const std::vector<int64_t>& d = *scratch;
  std::vector<uint64_t> first(d.size()), second(d.size());
  int64_t prev = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    first[i] = ZigZagEncode(d[i]);
    second[i] = ZigZagEncode(WrapSub(d[i], prev));
    prev = d[i];
  }
  auto [k1, c1] = BestParameter(first);
  auto [k2, c2] = BestParameter(second);
  if (c2 < c1) {
    coding.order = 2;
    coding.k = k2;
    *codes = std::move(second);
  } else {
    coding.order = 1;
    coding.k = k1;
    *codes = std::move(first);
  }
  return coding;
}

void WriteCode(BitWriter* w, uint64_t u, int k) {
  uint64_t q = k == 0 ? u : u >> k;
  int m = BitWidth(q);
  w->WriteUnary(m);
  if (m > 1) w->Write(q, m - 1);  // The leading one bit is implicit.
  if (k > 0) w->Write(u, k);
}

void PutColumnHeader(std::string* dst, const ColumnCoding& c) {
  dst->push_back(static_cast<char>(c.order | (c.k << 2)));
  PutVarint64(dst, c.scale);
}

void EncodeFlags(const SampleColumns& s, std::string* dst) {
  bool all_zero = std::all_of(s.flags.begin(), s.flags.end(),
                              [](uint32_t f) { return f == 0; });
  if (all_zero) {
    dst->push_back(0);
    return;
  }
  // Runs of equal flags: (length, flag) pairs.
  std::vector<std::pair<uint64_t, uint32_t>> runs;
  for (uint32_t f : s.flags) {
    if (!runs.empty() && runs.back().second == f) {
      ++runs.back().first;
    } else {
      runs.emplace_back(1, f);
    }
  }
  if (runs.size() == 1) {
    dst->push_back(1);
    PutVarint64(dst, runs[0].second);
    return;
  }
  dst->push_back(2);
  PutVarint64(dst, runs.size());
  for (const auto& [length, flag] : runs) {
    PutVarint64(dst, length);
    PutVarint64(dst, flag);
  }
}

absl::Status Corrupt(std::string_view what) {
  return absl::DataLossError(StrCat("corrupt sample block: ", what));
}

absl::Status DecodeFlags(std::string_view* src, uint64_t n,
                         std::vector<uint32_t>* flags) {
  flags->clear();
  if (src->empty()) return Corrupt("missing flags");
  uint8_t mode = static_cast<uint8_t>((*src)[0]);
  src->remove_prefix(1);
  uint64_t v = 0;
  switch (mode) {
    case 0:
      return absl::OkStatus();
    case 1:
      if (!GetVarint64(src, &v) || v > UINT32_MAX) return Corrupt("flags");
      flags->assign(n, static_cast<uint32_t>(v));
      return absl::OkStatus();
    case 2: {
      uint64_t runs = 0;
      if (!GetVarint64(src, &runs) || runs > n) return Corrupt("flag runs");
      flags->reserve(n);
      for (uint64_t i = 0; i < runs; ++i) {
        uint64_t length = 0;
        if (!GetVarint64(src, &length) || !GetVarint64(src, &v) ||
            v > UINT32_MAX || length > n - flags->size()) {
          return Corrupt("flag run");
        }
        flags->insert(flags->end(), length, static_cast<uint32_t>(v));
      }
      if (flags->size() != n) return Corrupt("flag runs do not cover block");
      return absl::OkStatus();
    }
    default:
      return Corrupt(StrCat("unknown flags mode ", mode));
  }
}

absl::Status GetColumnHeader(std::string_view* src, ColumnCoding* c) {
  if (src->empty()) return Corrupt("missing column header");
  uint8_t b = static_cast<uint8_t>((*src)[0]);
  src->remove_prefix(1);
  c->order = b & 3;
  c->k = b >> 2;
  if (c->order != 1 && c->order != 2) return Corrupt("column order");
  if (!GetVarint64(src, &c->scale) || c->scale == 0) {
    return Corrupt("column scale");
  }
  return absl::OkStatus();
}

// Decodes n values of one column into *out. It keeps the bit position in a
// local (the column it writes could otherwise alias the reader's position,
// which would then go through memory on every code) and reads common codes
// inline; rare ones (very long codes, malformed input) go through
// BitReader::ReadCode.
bool DecodeColumn(BitReader* r, const ColumnCoding& c, int64_t first,
                  uint64_t n, std::vector<int64_t>* out) {
  out->resize(n);
  int64_t* const x = out->data();
  const char* const buf = r->data();
  const size_t total = r->total_bits();
  size_t pos = r->position();
  // The next 64 bits at `p`, most significant first (as BitReader::Peek).
  auto peek = [buf](size_t p) {
    uint64_t w;
    std::memcpy(&w, buf + (p >> 3), 8);
    return __builtin_bswap64(w) << (p & 7);
  };
  x[0] = first;
  int64_t prev_delta = 0;
  const int k = c.k;
  const bool second_order = c.order == 2;
  for (uint64_t i = 1; i < n; ++i) {
    if (pos > total) break;  // Read past the end: corrupt.
    const uint64_t w = peek(pos);
    if (k == 0) {
      // Runs of zero codes (a steady schedule, an unchanged counter) are
      // single one bits: take a whole run at once.
      const uint64_t run =
          std::min<uint64_t>(std::min(__builtin_clzll(~w | 0xff), 56), n - i);
      if (run > 1) {
        const int64_t d = second_order ? prev_delta : 0;
        const int64_t step = WrapMul(d, c.scale);
        for (uint64_t j = 0; j < run; ++j, ++i) x[i] = WrapAdd(x[i - 1], step);
        pos += run;
        --i;  // The loop's increment moves past the run.
        continue;
      }
    }
    uint64_t u;
    const int m = w == 0 ? 64 : __builtin_clzll(w);
    const int rest = m == 0 ? k : m - 1 + k;  // Bits after the unary part.
    if (m <= 56 && rest <= 56) {
      // An exponential-Golomb code (BitReader::ReadCode), inline.
      pos += m + 1;
      const uint64_t bits = rest == 0 ? 0 : peek(pos) >> (64 - rest);
      pos += rest;
      u = m == 0 ? bits : (uint64_t{1} << rest) | bits;
    } else {
      r->set_position(pos);
      if (!r->ReadCode(k, &u)) return false;
      pos = r->position();
    }
    int64_t d = ZigZagDecode(u);
    if (second_order) d = WrapAdd(d, prev_delta);
    prev_delta = d;
    x[i] = WrapAdd(x[i - 1], WrapMul(d, c.scale));
  }
  r->set_position(pos);
  return !r->exhausted();
}

}  // namespace

void EncodeSamples(const SampleColumns& s, std::string* dst) {
  const uint64_t n = s.size();
  dst->push_back(static_cast<char>(RecordType::kSamples));
  PutVarint64(dst, n);
  if (n == 0) return;
  PutVarint64(dst, ZigZagEncode(s.timestamps[0]));
  PutVarint64(dst, ZigZagEncode(s.values[0]));
  EncodeFlags(s, dst);
  if (n == 1) return;
  std::vector<int64_t> scratch;
  std::vector<uint64_t> ts_codes, value_codes;
  ColumnCoding ts = ChooseCoding(s.timestamps, &scratch, &ts_codes);
  ColumnCoding vs = ChooseCoding(s.values, &scratch, &value_codes);
  PutColumnHeader(dst, ts);
  PutColumnHeader(dst, vs);
  BitWriter w(dst);
  for (uint64_t u : ts_codes) WriteCode(&w, u, ts.k);
  for (uint64_t u : value_codes) WriteCode(&w, u, vs.k);
  w.Finish();
}

void EncodeDeleteRange(int64_t start, int64_t end, std::string* dst) {
  dst->push_back(static_cast<char>(RecordType::kDeleteRange));
  PutVarint64(dst, ZigZagEncode(start));
  PutVarint64(dst, ZigZagEncode(end));
}

absl::StatusOr<uint64_t> PeekSampleCount(std::string_view src) {
  if (src.empty()) return Corrupt("empty record");
  auto type = static_cast<RecordType>(src[0]);
  if (type == RecordType::kDeleteRange) return 0;
  if (type != RecordType::kSamples) return Corrupt("unknown record type");
  src.remove_prefix(1);
  uint64_t n = 0;
  if (!GetVarint64(&src, &n)) return Corrupt("missing count");
  return n;
}

absl::Status DecodeRecord(std::string_view src, Record* out) {
  out->samples.Clear();
  if (src.empty()) return Corrupt("empty record");
  out->type = static_cast<RecordType>(src[0]);
  src.remove_prefix(1);
  if (out->type == RecordType::kDeleteRange) {
    uint64_t a = 0, b = 0;
    if (!GetVarint64(&src, &a) || !GetVarint64(&src, &b)) {
      return Corrupt("delete range");
    }
    out->delete_start = ZigZagDecode(a);
    out->delete_end = ZigZagDecode(b);
    return absl::OkStatus();
  }
  if (out->type != RecordType::kSamples) {
    return Corrupt(StrCat("unknown record type ", static_cast<int>(out->type)));
  }
  uint64_t n = 0, t0 = 0, v0 = 0;
  if (!GetVarint64(&src, &n)) return Corrupt("missing count");
  if (n == 0) return absl::OkStatus();
  // Every sample after the first takes at least two bits.
  if (n - 1 > src.size() * 4) return Corrupt("count exceeds block size");
  if (!GetVarint64(&src, &t0) || !GetVarint64(&src, &v0)) {
    return Corrupt("missing first sample");
  }
  SampleColumns& s = out->samples;
  absl::Status st = DecodeFlags(&src, n, &s.flags);
  if (!st.ok()) return st;
  if (n == 1) {
    s.timestamps.assign(1, ZigZagDecode(t0));
    s.values.assign(1, ZigZagDecode(v0));
    return absl::OkStatus();
  }
  ColumnCoding ts, vs;
  if (st = GetColumnHeader(&src, &ts); !st.ok()) return st;
  if (st = GetColumnHeader(&src, &vs); !st.ok()) return st;
  BitReader r(src);
  if (!DecodeColumn(&r, ts, ZigZagDecode(t0), n, &s.timestamps) ||
      !DecodeColumn(&r, vs, ZigZagDecode(v0), n, &s.values)) {
    return Corrupt("truncated bit stream");
  }
  for (uint64_t i = 1; i < n; ++i) {
    if (s.timestamps[i] <= s.timestamps[i - 1]) {
      return Corrupt("timestamps not increasing");
    }
  }
  return absl::OkStatus();
}

void SortAndDeduplicate(SampleColumns* s) {
  const size_t n = s->size();
  bool sorted_unique = true;
  for (size_t i = 1; i < n && sorted_unique; ++i) {
    sorted_unique = s->timestamps[i - 1] < s->timestamps[i];
  }
  if (sorted_unique) return;
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [s](uint32_t a, uint32_t b) {
    return s->timestamps[a] < s->timestamps[b];
  });
  SampleColumns out;
  out.Reserve(n);
  for (size_t i = 0; i < n; ++i) {
    // Of a run of equal timestamps keep the last in input order, which the
    // stable sort put last in the run.
    if (i + 1 < n && s->timestamps[order[i]] == s->timestamps[order[i + 1]]) {
      continue;
    }
    out.Append(s->timestamps[order[i]], s->values[order[i]], s->flag(order[i]));
  }
  *s = std::move(out);
}

void MergeSamples(const SampleColumns& older, const SampleColumns& newer,
                  SampleColumns* out) {
  out->Clear();
  // Fast paths: disjoint, ordered runs are concatenated.
  if (older.empty() || newer.empty() ||
      older.timestamps.back() < newer.timestamps.front()) {
    out->AppendRange(older, 0, older.size());
    out->AppendRange(newer, 0, newer.size());
    return;
  }
  if (newer.timestamps.back() < older.timestamps.front()) {
    out->AppendRange(newer, 0, newer.size());
    out->AppendRange(older, 0, older.size());
    return;
  }
  out->Reserve(older.size() + newer.size());
  size_t i = 0, j = 0;
  while (i < older.size() || j < newer.size()) {
    if (j == newer.size() ||
        (i < older.size() && older.timestamps[i] < newer.timestamps[j])) {
      out->Append(older.timestamps[i], older.values[i], older.flag(i));
      ++i;
    } else {
      if (i < older.size() && older.timestamps[i] == newer.timestamps[j]) ++i;
      out->Append(newer.timestamps[j], newer.values[j], newer.flag(j));
      ++j;
    }
  }
}

void DeleteRange(int64_t start, int64_t end, SampleColumns* s) {
  auto& ts = s->timestamps;
  size_t lo = std::lower_bound(ts.begin(), ts.end(), start) - ts.begin();
  size_t hi = std::lower_bound(ts.begin(), ts.end(), end) - ts.begin();
  if (lo >= hi) return;
  ts.erase(ts.begin() + lo, ts.begin() + hi);
  s->values.erase(s->values.begin() + lo, s->values.begin() + hi);
  if (!s->flags.empty()) {
    s->flags.erase(s->flags.begin() + lo, s->flags.begin() + hi);
  }
}

}  // namespace clout::storage

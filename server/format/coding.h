// Byte-level encoding helpers shared by the storage formats: LEB128 varints,
// zigzag mapping of signed integers, and big-endian fixed-width integers
// (big-endian so that keys sort numerically under RocksDB's bytewise order).
//
// Decoders take a string_view by pointer, consume what they read, and return
// false on truncated input without consuming anything meaningful.
#ifndef CLOUT_SERVER_FORMAT_CODING_H_
#define CLOUT_SERVER_FORMAT_CODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace clout::storage {

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

inline int64_t ZigZagDecode(uint64_t u) {
  return static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

inline void PutVarint64(std::string* dst, uint64_t v) {
  char buf[10];
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  dst->append(buf, n);
}

inline bool GetVarint64(std::string_view* src, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0, i = 0; shift <= 63 && i < static_cast<int>(src->size());
       shift += 7, ++i) {
    uint64_t byte = static_cast<uint8_t>((*src)[i]);
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      src->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

// Appends `v` as sizeof(T) bytes, most significant first.
template <typename T>
inline void PutFixedBE(std::string* dst, T v) {
  char buf[sizeof(T)];
  for (int i = static_cast<int>(sizeof(T)) - 1; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  dst->append(buf, sizeof(T));
}

// Reads sizeof(T) bytes at `p`, most significant first.
template <typename T>
inline T DecodeFixedBE(const char* p) {
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    v = static_cast<T>((v << 8) | static_cast<uint8_t>(p[i]));
  }
  return v;
}

inline void PutFixed64BE(std::string* dst, uint64_t v) { PutFixedBE(dst, v); }
inline void PutFixed32BE(std::string* dst, uint32_t v) { PutFixedBE(dst, v); }
inline uint64_t DecodeFixed64BE(const char* p) {
  return DecodeFixedBE<uint64_t>(p);
}
inline uint32_t DecodeFixed32BE(const char* p) {
  return DecodeFixedBE<uint32_t>(p);
}

}  // namespace clout::storage

#endif  // CLOUT_SERVER_FORMAT_CODING_H_

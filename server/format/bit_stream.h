// Bit-granular writer and reader, most significant bit first, used by the
// block codec for its exponential-Golomb coded streams.
#ifndef CLOUT_SERVER_FORMAT_BIT_STREAM_H_
#define CLOUT_SERVER_FORMAT_BIT_STREAM_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace clout::storage {

class BitWriter {
 public:
  // Appends to *dst, which must outlive the writer. Call Finish() last.
  explicit BitWriter(std::string* dst) : dst_(dst) {}

  // Writes the low `n` bits of `bits`, 0 <= n <= 64.
  void Write(uint64_t bits, int n) {
    if (n > 32) {
      WriteSmall(bits >> 32, n - 32);
      WriteSmall(bits & 0xffffffffu, 32);
    } else {
      WriteSmall(n == 0 ? 0 : bits & (~uint64_t{0} >> (64 - n)), n);
    }
  }

  // Writes `n` zero bits followed by a one bit.
  void WriteUnary(int n) {
    while (n > 32) {
      WriteSmall(0, 32);
      n -= 32;
    }
    WriteSmall(1, n + 1);
  }

  // Pads the last byte with zero bits and flushes it.
  void Finish() {
    if (pending_ > 0) {
      dst_->push_back(static_cast<char>(acc_ << (8 - pending_)));
      acc_ = 0;
      pending_ = 0;
    }
  }

 private:
  // n <= 33, and bits < 2^n.
  void WriteSmall(uint64_t bits, int n) {
    acc_ = (acc_ << n) | bits;
    pending_ += n;
    while (pending_ >= 8) {
      pending_ -= 8;
      dst_->push_back(static_cast<char>(acc_ >> pending_));
    }
    acc_ &= (uint64_t{1} << pending_) - 1;
  }

  std::string* dst_;
  uint64_t acc_ = 0;  // The low `pending_` bits are not yet written.
  int pending_ = 0;   // Always < 8 between calls.
};

// Reads the codes BitWriter wrote. The input is copied into a buffer with
// zero padding so that every read is one unaligned 8-byte load without
// bounds checks; a read past the end of the real input is detected by
// position (exhausted()), never by touching memory outside the buffer.
class BitReader {
 public:
  explicit BitReader(std::string_view src)
      : buf_(src.size() + kPadding, '\0'), total_bits_(src.size() * 8) {
    std::memcpy(buf_.data(), src.data(), src.size());
  }

  // True once a read went past the end of the input.
  bool exhausted() const { return pos_ > total_bits_; }

  // For decoding loops that keep the position in a local variable: the
  // padded buffer (every 8-byte load at a bit position up to total_bits()
  // stays inside it), the number of real bits, and the position.
  const char* data() const { return buf_.data(); }
  size_t total_bits() const { return total_bits_; }
  size_t position() const { return pos_; }
  void set_position(size_t pos) { pos_ = pos; }

  // Reads `n` bits, 0 <= n <= 64.
  uint64_t Read(int n) {
    if (n == 0) return 0;
    if (n > 56) {
      const uint64_t hi = Read(n - 32);
      return (hi << 32) | Read(32);
    }
    const uint64_t v = Peek() >> (64 - n);
    pos_ += n;
    return v;
  }

  // Reads one exponential-Golomb code with parameter k (see BitWriter):
  // m zero bits and a one, the low m - 1 bits of q, the low k bits of u.
  // Returns false on a malformed code or at the end of the input.
  bool ReadCode(int k, uint64_t* u) {
    if (exhausted()) return false;
    const uint64_t w = Peek();  // At least 57 valid bits.
    if (w == 0) return ReadLongCode(k, u);
    const int m = __builtin_clzll(w);
    if (m > 64 - k) return false;
    pos_ += m + 1;
    const int rest = m == 0 ? k : m - 1 + k;  // Bits after the unary part.
    if (rest > 56) return ReadRest(m, k, u);
    const uint64_t bits = rest == 0 ? 0 : Peek() >> (64 - rest);
    pos_ += rest;
    *u = m == 0 ? bits : (uint64_t{1} << rest) | bits;
    return true;
  }

 private:
  static constexpr size_t kPadding = 24;

  // The next 64 bits, most significant first; at least 57 of them valid.
  uint64_t Peek() const {
    uint64_t w;
    std::memcpy(&w, buf_.data() + (pos_ >> 3), 8);
    return __builtin_bswap64(w) << (pos_ & 7);
  }

  // A code whose unary part is 57 or more zeros (values near 2^64).
  bool ReadLongCode(int k, uint64_t* u) {
    int m = 0;
    while (m <= 64 - k && Read(1) == 0) {
      ++m;
      if (exhausted()) return false;
    }
    if (m > 64 - k) return false;
    return ReadRest(m, k, u);
  }

  // The mantissa and suffix of a code once its unary part (m) is read.
  bool ReadRest(int m, int k, uint64_t* u) {
    uint64_t q = m == 0 ? 0 : (uint64_t{1} << (m - 1)) | Read(m - 1);
    *u = k == 0 ? q : (q << k) | Read(k);
    return !exhausted();
  }

  std::string buf_;
  const size_t total_bits_;
  size_t pos_ = 0;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_FORMAT_BIT_STREAM_H_

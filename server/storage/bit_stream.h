// Bit-granular writer and reader, most significant bit first, used by the
// block codec for its exponential-Golomb coded streams.
//
// BitReader never reads outside its buffer: reading past the end yields zero
// bits and sets overrun(), which the caller checks once after decoding.
#ifndef CLOUT_SERVER_STORAGE_BIT_STREAM_H_
#define CLOUT_SERVER_STORAGE_BIT_STREAM_H_

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

class BitReader {
 public:
  explicit BitReader(std::string_view src)
      : p_(reinterpret_cast<const uint8_t*>(src.data())),
        end_(p_ + src.size()) {}

  // Reads `n` bits, 0 <= n <= 56.
  uint64_t Read(int n) {
    if (n == 0) return 0;
    Refill();
    if (n > avail_) {
      overrun_ = true;
      avail_ = n;  // Zero bits were shifted in; keep going harmlessly.
    }
    uint64_t v = buf_ >> (64 - n);
    buf_ <<= n;
    avail_ -= n;
    return v;
  }

  // Reads `n` bits, 0 <= n <= 64.
  uint64_t ReadWide(int n) {
    if (n <= 56) return Read(n);
    uint64_t hi = Read(n - 32);
    return (hi << 32) | Read(32);
  }

  // Counts zero bits up to and including the next one bit; returns the
  // number of zeros. Stops (setting overrun) after `limit` zeros.
  int ReadUnary(int limit) {
    int zeros = 0;
    for (;;) {
      Refill();
      if (buf_ != 0) {
        int lz = __builtin_clzll(buf_);
        if (lz < avail_) {
          zeros += lz;
          buf_ <<= lz + 1;
          avail_ -= lz + 1;
          if (zeros > limit) overrun_ = true;
          return zeros;
        }
      }
      if (avail_ == 0 && p_ == end_) {
        overrun_ = true;
        return zeros;
      }
      zeros += avail_;
      buf_ = 0;
      avail_ = 0;
      if (zeros > limit) {
        overrun_ = true;
        return zeros;
      }
    }
  }

  // True if any read went past the end of the buffer.
  bool overrun() const { return overrun_; }

 private:
  void Refill() {
    if (avail_ > 56) return;
    if (end_ - p_ >= 8) {
      // Take as many whole bytes as fit, with one unaligned load.
      uint64_t word;
      std::memcpy(&word, p_, 8);
      word = __builtin_bswap64(word);
      const int bytes = (64 - avail_) >> 3;
      const int bits = bytes * 8;
      // The top `bits` bits of word go just below the valid bits of buf_.
      buf_ |= (bits == 64 ? word : (word >> (64 - bits)) << (64 - bits)) >>
              avail_;
      p_ += bytes;
      avail_ += bits;
      return;
    }
    while (avail_ <= 56 && p_ < end_) {
      buf_ |= static_cast<uint64_t>(*p_++) << (56 - avail_);
      avail_ += 8;
    }
  }

  const uint8_t* p_;
  const uint8_t* end_;
  uint64_t buf_ = 0;  // Left-aligned: the next bit is bit 63.
  int avail_ = 0;     // Valid bits in buf_.
  bool overrun_ = false;
};

}  // namespace clout::storage

#endif  // CLOUT_SERVER_STORAGE_BIT_STREAM_H_

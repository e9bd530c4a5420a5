// The synthetic workload's arithmetic (bench/workload.h): portable exp and
// log, floor division, and its random number streams. Internal to the
// generator's source files, which include it after every other header.
//
// The generator must give identical results on every platform, so floating
// point expressions must not be contracted into fused multiply-adds, which
// round differently. GCC contracts by default whenever the target has FMA
// (e.g. -march=native on x86-64, or any aarch64), so this header turns it off
// for the rest of the file that includes it.
//
// Only +, -, *, /, sqrt, floor and frexp are used: IEEE-754 specifies all of
// them exactly, unlike libm's exp and log, whose last bit may differ between
// C libraries.
#ifndef CLOUT_BENCH_WORKLOAD_RANDOM_H_
#define CLOUT_BENCH_WORKLOAD_RANDOM_H_

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace clout::bench::workload_internal {

inline constexpr int64_t kHourMs = 3600 * 1000;
inline constexpr int64_t kDayMs = 24 * kHourMs;

// ln 2 = kLn2Hi (32 significant bits) + kLn2Lo.
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;

// 2^(j / 32) for j = 0..31, correctly rounded.
inline constexpr double kExp2Table[32] = {
    1.0,
    1.0218971486541166,
    1.0442737824274138,
    1.0671404006768237,
    1.0905077326652577,
    1.1143867425958924,
    1.1387886347566916,
    1.1637248587775775,
    1.189207115002721,
    1.215247359980469,
    1.241857812073484,
    1.2690509571917332,
    1.2968395546510096,
    1.3252366431597413,
    1.3542555469368927,
    1.383909881963832,
    1.4142135623730951,
    1.4451808069770467,
    1.4768261459394993,
    1.5091644275934228,
    1.5422108254079407,
    1.5759808451078865,
    1.6104903319492543,
    1.645755478153965,
    1.681792830507429,
    1.718619298122478,
    1.7562521603732995,
    1.7947090750031072,
    1.8340080864093424,
    1.8741676341103,
    1.9152065613971474,
    1.9571441241754002,
};

// 2^k for -1022 <= k <= 1023, built from its bit pattern.
inline double Pow2(int k) {
  const uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
  double result;
  std::memcpy(&result, &bits, sizeof(result));
  return result;
}

// e^x with a relative error below 1e-15; 0 for x < -700.
inline double Exp(double x) {
  if (x < -700.0) return 0.0;
  if (x > 700.0) x = 700.0;
  // x = (32 m + j) ln2 / 32 + r with |r| <= ln2 / 64.
  const double k = std::floor(x * (32.0 * kInvLn2) + 0.5);
  const double r = (x - k * (kLn2Hi / 32.0)) - k * (kLn2Lo / 32.0);
  const int ki = static_cast<int>(k);
  const int j = ((ki % 32) + 32) % 32;
  const int m = (ki - j) / 32;
  // Taylor polynomial of e^r of degree 6 (Horner form).
  double p = 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return kExp2Table[j] * p * Pow2(m);
}

// Natural logarithm for x > 0 with a relative error below 1e-14.
inline double Log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --e;
  }
  const double s = (m - 1.0) / (m + 1.0);  // |s| <= 0.172
  const double z = s * s;
  // log(m) = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...).
  double p = 1.0 / 19.0;
  p = p * z + 1.0 / 17.0;
  p = p * z + 1.0 / 15.0;
  p = p * z + 1.0 / 13.0;
  p = p * z + 1.0 / 11.0;
  p = p * z + 1.0 / 9.0;
  p = p * z + 1.0 / 7.0;
  p = p * z + 1.0 / 5.0;
  p = p * z + 1.0 / 3.0;
  p = p * z + 1.0;
  const double de = static_cast<double>(e);
  return (de * kLn2Hi + 2.0 * s * p) + de * kLn2Lo;
}

inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

inline int FloorMod24(int64_t a) {
  return static_cast<int>(a - FloorDiv(a, 24) * 24);
}

// ----------------------------------------------------------------------------
// Random numbers: splitmix64 for seeding, xoshiro256** for the streams.

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t state) : state_(state) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Independent random streams of one creator.
enum StreamId : uint64_t {
  kCreatorStream = 1,
  kPostPlanStream = 2,
  kFollowersStream = 3,
  kFollowingStream = 4,
  kScrapeStream = 5,
  kPostCounterStream = 1000,  // + post index
};

class Rng {
 public:
  // A stream determined by (seed, creator, stream); different triples give
  // statistically independent streams.
  Rng(uint64_t seed, uint64_t creator, uint64_t stream) {
    SplitMix64 a(seed);
    SplitMix64 b(a.Next() ^ creator);
    SplitMix64 c(b.Next() ^ stream);
    for (uint64_t& word : s_) word = c.Next();
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1).
  double UniformOpen() {
    return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53;
  }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n) for n >= 1.
  int64_t UniformInt(int64_t n) {
    return static_cast<int64_t>(Next() % static_cast<uint64_t>(n));
  }
  bool Bernoulli(double p) { return Uniform() < p; }
  // exp of a uniform value in [log lo, log hi).
  double LogUniform(double lo, double hi) {
    const double a = Log(lo);
    return Exp(a + (Log(hi) - a) * Uniform());
  }

  // Standard normal (Marsaglia's polar method).
  double Normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u;
    double v;
    double s;
    do {
      u = 2.0 * Uniform() - 1.0;
      v = 2.0 * Uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * Log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

  // Poisson-distributed count with mean `lambda` (exact for small means,
  // rounded normal approximation for large ones). 0 for lambda <= 0.
  int64_t Poisson(double lambda) {
    if (!(lambda > 0.0)) return 0;
    if (lambda < 16.0) {
      const double limit = Exp(-lambda);
      int64_t k = 0;
      double p = UniformOpen();
      while (p > limit) {
        ++k;
        p *= UniformOpen();
      }
      return k;
    }
    const double v = lambda + std::sqrt(lambda) * Normal() + 0.5;
    return v < 0.0 ? 0 : static_cast<int64_t>(v);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace clout::bench::workload_internal

#endif  // CLOUT_BENCH_WORKLOAD_RANDOM_H_

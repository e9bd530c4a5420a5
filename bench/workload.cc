#include "bench/workload.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

// The generator must give identical results on every platform, so floating
// point expressions must not be contracted into fused multiply-adds, which
// round differently. GCC contracts by default whenever the target has FMA
// (e.g. -march=native on x86-64, or any aarch64), so turn it off here.
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace clout::bench {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

// ----------------------------------------------------------------------------
// Portable math. Only +, -, *, /, sqrt, floor and frexp are used: IEEE-754
// specifies all of them exactly, unlike libm's exp and log, whose last bit may
// differ between C libraries.

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 significant bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;

// 2^(j / 32) for j = 0..31, correctly rounded.
constexpr double kExp2Table[32] = {
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
double Pow2(int k) {
  const uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
  double result;
  std::memcpy(&result, &bits, sizeof(result));
  return result;
}

// e^x with a relative error below 1e-15; 0 for x < -700.
double Exp(double x) {
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
double Log(double x) {
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

// cos(2 pi k / 24) for k = 0..23.
constexpr double kCos24[24] = {
    1.0,
    0.96592582628906829,
    0.86602540378443865,
    0.70710678118654752,
    0.5,
    0.25881904510252076,
    0.0,
    -0.25881904510252076,
    -0.5,
    -0.70710678118654752,
    -0.86602540378443865,
    -0.96592582628906829,
    -1.0,
    -0.96592582628906829,
    -0.86602540378443865,
    -0.70710678118654752,
    -0.5,
    -0.25881904510252076,
    0.0,
    0.25881904510252076,
    0.5,
    0.70710678118654752,
    0.86602540378443865,
    0.96592582628906829,
};

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int FloorMod24(int64_t a) { return static_cast<int>(a - FloorDiv(a, 24) * 24); }

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

// ----------------------------------------------------------------------------
// Model.

// Relative preference for publishing at each local hour of the day.
constexpr int kPublishHourWeights[24] = {
    2, 1, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 8, 9, 10, 11, 12, 11, 9, 6, 4};

struct CreatorParams {
  double followers0 = 0;     // follower count at start_ms
  double growth0 = 0;        // long-run organic growth per day (fraction)
  int tz_offset_hours = 0;   // audience's local time minus UTC
  double reach = 0;          // expected views per follower of a typical post
  double like_rate = 0;      // typical likes per view
  int64_t following0 = 0;
  int64_t posts_baseline = 0;  // posts published before start_ms
  int64_t likes_baseline = 0;  // likes of posts published before start_ms
  int num_posts = 0;
};

struct PostPlan {
  int64_t published_ms = 0;
  double virality = 1;         // multiplier on expected views
  bool viral = false;          // triggers a follower burst
  double burst_peak = 1;       // follower growth multiplier at the burst peak
  double burst_peak_hours = 1; // hours from publishing to the burst peak
  double fast_share = 0;       // share of views in the fast component
  double tau_fast_hours = 1;   // time constant of the fast component
  double tau_tail_hours = 1;   // half-saturation time of the long tail
  double like_rate = 0;
  double comment_rate = 0;     // comments per like
  double share_rate = 0;       // shares per like
  double save_rate = 0;        // saves per like
};

CreatorParams DrawCreatorParams(const WorkloadOptions& options,
                                int creator_index) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kCreatorStream);
  CreatorParams p;
  p.followers0 = std::floor(rng.LogUniform(1e4, 5e7));
  p.growth0 = rng.LogUniform(0.0002, 0.005);
  p.tz_offset_hours = static_cast<int>(rng.UniformInt(18)) - 8;  // -8..+9
  // Smaller accounts get relatively more reach from recommendation feeds.
  p.reach = rng.LogUniform(0.05, 0.5) * Exp(0.15 * Log(1e5 / p.followers0));
  p.like_rate = rng.LogUniform(0.04, 0.10);
  p.following0 = static_cast<int64_t>(rng.LogUniform(50, 2000));
  p.posts_baseline = static_cast<int64_t>(rng.LogUniform(30, 3000));
  p.likes_baseline =
      static_cast<int64_t>(p.followers0 * rng.LogUniform(3.0, 30.0));
  const double activity = rng.Uniform(0.5, 1.5);
  p.num_posts = static_cast<int>(
      std::floor(options.posts_per_creator * activity + rng.Uniform()));
  if (p.num_posts < 0) p.num_posts = 0;
  return p;
}

// Hour of the day (UTC) of the instant start_ms + hour_index hours.
int UtcHourOfDay(const WorkloadOptions& options, int64_t hour_index) {
  return FloorMod24(FloorDiv(options.start_ms, kHourMs) + hour_index);
}

// The posts of a creator sorted by publishing time.
std::vector<PostPlan> DrawPostPlans(const WorkloadOptions& options,
                                    int creator_index,
                                    const CreatorParams& creator) {
  std::vector<PostPlan> plans;
  if (options.days <= 0) return plans;
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kPostPlanStream);
  const int64_t latest_ms =
      options.start_ms + options.days * kDayMs - 2 * kHourMs;  // exclusive
  int weight_total = 0;
  for (int w : kPublishHourWeights) weight_total += w;
  plans.reserve(static_cast<size_t>(creator.num_posts));
  for (int i = 0; i < creator.num_posts; ++i) {
    PostPlan plan;
    bool placed = false;
    for (int attempt = 0; attempt < 8 && !placed; ++attempt) {
      const int64_t day = rng.UniformInt(options.days);
      int pick = static_cast<int>(rng.UniformInt(weight_total));
      int local_hour = 0;
      while (pick >= kPublishHourWeights[local_hour]) {
        pick -= kPublishHourWeights[local_hour];
        ++local_hour;
      }
      const int utc_hour = FloorMod24(local_hour - creator.tz_offset_hours);
      const int hour_in_day = FloorMod24(utc_hour - UtcHourOfDay(options, 0));
      const int64_t t = options.start_ms + day * kDayMs +
                        hour_in_day * kHourMs + rng.UniformInt(3600) * 1000;
      if (t < latest_ms) {
        plan.published_ms = t;
        placed = true;
      }
    }
    if (!placed) {  // only likely when days is very small
      plan.published_ms =
          options.start_ms + rng.UniformInt((latest_ms - options.start_ms) /
                                            1000) * 1000;
    }
    plan.viral = rng.Bernoulli(0.04);
    if (plan.viral) {
      plan.virality = rng.LogUniform(10.0, 100.0);
      plan.burst_peak = std::clamp(plan.virality / 2.0, 5.0, 50.0);
      plan.burst_peak_hours = rng.Uniform(8.0, 20.0);
    } else {
      plan.virality = Exp(0.6 * rng.Normal());
    }
    plan.fast_share = rng.Uniform(0.6, 0.85);
    plan.tau_fast_hours = rng.LogUniform(6.0, 24.0);
    plan.tau_tail_hours = 24.0 * rng.LogUniform(5.0, 20.0);
    plan.like_rate =
        std::clamp(creator.like_rate * rng.LogUniform(0.8, 1.25), 0.03, 0.12);
    plan.comment_rate = rng.LogUniform(0.005, 0.03);
    plan.share_rate = rng.LogUniform(0.02, 0.10);
    plan.save_rate = rng.LogUniform(0.03, 0.15);
    plans.push_back(plan);
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const PostPlan& a, const PostPlan& b) {
                     return a.published_ms < b.published_ms;
                   });
  return plans;
}

std::string PostId(int creator_index, int post_index) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "p%06d-%04d", creator_index, post_index);
  return buf;
}

// Multiplier of the daily rhythm for activity at `hour_index`: 1 + amplitude *
// cos(2 pi (local hour - 20) / 24), i.e. peaking at 20:00 local time and
// averaging exactly 1 over a day.
double Rhythm(const WorkloadOptions& options, const CreatorParams& creator,
              int64_t hour_index, double amplitude) {
  const int local =
      FloorMod24(UtcHourOfDay(options, hour_index) + creator.tz_offset_hours);
  return 1.0 + amplitude * kCos24[FloorMod24(local - 20)];
}

// First sampling hour index strictly after `published_ms`.
int64_t FirstHourAfter(const WorkloadOptions& options, int64_t published_ms) {
  return FloorDiv(published_ms - options.start_ms, kHourMs) + 1;
}

// Whether post hour `h` (>= first_hour) is on the post's sampling schedule.
bool IsPostSampleHour(int64_t h, int64_t first_hour) {
  return h < first_hour + kPostHourlySamples ||
         FloorMod24(h) == kPostDailySampleHour;
}

// Which hourly scrapes of the creator succeeded (1) or are missing (0):
// isolated misses and short outages, about 1 % in total.
std::vector<uint8_t> DrawScrapeMask(const WorkloadOptions& options,
                                    int creator_index, int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index), kScrapeStream);
  std::vector<uint8_t> present(static_cast<size_t>(hours), 1);
  int64_t outage_left = 0;
  for (int64_t h = 0; h < hours; ++h) {
    if (outage_left > 0) {
      present[h] = 0;
      --outage_left;
    } else if (rng.Bernoulli(0.001)) {
      present[h] = 0;
      outage_left = 2 + rng.UniformInt(6);  // outage of 3..8 hours
    } else if (rng.Bernoulli(0.0045)) {
      present[h] = 0;
    }
  }
  return present;
}

// Simulates followers at every hour index (value at start_ms + h hours).
std::vector<int64_t> SimulateFollowers(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       const std::vector<PostPlan>& posts,
                                       int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index),
          kFollowersStream);
  // Daily knots of the organic growth rate: a mean-reverting random walk of
  // its logarithm, linearly interpolated in between.
  const double log_g0 = Log(creator.growth0);
  const double log_min = Log(0.0001);
  const double log_max = Log(0.01);
  std::vector<double> knots(static_cast<size_t>(options.days) + 1);
  double log_g = log_g0;
  for (double& knot : knots) {
    knot = Exp(log_g);
    log_g = log_g0 + 0.95 * (log_g - log_g0) + 0.1 * rng.Normal();
    log_g = std::clamp(log_g, log_min, log_max);
  }
  // Viral bursts: growth multiplied by 1 + (peak - 1) x e^(1 - x), where x is
  // the time since publishing in units of the time to the peak.
  std::vector<double> boost(static_cast<size_t>(hours), 1.0);
  for (const PostPlan& post : posts) {
    if (!post.viral) continue;
    const double published_h =
        static_cast<double>(post.published_ms - options.start_ms) / kHourMs;
    const int64_t first = FirstHourAfter(options, post.published_ms);
    const int64_t last = std::min<int64_t>(
        hours, first + static_cast<int64_t>(10.0 * post.burst_peak_hours));
    for (int64_t h = first; h < last; ++h) {
      const double x = (static_cast<double>(h) - published_h) /
                       post.burst_peak_hours;
      boost[h] += (post.burst_peak - 1.0) * x * Exp(1.0 - x);
    }
  }
  std::vector<int64_t> followers(static_cast<size_t>(hours));
  int64_t f = static_cast<int64_t>(creator.followers0);
  for (int64_t h = 0; h < hours; ++h) {
    if (h > 0) {
      // Net gain during the hour (h - 1, h].
      const int64_t day = (h - 1) / 24;
      const double frac = static_cast<double>((h - 1) % 24) / 24.0;
      const double g = knots[day] * (1.0 - frac) + knots[day + 1] * frac;
      const double noise = Exp(0.25 * rng.Normal() - 0.03125);  // mean 1
      const double lambda = static_cast<double>(f) * g / 24.0 *
                            Rhythm(options, creator, h - 1, 0.5) *
                            boost[h - 1] * noise;
      f += rng.Poisson(lambda);
      // Very rare purges of inactive or fake followers.
      if (rng.Bernoulli(1.0 / (24.0 * 180.0))) {
        const double share = rng.LogUniform(0.0005, 0.005);
        f -= std::max<int64_t>(
            1, static_cast<int64_t>(static_cast<double>(f) * share));
        if (f < 0) f = 0;
      }
    }
    followers[h] = f;
  }
  return followers;
}

std::vector<int64_t> SimulateFollowing(const WorkloadOptions& options,
                                       int creator_index,
                                       const CreatorParams& creator,
                                       int64_t hours) {
  Rng rng(options.seed, static_cast<uint64_t>(creator_index),
          kFollowingStream);
  std::vector<int64_t> following(static_cast<size_t>(hours));
  int64_t v = creator.following0;
  for (int64_t h = 0; h < hours; ++h) {
    if (h > 0 && rng.Bernoulli(0.004)) {
      const int64_t step = 1 + rng.UniformInt(3);
      v += rng.Bernoulli(0.65) ? step : -step;
      if (v < 0) v = 0;
    }
    following[h] = v;
  }
  return following;
}

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

  // Posts. The counters are evaluated at the post's sampling instants (and at
  // the last hour of the period): views and likes gained in the interval since
  // the previous evaluation are drawn at once, comments, shares and saves from
  // the likes gained. For likes_total, the likes gained in an interval are
  // spread over its hours in proportion to the expected views of each hour.
  std::vector<int64_t> post_likes_sum(static_cast<size_t>(hours), 0);
  std::vector<double> rhythm_views(24);
  for (int h = 0; h < 24; ++h) {
    rhythm_views[h] = Rhythm(options, creator, h, 0.35);
  }
  std::vector<double> interval_weights;  // expected views of each hour
  interval_weights.reserve(24);
  std::vector<SeriesData> post_series;
  post_series.reserve(plans.size() * 5);
  for (size_t i = 0; i < plans.size(); ++i) {
    const PostPlan& post = plans[i];
    Rng rng(options.seed, static_cast<uint64_t>(creator_index),
            kPostCounterStream + i);
    const double published_h =
        static_cast<double>(post.published_ms - options.start_ms) / kHourMs;
    const int64_t first = FirstHourAfter(options, post.published_ms);
    const double expected_views = static_cast<double>(followers[first - 1]) *
                                  creator.reach * post.virality;
    const double t0 = static_cast<double>(first) - published_h;  // (0, 1]
    double fast = Exp(-t0 / post.tau_fast_hours);  // e^(-t / tau) at hour h
    const double fast_decay = Exp(-1.0 / post.tau_fast_hours);
    double prev_fraction = 0.0;
    int64_t views = 0;
    int64_t likes = 0;
    int64_t comments = 0;
    int64_t shares = 0;
    int64_t saves = 0;
    int64_t likes_at_last_sample = 0;
    int64_t interval_start = first;  // first hour of the current interval
    double interval_lambda = 0.0;
    interval_weights.clear();

    const std::string post_id = PostId(creator_index, static_cast<int>(i));
    SeriesData s_views = MakeSeries(creator_id, post_id, "views");
    SeriesData s_likes = MakeSeries(creator_id, post_id, "likes");
    SeriesData s_comments = MakeSeries(creator_id, post_id, "comments");
    SeriesData s_shares = MakeSeries(creator_id, post_id, "shares");
    SeriesData s_saves = MakeSeries(creator_id, post_id, "saves");
    const size_t capacity = static_cast<size_t>(
        kPostHourlySamples + (hours - first) / 24 + 1);
    for (SeriesData* s :
         {&s_views, &s_likes, &s_comments, &s_shares, &s_saves}) {
      s->timestamps_ms.reserve(capacity);
      s->values.reserve(capacity);
    }

    for (int64_t h = first; h < hours; ++h) {
      // Cumulative share of the expected views reached by hour h: a fast
      // exponential component plus a slow hyperbolic tail.
      const double t = static_cast<double>(h) - published_h;
      const double fraction = post.fast_share * (1.0 - fast) +
                              (1.0 - post.fast_share) *
                                  (t / (t + post.tau_tail_hours));
      fast *= fast_decay;
      const double weight = expected_views * (fraction - prev_fraction) *
                            rhythm_views[h % 24];
      prev_fraction = fraction;
      interval_lambda += weight;
      interval_weights.push_back(weight);
      const bool sample = IsPostSampleHour(h, first);
      if (!sample && h != hours - 1) continue;

      // Views and likes gained during hours [interval_start, h].
      const int64_t new_views =
          rng.Poisson(interval_lambda * rng.Uniform(0.8, 1.2));
      views += new_views;
      const int64_t likes_before = likes;
      likes = std::min(
          views, likes + rng.Poisson(static_cast<double>(new_views) *
                                     post.like_rate));
      const double gained_likes = static_cast<double>(likes - likes_before);
      double cumulative = 0.0;
      for (size_t k = 0; k + 1 < interval_weights.size(); ++k) {
        cumulative += interval_weights[k];
        const double share =
            interval_lambda > 0.0
                ? cumulative / interval_lambda
                : static_cast<double>(k + 1) /
                      static_cast<double>(interval_weights.size());
        post_likes_sum[interval_start + k] +=
            likes_before + static_cast<int64_t>(gained_likes * share);
      }
      post_likes_sum[h] += likes;
      interval_start = h + 1;
      interval_lambda = 0.0;
      interval_weights.clear();
      if (!sample) continue;

      const double gained =
          static_cast<double>(likes - likes_at_last_sample);
      likes_at_last_sample = likes;
      comments += rng.Poisson(gained * post.comment_rate);
      shares += rng.Poisson(gained * post.share_rate);
      saves += rng.Poisson(gained * post.save_rate);
      if (!present[h] && h != first) continue;  // missed scrape
      const int64_t ts = options.start_ms + h * kHourMs;
      const std::pair<SeriesData*, int64_t> samples[] = {
          {&s_views, views},
          {&s_likes, likes},
          {&s_comments, comments},
          {&s_shares, shares},
          {&s_saves, saves}};
      for (const auto& [series, value] : samples) {
        series->timestamps_ms.push_back(ts);
        series->values.push_back(value);
      }
    }
    for (SeriesData* s :
         {&s_views, &s_likes, &s_comments, &s_shares, &s_saves}) {
      post_series.push_back(std::move(*s));
    }
  }

  // Account series.
  EmitAccountSeries(options, creator_id, "followers", followers, present,
                    sink);
  EmitAccountSeries(options, creator_id, "following",
                    SimulateFollowing(options, creator_index, creator, hours),
                    present, sink);
  std::vector<int64_t> series(static_cast<size_t>(hours));
  for (int64_t h = 0; h < hours; ++h) {
    series[h] = creator.likes_baseline + post_likes_sum[h];
  }
  EmitAccountSeries(options, creator_id, "likes_total", series, present, sink);
  size_t published = 0;
  for (int64_t h = 0; h < hours; ++h) {
    const int64_t ts = options.start_ms + h * kHourMs;
    while (published < plans.size() && plans[published].published_ms <= ts) {
      ++published;
    }
    series[h] = creator.posts_baseline + static_cast<int64_t>(published);
  }
  EmitAccountSeries(options, creator_id, "posts_total", series, present, sink);

  for (SeriesData& s : post_series) {
    if (!s.values.empty()) sink(std::move(s));
  }
}

void Generate(const WorkloadOptions& options,
              const std::function<void(SeriesData&&)>& sink) {
  for (int i = 0; i < options.creators; ++i) GenerateCreator(options, i, sink);
}

}  // namespace clout::bench

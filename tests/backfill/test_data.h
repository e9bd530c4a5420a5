// Synthetic backfill input for the tests, and helpers to compare what a
// server stores.
#ifndef CLOUT_TESTS_BACKFILL_TEST_DATA_H_
#define CLOUT_TESTS_BACKFILL_TEST_DATA_H_

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <tuple>

#include "gtest/gtest.h"
#include "tests/support/api_client.h"

namespace clout::testing {

// (creator_id, post_id, field, timestamp) -> value.
using SampleKey = std::tuple<std::string, std::string, std::string, int64_t>;
using SampleMap = std::map<SampleKey, int64_t>;

constexpr int64_t kDataStartMs = 1735689600000;  // 2025-01-01T00:00:00Z

inline std::string IsoTime(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The mapping of WriteTestCsv's files.
inline const char* TestMapping() {
  return R"({
  "creator": {"column": "creator", "prefix": "test:"},
  "post": "post",
  "timestamp": "time",
  "fields": [{"column": "followers", "entity": "account"}, "views", "likes"],
  "flags": ["backfilled"]
})";
}

// Writes a CSV in time order (every entity each hour): an account line with
// followers and, per post, a line with views and likes. Every 97th line is
// written again later in the file with other values, which must win.
// Returns what the server should store.
inline SampleMap WriteTestCsv(const std::string& path, int creators, int hours,
                              int posts) {
  SampleMap expected;
  std::ofstream out(path);
  out << "creator,post,time,followers,views,likes\n";
  std::vector<std::string> repeats;
  int64_t line = 0;
  for (int h = 0; h < hours; ++h) {
    const int64_t t = kDataStartMs + h * 3600000LL;
    for (int c = 0; c < creators; ++c) {
      const std::string creator = std::to_string(c);
      for (int p = -1; p < posts; ++p) {
        const std::string post = p < 0 ? "" : "p" + std::to_string(p);
        const int64_t base = c * 100000 + h * 10 + (p + 1);
        std::string text;
        if (p < 0) {
          text =
              creator + ",," + IsoTime(t) + "," + std::to_string(base) + ",,";
          expected[{"test:" + creator, "", "followers", t}] = base;
        } else {
          text = creator + "," + post + "," + IsoTime(t) + ",," +
                 std::to_string(base * 3) + "," + std::to_string(base * 2);
          expected[{"test:" + creator, post, "views", t}] = base * 3;
          expected[{"test:" + creator, post, "likes", t}] = base * 2;
        }
        out << text << "\n";
        if (++line % 97 == 0) {
          // The same key again, later, with values + 1.
          if (p < 0) {
            repeats.push_back(creator + ",," + IsoTime(t) + "," +
                              std::to_string(base + 1) + ",,");
            expected[{"test:" + creator, "", "followers", t}] = base + 1;
          } else {
            repeats.push_back(creator + "," + post + "," + IsoTime(t) + ",," +
                              std::to_string(base * 3 + 1) + "," +
                              std::to_string(base * 2 + 1));
            expected[{"test:" + creator, post, "views", t}] = base * 3 + 1;
            expected[{"test:" + creator, post, "likes", t}] = base * 2 + 1;
          }
        }
      }
    }
    // Repeats follow a few hours later.
    if (h % 5 == 4) {
      for (const std::string& r : repeats) out << r << "\n";
      repeats.clear();
    }
  }
  for (const std::string& r : repeats) out << r << "\n";
  return expected;
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Everything a server stores (ExportSeries); with `flags`, also each
// sample's flags.
inline SampleMap ExportAll(ApiClient* client,
                           std::map<SampleKey, uint32_t>* flags = nullptr) {
  SampleMap stored;
  clout::v1::ExportSeriesRequest request;
  auto ctx = Deadline(120);
  auto reader = client->query->ExportSeries(ctx.get(), request);
  clout::v1::SeriesSamples s;
  while (reader->Read(&s)) {
    for (int i = 0; i < s.timestamps_ms_size(); ++i) {
      SampleKey key{s.creator_id(), s.post_id(), s.field(), s.timestamps_ms(i)};
      EXPECT_TRUE(stored.emplace(key, s.values(i)).second)
          << "duplicate sample in the export";
      if (flags != nullptr) {
        (*flags)[key] = s.flags_size() == 0   ? 0
                        : s.flags_size() == 1 ? s.flags(0)
                                              : s.flags(i);
      }
    }
  }
  grpc::Status st = reader->Finish();
  EXPECT_TRUE(st.ok()) << st.error_message();
  return stored;
}

inline clout::v1::GetStatsResponse GetStats(ApiClient* client) {
  clout::v1::GetStatsResponse stats;
  grpc::Status st = client->admin->GetStats(Deadline(60).get(), {}, &stats);
  EXPECT_TRUE(st.ok()) << st.error_message();
  return stats;
}

}  // namespace clout::testing

#endif  // CLOUT_TESTS_BACKFILL_TEST_DATA_H_

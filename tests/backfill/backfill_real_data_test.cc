// Each real data file (../shared/data/real) loads with its shipped mapping:
// the stored samples are exactly the valid values of the file, counted and
// read here with a parser of the test's own, and a second identical run
// leaves GetStats unchanged. Loaded both by streaming and by the bulk path.
#include <zlib.h>

#include <cstdlib>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/backfill/cli_runner.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

struct Column {
  const char* name;
  const char* field;
  bool account;
};

// What the test knows of each file, independently of the mapping's code.
struct FileSpec {
  const char* file;
  const char* mapping;
  const char* creator_column;
  const char* creator_prefix;
  bool escape;              // Percent-encode the creator cell.
  const char* post_column;  // "" if none.
  const char* time_column;
  const char* time_kind;  // "iso" or "ddmm2017".
  std::vector<Column> values;
  const char* wrapped_column;  // Negative values are 32-bit wrapped.
};

const FileSpec kFiles[] = {
    {"tiktok_top_creators_hourly_2022.csv.gz",
     "tiktok_top_creators_hourly_2022.json",
     "user_id",
     "tiktok:",
     false,
     "",
     "snapshot_utc",
     "iso",
     {{"followers", "followers", true}, {"total_likes", "likes_total", true}},
     ""},
    {"tiktok_top_creators_daily_2022.csv",
     "tiktok_top_creators_daily_2022.json",
     "user_id",
     "tiktok:",
     false,
     "",
     "last_snapshot_utc",
     "iso",
     {{"followers", "followers", true}, {"total_likes", "likes_total", true}},
     ""},
    {"tiktok_trending_videos_snapshots_2026.csv",
     "tiktok_trending_videos_snapshots_2026.json",
     "author_username",
     "tiktok:@",
     false,
     "video_id",
     "collected_at_utc",
     "iso",
     {{"play_count", "views", false},
      {"like_count", "likes", false},
      {"comment_count", "comments", false},
      {"share_count", "shares", false},
      {"favorite_count", "saves", false},
      {"author_follower_count", "followers", true},
      {"author_video_count", "posts_total", true},
      {"author_total_likes", "likes_total", true}},
     "author_total_likes"},
    {"youtube_trending_US_2017_daily.csv",
     "youtube_trending_US_2017_daily.json",
     "channel_title",
     "youtube:",
     true,
     "video_id",
     "date",
     "ddmm2017",
     {{"views", "views", false},
      {"likes", "likes", false},
      {"dislikes", "dislikes", false},
      {"comment_total", "comments", false}},
     ""},
};

using Key = std::tuple<std::string, std::string, std::string, int64_t>;
using Expected = std::map<Key, int64_t>;  // The last value of each key.

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// The whole file, decompressed if it is gzip.
std::string ReadAllText(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  EXPECT_NE(gz, nullptr) << path;
  std::string text;
  char buf[1 << 16];
  int n;
  while (gz != nullptr && (n = gzread(gz, buf, sizeof buf)) > 0)
    text.append(buf, n);
  if (gz != nullptr) gzclose(gz);
  return text;
}

// A plain RFC 4180 reader: records of cells; quoted cells may hold commas.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(cell);
      cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(cell);
      cell.clear();
      records.push_back(record);
      record.clear();
    } else {
      cell.push_back(c);
    }
  }
  if (!cell.empty() || !record.empty()) {
    record.push_back(cell);
    records.push_back(record);
  }
  return records;
}

std::string Percent(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7f || c == '%') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

int64_t ParseTime(const std::string& kind, const std::string& text) {
  std::tm tm{};
  if (kind == "iso") {
    EXPECT_NE(strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr)
        << text;
  } else {
    EXPECT_NE(strptime((text + ".2017").c_str(), "%d.%m.%Y", &tm), nullptr)
        << text;
  }
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The samples the file should produce: every valid value, the last of
// equal keys winning.
Expected ExpectedSamples(const FileSpec& spec, const std::string& dir) {
  auto records = ParseCsv(ReadAllText(dir + "/" + spec.file));
  EXPECT_GT(records.size(), 1u);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < records[0].size(); ++i) col[records[0][i]] = i;
  Expected expected;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& cells = records[r];
    if (cells.size() == 1 && cells[0].empty()) continue;
    EXPECT_EQ(cells.size(), records[0].size()) << "record " << r;
    const std::string raw = cells[col.at(spec.creator_column)];
    const std::string creator =
        spec.creator_prefix + (spec.escape ? Percent(raw) : raw);
    const std::string post =
        *spec.post_column ? cells[col.at(spec.post_column)] : "";
    const int64_t t =
        ParseTime(spec.time_kind, cells[col.at(spec.time_column)]);
    for (const Column& c : spec.values) {
      const std::string& text = cells[col.at(c.name)];
      int64_t value;
      if (AllDigits(text)) {
        value = std::stoll(text);
      } else if (std::string(c.name) == spec.wrapped_column && !text.empty() &&
                 text[0] == '-' && AllDigits(text.substr(1))) {
        value = (int64_t{1} << 32) - std::stoll(text.substr(1));
      } else {
        EXPECT_TRUE(text.empty()) << spec.file << " record " << r << " "
                                  << c.name << " '" << text << "'";
        continue;
      }
      expected[Key{creator, c.account ? "" : post, c.field, t}] = value;
    }
  }
  return expected;
}

// Everything stored, from ExportSeries.
Expected Export(ApiClient* client) {
  Expected stored;
  clout::v1::ExportSeriesRequest request;
  auto ctx = Deadline(120);
  auto reader = client->query->ExportSeries(ctx.get(), request);
  clout::v1::SeriesSamples s;
  while (reader->Read(&s)) {
    for (int i = 0; i < s.timestamps_ms_size(); ++i) {
      const bool fresh = stored
                             .emplace(Key{s.creator_id(), s.post_id(),
                                          s.field(), s.timestamps_ms(i)},
                                      s.values(i))
                             .second;
      EXPECT_TRUE(fresh) << "duplicate sample in the export";
    }
  }
  EXPECT_TRUE(reader->Finish().ok());
  return stored;
}

clout::v1::GetStatsResponse Stats(ApiClient* client) {
  clout::v1::GetStatsResponse stats;
  EXPECT_TRUE(client->admin->GetStats(Deadline(60).get(), {}, &stats).ok());
  return stats;
}

class RealDataTest
    : public ::testing::TestWithParam<std::tuple<int, const char*>> {};

TEST_P(RealDataTest, LoadsEveryValidValueAndRerunsChangeNothing) {
  const std::string data_dir = Env("CLOUT_REAL_DATA_DIR");
  const std::string mappings = Env("CLOUT_MAPPINGS_DIR");
  ASSERT_FALSE(data_dir.empty() || mappings.empty());
  const FileSpec& spec = kFiles[std::get<0>(GetParam())];
  const std::string mode = std::get<1>(GetParam());
  const Expected expected = ExpectedSamples(spec, data_dir);
  std::set<std::string> creators, posts, series;
  for (const auto& [key, value] : expected) {
    creators.insert(std::get<0>(key));
    if (!std::get<1>(key).empty())
      posts.insert(std::get<0>(key) + "/" + std::get<1>(key));
    series.insert(std::get<0>(key) + "/" + std::get<1>(key) + "/" +
                  std::get<2>(key));
  }

  CloutdOptions options;
  options.data_dir = MakeTempDir("clout_real_data_test");
  auto server = CloutdProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  ApiClient client((*server)->target());
  std::vector<std::string> args = {"--server=" + (*server)->target(),
                                   "--json",
                                   "backfill",
                                   "--progress=none",
                                   "--mapping=" + mappings + "/" + spec.mapping,
                                   data_dir + "/" + spec.file};
  if (mode != "stream") args.insert(args.begin() + 3, "--bulk=" + mode);
  CliRun run = RunClout(args);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  EXPECT_THAT(run.out, ::testing::HasSubstr("\"bad_lines\": 0"));

  const auto stats = Stats(&client);
  EXPECT_EQ(stats.samples(), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(stats.creators(), static_cast<int64_t>(creators.size()));
  EXPECT_EQ(stats.posts(), static_cast<int64_t>(posts.size()));
  EXPECT_EQ(stats.series(), static_cast<int64_t>(series.size()));
  EXPECT_TRUE(Export(&client) == expected)
      << "stored samples differ from the file";

  run = RunClout(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto again = Stats(&client);
  EXPECT_EQ(again.creators(), stats.creators());
  EXPECT_EQ(again.posts(), stats.posts());
  EXPECT_EQ(again.series(), stats.series());
  EXPECT_EQ(again.samples(), stats.samples());
}

INSTANTIATE_TEST_SUITE_P(
    Files, RealDataTest,
    ::testing::Combine(::testing::Range(0, 4),
                       ::testing::Values("stream", "upload")),
    [](const auto& info) {
      std::string name = kFiles[std::get<0>(info.param)].file;
      name = name.substr(0, name.find('.')) + "_" + std::get<1>(info.param);
      return name;
    });

}  // namespace
}  // namespace clout::testing

#include "clients/cli/backfill/line_reader.h"

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"

namespace clout::cli {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          (name + "_" + std::to_string(::getpid())))
      .string();
}

std::vector<std::string> ReadAll(const std::string& path) {
  LineReader reader;
  EXPECT_TRUE(reader.Open(path).ok());
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.Next(&line)) {
    lines.emplace_back(line);
    EXPECT_EQ(reader.line_number(), static_cast<int64_t>(lines.size()));
  }
  EXPECT_TRUE(reader.status().ok());
  return lines;
}

TEST(LineReaderTest, SplitsLfAndCrLfAndKeepsALastLineWithoutEnd) {
  const std::string path = TempPath("clout_lines.csv");
  std::ofstream(path, std::ios::binary) << "a,b\r\n\r\nc\nlast";
  EXPECT_EQ(ReadAll(path), (std::vector<std::string>{"a,b", "", "c", "last"}));
  std::filesystem::remove(path);
}

TEST(LineReaderTest, LongLinesAcrossBuffers) {
  const std::string path = TempPath("clout_long.csv");
  const std::string big(3 << 20, 'x');
  std::ofstream(path, std::ios::binary) << "1\n" << big << "\n2\n";
  auto lines = ReadAll(path);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], big);
  EXPECT_EQ(lines[2], "2");
  std::filesystem::remove(path);
}

TEST(LineReaderTest, DecompressesGzip) {
  const std::string path = TempPath("clout_lines.gz");
  gzFile gz = gzopen(path.c_str(), "wb");
  std::string text;
  for (int i = 0; i < 100000; ++i) text += std::to_string(i) + "\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  auto lines = ReadAll(path);
  ASSERT_EQ(lines.size(), 100000u);
  EXPECT_EQ(lines[99999], "99999");
  std::filesystem::remove(path);
}

TEST(LineReaderTest, MissingFile) {
  LineReader reader;
  EXPECT_EQ(reader.Open("/nonexistent/clout.csv").code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace clout::cli

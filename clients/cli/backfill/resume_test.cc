#include "clients/cli/backfill/resume.h"

#include <unistd.h>

#include <cstdio>
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

TEST(ResumeFileTest, RecordsAndReloadsAcknowledgedPositions) {
  const std::string path = TempPath("clout_resume_test");
  std::filesystem::remove(path);
  {
    ResumeFile r;
    ASSERT_TRUE(r.Open(path, "abc", 3, "test").ok());
    EXPECT_FALSE(r.resumed());
    EXPECT_EQ(r.acknowledged(1), 0u);
    ASSERT_TRUE(r.Acknowledge(1, ResumeFile::Position(2, 77)).ok());
    ASSERT_TRUE(r.Acknowledge(1, ResumeFile::Position(0, 5)).ok());  // Older.
  }
  ResumeFile r;
  ASSERT_TRUE(r.Open(path, "abc", 3, "test").ok());
  EXPECT_TRUE(r.resumed());
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.acknowledged(0), 0u);
  EXPECT_EQ(r.acknowledged(1), ResumeFile::Position(2, 77));
  EXPECT_LT(ResumeFile::Position(2, 76), r.acknowledged(1));
  EXPECT_LT(r.acknowledged(1), ResumeFile::Position(3, 0));
  ASSERT_TRUE(r.MarkComplete().ok());

  ResumeFile again;
  ASSERT_TRUE(again.Open(path, "abc", 3, "test").ok());
  EXPECT_TRUE(again.complete());
  ResumeFile other;
  EXPECT_EQ(other.Open(path, "abd", 3, "test").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(other.Open(path, "abc", 4, "test").code(),
            absl::StatusCode::kFailedPrecondition);
  std::filesystem::remove(path);
}

TEST(ResumeFileTest, RefusesAForeignFile) {
  const std::string path = TempPath("clout_resume_foreign");
  std::ofstream(path) << "hello\n";
  ResumeFile r;
  EXPECT_EQ(r.Open(path, "abc", 1, "").code(), absl::StatusCode::kDataLoss);
  std::filesystem::remove(path);
}

TEST(ResumeFileTest, InMemoryWithoutPath) {
  ResumeFile r;
  ASSERT_TRUE(r.Open("", "x", 2, "").ok());
  ASSERT_TRUE(r.Acknowledge(0, 10).ok());
  EXPECT_EQ(r.acknowledged(0), 10u);
}

}  // namespace
}  // namespace clout::cli

#include "clients/cli/backfill/resume.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace clout::cli {
namespace {

constexpr char kMagic[] = "clout-backfill-resume";
constexpr int kVersion = 1;

}  // namespace

std::string Fingerprint(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

absl::Status ResumeFile::Open(const std::string& path,
                              const std::string& fingerprint, int lanes,
                              const std::string& description) {
  std::lock_guard<std::mutex> lock(mu_);
  path_ = path;
  fingerprint_ = fingerprint;
  description_ = description;
  acked_.assign(lanes, 0);
  complete_ = resumed_ = false;
  if (path.empty()) return absl::OkStatus();
  std::ifstream in(path);
  if (!in) return absl::OkStatus();  // A fresh run.
  resumed_ = true;
  std::string line, word;
  bool magic = false;
  int file_lanes = -1;
  std::string file_fingerprint;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    fields >> word;
    if (word == kMagic) {
      int version = 0;
      fields >> version;
      magic = version == kVersion;
    } else if (word == "fingerprint") {
      fields >> file_fingerprint;
    } else if (word == "lanes") {
      fields >> file_lanes;
    } else if (word == "lane") {
      int lane = -1, file = -1;
      int64_t next_line = -1;
      fields >> lane >> file >> next_line;
      if (lane < 0 || lane >= lanes || file < 0 || next_line < 0) {
        return absl::DataLossError("resume file '" + path +
                                   "' has a broken line: " + line);
      }
      acked_[lane] = Position(file, next_line);
    } else if (word == "complete") {
      int done = 0;
      fields >> done;
      complete_ = done == 1;
    }
  }
  if (!magic) {
    return absl::DataLossError("'" + path +
                               "' is not a clout backfill resume file");
  }
  if (file_fingerprint != fingerprint || file_lanes != lanes) {
    return absl::FailedPreconditionError(
        "resume file '" + path +
        "' belongs to a different backfill (other input files, mapping, mode "
        "or --streams); run the same command again, or delete the file to "
        "start over");
  }
  return absl::OkStatus();
}

absl::Status ResumeFile::Save() {
  if (path_.empty()) return absl::OkStatus();
  std::ostringstream out;
  out << "# clout backfill resume file: what the server acknowledged.\n"
      << "# " << description_ << "\n"
      << kMagic << " " << kVersion << "\n"
      << "fingerprint " << fingerprint_ << "\n"
      << "lanes " << acked_.size() << "\n";
  for (size_t lane = 0; lane < acked_.size(); ++lane) {
    out << "lane " << lane << " " << (acked_[lane] >> 40) << " "
        << (acked_[lane] & ((uint64_t{1} << 40) - 1)) << "\n";
  }
  out << "complete " << (complete_ ? 1 : 0) << "\n";
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream file(tmp, std::ios::trunc);
    file << out.str();
    if (!file.flush()) {
      return absl::PermissionDeniedError("cannot write '" + tmp + "'");
    }
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) {
    return absl::PermissionDeniedError("cannot replace '" + path_ + "'");
  }
  return absl::OkStatus();
}

absl::Status ResumeFile::Acknowledge(int lane, uint64_t position) {
  std::lock_guard<std::mutex> lock(mu_);
  if (position <= acked_[lane]) return absl::OkStatus();
  acked_[lane] = position;
  return Save();
}

absl::Status ResumeFile::MarkComplete() {
  std::lock_guard<std::mutex> lock(mu_);
  complete_ = true;
  return Save();
}

}  // namespace clout::cli

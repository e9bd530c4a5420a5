#include "clients/cli/backfill/line_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace clout::cli {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

}  // namespace

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose(static_cast<gzFile>(gz_));
}

absl::Status LineReader::Open(const std::string& path) {
  path_ = path;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError("'" + path + "' is a folder, not a file");
  }
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    const std::string reason = std::strerror(errno);
    if (errno == ENOENT) {
      return absl::NotFoundError("cannot open '" + path + "': " + reason);
    }
    return absl::PermissionDeniedError("cannot open '" + path + "': " + reason);
  }
  gzbuffer(gz, 256 << 10);
  gz_ = gz;
  file_size_ = static_cast<int64_t>(std::filesystem::file_size(path, ec));
  buffer_.resize(2 * kChunkBytes);
  return absl::OkStatus();
}

int64_t LineReader::bytes_read() const {
  if (gz_ == nullptr) return 0;
  return static_cast<int64_t>(gzoffset(static_cast<gzFile>(gz_)));
}

// Moves the unread bytes to the front and reads more; false at end of file.
bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kChunkBytes)
    buffer_.resize(end_ + 2 * kChunkBytes);
  const int n = gzread(static_cast<gzFile>(gz_), buffer_.data() + end_,
                       static_cast<unsigned>(buffer_.size() - end_));
  if (n < 0) {
    int err = 0;
    const char* message = gzerror(static_cast<gzFile>(gz_), &err);
    status_ = absl::DataLossError("reading '" + path_ + "' failed: " +
                                  (message != nullptr ? message : "?"));
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  return true;
}

bool LineReader::Next(std::string_view* line) {
  if (gz_ == nullptr) return false;
  size_t scanned = begin_;
  for (;;) {
    const char* start = buffer_.data() + scanned;
    const void* nl = std::memchr(start, '\n', end_ - scanned);
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - buffer_.data();
      size_t len = pos - begin_;
      if (len > 0 && buffer_[pos - 1] == '\r') --len;
      *line = std::string_view(buffer_.data() + begin_, len);
      begin_ = pos + 1;
      ++line_number_;
      return true;
    }
    const size_t consumed = end_ - begin_;
    if (!Fill()) {
      if (!status_.ok() || begin_ == end_) return false;
      size_t len = end_ - begin_;
      if (len > 0 && buffer_[begin_ + len - 1] == '\r') --len;
      *line = std::string_view(buffer_.data() + begin_, len);
      begin_ = end_;
      ++line_number_;
      return true;
    }
    scanned = begin_ + consumed;
  }
}

}  // namespace clout::cli

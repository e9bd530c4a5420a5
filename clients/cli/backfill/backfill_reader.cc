#include "clients/cli/backfill/backfill_reader.h"

#include "clients/cli/backfill/csv.h"
#include "clients/cli/backfill/input_pipeline.h"
#include "clients/cli/backfill/line_reader.h"

namespace clout::cli {
namespace {

constexpr size_t kMaxReportedErrors = 1000;

}  // namespace

BackfillReader::BackfillReader(const ReaderOptions& options,
                               const Mapping& mapping, Counters* counters,
                               Progress* progress, ResumeFile* resume,
                               Sink* sink)
    : options_(options),
      mapping_(mapping),
      counters_(counters),
      progress_(progress),
      resume_(resume),
      sink_(sink),
      limiter_(options.dry_run ? 0 : options.rate) {}

std::string BackfillReader::CheckFiles() {
  for (const std::string& path : options_.files) {
    LineReader reader;
    if (absl::Status st = reader.Open(path); !st.ok()) {
      return std::string(st.message());
    }
    if (FormatFor(mapping_, path) != InputFormat::kCsv) continue;
    std::string_view line;
    if (!reader.Next(&line)) continue;  // An empty file.
    CsvSplitter splitter(mapping_.delimiter);
    std::vector<std::string_view> cells;
    RowMapper mapper(&mapping_);
    std::string error;
    if (splitter.Split(line, &cells, &error) != CsvResult::kOk ||
        !mapper.SetHeader(cells, &error)) {
      return path + ":1: " + error;
    }
  }
  return "";
}

bool BackfillReader::ReadAll() {
  InputPipeline pipeline(options_.files, &mapping_, options_.parse_threads);
  const bool all = pipeline.Run(
      [this](int file, int64_t line, const MappedRow& row) {
        return Take(file, line, row);
      },
      [this](int file, int64_t line, const std::string& reason) {
        return Bad(options_.files[file], line, reason);
      },
      [this](int64_t bytes) { Publish(bytes); });
  Publish(counters_->bytes_done);
  return all;
}

bool BackfillReader::Bad(const std::string& file, int64_t line,
                         const std::string& message) {
  ++counters_->bad_lines;
  if (bad_.size() < kMaxReportedErrors) bad_.push_back({file, line, message});
  progress_->Print(file + ":" + std::to_string(line) + ": " + message);
  if (options_.max_errors >= 0 && counters_->bad_lines > options_.max_errors) {
    progress_->Print("clout: more than " + std::to_string(options_.max_errors) +
                     " bad lines (--max-errors); stopping");
    stopped_for_errors_ = true;
    return false;
  }
  return true;
}

bool BackfillReader::Take(int file, int64_t line, const MappedRow& row) {
  if (row.creator_id != last_creator_) {
    last_creator_.assign(row.creator_id);
    last_lane_ = sink_->Lane(row.creator_id);
  }
  const int lane = last_lane_;
  const uint64_t position = ResumeFile::Position(file, line);
  if (position < resume_->acknowledged(lane)) {
    ++skipped_;
    return true;
  }
  ++lines_;
  samples_ += static_cast<int64_t>(row.samples.size());
  if (options_.dry_run) return true;
  unlimited_ += static_cast<int64_t>(row.samples.size());
  if (unlimited_ >= 1000) {
    limiter_.Acquire(unlimited_);
    unlimited_ = 0;
  }
  return sink_->Add(row, lane, position);
}

void BackfillReader::Publish(int64_t bytes) {
  counters_->bytes_done = bytes;
  counters_->lines += lines_;
  counters_->skipped_lines += skipped_;
  counters_->samples_read += samples_;
  lines_ = skipped_ = samples_ = 0;
}

}  // namespace clout::cli

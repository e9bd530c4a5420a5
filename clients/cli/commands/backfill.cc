#include "clients/cli/commands/backfill.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "clients/cli/backfill/backfill_reader.h"
#include "clients/cli/backfill/bulk_sink.h"
#include "clients/cli/backfill/stream_sink.h"
#include "clients/cli/common/text_format.h"
#include "fmt/format.h"
#include "nlohmann/json.hpp"

namespace clout::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string mapping;
  ReaderOptions reader;
  std::string resume;
  std::string bulk;  // "", "upload" or "local".
  std::string progress = "auto";
  double progress_interval = 10;
  StreamOptions stream;
  BulkOptions bulk_options;
};

bool ParseInt(const std::string& text, int64_t min, int64_t* out) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min) return false;
  *out = v;
  return true;
}

bool ParseDouble(const std::string& text, double min, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || v < min) return false;
  *out = v;
  return true;
}

// The numeric options; returns an error message or "".
std::string ParseNumbers(const CommandLine& line, Options* o) {
  int64_t streams = 4, retries = 3, parse_threads = 2;
  const struct {
    const char* name;
    int64_t min;
    int64_t* out;
  } ints[] = {
      {"max-errors", -1, &o->reader.max_errors},
      {"streams", 1, &streams},
      {"batch", 1, &o->stream.batch_samples},
      {"commit", 1, &o->stream.commit_samples},
      {"part", 1, &o->bulk_options.part_samples},
      {"retries", 0, &retries},
      {"parse-threads", 1, &parse_threads},
  };
  for (const auto& f : ints) {
    const std::string text = line.Value(f.name);
    if (!text.empty() && !ParseInt(text, f.min, f.out)) {
      return fmt::format("--{} must be a whole number >= {}", f.name, f.min);
    }
  }
  if (streams > 64) return "--streams must be at most 64";
  o->stream.streams = static_cast<int>(streams);
  o->reader.parse_threads =
      static_cast<int>(std::min<int64_t>(parse_threads, 16));
  o->bulk_options.encode_threads = o->reader.parse_threads;
  o->stream.retries = o->bulk_options.retries = static_cast<int>(retries);
  const struct {
    const char* name;
    double min;
    double* out;
  } doubles[] = {
      {"rate", 0, &o->reader.rate},
      {"commit-seconds", 0.01, &o->stream.commit_seconds},
      {"progress-interval", 0.01, &o->progress_interval},
  };
  for (const auto& f : doubles) {
    const std::string text = line.Value(f.name);
    if (!text.empty() && !ParseDouble(text, f.min, f.out)) {
      return "--" + std::string(f.name) +
             " must be a number >= " + std::to_string(f.min);
    }
  }
  return "";
}

// Parses the command line into *o; returns an error message or "".
std::string ParseOptions(const CommandLine& line, Options* o) {
  o->mapping = line.Value("mapping");
  o->reader.dry_run = line.Switch("dry-run");
  o->resume = line.Value("resume");
  o->bulk = line.Value("bulk");
  o->progress = line.Value("progress", "auto");
  o->bulk_options.sst_dir = line.Value("sst-dir");
  if (std::string problem = ParseNumbers(line, o); !problem.empty()) {
    return problem;
  }
  for (const std::string& a : line.args) {
    if (a.rfind("--", 0) == 0) return "unknown option '" + a + "'";
  }
  if (o->mapping.empty()) return "--mapping=FILE is required";
  if (line.args.empty()) return "name at least one input file";
  if (!o->bulk.empty() && o->bulk != "upload" && o->bulk != "local") {
    return "--bulk must be 'upload' or 'local'";
  }
  if (o->progress != "auto" && o->progress != "bar" && o->progress != "lines" &&
      o->progress != "none") {
    return "--progress must be auto, bar, lines or none";
  }
  o->reader.files = line.args;
  o->stream.server = o->bulk_options.server = line.options.server;
  o->stream.timeout_s = o->bulk_options.timeout_s = line.options.timeout_s;
  o->bulk_options.local = o->bulk == "local";
  return "";
}

std::string ModeName(const Options& o) {
  if (o.reader.dry_run) return "dry-run";
  if (o.bulk.empty()) return "stream";
  return "bulk-" + o.bulk;
}

std::string RunFingerprint(const Options& o, const Mapping& mapping,
                           std::string* description) {
  std::string text = ModeName(o) + "\n" + std::to_string(o.stream.streams) +
                     "\n" + mapping.text + "\n";
  *description = "mode " + ModeName(o) + "; mapping " + o.mapping + "; files";
  for (const std::string& f : o.reader.files) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(f, ec).string();
    const auto size = std::filesystem::file_size(f, ec);
    const auto mtime =
        std::filesystem::last_write_time(f, ec).time_since_epoch().count();
    text += absolute + "\n" + std::to_string(size) + "\n" +
            std::to_string(mtime) + "\n";
    *description += " " + f;
  }
  return Fingerprint(text);
}

// `s` as a JSON string literal (bytes that are not UTF-8 become U+FFFD).
std::string JsonString(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace);
}

// What the run did, for the summary.
struct Outcome {
  double seconds = 0;
  bool complete = false;
  int exit_code = kExitOk;
};

void PrintJsonSummary(const Options& o, const Counters& c, const Outcome& r,
                      const std::vector<BadLine>& bad) {
  const double rate = r.seconds > 0 ? c.samples_acked / r.seconds : 0;
  std::string out = fmt::format(
      "{{\n  \"mode\": {},\n  \"files\": {},\n  \"lines\": {},\n"
      "  \"bad_lines\": {},\n  \"skipped_lines\": {},\n"
      "  \"samples_read\": {},\n  \"samples_sent\": {},\n"
      "  \"samples_acknowledged\": {},\n  \"samples_rejected\": {},\n"
      "  \"seconds\": {},\n  \"samples_per_second\": {},\n"
      "  \"complete\": {},\n  \"exit_code\": {},\n  \"errors\": [",
      JsonString(ModeName(o)), o.reader.files.size(), c.lines.load(),
      c.bad_lines.load(), c.skipped_lines.load(), c.samples_read.load(),
      c.samples_sent.load(), c.samples_acked.load(), c.samples_rejected.load(),
      Fixed(r.seconds, 3), Fixed(rate, 0), r.complete ? "true" : "false",
      r.exit_code);
  for (size_t i = 0; i < bad.size(); ++i) {
    out +=
        fmt::format("{}\n    {{\"file\": {}, \"line\": {}, \"message\": {}}}",
                    i == 0 ? "" : ",", JsonString(bad[i].file), bad[i].line,
                    JsonString(bad[i].message));
  }
  out += bad.empty() ? "]\n}\n" : "\n  ]\n}\n";
  std::cout << out;
}

void PrintSummary(const Options& o, const Counters& c, const Outcome& r) {
  const int64_t stored = c.samples_acked;
  if (o.reader.dry_run) {
    fmt::print(
        "dry run: {} lines, {} samples valid, {} bad lines; nothing stored "
        "({} s)\n",
        Grouped(c.lines), Grouped(c.samples_read), Grouped(c.bad_lines),
        Fixed(r.seconds, 2));
    return;
  }
  fmt::print(
      "backfill: {} lines read, {} samples stored in {} s ({} samples/s); {} "
      "bad lines; {} lines skipped as acknowledged before{}\n",
      Grouped(c.lines), Grouped(stored), Fixed(r.seconds, 2),
      Fixed(r.seconds > 0 ? stored / r.seconds : 0, 0), Grouped(c.bad_lines),
      Grouped(c.skipped_lines), r.complete ? "" : " (incomplete)");
}

Progress::Style ProgressStyle(const Options& o) {
  if (o.progress == "bar" ||
      (o.progress == "auto" && ::isatty(STDERR_FILENO))) {
    return Progress::Style::kBar;
  }
  if (o.progress == "lines" || o.progress == "auto") {
    return Progress::Style::kLines;
  }
  return Progress::Style::kNone;
}

int ExitCodeOf(const absl::Status& st) {
  return st.code() == absl::StatusCode::kUnavailable ||
                 st.code() == absl::StatusCode::kDeadlineExceeded
             ? kExitUnreachable
             : kExitRefused;
}

// Everything a run needs once the options and the mapping are read.
class Run {
 public:
  Run(const Options& o, const Mapping& mapping) : o_(o), mapping_(mapping) {
    for (const std::string& f : o.reader.files) {
      std::error_code ec;
      counters_.total_bytes +=
          static_cast<int64_t>(std::filesystem::file_size(f, ec));
    }
  }

  // Opens the resume file, checks the input and connects; the exit code of
  // a failure, or -1 to go on.
  int Prepare();
  // Reads and sends everything, prints the summary; the exit code.
  int Load(bool json);

 private:
  const Options& o_;
  const Mapping& mapping_;
  Counters counters_;
  ResumeFile resume_;
  std::unique_ptr<Progress> progress_;
  std::unique_ptr<Sink> sink_;
  std::unique_ptr<BackfillReader> reader_;
};

int Run::Prepare() {
  const int lanes = o_.bulk.empty() ? o_.stream.streams : 1;
  std::string description;
  const std::string fingerprint = RunFingerprint(o_, mapping_, &description);
  if (absl::Status st = resume_.Open(o_.reader.dry_run ? "" : o_.resume,
                                     fingerprint, lanes, description);
      !st.ok()) {
    std::cerr << "clout: " << st.message() << "\n";
    return kExitUsage;
  }
  progress_ = std::make_unique<Progress>(
      ProgressStyle(o_), o_.progress_interval, &counters_, o_.reader.dry_run);
  if (o_.reader.dry_run) {
    sink_ = std::make_unique<NullSink>();
  } else if (!o_.bulk.empty()) {
    sink_ = std::make_unique<BulkSink>(o_.bulk_options, &mapping_, &resume_,
                                       &counters_, progress_.get());
  } else {
    sink_ = std::make_unique<StreamSink>(o_.stream, &mapping_, &resume_,
                                         &counters_, progress_.get());
  }
  reader_ = std::make_unique<BackfillReader>(
      o_.reader, mapping_, &counters_, progress_.get(), &resume_, sink_.get());
  if (std::string problem = reader_->CheckFiles(); !problem.empty()) {
    std::cerr << "clout: " << problem << "\n";
    return kExitUsage;
  }
  if (resume_.complete()) {
    std::cout << "backfill: the resume file " << o_.resume
              << " records this backfill as complete; nothing to do\n";
    return kExitOk;
  }
  if (absl::Status st = sink_->Start(); !st.ok()) {
    std::cerr << "clout: " << st.message() << "\n";
    return st.code() == absl::StatusCode::kUnavailable ? kExitUnreachable
                                                       : kExitRefused;
  }
  return -1;
}

int Run::Load(bool json) {
  const Clock::time_point start = Clock::now();
  progress_->Start();
  const bool read_all = reader_->ReadAll();
  const absl::Status sent = sink_->Finish();
  Outcome r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (read_all && sent.ok() && !o_.reader.dry_run) {
    absl::Status st = resume_.MarkComplete();
    r.complete = st.ok();
    if (!st.ok()) progress_->Print("clout: " + std::string(st.message()));
  }
  progress_->Stop();
  if (!sent.ok()) {
    std::cerr << "clout: " << sent.message() << "\n";
    r.exit_code = ExitCodeOf(sent);
  } else if (reader_->stopped_for_errors()) {
    r.exit_code = kExitTooManyErrors;
  } else if (counters_.bad_lines > 0) {
    r.exit_code = kExitBadLines;
  }
  r.complete = r.complete || o_.reader.dry_run;
  if (json) {
    PrintJsonSummary(o_, counters_, r, reader_->bad_lines());
  } else {
    PrintSummary(o_, counters_, r);
  }
  return r.exit_code;
}

}  // namespace

int RunBackfill(const CommandLine& line) {
  Options o;
  if (std::string problem = ParseOptions(line, &o); !problem.empty()) {
    return UsageError("backfill", problem);
  }
  Mapping mapping;
  std::string error;
  if (!LoadMapping(o.mapping, &mapping, &error)) {
    std::cerr << "clout: " << error << "\n";
    return kExitUsage;
  }
  Run run(o, mapping);
  if (int code = run.Prepare(); code >= 0) return code;
  return run.Load(line.options.json);
}

}  // namespace clout::cli

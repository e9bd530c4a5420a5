#include "clients/cli/commands/backfill.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "clients/cli/backfill/bulk_sink.h"
#include "clients/cli/backfill/csv.h"
#include "clients/cli/backfill/input_pipeline.h"
#include "clients/cli/backfill/line_reader.h"
#include "clients/cli/backfill/row_mapper.h"
#include "clients/cli/backfill/progress.h"
#include "clients/cli/backfill/rate_limiter.h"
#include "clients/cli/backfill/resume.h"
#include "clients/cli/backfill/stream_sink.h"
#include "nlohmann/json.hpp"

namespace clout::cli {

const char kBackfillHelp[] =
    R"(usage: clout backfill --mapping=FILE [OPTIONS] FILE...

Loads history from CSV or JSON Lines files (gzip-compressed files too) into
cloutd. The mapping file says which columns give the creator id, post id,
timestamp and values, and which flags the samples get (docs/backfill.md;
ready-made mappings in clients/cli/mappings/). Every line is validated first:
a bad line is reported as FILE:LINE: reason, and nothing of it is stored.

Options:
  --mapping=FILE        the column mapping (required)
  --dry-run             validate everything and report bad lines; store nothing
  --resume=FILE         record what the server acknowledged in FILE; when FILE
                        exists, skip the lines it records and continue
  --max-errors=N        stop after more than N bad lines (default 100; -1: never)
  --rate=N              send at most N samples per second (default: no limit)
  --streams=N           parallel WriteStream calls (default 4)
  --batch=N             samples per WriteStream message (default 20000)
  --commit=N            samples per WriteStream call; the resume file advances
                        after each acknowledged call (default 500000)
  --commit-seconds=S    also end a call after S seconds (default 5)
  --bulk=upload|local   load through SST files instead: uploaded over gRPC, or
                        written to --sst-dir for the server to ingest from there
                        (server on the same machine)
  --sst-dir=DIR         where --bulk writes its files (default: the temp folder)
  --part=N              samples per bulk file (default 2000000)
  --retries=N           retries of a call while the server is unreachable (3)
  --parse-threads=N     threads that parse and check lines, and that encode
                        bulk files (default 2)
  --progress=MODE       auto (a bar on a terminal, lines otherwise), bar,
                        lines or none
  --progress-interval=S seconds between progress lines (default 10)
  --server, --timeout, --json as for every command; --json prints the summary
  (with the first bad lines) as JSON

Exit codes: 0 everything loaded; 1 the server refused or failed a call;
2 bad command line, mapping, header or unreadable file (nothing sent);
3 server unreachable; 4 done, but bad lines were skipped;
5 stopped after more than --max-errors bad lines.
)";

namespace {

// `s` as a JSON string literal (bytes that are not UTF-8 become U+FFFD).
std::string JsonString(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false,
                                nlohmann::json::error_handler_t::replace);
}

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxReportedErrors = 1000;

struct Options {
  std::string mapping;
  std::vector<std::string> files;
  bool dry_run = false;
  std::string resume;
  int64_t max_errors = 100;
  double rate = 0;
  std::string bulk;  // "", "upload" or "local".
  std::string progress = "auto";
  double progress_interval = 10;
  int parse_threads = 2;
  StreamOptions stream;
  BulkOptions bulk_options;
};

struct BadLine {
  std::string file;
  int64_t line;
  std::string message;
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

// Parses the command line into *o; returns an error message or "".
std::string ParseOptions(std::vector<std::string> args,
                         const GlobalOptions& global, Options* o) {
  o->mapping = TakeFlag(&args, "mapping");
  o->dry_run = TakeSwitch(&args, "dry-run");
  o->resume = TakeFlag(&args, "resume");
  o->bulk = TakeFlag(&args, "bulk");
  o->progress = TakeFlag(&args, "progress", "auto");
  o->bulk_options.sst_dir = TakeFlag(&args, "sst-dir");
  struct IntFlag {
    const char* name;
    int64_t min;
    int64_t* out;
  };
  int64_t streams = 4, retries = 3, parse_threads = 2;
  IntFlag ints[] = {
      {"max-errors", -1, &o->max_errors},
      {"streams", 1, &streams},
      {"batch", 1, &o->stream.batch_samples},
      {"commit", 1, &o->stream.commit_samples},
      {"part", 1, &o->bulk_options.part_samples},
      {"retries", 0, &retries},
      {"parse-threads", 1, &parse_threads},
  };
  for (const IntFlag& f : ints) {
    const std::string text = TakeFlag(&args, f.name);
    if (!text.empty() && !ParseInt(text, f.min, f.out)) {
      return std::string("--") + f.name +
             " must be a whole number >= " + std::to_string(f.min);
    }
  }
  if (streams > 64) return "--streams must be at most 64";
  o->stream.streams = static_cast<int>(streams);
  o->parse_threads = static_cast<int>(std::min<int64_t>(parse_threads, 16));
  o->bulk_options.encode_threads = o->parse_threads;
  o->stream.retries = o->bulk_options.retries = static_cast<int>(retries);
  struct DoubleFlag {
    const char* name;
    double min;
    double* out;
  };
  DoubleFlag doubles[] = {
      {"rate", 0, &o->rate},
      {"commit-seconds", 0.01, &o->stream.commit_seconds},
      {"progress-interval", 0.01, &o->progress_interval},
  };
  for (const DoubleFlag& f : doubles) {
    const std::string text = TakeFlag(&args, f.name);
    if (!text.empty() && !ParseDouble(text, f.min, f.out)) {
      return std::string("--") + f.name +
             " must be a number >= " + std::to_string(f.min);
    }
  }
  if (std::string flag = LeftoverFlag(args); !flag.empty()) {
    return "unknown option '" + flag + "'";
  }
  if (o->mapping.empty()) return "--mapping=FILE is required";
  if (args.empty()) return "name at least one input file";
  if (!o->bulk.empty() && o->bulk != "upload" && o->bulk != "local") {
    return "--bulk must be 'upload' or 'local'";
  }
  if (o->progress != "auto" && o->progress != "bar" && o->progress != "lines" &&
      o->progress != "none") {
    return "--progress must be auto, bar, lines or none";
  }
  o->files = std::move(args);
  o->stream.server = o->bulk_options.server = global.server;
  o->stream.timeout_s = o->bulk_options.timeout_s = global.timeout_s;
  o->bulk_options.local = o->bulk == "local";
  return "";
}

std::string ModeName(const Options& o) {
  if (o.dry_run) return "dry-run";
  if (o.bulk.empty()) return "stream";
  return "bulk-" + o.bulk;
}

// Reads every input file, maps and validates its lines, and hands the valid
// ones to the sink.
class Reader {
 public:
  Reader(const Options& options, const Mapping& mapping, Counters* counters,
         Progress* progress, ResumeFile* resume, Sink* sink)
      : options_(options),
        mapping_(mapping),
        counters_(counters),
        progress_(progress),
        resume_(resume),
        sink_(sink),
        limiter_(options.dry_run ? 0 : options.rate) {}

  // Checks that every file opens and that every CSV header fits the
  // mapping. Returns the problem, or "".
  std::string CheckFiles() {
    for (const std::string& path : options_.files) {
      LineReader reader;
      if (absl::Status st = reader.Open(path); !st.ok()) {
        return std::string(st.message());
      }
      if (FormatFor(mapping_, path) != InputFormat::kCsv) continue;
      std::string_view line;
      if (!reader.Next(&line)) continue;  // An empty file.
      RowMapper mapper(&mapping_);
      std::string error;
      if (!Header(line, &mapper, &error)) return path + ":1: " + error;
    }
    return "";
  }

  // Reads everything; false when it stopped early (too many bad lines, an
  // unreadable file or a failed sink).
  bool ReadAll() {
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

  bool stopped_for_errors() const { return stopped_for_errors_; }
  const std::vector<BadLine>& bad_lines() const { return bad_; }

 private:
  bool Header(std::string_view line, RowMapper* mapper, std::string* error) {
    CsvSplitter splitter(mapping_.delimiter);
    if (splitter.Split(line, &cells_, error) != CsvResult::kOk) return false;
    return mapper->SetHeader(cells_, error);
  }

  // Reports a bad line; false when that was one too many.
  bool Bad(const std::string& file, int64_t line, const std::string& message) {
    ++counters_->bad_lines;
    if (bad_.size() < kMaxReportedErrors) bad_.push_back({file, line, message});
    progress_->Print(file + ":" + std::to_string(line) + ": " + message);
    if (options_.max_errors >= 0 &&
        counters_->bad_lines > options_.max_errors) {
      progress_->Print("clout: more than " +
                       std::to_string(options_.max_errors) +
                       " bad lines (--max-errors); stopping");
      stopped_for_errors_ = true;
      return false;
    }
    return true;
  }

  // Takes a mapped line; false to stop.
  bool Take(int file, int64_t line, const MappedRow& row) {
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

  void Publish(int64_t bytes) {
    counters_->bytes_done = bytes;
    counters_->lines += lines_;
    counters_->skipped_lines += skipped_;
    counters_->samples_read += samples_;
    lines_ = skipped_ = samples_ = 0;
  }

  const Options& options_;
  const Mapping& mapping_;
  Counters* counters_;
  Progress* progress_;
  ResumeFile* resume_;
  Sink* sink_;
  RateLimiter limiter_;
  std::vector<std::string_view> cells_;
  std::string last_creator_;
  int last_lane_ = 0;
  int64_t lines_ = 0, skipped_ = 0, samples_ = 0, unlimited_ = 0;
  std::vector<BadLine> bad_;
  bool stopped_for_errors_ = false;
};

// Counts what a dry run would send.
class NullSink : public Sink {
 public:
  absl::Status Start() override { return absl::OkStatus(); }
  int Lane(std::string_view) const override { return 0; }
  bool Add(const MappedRow&, int, uint64_t) override { return true; }
  absl::Status Finish() override { return absl::OkStatus(); }
};

std::string RunFingerprint(const Options& o, const Mapping& mapping,
                           std::string* description) {
  std::string text = ModeName(o) + "\n" + std::to_string(o.stream.streams) +
                     "\n" + mapping.text + "\n";
  *description = "mode " + ModeName(o) + "; mapping " + o.mapping + "; files";
  for (const std::string& f : o.files) {
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

void PrintSummary(const Options& o, const Counters& c, double seconds,
                  bool complete, int exit_code, const std::vector<BadLine>& bad,
                  const GlobalOptions& global) {
  const int64_t stored = c.samples_acked;
  const double rate = seconds > 0 ? stored / seconds : 0;
  if (global.json) {
    std::string out = "{\n  \"mode\": ";
    out += JsonString(ModeName(o));
    auto field = [&out](const char* name, const std::string& value) {
      out += ",\n  \"";
      out += name;
      out += "\": " + value;
    };
    field("files", std::to_string(o.files.size()));
    field("lines", std::to_string(c.lines));
    field("bad_lines", std::to_string(c.bad_lines));
    field("skipped_lines", std::to_string(c.skipped_lines));
    field("samples_read", std::to_string(c.samples_read));
    field("samples_sent", std::to_string(c.samples_sent));
    field("samples_acknowledged", std::to_string(stored));
    field("samples_rejected", std::to_string(c.samples_rejected));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", seconds);
    field("seconds", buf);
    std::snprintf(buf, sizeof buf, "%.0f", rate);
    field("samples_per_second", buf);
    field("complete", complete ? "true" : "false");
    field("exit_code", std::to_string(exit_code));
    out += ",\n  \"errors\": [";
    for (size_t i = 0; i < bad.size(); ++i) {
      out += i == 0 ? "\n    {\"file\": " : ",\n    {\"file\": ";
      out += JsonString(bad[i].file);
      out += ", \"line\": " + std::to_string(bad[i].line) + ", \"message\": ";
      out += JsonString(bad[i].message);
      out += "}";
    }
    out += bad.empty() ? "]\n}\n" : "\n  ]\n}\n";
    std::cout << out;
    return;
  }
  char buf[512];
  if (o.dry_run) {
    std::snprintf(buf, sizeof buf,
                  "dry run: %s lines, %s samples valid, %s bad lines; nothing "
                  "stored (%.2f s)\n",
                  Grouped(c.lines).c_str(), Grouped(c.samples_read).c_str(),
                  Grouped(c.bad_lines).c_str(), seconds);
  } else {
    std::snprintf(buf, sizeof buf,
                  "backfill: %s lines read, %s samples stored in %.2f s "
                  "(%.0f samples/s); %s bad lines; %s lines skipped as "
                  "acknowledged before%s\n",
                  Grouped(c.lines).c_str(), Grouped(stored).c_str(), seconds,
                  rate, Grouped(c.bad_lines).c_str(),
                  Grouped(c.skipped_lines).c_str(),
                  complete ? "" : " (incomplete)");
  }
  std::cout << buf;
}

}  // namespace

int RunBackfill(std::vector<std::string> args, const GlobalOptions& global) {
  Options o;
  if (std::string problem = ParseOptions(std::move(args), global, &o);
      !problem.empty()) {
    return UsageError("backfill", problem);
  }
  Mapping mapping;
  std::string error;
  if (!LoadMapping(o.mapping, &mapping, &error)) {
    std::cerr << "clout: " << error << "\n";
    return kExitUsage;
  }
  Counters counters;
  for (const std::string& f : o.files) {
    std::error_code ec;
    counters.total_bytes +=
        static_cast<int64_t>(std::filesystem::file_size(f, ec));
  }
  ResumeFile resume;
  const int lanes = o.bulk.empty() ? o.stream.streams : 1;
  std::string description;
  const std::string fingerprint = RunFingerprint(o, mapping, &description);
  if (absl::Status st = resume.Open(o.dry_run ? "" : o.resume, fingerprint,
                                    lanes, description);
      !st.ok()) {
    std::cerr << "clout: " << st.message() << "\n";
    return kExitUsage;
  }

  Progress::Style style = Progress::Style::kNone;
  if (o.progress == "bar" ||
      (o.progress == "auto" && ::isatty(STDERR_FILENO))) {
    style = Progress::Style::kBar;
  } else if (o.progress == "lines" || o.progress == "auto") {
    style = Progress::Style::kLines;
  }
  Progress progress(style, o.progress_interval, &counters, o.dry_run);

  std::unique_ptr<Sink> sink;
  if (o.dry_run) {
    sink = std::make_unique<NullSink>();
  } else if (!o.bulk.empty()) {
    sink = std::make_unique<BulkSink>(o.bulk_options, &mapping, &resume,
                                      &counters, &progress);
  } else {
    sink = std::make_unique<StreamSink>(o.stream, &mapping, &resume, &counters,
                                        &progress);
  }
  Reader reader(o, mapping, &counters, &progress, &resume, sink.get());
  if (std::string problem = reader.CheckFiles(); !problem.empty()) {
    std::cerr << "clout: " << problem << "\n";
    return kExitUsage;
  }
  if (resume.complete()) {
    std::cout << "backfill: the resume file " << o.resume
              << " records this backfill as complete; nothing to do\n";
    return kExitOk;
  }
  if (absl::Status st = sink->Start(); !st.ok()) {
    std::cerr << "clout: " << st.message() << "\n";
    return st.code() == absl::StatusCode::kUnavailable ? kExitUnreachable
                                                       : kExitRefused;
  }

  const Clock::time_point start = Clock::now();
  progress.Start();
  const bool read_all = reader.ReadAll();
  const absl::Status sent = sink->Finish();
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  bool complete = false;
  if (read_all && sent.ok() && !o.dry_run) {
    absl::Status st = resume.MarkComplete();
    complete = st.ok();
    if (!st.ok()) progress.Print("clout: " + std::string(st.message()));
  }
  progress.Stop();

  int exit_code = kExitOk;
  if (!sent.ok()) {
    std::cerr << "clout: " << sent.message() << "\n";
    exit_code = sent.code() == absl::StatusCode::kUnavailable ||
                        sent.code() == absl::StatusCode::kDeadlineExceeded
                    ? kExitUnreachable
                    : kExitRefused;
  } else if (reader.stopped_for_errors()) {
    exit_code = kExitTooManyErrors;
  } else if (counters.bad_lines > 0) {
    exit_code = kExitBadLines;
  }
  PrintSummary(o, counters, seconds, complete || o.dry_run, exit_code,
               reader.bad_lines(), global);
  return exit_code;
}

}  // namespace clout::cli

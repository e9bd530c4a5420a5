#include "clients/cli/backfill/input_pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "clients/cli/backfill/csv.h"
#include "clients/cli/backfill/line_reader.h"

namespace clout::cli {
namespace {

constexpr size_t kChunkLines = 4096;
constexpr size_t kChunkBytes = 1 << 20;

int64_t QuoteCount(std::string_view s) {
  return std::count(s.begin(), s.end(), '"');
}

}  // namespace

struct InputPipeline::Chunk {
  enum class State { kRead, kParsing, kParsed };
  State state = State::kRead;
  int file = 0;
  bool csv = true;
  // The lines (or joined records), back to back, and where each ends.
  std::string text;
  std::vector<uint32_t> ends;
  std::vector<int64_t> numbers;  // The (first) line number of each.
  int64_t bytes_done = 0;        // Input consumed once this chunk is done.
  // A problem that ends the input after this chunk's lines.
  bool fatal = false;
  int64_t fatal_line = 0;
  std::string fatal_reason;
  // What the parser made of the lines.
  struct Row {
    int64_t line;
    uint32_t creator_begin, creator_size, post_begin, post_size;
    int64_t timestamp_ms;
    uint32_t samples_begin, samples_end;
  };
  std::vector<Row> rows;
  std::vector<MappedSample> samples;
  std::string ids;  // The rows' creator and post ids.
  std::vector<std::pair<int64_t, std::string>> bad;

  size_t size() const { return ends.size(); }
  std::string_view line(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text.data() + begin, ends[i] - begin);
  }
  void Add(std::string_view line, int64_t number) {
    text.append(line);
    ends.push_back(static_cast<uint32_t>(text.size()));
    numbers.push_back(number);
  }
};

struct InputPipeline::Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::unique_ptr<Chunk>> chunks;
  size_t max_chunks = 8;
  bool reading_done = false;
  bool stop = false;
};

InputPipeline::InputPipeline(std::vector<std::string> files,
                             const Mapping* mapping, int threads)
    : files_(std::move(files)),
      mapping_(mapping),
      threads_(std::max(1, threads)) {}

bool InputPipeline::Push(Shared* s, std::unique_ptr<Chunk> chunk) {
  std::unique_lock<std::mutex> lock(s->mu);
  s->cv.wait(lock, [s] { return s->chunks.size() < s->max_chunks || s->stop; });
  if (s->stop) return false;
  s->chunks.push_back(std::move(chunk));
  s->cv.notify_all();
  return true;
}

bool InputPipeline::PushFatal(Shared* s, std::unique_ptr<Chunk> chunk,
                              int64_t line, std::string reason) {
  chunk->fatal = true;
  chunk->fatal_line = line;
  chunk->fatal_reason = std::move(reason);
  Push(s, std::move(chunk));
  return false;
}

void InputPipeline::ReadFiles(Shared* s) {
  int64_t done_bytes = 0;
  for (size_t f = 0; f < files_.size(); ++f) {
    if (!ReadFile(s, static_cast<int>(f), &done_bytes)) break;
  }
  std::lock_guard<std::mutex> lock(s->mu);
  s->reading_done = true;
  s->cv.notify_all();
}

bool InputPipeline::CheckHeader(std::string_view line, Chunk* chunk) {
  CsvSplitter splitter(mapping_->delimiter);
  std::vector<std::string_view> cells;
  RowMapper check(mapping_);
  if (splitter.Split(line, &cells, &chunk->fatal_reason) != CsvResult::kOk ||
      !check.SetHeader(cells, &chunk->fatal_reason)) {
    chunk->fatal = true;
    chunk->fatal_line = 1;
    return false;
  }
  headers_[chunk->file].assign(cells.begin(), cells.end());
  return true;
}

bool InputPipeline::ReadFile(Shared* s, int f, int64_t* done_bytes) {
  auto chunk = std::make_unique<Chunk>();
  chunk->file = f;
  chunk->csv = FormatFor(*mapping_, files_[f]) == InputFormat::kCsv;
  LineReader reader;
  if (absl::Status st = reader.Open(files_[f]); !st.ok()) {
    return PushFatal(s, std::move(chunk), 0, std::string(st.message()));
  }
  std::string_view line;
  if (chunk->csv) {
    if (!reader.Next(&line)) return true;  // An empty file.
    if (!CheckHeader(line, chunk.get())) {
      Push(s, std::move(chunk));
      return false;
    }
  }
  const bool join = chunk->csv && mapping_->multiline;
  std::string record;
  while (reader.Next(&line)) {
    if (join && QuoteCount(line) % 2 == 1) {
      // A quoted cell goes on in the next line(s).
      const int64_t first = reader.line_number();
      record.assign(line);
      int64_t quotes = QuoteCount(line);
      std::string_view more;
      while (quotes % 2 == 1 && reader.Next(&more)) {
        record.push_back('\n');
        record.append(more);
        quotes += QuoteCount(more);
      }
      chunk->Add(record, first);
    } else {
      chunk->Add(line, reader.line_number());
    }
    if (chunk->size() >= kChunkLines || chunk->text.size() >= kChunkBytes) {
      chunk->bytes_done = *done_bytes + reader.bytes_read();
      auto next = std::make_unique<Chunk>();
      next->file = chunk->file;
      next->csv = chunk->csv;
      if (!Push(s, std::move(chunk))) return false;
      chunk = std::move(next);
    }
  }
  std::error_code ec;
  *done_bytes +=
      static_cast<int64_t>(std::filesystem::file_size(files_[f], ec));
  chunk->bytes_done = *done_bytes;
  if (!reader.status().ok()) {
    return PushFatal(s, std::move(chunk), reader.line_number() + 1,
                     std::string(reader.status().message()));
  }
  return Push(s, std::move(chunk));
}

void InputPipeline::ParseChunk(
    Chunk* c, std::vector<std::unique_ptr<RowMapper>>* mappers) {
  std::unique_ptr<RowMapper>& mapper = (*mappers)[c->file];
  std::string error;
  if (mapper == nullptr) {
    mapper = std::make_unique<RowMapper>(mapping_);
    if (c->csv) {
      std::vector<std::string_view> header(headers_[c->file].begin(),
                                           headers_[c->file].end());
      mapper->SetHeader(header, &error);  // Checked by the reading thread.
    }
  }
  CsvSplitter splitter(mapping_->delimiter);
  std::vector<std::string_view> cells;
  MappedRow row;
  uint32_t creator_begin = 0, creator_size = 0, post_begin = 0, post_size = 0;
  auto stored = [c](uint32_t begin, uint32_t size) {
    return std::string_view(c->ids.data() + begin, size);
  };
  for (size_t i = 0; i < c->size(); ++i) {
    const std::string_view line = c->line(i);
    const int64_t number = c->numbers[i];
    if (line.empty()) continue;
    bool ok = false;
    if (c->csv) {
      const CsvResult r = splitter.Split(line, &cells, &error);
      if (r == CsvResult::kNeedMore) {
        error += mapping_->multiline
                     ? " at the end of the file"
                     : " (a quoted cell may span lines only with "
                       "\"multiline\": true in the mapping)";
      }
      ok = r == CsvResult::kOk && mapper->MapCells(cells, &row, &error);
    } else {
      ok = mapper->MapJsonLine(line, &row, &error);
    }
    if (!ok) {
      c->bad.emplace_back(number, error);
      continue;
    }
    // Ids repeat from line to line: store each run once.
    if (c->rows.empty() ||
        row.creator_id != stored(creator_begin, creator_size)) {
      creator_begin = static_cast<uint32_t>(c->ids.size());
      creator_size = static_cast<uint32_t>(row.creator_id.size());
      c->ids.append(row.creator_id);
    }
    if (c->rows.empty() || row.post_id != stored(post_begin, post_size)) {
      post_begin = static_cast<uint32_t>(c->ids.size());
      post_size = static_cast<uint32_t>(row.post_id.size());
      c->ids.append(row.post_id);
    }
    Chunk::Row out;
    out.line = number;
    out.creator_begin = creator_begin;
    out.creator_size = creator_size;
    out.post_begin = post_begin;
    out.post_size = post_size;
    out.timestamp_ms = row.timestamp_ms;
    out.samples_begin = static_cast<uint32_t>(c->samples.size());
    c->samples.insert(c->samples.end(), row.samples.begin(), row.samples.end());
    out.samples_end = static_cast<uint32_t>(c->samples.size());
    c->rows.push_back(out);
  }
}

void InputPipeline::Parse(Shared* s) {
  std::vector<std::unique_ptr<RowMapper>> mappers(files_.size());
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::unique_lock<std::mutex> lock(s->mu);
      auto find = [s]() -> Chunk* {
        for (auto& c : s->chunks) {
          if (c->state == Chunk::State::kRead) return c.get();
        }
        return nullptr;
      };
      s->cv.wait(lock, [&] {
        return s->stop || find() != nullptr || s->reading_done;
      });
      if (s->stop) return;
      chunk = find();
      if (chunk == nullptr) return;  // Reading is done and all is claimed.
      chunk->state = Chunk::State::kParsing;
    }
    ParseChunk(chunk, &mappers);
    std::lock_guard<std::mutex> lock(s->mu);
    chunk->state = Chunk::State::kParsed;
    s->cv.notify_all();
  }
}

bool InputPipeline::Run(const RowFn& row_fn, const BadFn& bad_fn,
                        const ProgressFn& progress_fn) {
  Shared s;
  s.max_chunks = static_cast<size_t>(2 * threads_ + 2);
  headers_.assign(files_.size(), {});
  std::thread reader([this, &s] { ReadFiles(&s); });
  std::vector<std::thread> parsers;
  for (int i = 0; i < threads_; ++i) {
    parsers.emplace_back([this, &s] { Parse(&s); });
  }
  bool go_on = true;
  bool complete = false;
  MappedRow row;
  for (;;) {
    std::unique_ptr<Chunk> c;
    {
      std::unique_lock<std::mutex> lock(s.mu);
      s.cv.wait(lock, [&s] {
        return (!s.chunks.empty() &&
                s.chunks.front()->state == Chunk::State::kParsed) ||
               (s.reading_done && s.chunks.empty());
      });
      if (s.chunks.empty()) {
        complete = true;
        break;
      }
      c = std::move(s.chunks.front());
      s.chunks.pop_front();
      s.cv.notify_all();
    }
    size_t r = 0, b = 0;
    while (go_on && (r < c->rows.size() || b < c->bad.size())) {
      if (b < c->bad.size() &&
          (r == c->rows.size() || c->bad[b].first < c->rows[r].line)) {
        go_on = bad_fn(c->file, c->bad[b].first, c->bad[b].second);
        ++b;
        continue;
      }
      const Chunk::Row& in = c->rows[r++];
      row.creator_id =
          std::string_view(c->ids.data() + in.creator_begin, in.creator_size);
      row.post_id =
          std::string_view(c->ids.data() + in.post_begin, in.post_size);
      row.timestamp_ms = in.timestamp_ms;
      row.samples.assign(c->samples.begin() + in.samples_begin,
                         c->samples.begin() + in.samples_end);
      go_on = row_fn(c->file, in.line, row);
    }
    if (go_on && c->fatal) {
      bad_fn(c->file, c->fatal_line, c->fatal_reason);
      go_on = false;
    }
    progress_fn(c->bytes_done);
    if (!go_on) break;
  }
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.stop = true;
    s.cv.notify_all();
  }
  reader.join();
  for (auto& t : parsers) t.join();
  return go_on && complete;
}

}  // namespace clout::cli

// write, read, creators and posts (client.h).
#include <cctype>
#include <cstdlib>
#include <iostream>

#include "clients/cli/commands/client.h"
#include "clients/cli/common/text_format.h"

namespace clout::cli {
namespace {

void SplitEntity(const std::string& entity, std::string* creator,
                 std::string* post) {
  const size_t slash = entity.find('/');
  *creator = entity.substr(0, slash);
  *post = slash == std::string::npos ? "" : entity.substr(slash + 1);
}

// Adds the TIME=VALUE arguments from args[2] on; the exit code of a bad one
// (after printing why), or kExitOk.
int AddSamples(const std::vector<std::string>& args,
               clout::v1::SeriesSamples* series) {
  for (size_t i = 2; i < args.size(); ++i) {
    const size_t eq = args[i].rfind('=');
    int64_t t = 0;
    char* end = nullptr;
    if (eq == std::string::npos || !ParseTime(args[i].substr(0, eq), &t)) {
      return UsageError("write", "'" + args[i] + "' is not TIME=VALUE");
    }
    const long long v = std::strtoll(args[i].c_str() + eq + 1, &end, 10);
    if (*end != '\0' || eq + 1 == args[i].size()) {
      return UsageError("write",
                        "'" + args[i] + "': the value is not an integer");
    }
    series->add_timestamps_ms(t);
    series->add_values(v);
  }
  return kExitOk;
}

// --from, --to, --step and --agg of read; the exit code of a bad one (after
// printing why), or kExitOk.
int ReadOptions(const CommandLine& line, clout::v1::ReadSeriesRequest* r) {
  int64_t t = 0;
  const std::string from = line.Value("from"), to = line.Value("to");
  if (!from.empty()) {
    if (!ParseTime(from, &t))
      return UsageError("read", "--from: bad time '" + from + "'");
    r->set_start_ms(t);
  }
  if (!to.empty()) {
    if (!ParseTime(to, &t))
      return UsageError("read", "--to: bad time '" + to + "'");
    r->set_end_ms(t);
  }
  r->set_step_ms(std::atoll(line.Value("step", "0").c_str()));
  const std::string agg = line.Value("agg");
  if (!agg.empty()) {
    clout::v1::Aggregation a;
    std::string name = "AGGREGATION_";
    for (char c : agg) name.push_back(static_cast<char>(std::toupper(c)));
    if (!clout::v1::Aggregation_Parse(name, &a)) {
      return UsageError("read", "--agg: unknown aggregation '" + agg + "'");
    }
    r->set_aggregation(a);
  }
  return kExitOk;
}

}  // namespace

int Client::Write(const CommandLine& line) {
  const std::vector<std::string>& args = line.args;
  if (args.size() < 3) {
    return UsageError("write",
                      "write needs CREATOR[/POST] FIELD TIME=VALUE...");
  }
  clout::v1::WriteRequest request;
  auto* s = request.add_series();
  std::string creator, post;
  SplitEntity(args[0], &creator, &post);
  s->set_creator_id(creator);
  s->set_post_id(post);
  s->set_field(args[1]);
  if (int code = AddSamples(args, s); code != kExitOk) return code;
  clout::v1::WriteResponse response;
  if (int code = Call(ingest_.get(), &clout::v1::Ingest::Stub::Write, request,
                      &response);
      code != kPrintText) {
    return code;
  }
  std::cout << "stored " << response.accepted() << " samples\n";
  return kExitOk;
}

int Client::Read(const CommandLine& line) {
  clout::v1::ReadSeriesRequest request;
  if (int code = ReadOptions(line, &request); code != kExitOk) return code;
  if (line.args.size() != 2)
    return UsageError("read", "read needs CREATOR[/POST] FIELD");
  std::string creator, post;
  SplitEntity(line.args[0], &creator, &post);
  request.set_creator_id(creator);
  request.set_post_id(post);
  request.set_field(line.args[1]);
  clout::v1::ReadSeriesResponse response;
  if (int code = Call(query_.get(), &clout::v1::Query::Stub::ReadSeries,
                      request, &response);
      code != kPrintText) {
    return code;
  }
  const Table table({{22, Align::kLeft}, {20, Align::kRight, " ", 6}});
  table.Print({"time", "value"});
  for (int i = 0; i < response.timestamps_ms_size(); ++i) {
    const std::string time = FormatTime(response.timestamps_ms(i));
    if (response.values_size() > i) {
      table.Print({time, int64_t{response.values(i)}});
    } else {
      table.Print({time, response.double_values(i)});
    }
  }
  std::cout << "(" << response.timestamps_ms_size() << " points)\n";
  return kExitOk;
}

int Client::Creators(const CommandLine& line) {
  clout::v1::ListCreatorsRequest request;
  request.set_platform(line.Value("platform"));
  request.set_page_size(1000);
  if (!line.args.empty()) {
    return UsageError("creators",
                      "creators: unexpected '" + line.args[0] + "'");
  }
  clout::v1::ListCreatorsResponse all;
  for (;;) {
    clout::v1::ListCreatorsResponse response;
    grpc::Status st = query_->ListCreators(Context().get(), request, &response);
    if (!st.ok()) return Failed(st);
    for (auto& c : *response.mutable_creators()) {
      *all.add_creators() = std::move(c);
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  if (options_.json) {
    PrintJson(all);
    return kExitOk;
  }
  const Table table(
      {{32, Align::kLeft}, {10, Align::kLeft}, {24, Align::kLeft}});
  table.Print({"creator_id", "platform", "handle"});
  for (const auto& c : all.creators()) {
    table.Print({c.creator_id(), c.platform(), c.handle()});
  }
  std::cout << "(" << all.creators_size() << " creators)\n";
  return kExitOk;
}

int Client::Posts(const CommandLine& line) {
  if (line.args.size() != 1) return UsageError("posts", "posts needs CREATOR");
  clout::v1::ListPostsRequest request;
  request.set_creator_id(line.args[0]);
  request.set_page_size(1000);
  clout::v1::ListPostsResponse all;
  for (;;) {
    clout::v1::ListPostsResponse response;
    grpc::Status st = query_->ListPosts(Context().get(), request, &response);
    if (!st.ok()) return Failed(st);
    for (auto& p : *response.mutable_posts()) *all.add_posts() = std::move(p);
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  if (options_.json) {
    PrintJson(all);
    return kExitOk;
  }
  const Table table({{32, Align::kLeft}, {22, Align::kLeft}});
  table.Print({"post_id", "published"});
  for (const auto& p : all.posts()) {
    table.Print({p.post_id(), p.published_ms() == 0
                                  ? std::string("-")
                                  : FormatTime(p.published_ms())});
  }
  std::cout << "(" << all.posts_size() << " posts)\n";
  return kExitOk;
}

}  // namespace clout::cli

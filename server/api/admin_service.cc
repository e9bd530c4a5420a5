// The Admin service: statistics and maintenance.
#include <chrono>
#include <filesystem>

#include "clout/v1/admin.grpc.pb.h"
#include "server/api/grpc_status.h"
#include "server/api/services.h"
#include "server/common/log.h"
#include "server/common/strings.h"

namespace clout::api {
namespace {

class AdminService final : public clout::v1::Admin::Service {
 public:
  explicit AdminService(const ServiceContext* context) : ctx_(context) {}

  grpc::Status GetStats(grpc::ServerContext*, const clout::v1::GetStatsRequest*,
                        clout::v1::GetStatsResponse* response) override {
    auto stats = ctx_->store->Stats(/*count_samples=*/true);
    if (!stats.ok()) return ToGrpc(stats.status());
    response->set_creators(stats->creators);
    response->set_posts(stats->posts);
    response->set_series(stats->series);
    response->set_samples(stats->samples);
    response->set_bytes_on_disk(stats->bytes_on_disk);
    response->set_sample_table_bytes(stats->sample_table_bytes);
    response->set_server_version(ctx_->version);
    for (const auto& [name, m] : ctx_->plugins->Snapshot()->metrics) {
      auto* ps = response->add_plugins();
      ps->set_plugin(m->plugin->name());
      ps->set_plugin_version(m->plugin->version());
      ps->set_metric(m->name);
      ps->set_metric_version(m->version);
      ps->set_file(m->plugin->file());
      const int64_t calls = m->counters.calls.load();
      ps->set_calls(calls);
      ps->set_errors(m->counters.errors.load());
      ps->set_mean_latency_us(
          calls == 0 ? 0 : m->counters.total_ns.load() / 1e3 / calls);
      ps->set_max_latency_us(m->counters.max_ns.load() / 1e3);
    }
    response->set_uptime_seconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                      ctx_->started)
            .count());
    return grpc::Status::OK;
  }

  grpc::Status Checkpoint(grpc::ServerContext*,
                          const clout::v1::CheckpointRequest* request,
                          clout::v1::CheckpointResponse* response) override {
    const std::string& path = request->path();
    if (path.empty() || path[0] != '/') {
      return ToGrpc(absl::InvalidArgumentError(
          StrCat("path: '", path, "' is not an absolute path")));
    }
    absl::Status st = ctx_->store->Checkpoint(path);
    if (!st.ok()) return ToGrpc(st);
    CLOUT_LOG(INFO) << "checkpoint written to " << path;
    response->set_path(path);
    response->set_bytes(FolderBytes(path));
    return grpc::Status::OK;
  }

  grpc::Status ReloadPlugins(
      grpc::ServerContext*, const clout::v1::ReloadPluginsRequest*,
      clout::v1::ReloadPluginsResponse* response) override {
    for (const auto& r : ctx_->plugins->Reload()) {
      auto* f = response->add_files();
      f->set_file(r.file);
      f->set_loaded(r.loaded);
      f->set_error(r.error);
      f->set_plugin(r.plugin);
      f->set_plugin_version(r.plugin_version);
      for (const auto& m : r.metrics) f->add_metrics(m);
    }
    response->set_metrics(
        static_cast<int>(ctx_->plugins->Snapshot()->metrics.size()));
    return grpc::Status::OK;
  }

  grpc::Status Compact(grpc::ServerContext*, const clout::v1::CompactRequest*,
                       clout::v1::CompactResponse* response) override {
    auto before = ctx_->store->Stats(false);
    auto start = std::chrono::steady_clock::now();
    absl::Status st = ctx_->store->Compact();
    if (!st.ok()) return ToGrpc(st);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    auto after = ctx_->store->Stats(false);
    if (before.ok()) response->set_bytes_before(before->bytes_on_disk);
    if (after.ok()) response->set_bytes_after(after->bytes_on_disk);
    response->set_seconds(seconds);
    CLOUT_LOG(INFO) << "compaction took " << seconds << " s";
    return grpc::Status::OK;
  }

 private:
  static int64_t FolderBytes(const std::string& path) {
    int64_t total = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
  }

  const ServiceContext* ctx_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewAdminService(const ServiceContext* context) {
  return std::make_unique<AdminService>(context);
}

}  // namespace clout::api

#include "server/server.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "server/common/log.h"
#include "server/common/strings.h"

#ifndef CLOUT_VERSION
#define CLOUT_VERSION "0.0.0-dev"
#endif

namespace clout {
namespace {

constexpr const char* kServiceNames[] = {"clout.v1.Ingest", "clout.v1.Query",
                                         "clout.v1.Admin", "clout.v1.Metrics",
                                         "clout.v1.Bulk"};

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(
    const ServerOptions& options) {
  std::unique_ptr<Server> server(new Server());
  storage::RocksDbSeriesStore::Options store_options;
  store_options.sync = options.sync;
  store_options.decoded_cache_bytes = options.sample_cache_bytes;
  store_options.progress = [](const std::string& message) {
    CLOUT_LOG(INFO) << message;
  };
  auto store = storage::RocksDbSeriesStore::Open(options.data_dir,
                                                 store_options);
  if (!store.ok()) return store.status();
  server->store_ = std::move(*store);
  CLOUT_LOG(INFO) << "opened data folder " << options.data_dir
                  << (options.sync ? " (fsync on every write)" : "");

  // Plugins are loaded from copies in a private folder, removed at exit.
  server->staging_dir_ =
      (std::filesystem::temp_directory_path() /
       StrCat("cloutd-plugins-", ::getpid()))
          .string();
  server->plugins_ = std::make_unique<plugin_host::PluginRegistry>(
      options.plugin_dir, server->staging_dir_);
  std::vector<plugin_host::FileReport> reports = server->plugins_->Reload();
  CLOUT_LOG(INFO) << "plugin folder " << options.plugin_dir << ": "
                  << server->plugins_->Snapshot()->metrics.size()
                  << " metrics from " << reports.size() << " files";

  server->context_.store = server->store_.get();
  server->context_.bulk = server->store_.get();
  server->context_.plugins = server->plugins_.get();
  server->results_ =
      std::make_unique<metrics::ResultCache>(options.result_cache_bytes);
  server->context_.results = server->results_.get();
  server->post_directory_ =
      std::make_unique<metrics::PostDirectory>(server->store_.get());
  server->context_.post_directory = server->post_directory_.get();
  server->latest_samples_ =
      std::make_unique<metrics::LatestSampleCache>(server->store_.get());
  server->context_.latest_samples = server->latest_samples_.get();
  // The thread of the request computes too: one worker fewer than cores.
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  server->compute_pool_ = std::make_unique<WorkerPool>(cores - 1);
  server->context_.compute_pool = server->compute_pool_.get();
  server->context_.limits = options.limits;
  server->context_.version = CLOUT_VERSION;
  server->services_.push_back(api::NewIngestService(&server->context_));
  server->services_.push_back(api::NewQueryService(&server->context_));
  server->services_.push_back(api::NewAdminService(&server->context_));
  server->services_.push_back(api::NewMetricsService(&server->context_));
  server->services_.push_back(api::NewBulkService(&server->context_));

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(),
                           &server->port_);
  // Pollers wake up this often; shutdown waits for them, so keep it short.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::CQ_TIMEOUT_MSEC,
                              200);
  // gRPC's sync server ends a handler thread once more than MAX_POLLERS
  // threads wait for calls, and starts a new one when fewer than
  // MIN_POLLERS do: with its defaults (1 and 2) a steady stream of calls
  // makes and ends a thread every few calls, and each new thread starts
  // with cold caches and a fresh allocator arena. Keep a few waiting.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS,
                              2);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              8);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  for (auto& service : server->services_) builder.RegisterService(service.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        StrCat("cannot listen on '", options.listen,
               "' (address in use, or not a host:port?)"));
  }
  auto* health = server->server_->GetHealthCheckService();
  for (const char* name : kServiceNames) health->SetServingStatus(name, true);
  return server;
}

Server::Server() = default;

std::vector<plugin_host::FileReport> Server::ReloadPlugins() {
  return plugins_->Reload();
}

Server::~Server() { Shutdown(std::chrono::milliseconds(0)); }

void Server::Shutdown(std::chrono::milliseconds grace) {
  if (server_ != nullptr) {
    server_->GetHealthCheckService()->SetServingStatus(false);
    server_->Shutdown(std::chrono::system_clock::now() + grace);
    server_->Wait();
    server_.reset();
    CLOUT_LOG(INFO) << "gRPC server stopped";
  }
  services_.clear();
  plugins_.reset();
  if (!staging_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(staging_dir_, ec);
  }
  if (store_ != nullptr) {
    store_.reset();  // Flushes the log and closes the database.
    CLOUT_LOG(INFO) << "database closed";
  }
}

}  // namespace clout

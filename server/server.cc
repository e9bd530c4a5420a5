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
  absl::Status st = server->OpenStore(options);
  if (!st.ok()) return st;
  server->LoadPlugins(options);
  server->StartServices(options);
  st = server->Listen(options);
  if (!st.ok()) return st;
  return server;
}

absl::Status Server::OpenStore(const ServerOptions& options) {
  storage::RocksDbSeriesStore::Options store_options;
  store_options.sync = options.sync;
  store_options.decoded_cache_bytes = options.sample_cache_bytes;
  store_options.progress = [](const std::string& message) {
    CLOUT_LOG(INFO) << message;
  };
  auto store =
      storage::RocksDbSeriesStore::Open(options.data_dir, store_options);
  if (!store.ok()) return store.status();
  store_ = std::move(*store);
  CLOUT_LOG(INFO) << "opened data folder " << options.data_dir
                  << (options.sync ? " (fsync on every write)" : "");
  return absl::OkStatus();
}

void Server::LoadPlugins(const ServerOptions& options) {
  // Plugins are loaded from copies in a private folder, removed at exit.
  staging_dir_ = (std::filesystem::temp_directory_path() /
                  StrCat("cloutd-plugins-", ::getpid()))
                     .string();
  plugins_ = std::make_unique<plugin_host::PluginRegistry>(options.plugin_dir,
                                                           staging_dir_);
  std::vector<plugin_host::FileReport> reports = plugins_->Reload();
  CLOUT_LOG(INFO) << "plugin folder " << options.plugin_dir << ": "
                  << plugins_->Snapshot()->metrics.size() << " metrics from "
                  << reports.size() << " files";
}

void Server::StartServices(const ServerOptions& options) {
  metrics::MetricEngine::Options engine_options;
  engine_options.result_cache_bytes = options.result_cache_bytes;
  // The thread of the request computes too: one worker fewer than cores.
  const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  engine_options.workers = cores - 1;
  metrics_ =
      metrics::NewMetricEngine(store_.get(), plugins_.get(), engine_options);
  context_.store = store_.get();
  context_.bulk = store_.get();
  context_.plugins = plugins_.get();
  context_.metrics = metrics_.get();
  context_.limits = options.limits;
  context_.version = CLOUT_VERSION;
  services_.push_back(api::NewIngestService(&context_));
  services_.push_back(api::NewQueryService(&context_));
  services_.push_back(api::NewAdminService(&context_));
  services_.push_back(api::NewMetricsService(&context_));
  services_.push_back(api::NewBulkService(&context_));
}

absl::Status Server::Listen(const ServerOptions& options) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(),
                           &port_);
  // Pollers wake up this often; shutdown waits for them, so keep it short.
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::CQ_TIMEOUT_MSEC, 200);
  // gRPC's sync server ends a handler thread once more than MAX_POLLERS
  // threads wait for calls, and starts a new one when fewer than
  // MIN_POLLERS do: with its defaults (1 and 2) a steady stream of calls
  // makes and ends a thread every few calls, and each new thread starts
  // with cold caches and a fresh allocator arena. Keep a few waiting.
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 2);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 8);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  for (auto& service : services_) builder.RegisterService(service.get());
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(
        StrCat("cannot listen on '", options.listen,
               "' (address in use, or not a host:port?)"));
  }
  auto* health = server_->GetHealthCheckService();
  for (const char* name : kServiceNames) health->SetServingStatus(name, true);
  return absl::OkStatus();
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
  metrics_.reset();  // Before what it reads: the plugins and the store.
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

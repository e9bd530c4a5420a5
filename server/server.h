// Server: the assembled cloutd. Opens the store, registers the gRPC
// services (clout.v1 plus health checking and reflection) and serves until
// shut down. Free of gRPC includes; see server.cc.
#ifndef CLOUT_SERVER_SERVER_H_
#define CLOUT_SERVER_SERVER_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/api/services.h"
#include "server/storage/rocksdb_series_store.h"

namespace grpc {
class Server;
}  // namespace grpc

namespace clout {

struct ServerOptions {
  // host:port to listen on; port 0 picks a free port (see Server::port).
  std::string listen = "127.0.0.1:7420";
  // Folder of the database; created if missing.
  std::string data_dir = "./data";
  // Folder of metric plugins.
  std::string plugin_dir = "./plugins";
  // fsync the write-ahead log before acknowledging each write.
  bool sync = false;
  api::Limits limits;
  // Memory for cached metric results (0 keeps none).
  size_t result_cache_bytes = size_t{256} << 20;
  // Decoded sample blocks kept in memory (0 disables the cache).
  size_t sample_cache_bytes = size_t{512} << 20;
  // Largest request message accepted, in bytes.
  int max_message_bytes = 256 << 20;
};

// Start, ReloadPlugins and Shutdown are called from one thread (cloutd's
// main); the services run on gRPC's threads meanwhile.
class Server {
 public:
  // Opens the store and starts serving. FailedPrecondition if the data
  // folder cannot be used, Unavailable if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<Server>> Start(
      const ServerOptions& options);

  // Shuts down if still running.
  ~Server();

  // Reloads the plugin folder (see Admin.ReloadPlugins).
  std::vector<plugin_host::FileReport> ReloadPlugins();

  // The port actually bound.
  int port() const { return port_; }

  // Stops accepting calls, lets in-flight calls finish for up to `grace`,
  // cancels what remains, then closes the store. Idempotent.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  Server();

  // The steps of Start.
  absl::Status OpenStore(const ServerOptions& options);
  void LoadPlugins(const ServerOptions& options);
  void StartServices(const ServerOptions& options);
  absl::Status Listen(const ServerOptions& options);

  std::unique_ptr<storage::RocksDbSeriesStore> store_;
  std::unique_ptr<plugin_host::PluginRegistry> plugins_;
  std::unique_ptr<metrics::MetricEngine> metrics_;
  std::string staging_dir_;
  api::ServiceContext context_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace clout

#endif  // CLOUT_SERVER_SERVER_H_

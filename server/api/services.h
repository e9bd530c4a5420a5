// Factories of the gRPC services of clout.v1. This header is free of gRPC
// includes so that the server's wiring compiles quickly; each service lives
// in its own translation unit.
#ifndef CLOUT_SERVER_API_SERVICES_H_
#define CLOUT_SERVER_API_SERVICES_H_

#include <chrono>
#include <memory>
#include <string>

#include "server/api/validation.h"
#include "server/metrics/metric_engine.h"
#include "server/plugin_host/plugin_registry.h"
#include "server/storage/bulk_ingest.h"
#include "server/storage/series_store.h"

namespace grpc {
class Service;
}  // namespace grpc

namespace clout::api {

// What the services share, none of it owned. Must outlive the services.
struct ServiceContext {
  storage::SeriesStore* store = nullptr;
  storage::BulkIngest* bulk = nullptr;  // Null: the Bulk service is off.
  // The plugin folder, for statistics and reloads (Admin).
  plugin_host::PluginRegistry* plugins = nullptr;
  // Runs the metrics over `store` and the metrics of `plugins` (Metrics).
  metrics::MetricEngine* metrics = nullptr;
  Limits limits;
  std::string version;
  std::chrono::steady_clock::time_point started =
      std::chrono::steady_clock::now();
};

std::unique_ptr<grpc::Service> NewIngestService(const ServiceContext* context);
std::unique_ptr<grpc::Service> NewQueryService(const ServiceContext* context);
std::unique_ptr<grpc::Service> NewAdminService(const ServiceContext* context);
std::unique_ptr<grpc::Service> NewMetricsService(const ServiceContext* context);
std::unique_ptr<grpc::Service> NewBulkService(const ServiceContext* context);

}  // namespace clout::api

#endif  // CLOUT_SERVER_API_SERVICES_H_

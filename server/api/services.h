// Factories of the gRPC services of clout.v1. This header is free of gRPC
// includes so that the server's wiring compiles quickly; each service lives
// in its own translation unit.
#ifndef CLOUT_SERVER_API_SERVICES_H_
#define CLOUT_SERVER_API_SERVICES_H_

#include <chrono>
#include <memory>
#include <string>

#include "server/api/validation.h"
#include "server/common/parallel.h"
#include "server/metrics/latest_samples.h"
#include "server/metrics/post_directory.h"
#include "server/metrics/result_cache.h"
#include "server/plugin_host/plugin_registry.h"
#include "server/storage/bulk_ingest.h"
#include "server/storage/series_store.h"

namespace grpc {
class Service;
}  // namespace grpc

namespace clout::api {

// What the services share. Must outlive the services.
struct ServiceContext {
  storage::SeriesStore* store = nullptr;
  storage::BulkIngest* bulk = nullptr;  // Null: the Bulk service is off.
  plugin_host::PluginRegistry* plugins = nullptr;
  metrics::ResultCache* results = nullptr;
  metrics::PostDirectory* post_directory = nullptr;
  metrics::LatestSampleCache* latest_samples = nullptr;
  // Spreads ComputeBatch and Rank over the cores.
  WorkerPool* compute_pool = nullptr;
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

// Conversion between the metrics engine's types (server/metrics) and the
// clout.v1 Metrics messages. Free of gRPC includes.
#ifndef CLOUT_SERVER_API_METRIC_PROTO_H_
#define CLOUT_SERVER_API_METRIC_PROTO_H_

#include <map>
#include <string>

#include "clout/v1/metrics.pb.h"
#include "server/metrics/metric_engine.h"
#include "server/plugin_host/metric.h"

namespace clout::api {

// Describes `metric` (its plugin, schema and parameters) into *info.
void FillMetricInfo(const plugin_host::Metric& metric,
                    clout::v1::MetricInfo* info);

// The parameter values of a request, by name, as the engine takes them.
std::map<std::string, metrics::ParamValue> ParamsFromProto(
    const google::protobuf::Map<std::string, clout::v1::ParameterValue>& in);

// Writes `result` into *out, which should be empty.
void FillMetricResult(const metrics::MetricResult& result,
                      clout::v1::MetricResult* out);

}  // namespace clout::api

#endif  // CLOUT_SERVER_API_METRIC_PROTO_H_

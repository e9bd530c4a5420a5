#include "bench/abi_minimal_host.h"

#include <cstddef>
#include <cstdint>

namespace clout::bench {
namespace {

Sink* AsSink(void* call) { return static_cast<Sink*>(call); }

void MinLog(void*, int32_t, const char*) {}
void MinSetError(void* call, const char* message) {
  AsSink(call)->error = message;
}
int32_t MinCancelled(void*) { return 0; }
void* MinAlloc(void*, size_t) { return nullptr; }
int32_t MinSetValue(void* call, double value) {
  AsSink(call)->value = value;
  return CLOUT_OK;
}
int32_t MinSetVariant(void* call, const char* variant, const char* formula) {
  AsSink(call)->variant = variant;
  AsSink(call)->formula = formula;
  return CLOUT_OK;
}
int32_t MinAddComponent(void* call, const char*, double value, const char*) {
  ++AsSink(call)->components;
  AsSink(call)->last_component = value;
  return CLOUT_OK;
}
int32_t MinAddRow(void* call, const char*, int64_t, const double* values,
                  uint32_t) {
  ++AsSink(call)->rows;
  AsSink(call)->last_row = values;
  return CLOUT_OK;
}
int32_t MinAddPoint(void* call, int64_t, double) {
  ++AsSink(call)->points;
  return CLOUT_OK;
}

}  // namespace

const clout_host_v1 kMinimalHost = {
    sizeof(clout_host_v1), MinLog,          MinSetError,
    MinCancelled,          MinAlloc,        MinSetValue,
    MinSetVariant,         MinAddComponent, MinAddRow,
    MinAddPoint,
};

}  // namespace clout::bench

// The minimal host of abi_overhead_bench's direct paths: output functions
// store what they are given, nothing is copied or checked.
#ifndef CLOUT_BENCH_ABI_MINIMAL_HOST_H_
#define CLOUT_BENCH_ABI_MINIMAL_HOST_H_

#include "clout/plugin.h"

namespace clout::bench {

// What the plugin handed the minimal host during one call; pass a Sink as
// the call handle. The pointers are the plugin's own, valid only during the
// call.
struct Sink {
  double value = 0;
  const char* variant = nullptr;
  const char* formula = nullptr;
  const char* error = nullptr;
  int components = 0;
  double last_component = 0;
  int rows = 0;
  const double* last_row = nullptr;
  int points = 0;
  void Reset() { *this = Sink(); }
};

// Host functions writing into the Sink given as call handle; log,
// cancellation and allocation do nothing.
extern const clout_host_v1 kMinimalHost;

}  // namespace clout::bench

#endif  // CLOUT_BENCH_ABI_MINIMAL_HOST_H_

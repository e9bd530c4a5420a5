// ParallelFor: runs fn(i) for i in [0, n) on `threads` threads (the calling
// thread included), handing out indices one at a time. Returns when all are
// done. fn must be safe to call concurrently.
#ifndef CLOUT_SERVER_COMMON_PARALLEL_H_
#define CLOUT_SERVER_COMMON_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace clout {

template <typename Fn>
void ParallelFor(size_t n, size_t threads, const Fn& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> helpers;
  const size_t extra = std::min(threads, n) > 0 ? std::min(threads, n) - 1 : 0;
  for (size_t t = 0; t < extra; ++t) helpers.emplace_back(work);
  work();
  for (auto& t : helpers) t.join();
}

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_PARALLEL_H_

// WorkerPool: long-lived threads for spreading one request's work over the
// cores (ComputeBatch and Rank compute one creator per index).
//
// A pool keeps its threads for the server's lifetime, so a request does not
// pay for starting threads, and what threads cache for themselves (buffers
// kept in thread_local storage, the allocator's per-thread arena) stays
// warm from one request to the next. Several requests may run ParallelFor at
// once; they share the workers, and every caller works on its own indices
// too, so a request never waits for a worker to make progress.
//
//   WorkerPool pool(1);  // One worker besides the calling thread.
//   pool.ParallelFor(creators.size(), [&](size_t i) { Compute(creators[i]); });
#ifndef CLOUT_SERVER_COMMON_PARALLEL_H_
#define CLOUT_SERVER_COMMON_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace clout {

class WorkerPool {
 public:
  // Starts `workers` threads (0: ParallelFor runs on the caller alone).
  explicit WorkerPool(size_t workers);
  // Waits for the workers to finish what they run, then stops them.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs fn(i) for every i in [0, n), handing indices out one at a time to
  // the calling thread and to idle workers. Returns when all are done. fn
  // must be safe to call concurrently.
  void ParallelFor(size_t n, const std::function<void(size_t)>& fn);

  size_t workers() const { return threads_.size(); }

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_PARALLEL_H_

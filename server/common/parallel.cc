#include "server/common/parallel.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace clout {

WorkerPool::WorkerPool(size_t workers) {
  threads_.reserve(workers);
  for (size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Stopping, nothing left.
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

void WorkerPool::ParallelFor(size_t n, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  // A helper task may start after the loop is over (a worker was busy with
  // another request): it then finds no index left and never touches `fn`,
  // which lives on the caller's stack; the state it does touch is shared.
  struct Loop {
    std::atomic<size_t> next{0};
    size_t n = 0;
    const std::function<void(size_t)>* fn = nullptr;
    std::mutex mu;
    std::condition_variable idle;
    int running = 0;  // Helpers inside the loop.
  };
  auto loop = std::make_shared<Loop>();
  loop->n = n;
  loop->fn = &fn;
  const size_t helpers = std::min(threads_.size(), n - 1);
  if (helpers > 0) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (size_t h = 0; h < helpers; ++h) {
        queue_.emplace_back([loop] {
          {
            std::lock_guard<std::mutex> l(loop->mu);
            ++loop->running;
          }
          for (size_t i = loop->next.fetch_add(1); i < loop->n;
               i = loop->next.fetch_add(1)) {
            (*loop->fn)(i);
          }
          std::lock_guard<std::mutex> l(loop->mu);
          if (--loop->running == 0) loop->idle.notify_all();
        });
      }
    }
    if (helpers == 1) {
      wake_.notify_one();
    } else {
      wake_.notify_all();
    }
  }
  for (size_t i = loop->next.fetch_add(1); i < n; i = loop->next.fetch_add(1)) {
    fn(i);
  }
  // Every index is handed out; wait for the helpers still computing one.
  std::unique_lock<std::mutex> lock(loop->mu);
  loop->idle.wait(lock, [&] { return loop->running == 0; });
}

}  // namespace clout

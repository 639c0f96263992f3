#include "baocao/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace baocao {

WorkerPool::WorkerPool(int workers) : workers_(std::max(1, workers)) {}

void WorkerPool::ForEach(std::size_t count, const std::function<void(std::size_t, int)>& task) const {
  std::atomic<std::size_t> next{0};
  auto drain = [&](int worker) {
    for (std::size_t i = next++; i < count; i = next++) task(i, worker);
  };
  const auto threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(workers_), count));
  if (threads <= 1) {
    drain(0);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int w = 1; w < threads; ++w) pool.emplace_back(drain, w);
  drain(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace baocao

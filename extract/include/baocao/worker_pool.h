// The one place baocao runs work on several threads.
//
//   WorkerPool pool(options.jobs);
//   pool.ForEach(pages.size(), [&](std::size_t i, int worker) { Ocr(pages[i], engines[worker]); });
#ifndef BAOCAO_WORKER_POOL_H_
#define BAOCAO_WORKER_POOL_H_

#include <cstddef>
#include <functional>

namespace baocao {

class WorkerPool {
 public:
  // `workers` < 1 means one.
  explicit WorkerPool(int workers);

  int workers() const { return workers_; }

  // Calls task(i, worker) for every i in [0, count), spreading the calls over
  // the workers, and returns when all have returned. `worker` is in
  // [0, workers()) and no two concurrent calls share one, so per-worker state
  // (an OCR engine, a buffer) needs no locking. Tasks must not throw.
  void ForEach(std::size_t count, const std::function<void(std::size_t, int)>& task) const;

 private:
  int workers_;
};

}  // namespace baocao

#endif  // BAOCAO_WORKER_POOL_H_

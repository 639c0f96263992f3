#include <unistd.h>

#include <cstdlib>

#include "baocao/extract.h"

namespace baocao {

void RestartWithOneOcrThreadPerPage(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  if (setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: exec failed, and the program goes on with OpenMP's default.
}

}  // namespace baocao

// Small file helpers shared by the accuracy tests and the benchmarks.
#ifndef BAOCAO_EVAL_FILES_H_
#define BAOCAO_EVAL_FILES_H_

#include <string>

namespace baocao::eval {

// The whole file as bytes; empty if it cannot be read (the caller's checks
// on the content say what was missing).
std::string ReadFile(const std::string& path);

}  // namespace baocao::eval

#endif  // BAOCAO_EVAL_FILES_H_

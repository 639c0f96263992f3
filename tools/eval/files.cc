#include "eval/files.h"

#include <fstream>
#include <iterator>

namespace baocao::eval {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace baocao::eval

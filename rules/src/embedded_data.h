// The files of rules/data, compiled into the library by
// rules/cmake/embed_data.cmake.
#ifndef BAOCAO_RULES_EMBEDDED_DATA_H_
#define BAOCAO_RULES_EMBEDDED_DATA_H_

#include <cstddef>
#include <string_view>

namespace baocao::rules_internal {

struct EmbeddedFile {
  const char* name;           // file name without folder: "patterns.txt"
  std::string_view contents;  // the file's bytes
};

extern const EmbeddedFile kEmbeddedFiles[];
extern const std::size_t kEmbeddedFileCount;

}  // namespace baocao::rules_internal

#endif  // BAOCAO_RULES_EMBEDDED_DATA_H_

# cmake -DINPUT=file -DOUTPUT=file.cc -DNAME=Symbol -P EmbedFile.cmake
# Writes a C++ source defining `std::string_view baocao::normalize_internal::Embedded<NAME>()`
# that returns the bytes of INPUT, so the program needs no data files at run time.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by EmbedFile.cmake. Do not edit.
#include <cstddef>
#include <string_view>

namespace baocao::normalize_internal {
namespace {
const unsigned char kData[] = {
    ${bytes}0x00};
}  // namespace

std::string_view Embedded${NAME}() {
  return std::string_view(reinterpret_cast<const char*>(kData), std::size_t{${size}});
}

}  // namespace baocao::normalize_internal
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

# Writes a C++ source holding the bytes of data files, so that the library
# needs no files at run time. Run as a build step:
#   cmake -DOUTPUT=out.cc -DINPUTS="a.tsv;b.txt" -P embed_data.cmake
# Each file becomes an EmbeddedFile {name, contents} (see src/embedded_data.h).
set(body "// Generated from rules/data by rules/cmake/embed_data.cmake. Do not edit.\n")
string(APPEND body "#include \"embedded_data.h\"\n\nnamespace baocao::rules_internal {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  file(READ "${input}" hex HEX)
  file(SIZE "${input}" size)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  # Break the initialiser into lines of 16 bytes for compilers' sake.
  string(REGEX REPLACE "(('[^']*',){16})" "\\1\n" bytes "${bytes}")
  get_filename_component(name "${input}" NAME)
  string(APPEND body "const char kFile${index}[] = {\n${bytes}'\\0'};\n")
  string(APPEND table "    {\"${name}\", std::string_view(kFile${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "}  // namespace\n\nconst EmbeddedFile kEmbeddedFiles[] = {\n${table}};\n")
string(APPEND body "const std::size_t kEmbeddedFileCount = ${index};\n\n}  // namespace baocao::rules_internal\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

# Writes web_assets.cc holding the review page's script and style sheet, so
# that the program serves them without reading any file at run time.
# -DSCRIPT=... -DSTYLE=... -DOUT=...
file(READ "${SCRIPT}" script)
file(READ "${STYLE}" style)
string(FIND "${script}${style}" ")baocao_asset" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "a web asset contains the raw-string delimiter")
endif()
file(WRITE "${OUT}.tmp"
  "// Generated from tools/baocao/web by embed_web_assets.cmake: do not edit.\n"
  "#include \"baocao/web_assets.h\"\n\n"
  "namespace baocao::cli {\n\n"
  "std::string_view ReviewScript() {\n  static constexpr char kText[] = R\"baocao_asset(${script})baocao_asset\";\n"
  "  return {kText, sizeof kText - 1};\n}\n\n"
  "std::string_view ReviewStyle() {\n  static constexpr char kText[] = R\"baocao_asset(${style})baocao_asset\";\n"
  "  return {kText, sizeof kText - 1};\n}\n\n"
  "}  // namespace baocao::cli\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")

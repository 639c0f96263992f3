# Every dependency comes from a Debian 12 package (see tools/setup.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
# The review web page (baocao review): cpp-httplib, built with TLS and compression support by Debian.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
if(BAOCAO_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

# Project-wide compiler flags: warnings for our own targets, optional sanitizers.
add_library(baocao_warnings INTERFACE)
target_compile_options(baocao_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(BAOCAO_WERROR)
  target_compile_options(baocao_warnings INTERFACE -Werror)
endif()

if(BAOCAO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

#include <cstdlib>
#include <iostream>

#include "baocao/cli.h"

int main(int argc, char** argv) {
  // Tesseract's OpenMP threads cost several times the CPU for the same page on
  // few cores; baocao runs pages in parallel instead (-j). A user's own
  // setting is kept.
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  return baocao::cli::Run(argc, argv, std::cout, std::cerr);
}

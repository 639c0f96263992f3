#include <iostream>

#include "baocao/cli.h"
#include "baocao/extract.h"

int main(int argc, char** argv) {
  baocao::RestartWithOneOcrThreadPerPage(argv);
  return baocao::cli::Run(argc, argv, std::cout, std::cerr);
}

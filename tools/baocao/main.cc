#include <iostream>

#include "baocao/cli.h"

int main(int argc, char** argv) { return baocao::cli::Run(argc, argv, std::cout, std::cerr); }

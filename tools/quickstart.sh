#!/usr/bin/env bash
# The two commands of the README's quick start:
#   bash tools/quickstart.sh sample   install, build, run baocao on the bundled sample corpus
#   bash tools/quickstart.sh test     install, build, run the whole test suite (also under ASan/UBSan)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode="${1:-}"
jobs="$(nproc)"

build() {  # build DIR [cmake options...]
  local dir="$1"; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" --parallel "$jobs"
}

case "$mode" in
  sample)
    bash tools/setup.sh
    build build -DCMAKE_BUILD_TYPE=Release -DBAOCAO_BUILD_TESTS=OFF
    mkdir -p sample-output
    ./build/tools/baocao extract --out-dir sample-output corpus/pdf/clean/*.pdf
    echo "quickstart: text of each sample PDF is in sample-output/"
    ;;
  test)
    bash tools/setup.sh
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAOCAO_WERROR=ON
    (cd build && ctest --output-on-failure --parallel "$jobs")
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DBAOCAO_WERROR=ON -DBAOCAO_SANITIZE=ON
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
       ctest --output-on-failure --parallel "$jobs" --label-exclude slow)
    ;;
  *)
    echo "usage: bash tools/quickstart.sh sample|test" >&2
    exit 2
    ;;
esac

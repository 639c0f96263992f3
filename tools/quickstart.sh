#!/usr/bin/env bash
# The two commands of the README's quick start:
#   bash tools/quickstart.sh sample   install, build, ingest the bundled sample corpus into sample.db, query it
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
    build build -DCMAKE_BUILD_TYPE=Release -DBAOCAO_BUILD_TESTS=OFF -DBAOCAO_WERROR=OFF
    # A sample of the bundled corpus into the embedded SQLite store sample.db:
    # the born-digital reports, one in the VNI legacy encoding, and one whose
    # scanned pages go through OCR. (The whole corpus: baocao ingest corpus/pdf.)
    ./build/tools/baocao ingest corpus/pdf/clean corpus/pdf/vni/003.pdf corpus/pdf/mixed/002.pdf \
      --db sample.db -j 2
    echo
    echo "quickstart: baocao series \"ty le hoan thanh ke hoach cchc\" --db sample.db"
    ./build/tools/baocao series "ty le hoan thanh ke hoach cchc" --db sample.db
    echo
    echo "quickstart: baocao search \"ty le ho so dung han\" --db sample.db --limit 5"
    ./build/tools/baocao search "ty le ho so dung han" --db sample.db --limit 5
    echo
    echo "quickstart: the store is sample.db; try ./build/tools/baocao deadlines --db sample.db"
    echo "quickstart: review what the program was unsure of in the browser: ./build/tools/baocao review --db sample.db"
    ;;
  test)
    bash tools/setup.sh
    build build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAOCAO_WERROR=ON
    (cd build-test && ctest --output-on-failure --parallel "$jobs")
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DBAOCAO_WERROR=ON -DBAOCAO_SANITIZE=ON
    # Under the sanitizers: every unit test (end-to-end and slow ones ran above).
    (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
       LSAN_OPTIONS="suppressions=$PWD/../tests/sanitizers/lsan.supp" \
       ctest --output-on-failure --parallel "$jobs" --label-exclude "e2e|slow")
    ;;
  *)
    echo "usage: bash tools/quickstart.sh sample|test" >&2
    exit 2
    ;;
esac

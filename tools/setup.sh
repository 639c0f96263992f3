#!/usr/bin/env bash
# Installs everything baocao needs to build, test and regenerate its corpus,
# from Debian 12 packages only. Idempotent; run as root (or through sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  # extract: Poppler (with private headers for glyph-level access), Tesseract
  libpoppler-dev libpoppler-private-dev libpoppler-cpp-dev poppler-utils
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet
  # glyph outlines of embedded fonts, for the glyph-shape memory
  libfreetype-dev
  # normalize and rules
  libicu-dev libre2-dev hunspell-vi
  # general Vietnamese running text for the syllable language model (built at build time)
  libreoffice-help-vi manpages-vi
  # storage
  libsqlite3-dev
  # command line and formats
  libcli11-dev nlohmann-json3-dev libfmt-dev libspdlog-dev
  # the review web page, and the browser its end-to-end test drives
  libcpp-httplib-dev chromium
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev hyperfine qpdf
)
# Node.js runs the browser test (playwright-core); a machine that already has
# node and npm (from any source) keeps them.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
# The corpus generator's own needs (corpus/requirements-debian.txt).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -f "$here/corpus/requirements-debian.txt" ]]; then
  while read -r pkg; do
    [[ -n "$pkg" && "$pkg" != \#* ]] && packages+=("$pkg")
  done < "$here/corpus/requirements-debian.txt"
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#packages[@]} packages are installed"
elif [[ $(id -u) -ne 0 ]]; then
  echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
  echo "setup: run again as root, e.g. sudo bash tools/setup.sh" >&2
  exit 1
else
  echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The browser test's one npm package (playwright-core, the version
# tests/browser/package-lock.json pins); it drives Debian's chromium, so no
# browser is downloaded.
browser="$here/tests/browser"
if [[ -f "$browser/package-lock.json" && ! -f "$browser/node_modules/playwright-core/package.json" ]]; then
  echo "setup: installing the browser test's npm packages"
  (cd "$browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

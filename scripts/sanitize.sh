#!/usr/bin/env bash
# Runs the whole test suite once under a sanitizer: scripts/sanitize.sh address|thread
#
# The build goes to .build/SANITIZER (apart from the usual one); the CLI tests run the `tuanthu`
# built beside the tests, so the command line is checked under the sanitizer too. Any report of
# the sanitizer stops the run (halt_on_error) and fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizer=${1:?usage: scripts/sanitize.sh address|thread}
case "$sanitizer" in address|thread) ;; *) echo "address or thread" >&2; exit 2 ;; esac
scratch=.build/$sanitizer
swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1}
swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${@:2}"

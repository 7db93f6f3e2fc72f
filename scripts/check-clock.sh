#!/usr/bin/env bash
# Runs the whole test suite with the clock moved (libfaketime: +1 day, +400 days, +10 years) and in
# two time zones (Asia/Ho_Chi_Minh, UTC). Every run must pass: no test, fixture, golden report or
# sample may depend on the day or the zone the suite runs in. Needs Debian's `faketime` package.
# Usage: scripts/check-clock.sh [OFFSET...]   (default: +1d +400d +10y)
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
    echo "check-clock: needs libfaketime: apt-get install -y faketime" >&2
    exit 2
fi
offsets=("$@")
[ ${#offsets[@]} -gt 0 ] || offsets=(+1d +400d +10y)

# Build once with the real clock: a build whose files are dated in the future confuses the next one.
swift build --build-tests || exit 1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=0
run() {
    local label=$1
    shift
    local log="$logs/$(echo "$label" | tr -c 'A-Za-z0-9+\n' '_').log"
    if "$@" swift test --skip-build >"$log" 2>&1; then
        echo "check-clock: $label: $(grep -E '^(✔|✘) Test run with' "$log" | tail -1)"
    else
        failed=1
        echo "check-clock: $label: FAILED"
        grep -E '✘' "$log" | head -40
    fi
}
for offset in "${offsets[@]}"; do
    # FAKETIME_DONT_FAKE_MONOTONIC: timeouts and durations keep running on the real monotonic clock.
    run "clock $offset ($(faketime -f "$offset" date -u +%Y-%m-%dT%H:%MZ))" \
        env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset"
done
run "TZ=Asia/Ho_Chi_Minh" env TZ=Asia/Ho_Chi_Minh
run "TZ=UTC" env TZ=UTC
exit $failed

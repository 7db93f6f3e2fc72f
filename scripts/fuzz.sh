#!/usr/bin/env bash
# Runs one libFuzzer harness for SECONDS: scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#
# Targets (Sources/tuanthu-fuzz/FuzzTarget.swift): inventory, rules, waivers, baseline, certificate,
# crl, cms, pdf, keys. The harness is built in release with AddressSanitizer and libFuzzer's coverage
# (in .build/fuzz, apart from the usual build), seeded from the repository's own files, and stopped
# at the first crash, leak or input slower than one second (-timeout=1). What it finds is left in
# .build/fuzz-artifacts/TARGET/; replay it with `swift run tuanthu-fuzz TARGET FILE`, and keep it
# as a regression test in Tests/Fixtures/fuzz/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
shift 2

scratch=.build/fuzz
if [ -z "${TUANTHU_FUZZ_NO_BUILD:-}" ]; then
    swift build -c release --scratch-path "$scratch" --product tuanthu-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
        -Xcc -fsanitize=fuzzer-no-link,address >&2
fi
binary="$scratch/release/tuanthu-fuzz"

# Seeds: the files of the repository each target reads, and the public conformance suites beside it.
seeds=.build/fuzz-seeds/$target
rm -rf "$seeds"
mkdir -p "$seeds" ".build/fuzz-corpus/$target" ".build/fuzz-artifacts/$target"
shared=../shared/conformance
seed() { for file in "$@"; do [ -f "$file" ] && cp "$file" "$seeds/$(echo "$file" | tr '/' '_')"; done; return 0; }
shopt -s nullglob globstar
case "$target" in
    inventory) seed Inventories/*.yaml Tests/Fixtures/compliant-department/**/*.yaml Tests/Fixtures/import/*.yaml ;;
    rules) seed Rules/**/*.yaml Policies/**/*.yaml ;;
    waivers) seed waivers.yaml Tests/Fixtures/**/waivers*.yaml ;;
    baseline) seed Reports/*.json Tests/Fixtures/baselines/*.json ;;
    certificate) seed Inventories/certs/*.pem Policies/trust/*.pem Tests/Fixtures/pdf-ltv/*.pem $shared/pkits/certs/*.crt ;;
    crl) seed Inventories/certs/*.crl $shared/pkits/crls/*.crl ;;
    cms) seed Inventories/signed/*.p7s ;;
    pdf) seed Inventories/signed/*.pdf Tests/Fixtures/pdf-ltv/*.pdf ;;
    keys) seed Inventories/certs/*.key Inventories/certs/*.pem Tests/Fixtures/fuzz/keys/* ;;
    *) echo "unknown target '$target'" >&2; exit 2 ;;
esac
seed Tests/Fixtures/fuzz/"$target"/*

TUANTHU_FUZZ_TARGET=$target "$binary" \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
    -artifact_prefix=".build/fuzz-artifacts/$target/" "$@" \
    ".build/fuzz-corpus/$target" "$seeds"

#!/usr/bin/env bash
# Runs the whole test suite after the same setup as the main job. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

status=0
dotnet test tests/MtlSharp.Tests -c Release -nologo --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@" || status=$?

# One plain closing line that any CI can read: "N passed, N failed, N skipped".
trx="$results/tests.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$(value passed)
  failed=$(value failed)
  total=$(value total)
  executed=$(value executed)
  echo "${passed:-0} passed, ${failed:-0} failed, $(( ${total:-0} - ${executed:-0} )) skipped"
fi
exit "$status"

#!/usr/bin/env bash
# Regenerates the diagrams in this folder from seeds/. Run from anywhere:
#
#     graphs/regenerate.sh            # writes graphs/seeds.dot and graphs/lavrov.dot
#     graphs/regenerate.sh OUT_DIR    # writes them into OUT_DIR instead (the tests do this)
#
# It uses $SUMMIT when set (the tests point it at the built binary), else
# `cargo run --release --quiet --`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/graphs}")
cd "$root"
if [ -n "${SUMMIT:-}" ]; then summit=("$SUMMIT"); else summit=(cargo run --release --quiet --); fi
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
mkdir -p "$out"
"${summit[@]}" --store "$store/db" ingest seeds >/dev/null
"${summit[@]}" --store "$store/db" export dot -o "$out/seeds.dot"
"${summit[@]}" --store "$store/db" export dot --focus "Sergey Lavrov" --depth 2 -o "$out/lavrov.dot"

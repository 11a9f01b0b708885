#!/bin/sh
# Fills fuzz/corpus/extract/ with the project's real articles: the seeds and the
# ingest tests' articles. The corpus is not committed (see .gitignore).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/corpus/extract"
mkdir -p "$out"
for f in "$root"/seeds/*.txt "$root"/crates/ingest/tests/articles/*.txt; do
    [ -f "$f" ] || continue
    cp "$f" "$out/seed-$(basename "$f")"
done
echo "$(ls "$out" | wc -l) files in $out"

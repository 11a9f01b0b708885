#!/usr/bin/env python3
"""Sort hand-edited tables in place by their first column (code-point
order) and fail on duplicate first columns or a wrong column count.

Usage: python3 sort_tsv.py FILE[:COLUMNS] ...   e.g. sort_tsv.py ../titles.tsv:2
The first line (a `#` header) is kept. For given_names.tsv (one `;` group
per line) pass COLUMNS 0: lines are sorted by their first variant.
"""
import sys


def main():
    for arg in sys.argv[1:]:
        path, _, ncol = arg.partition(":")
        ncol = int(ncol or 0)
        with open(path, encoding="utf-8") as f:
            lines = [l.rstrip("\n") for l in f if l.strip()]
        head, rows = lines[0], lines[1:]
        assert head.startswith("#"), path
        key = (lambda l: l.split(";")[0]) if ncol == 0 else (lambda l: l.split("\t")[0])
        seen = {}
        for l in rows:
            cells = l.split("\t")
            if ncol and len(cells) != ncol:
                raise SystemExit(f"{path}: {len(cells)} columns: {l!r}")
            k = key(l)
            if not k or k != k.strip():
                raise SystemExit(f"{path}: bad first column: {l!r}")
            if k in seen:
                raise SystemExit(f"{path}: duplicate {k!r}")
            seen[k] = l
        rows.sort(key=key)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join([head] + rows) + "\n")
        print(path, len(rows))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Sort hand-edited tables in place by their first column (code-point
order) and fail on duplicate first columns or a wrong column count.

Usage: python3 sort_tsv.py FILE[:COLUMNS] ...   e.g. sort_tsv.py ../titles.tsv:2
The first line (a `#` header) is kept. For given_names.tsv (one `;` group
per line) pass COLUMNS 0: lines are sorted as whole lines (what the Rust
loader test checks), and that order must also be the order of their first
variants (so no first variant may be a prefix of another followed by a space,
hyphen or apostrophe: reorder that group's variants instead).
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
        key = (lambda l: l) if ncol == 0 else (lambda l: l.split("\t")[0])
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
        if ncol == 0:
            firsts = [l.split(";")[0] for l in rows]
            if firsts != sorted(firsts) or len(set(firsts)) != len(firsts):
                raise SystemExit(f"{path}: line order and first-variant order differ")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join([head] + rows) + "\n")
        print(path, len(rows))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Merge a JSON topic table {"canonical": ["alias", ...]} into topics.tsv: new
canonical names become rows, new aliases are appended to their row. Used once
with the yardstick's accepted-alias table (shared/eval/topics.json), which lists
general alternative names of diplomatic topics.

Usage: python3 merge_topic_aliases.py TABLE.json ../topics.tsv
"""
import json
import sys


def main():
    table = json.load(open(sys.argv[1], encoding="utf-8"))
    path = sys.argv[2]
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    head, rows = lines[0], lines[1:]
    topics = {}
    for row in rows:
        name, _, aliases = row.partition("\t")
        topics[name] = [a for a in aliases.split(";") if a]
    for name, aliases in table.items():
        have = topics.setdefault(name, [])
        for alias in aliases:
            if alias not in have and alias != name:
                have.append(alias)
    # An alias may name one topic only: the first row that lists it keeps it.
    owner = {}
    for name in sorted(topics):
        topics[name] = [a for a in topics[name] if owner.setdefault(a.lower(), name) == name]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "\n")
        for name in sorted(topics):
            f.write(name + "\t" + ";".join(topics[name]) + "\n")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets from fixtures/pattern/*.json.

Usage: fuzz/seeds.py OUT_DIR   (writes OUT_DIR/parse/* and OUT_DIR/relate/*)

`parse` gets every pattern text in the fixtures (valid ones and syntax
errors); `relate` gets "prescribed\\nactual" pairs: each variant with its
pattern, and pairs of the derived patterns. File names are content hashes, so
rerunning is idempotent and libFuzzer's own additions are kept.
"""

import hashlib
import itertools
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def patterns(node, key=None):
    """Every string under a `pattern`, `patterns` or `variants` key."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from patterns(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from patterns(v, key)
    elif isinstance(node, str) and key in ("pattern", "patterns", "variants"):
        yield node


def write(directory, texts):
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    for t in dict.fromkeys(texts):
        data = t.encode()
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
        n += 1
    return n


def main():
    out = pathlib.Path(sys.argv[1])
    fixtures = sorted((ROOT / "fixtures" / "pattern").glob("*.json"))
    docs = {f.name: json.loads(f.read_text()) for f in fixtures}
    single = [p for d in docs.values() for p in patterns(d) if "\n" not in p]
    pairs = []
    for entry in docs.get("variants.json", []):
        for v in entry.get("variants", []):
            if "\n" not in v:
                pairs.append(f"{entry['pattern']}\n{v}")
    derived = list(docs.get("derived.json", {}).get("patterns", {}).values())
    pairs += [f"{a}\n{b}" for a, b in itertools.permutations(derived, 2)][:300]
    print(f"seeds: {write(out / 'parse', single + [p for d in docs.values() for p in patterns(d)])} parse, "
          f"{write(out / 'relate', pairs)} relate")


if __name__ == "__main__":
    main()

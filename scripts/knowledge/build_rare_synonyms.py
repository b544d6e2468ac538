#!/usr/bin/env python3
"""Build rules/knowledge/language/rare-synonyms.tsv from the synonym and frequency tables.

A spinner swaps common words for thesaurus synonyms from any sense, and the synonyms it picks
are mostly far rarer than the word they replace ("metropolis" for city, "exigency" for
emergency, "galore" for many). This table lists each such rare synonym with the common word
it most likely replaced: for every word with Zipf >= COMMON, each of its WordNet synonyms
(single words) with Zipf <= min(RARE, zipf(common) - GAP); a rare word reachable from several
common words keeps the most frequent one.

    python3 scripts/knowledge/build_rare_synonyms.py [--out rules/knowledge/language]

Input and output are derived data of wordfreq 3.1.1 (CC-BY-SA-4.0) and WordNet 3.0 (WordNet
licence); see rules/knowledge/language/LICENSES.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

COMMON = 4.5
RARE = 3.8
GAP = 1.3


def rows(path: Path) -> list[list[str]]:
    return [
        line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[2] / "rules/knowledge/language"
    )
    args = parser.parse_args()
    zipf = {r[0]: float(r[1]) for r in rows(args.out / "english.tsv")}
    best: dict[str, tuple[float, str]] = {}
    for row in rows(args.out / "synonyms.tsv"):
        common = row[0]
        zc = zipf.get(common, 0.0)
        if zc < COMMON:
            continue
        for rare in row[1].split():
            if "_" in rare or not rare.isalpha() or rare == common:
                continue
            zr = zipf.get(rare, 0.0)
            if zr <= min(RARE, zc - GAP) and (rare not in best or best[rare][0] < zc):
                best[rare] = (zc, common)
    lines = [
        "# source: derived from english.tsv (wordfreq 3.1.1, CC-BY-SA-4.0) and synonyms.tsv (WordNet 3.0, "
        "WordNet licence); see LICENSES.md; rebuilt by scripts/knowledge/build_rare_synonyms.py",
        f"# rare thesaurus synonyms of common words: common Zipf >= {COMMON}, "
        f"rare Zipf <= min({RARE}, common - {GAP})",
        "# columns: rare word, the common word it most likely replaced, zipf of the rare word, "
        "zipf of the common word",
    ]
    for rare in sorted(best):
        zc, common = best[rare]
        lines.append(f"{rare}\t{common}\t{zipf.get(rare, 0.0):.2f}\t{zc:.2f}")
    (args.out / "rare-synonyms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"rare-synonyms.tsv: {len(best)} words")


if __name__ == "__main__":
    main()

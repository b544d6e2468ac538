#!/usr/bin/env python3
"""Build rules/knowledge/language/proper-only.tsv: words and names that English writes only
with capitals, from WordNet 3.0.

WordNet keeps the capitals of its lemmas: "Moscow", "Kremlin", "United_States" are listed
only capitalised, while "china" (porcelain) and "turkey" (the bird) also have lowercase
senses. A name that WordNet lists only capitalised, written in lower case in an article
("the kremlin said", "his usa"), is a capital a spinner or a pipeline lost. The table keeps
one-word names frequent enough to matter in news (Zipf >= 3.0), and leaves out lemmas of
one or two letters, function words ("WHO" the organisation, "who" the word) and words that
are an inflected form of a lowercase lemma ("Banks" the botanist, "banks" of a river).

    apt-get install -y wordnet-base   # WordNet 3.0 in /usr/share/wordnet
    python3 scripts/knowledge/build_proper_only.py [--wordnet-dir /usr/share/wordnet]

Output: the lowercase form, then the form WordNet writes. WordNet licence (see LICENSES.md);
frequencies from english.tsv (wordfreq 3.1.1, CC-BY-SA-4.0).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

MIN_ZIPF_ONE_WORD = 3.0
# English function words that WordNet does not list (so a capitalised namesake would look
# proper-only): "WHO", "US", "IT" are organisations or acronyms; "who", "us", "it" are words.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "she",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def lemmas(wordnet: Path) -> dict[str, set[str]]:
    """Lowercased lemma -> the spellings WordNet uses for it, over all parts of speech."""
    seen: dict[str, set[str]] = defaultdict(set)
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            count = int(fields[3], 16)
            for i in range(count):
                lemma = fields[4 + 2 * i].split("(")[0]  # adjectives may carry "(a)" markers
                seen[lemma.lower()].add(lemma)
    return seen


def inflections(wordnet: Path, lowercase: set[str]) -> set[str]:
    """Inflected forms of lowercase lemmas: WordNet's exception lists ("led" -> lead) and
    regular endings ("banks" -> bank, "acts" -> act)."""
    forms: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (wordnet / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            inflected, *bases = line.split()
            if any(b in lowercase for b in bases):
                forms.add(inflected)
    for lemma in lowercase:
        if "_" in lemma:
            continue
        forms.update({lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma[:-1] + "ies",
                      lemma + "er", lemma + "est", lemma + "r", lemma + "st"})  # fmt: skip
    return forms


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wordnet-dir", type=Path, default=Path("/usr/share/wordnet"))
    out_dir = Path(__file__).resolve().parents[2] / "rules/knowledge/language"
    parser.add_argument("--out", type=Path, default=out_dir)
    args = parser.parse_args()
    zipf = {}
    for line in (args.out / "english.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, z = line.split("\t")
            zipf[word] = float(z)
    rows = []
    seen = lemmas(args.wordnet_dir)
    lowercase = {lower for lower, spellings in seen.items() if lower in spellings}
    inflected = inflections(args.wordnet_dir, lowercase)
    for lower, spellings in seen.items():
        if lower in lowercase or lower in inflected or lower in FUNCTION_WORDS:
            continue  # a lowercase sense exists, or the word is a form of one, or grammar
        if "_" in lower or len(lower) < 3 or not lower.isalpha() or lower not in zipf:
            continue  # one word only: a name of several words is often a lowercase phrase too
        if zipf[lower] < MIN_ZIPF_ONE_WORD:
            continue
        form = sorted(spellings)[0].replace("_", " ")
        rows.append((lower.replace("_", " "), form))
    rows.sort()
    header = [
        "# source: WordNet 3.0 (c) 2006 Princeton University, WordNet licence; frequencies from english.tsv "
        "(wordfreq 3.1.1, CC-BY-SA-4.0); see LICENSES.md; rebuilt by scripts/knowledge/build_proper_only.py",
        "# one-word names WordNet lists only with capitals (no lowercase sense, not an inflection of a "
        f"lowercase lemma, not a function word), Zipf >= {MIN_ZIPF_ONE_WORD} in english.tsv",
        "# columns: lowercase form, the form WordNet writes",
    ]
    text = "\n".join(header + [f"{a}\t{b}" for a, b in rows]) + "\n"
    (args.out / "proper-only.tsv").write_text(text, encoding="utf-8")
    print(f"proper-only.tsv: {len(rows)} names")


if __name__ == "__main__":
    main()

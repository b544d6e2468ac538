#!/usr/bin/env python3
"""Rebuild lintkit's language tables (rules/knowledge/language/) from installed packages.

Usage::

    python3 scripts/knowledge/build_language_data.py --out rules/knowledge/language

Sources (nothing is downloaded; every input is a file of an installed package):

* ``wordfreq`` 3.1.1 (PyPI; code Apache-2.0, word lists CC-BY-SA-4.0, see the package's
  README "License" section): Zipf word frequencies for English ("large" list) and for the
  source languages of foreign-news machine translation ("best" list of each language).
* ``symspellpy`` 6.10.1 (PyPI; MIT, Copyright (c) 2025 mmb L, (c) 2021 Wolf Garbe): its
  ``frequency_bigramdictionary_en_243_342.txt`` (242,342 lowercase English bigrams with
  counts, every count >= 6,400,000) and ``frequency_dictionary_en_82_765.txt`` (82,765
  English words; upstream SymSpell describes it as Google Books Ngram counts intersected
  with the SCOWL word list).
* WordNet 3.0 (Princeton University; WordNet 3.0 licence, a permissive BSD-style licence
  whose copyright notice must accompany copies and derived data; Debian package
  ``wordnet-base`` 1:3.0-37, files in ``/usr/share/wordnet``): the ``data.*`` (synsets and
  glosses), ``*.exc`` and ``cntlist.rev`` files, parsed here directly (no nltk; ``index.*`` are
  not needed).

Tables written (UTF-8, tab-separated, sorted, ``#`` comment lines first; the exact package
versions found at build time are written into each header and into ``LICENSES.md``):

* ``english.tsv``       word, Zipf frequency (wordfreq "en", Zipf >= 2.0, letters and
  inner apostrophes only).
* ``foreign.tsv``       frequent words of 14 MT source languages that are not English.
* ``synonyms.tsv``      WordNet single-word synonyms of each lemma over all senses and parts
  of speech (synset members plus adjective "similar to" links, the thesaurus that WordNet
  spinners use: on -> connected, billion -> cardinal, at -> astatine).
* ``function-words.tsv`` frequent English words that WordNet barely covers (closed class).
* ``spinner-homographs.tsv`` WordNet "synonyms" of function words that only a spinner
  would write for them (at -> astatine, will -> volition, or -> oregon).
* ``tortured.tsv``      tortured phrases: bigrams one thesaurus swap away from a frequent,
  strongly associated English bigram and far rarer than that swap would predict.
* ``compound-swaps.tsv`` tortured fixed expressions: WordNet noun compounds of 2-3 words with
  evidence of frequency (SymSpell bigram list, SemCor tags) and strong SymSpell bigrams that
  WordNet's glosses use, with one word swapped for a WordNet synonym that is far rarer than it
  ("bully afternoon", "intensive tutelage unit") or that is its synonym only in another part of
  speech ("push conference"). WordNet's glosses (definitions and examples) also serve as a
  small edited-English corpus: a variant they contain is ordinary English and is left out.

Install what the script reads, then run it::

    python3 -m pip install wordfreq==3.1.1 symspellpy==6.10.1
    apt-get install -y wordnet-base

The output is deterministic: the same package versions give byte-identical files
(``--check`` rebuilds into a temporary folder and compares).
"""

from __future__ import annotations

import argparse
import filecmp
import math
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

DEFAULT_WORDNET = Path("/usr/share/wordnet")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# A token: lowercase ASCII letters with at most one inner apostrophe (don't, o'clock).
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")
ENGLISH_MIN_ZIPF = 2.0
FOREIGN_LANGS = ("da", "de", "es", "fi", "fr", "id", "it", "nb", "nl", "pl", "pt", "ro", "sv", "tr")
FOREIGN_MIN_ZIPF = 4.0  # frequent in the source language
FOREIGN_MIN_GAP = 2.5  # at least 10^2.5 (~300) times more frequent there than in English
FOREIGN_MAX_EN_ZIPF = 3.0  # and rare in English (below 1 per million words)
FOREIGN_MIN_LEN = 4
# Function words: frequent words whose WordNet senses are almost never the sense in use.
FUNCTION_MIN_ZIPF = 5.5
FUNCTION_MAX_COVERAGE = 0.15  # SemCor sense tags / expected occurrences in SemCor
STRICT_FUNCTION_MAX_COVERAGE = 0.05  # WordNet has (nearly) nothing but homographs for these
SEMCOR_WORDS = 360_000  # approximate size of the sense-tagged corpus behind cntlist.rev
# The bigram counts are lowercase-token counts about 33 times the unigram counts of the same
# words (e.g. "the": bigram mass 8.5e11 vs unigram count 2.3e10); used to turn counts into
# per-token probabilities.
BIGRAM_SCALE = 33.0
# The SymSpell bigram list holds web-spam phrases ("free porn", "hot teens"). A news linter has no
# use for their thesaurus variants, so originals and variants with these words are skipped,
# as are words WordNet marks (usage domain) as obscenity or vulgarism. This is a content
# policy filter, not language data.
_ADULT_SPAM = (
    "anal bdsm blowjob boobs busty camgirl cum dildo erotic erotica fetish hardcore hentai horny "
    "lesbian lesbians milf nude nudes orgasm orgy panties penis porn porno pornographic pornography "
    "pussy sex sexy "
    "shemale slut teen teens tits topless vagina viagra voyeur webcam xxx"
)
ADULT_SPAM_WORDS = frozenset(_ADULT_SPAM.split())


@dataclass(frozen=True)
class TorturedParams:
    """Generation rules for tortured.tsv (see build_tortured)."""

    min_count: int = 10_000_000  # the original bigram must be at least this frequent
    min_pmi: float = 2.5  # log10 association of the original (collocation routes)
    ratio: float = 30.0  # C: the swap predicts >= ratio x the list's floor count
    max_zipf_rise: float = 0.0  # C: the substitute is not more common than the word it replaces
    rare_drop: float = 1.5  # R: substitute >= 10^1.5 times rarer than the replaced word
    rare_min_count: int = 50_000_000  # R: only for very frequent originals
    fw_drop: float = 1.5  # F: substitute >= 10^1.5 times rarer than the function word
    fw_rare_zipf: float = 3.0  # F1: substitute rarer than 1 per million words
    fw_anchor_zipf: float = 6.0  # F1: the anchor is a function word or this frequent (be, have, said)
    fw_min_pmi: float = 0.0  # F: the original bigram is at least as frequent as chance
    pos_share: float = 0.02  # F3: the substitute's word class is < 2% of the anchor's neighbours


@dataclass(frozen=True)
class CompoundParams:
    """Generation rules for compound-swaps.tsv (see Builder.compound_swaps)."""

    lemma_pos: str = "nvr"  # W originals: WordNet noun, verb and adverb lemmas (not adjective-only)
    min_word_zipf: float = 3.0  # every word of an original is at least this common
    min_sub_zipf: float = ENGLISH_MIN_ZIPF  # a substitute is a word of english.tsv
    min_pmi: float = 1.0  # W originals found in the bigram list: more frequent than chance x 10
    rare_drop: float = 1.5  # R: substitute >= 10^1.5 times rarer than the word it replaces
    pos_min_pmi: float = 2.5  # P: the original is a strong collocation ...
    pos_max_zipf_rise: float = 0.0  # P: ... and the substitute is not more common than the word
    colloc_min_pmi: float = 3.0  # B: bigram-list originals that are not WordNet lemmas ...
    colloc_min_gloss: int = 1  # B: ... and occur in WordNet's glosses (keeps out web-spam bigrams)


# ---------------------------------------------------------------------------- WordNet


@dataclass
class Synset:
    pos: str  # n v a r (satellites are "a" with ss_type "s")
    ss_type: str
    words: list[tuple[str, int]]  # (lemma as written, lex_id)
    pointers: list[tuple[str, str, str]]  # (symbol, target pos, target offset)

    @property
    def lemmas(self) -> list[str]:
        return [clean_lemma(w) for w, _ in self.words]


def clean_lemma(raw: str) -> str:
    return re.sub(r"\((a|p|ip)\)$", "", raw).replace("_", " ").lower()


@dataclass
class WordNet:
    root: Path
    synsets: dict[tuple[str, str], Synset] = field(default_factory=dict)
    exceptions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    tag_counts: dict[str, Counter[str]] = field(default_factory=dict)  # lemma -> pos -> SemCor tags
    lemma_pos: dict[str, set[str]] = field(default_factory=dict)
    capitalised_only: set[str] = field(default_factory=set)
    version: str = "unknown"

    @classmethod
    def load(cls, root: Path) -> WordNet:
        wn = cls(root)
        lower_seen: set[str] = set()
        upper_seen: set[str] = set()
        for pos, name in POS_FILES.items():
            with open(root / f"data.{name}", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("  "):
                        m = re.search(r"WordNet (\d\.\d) Copyright", line)
                        if m:
                            wn.version = m.group(1)
                        continue
                    fields = line.split(" | ", 1)[0].split()
                    offset, ss_type, n = fields[0], fields[2], int(fields[3], 16)
                    words = [(fields[4 + 2 * i], int(fields[5 + 2 * i], 16)) for i in range(n)]
                    i = 4 + 2 * n
                    p = int(fields[i])
                    i += 1
                    pointers = []
                    for _ in range(p):
                        pointers.append((fields[i], fields[i + 2], fields[i + 1]))
                        i += 4
                    syn = Synset(pos, ss_type, words, pointers)
                    wn.synsets[(pos, offset)] = syn
                    for raw, _ in words:
                        lemma = clean_lemma(raw)
                        wn.lemma_pos.setdefault(lemma, set()).add(pos)
                        stripped = re.sub(r"\((a|p|ip)\)$", "", raw)
                        (upper_seen if stripped[:1].isupper() else lower_seen).add(lemma)
        wn.capitalised_only = upper_seen - lower_seen
        for pos, name in POS_FILES.items():
            table: dict[str, list[str]] = defaultdict(list)
            with open(root / f"{name}.exc", encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    for base in parts[1:]:
                        table[parts[0].replace("_", " ")].append(base.replace("_", " "))
            wn.exceptions[pos] = dict(table)
        posmap = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
        tags: dict[str, Counter[str]] = defaultdict(Counter)
        cntlist = root / "cntlist.rev"
        if cntlist.exists():
            with open(cntlist, encoding="utf-8") as fh:
                for line in fh:
                    key, _, count = line.split()
                    lemma, rest = key.split("%", 1)
                    tags[lemma.replace("_", " ")][posmap[rest[0]]] += int(count)
        wn.tag_counts = dict(tags)
        return wn


def synonym_map(wn: WordNet) -> dict[str, set[str]]:
    """Single-word synonyms of each lemma: synset members plus adjective 'similar to' (&) links."""
    syn: dict[str, set[str]] = defaultdict(set)
    for key in sorted(wn.synsets):
        s = wn.synsets[key]
        own = [x for x in s.lemmas if WORD.match(x)]
        similar = []
        for sym, tpos, toff in s.pointers:
            if sym == "&":
                similar += [x for x in wn.synsets[(tpos, toff)].lemmas if WORD.match(x)]
        for x in own:
            syn[x].update(y for y in own + similar if y != x)
    return dict(syn)


# ------------------------------------------------------------------------- morphology

NOUN_RULES = (
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("s", ""),
)
VERB_RULES = (
    ("ies", "y", "s"),
    ("es", "e", "s"),
    ("es", "", "s"),
    ("s", "", "s"),
    ("ed", "e", "ed"),
    ("ed", "", "ed"),
    ("ing", "e", "ing"),
    ("ing", "", "ing"),
)


def verb_form_type(form: str) -> str:
    if form.endswith("ing"):
        return "ing"
    if form.endswith("s"):
        return "s"
    return "ed"


class Morphology:
    """WordNet-style lemmatisation (morphy) and its inverse, for re-inflecting substitutes."""

    def __init__(self, wn: WordNet, known: set[str]):
        self.wn = wn
        self.known = known  # words accepted as real English output forms
        self.inverse: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for form, bases in wn.exceptions["n"].items():
            for b in bases:
                self.inverse[b]["s"].add(form)
        for form, bases in wn.exceptions["v"].items():
            for b in bases:
                self.inverse[b][verb_form_type(form)].add(form)
        self._cache: dict[str, list[tuple[str, str]]] = {}

    def analyse(self, token: str) -> list[tuple[str, str]]:
        """(base lemma, inflection) pairs; inflection is '', 's', 'ed' or 'ing'."""
        if token in self._cache:
            return self._cache[token]
        lp = self.wn.lemma_pos
        out: set[tuple[str, str]] = set()
        if token in lp:
            out.add((token, ""))
        for b in self.wn.exceptions["n"].get(token, []):
            out.add((b, "s"))
        for b in self.wn.exceptions["v"].get(token, []):
            out.add((b, verb_form_type(token)))
        for suf, rep in NOUN_RULES:
            if token.endswith(suf) and len(token) > len(suf) + 1:
                b = token[: -len(suf)] + rep
                if "n" in lp.get(b, ()):
                    out.add((b, "s"))
        for suf, rep, kind in VERB_RULES:
            if token.endswith(suf) and len(token) > len(suf) + 1:
                b = token[: -len(suf)] + rep
                if "v" in lp.get(b, ()):
                    out.add((b, kind))
                if rep == "" and len(b) > 2 and b[-1] == b[-2] and "v" in lp.get(b[:-1], ()):
                    out.add((b[:-1], kind))
        result = sorted(out)
        self._cache[token] = result
        return result

    def inflect(self, base: str, kind: str) -> set[str]:
        if kind == "":
            return {base}
        forms = set(self.inverse.get(base, {}).get(kind, ()))
        if kind == "s":
            if re.search(r"(s|x|z|ch|sh)$", base):
                forms.add(base + "es")
            elif re.search(r"[^aeiou]y$", base):
                forms.add(base[:-1] + "ies")
            else:
                forms.add(base + "s")
        elif kind == "ed":
            if base.endswith("e"):
                forms.add(base + "d")
            elif re.search(r"[^aeiou]y$", base):
                forms.add(base[:-1] + "ied")
            else:
                forms |= {base + "ed", base + base[-1] + "ed"}
        elif kind == "ing":
            if base.endswith("e") and not base.endswith("ee"):
                forms.add(base[:-1] + "ing")
            else:
                forms |= {base + "ing", base + base[-1] + "ing"}
        return {f for f in forms if f in self.known}


# ---------------------------------------------------------------------------- sources


def package_version(name: str) -> str:
    return metadata.version(name)


def zipf_dict(lang: str, wordlist: str) -> dict[str, float]:
    import wordfreq

    out = {}
    for word, freq in wordfreq.get_frequency_dict(lang, wordlist=wordlist).items():
        if freq > 0:
            out[word] = round(math.log10(freq) + 9, 2)
    return out


def symspell_file(name: str) -> Path:
    return Path(str(resources.files("symspellpy") / name))


def load_symspell() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    unigrams: dict[str, int] = {}
    with open(symspell_file("frequency_dictionary_en_82_765.txt"), encoding="utf-8") as fh:
        for line in fh:
            w, c = line.split()
            unigrams[w] = int(c)
    bigrams: dict[tuple[str, str], int] = {}
    with open(symspell_file("frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as fh:
        for line in fh:
            a, b, c = line.split()
            bigrams[(a, b)] = int(c)
    return unigrams, bigrams


# ---------------------------------------------------------------------------- helpers


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def spelling_variant(a: str, b: str) -> bool:
    """b is a spelling or derivational variant of a (criticise/criticize, forward/forwards)."""
    if min(len(a), len(b)) >= 4 and edit_distance(a, b) <= 2:
        return True
    return (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2 and min(len(a), len(b)) >= 3


def fmt(x: float) -> str:
    return f"{x:.2f}"


def write_tsv(path: Path, comments: Iterable[str], rows: Iterable[Iterable[str]]) -> int:
    lines = [f"# {c}" for c in comments]
    n = 0
    for row in rows:
        lines.append("\t".join(row))
        n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return n


# ---------------------------------------------------------------------------- builder


class Builder:
    def __init__(self, wordnet_dir: Path):
        self.versions = {
            "wordfreq": package_version("wordfreq"),
            "symspellpy": package_version("symspellpy"),
        }
        self.wn = WordNet.load(wordnet_dir)
        self.versions["wordnet"] = self.wn.version
        self.zipf_en = zipf_dict("en", "large")
        self.unigrams, self.bigrams = load_symspell()
        self.floor = min(self.bigrams.values())
        self.total = BIGRAM_SCALE * sum(self.unigrams.values())
        known = {w for w in self.zipf_en if WORD.match(w)} | set(self.wn.lemma_pos)
        self.morph = Morphology(self.wn, known)
        self.syn = synonym_map(self.wn)
        self.function_words = self._function_words(FUNCTION_MAX_COVERAGE)
        self.strict_function_words = self._function_words(STRICT_FUNCTION_MAX_COVERAGE)
        self._subs: dict[str, list[str]] = {}
        self._posdist: dict[str, dict[str, float]] = {}

    # -- word statistics

    def p(self, w: str) -> float:
        """Per-token probability from wordfreq (1e-10 for unknown words)."""
        z = self.zipf_en.get(w)
        return 10 ** (z - 9) if z is not None else 1e-10

    def coverage(self, w: str) -> float:
        """SemCor sense tags of w (and its lemmas) relative to how often w occurs."""
        bases = {w} | {b for b, _ in self.morph.analyse(w)}
        tags = sum(sum(self.wn.tag_counts.get(b, Counter()).values()) for b in bases)
        return tags / (self.p(w) * SEMCOR_WORDS)

    def _function_words(self, max_coverage: float) -> dict[str, float]:
        out = {}
        for w, z in self.zipf_en.items():
            # single letters other than "a" and "i" are pieces of contractions and initials
            if z < FUNCTION_MIN_ZIPF or not WORD.match(w) or (len(w) == 1 and w not in ("a", "i")):
                continue
            cov = self.coverage(w)
            if cov < max_coverage:
                out[w] = cov
        return out

    def pmi(self, x: str, y: str, count: int) -> float:
        return math.log10(count / self.total) - math.log10(self.p(x)) - math.log10(self.p(y))

    def substitutes(self, token: str) -> list[str]:
        """What a WordNet thesaurus offers for token, re-inflected like token (sorted)."""
        if token not in self._subs:
            out: set[str] = set()
            for base, kind in self.morph.analyse(token):
                for s in self.syn.get(base, ()):
                    for form in self.morph.inflect(s, kind):
                        if form != token and WORD.match(form) and not spelling_variant(token, form):
                            out.add(form)
            self._subs[token] = sorted(out)
        return self._subs[token]

    def posdist(self, token: str) -> dict[str, float]:
        """Word-class distribution (n v a r, 'f' function word, 'u' unknown) from SemCor tags."""
        if token in self._posdist:
            return self._posdist[token]
        if token in self.function_words:
            dist = {"f": 1.0}
        else:
            cnt: Counter[str] = Counter()
            for base, kind in self.morph.analyse(token):
                for pos in sorted(self.wn.lemma_pos.get(base, ())):
                    if kind == "" or (kind == "s" and pos in "nv") or (kind in ("ed", "ing") and pos == "v"):
                        cnt[pos] += self.wn.tag_counts.get(base, Counter())[pos] + 0.5
            total = sum(cnt.values())
            dist = {k: cnt[k] / total for k in sorted(cnt)} if total else {"u": 1.0}
        self._posdist[token] = dist
        return dist

    def obscene_words(self) -> set[str]:
        """Words with a sense in WordNet's usage domain 'obscenity' or 'vulgarism'."""
        domains = {k for k, s in self.wn.synsets.items() if s.lemmas[0] in ("obscenity", "vulgarism")}
        out = set()
        for s in self.wn.synsets.values():
            if any(sym == ";u" and (tpos, toff) in domains for sym, tpos, toff in s.pointers):
                out.update(x for x in s.lemmas if WORD.match(x))
        return out

    def is_verb_form(self, token: str) -> bool:
        return any("v" in self.wn.lemma_pos.get(b, ()) for b, _ in self.morph.analyse(token))

    # -- tables

    def english(self) -> list[tuple[str, str]]:
        rows = [(w, fmt(z)) for w, z in self.zipf_en.items() if z >= ENGLISH_MIN_ZIPF and WORD.match(w)]
        return sorted(rows)

    def foreign(self) -> list[tuple[str, str, str, str]]:
        english_lexicon = set(self.wn.lemma_pos) | set(self.unigrams)
        best: dict[str, tuple[float, str]] = {}
        for lang in FOREIGN_LANGS:
            for w, z in zipf_dict(lang, "best").items():
                if z < FOREIGN_MIN_ZIPF or len(w) < FOREIGN_MIN_LEN or not w.isalpha() or w != w.lower():
                    continue
                ze = self.zipf_en.get(w, 0.0)
                if ze >= FOREIGN_MAX_EN_ZIPF or z - ze < FOREIGN_MIN_GAP:
                    continue
                if w in english_lexicon or self.morph.analyse(w):
                    continue
                if w not in best or (z, lang) > best[w]:
                    best[w] = (z, lang)
        return sorted((w, lang, fmt(z), fmt(self.zipf_en.get(w, 0.0))) for w, (z, lang) in best.items())

    def synonyms(self) -> list[tuple[str, str]]:
        """Lemmas that are English words of english.tsv (what a spinner replaces), all synonyms."""
        rows = []
        for w in sorted(self.syn):
            syns = sorted(self.syn[w])
            if syns and self.zipf_en.get(w, 0.0) >= ENGLISH_MIN_ZIPF:
                rows.append((w, " ".join(syns)))
        return rows

    def function_word_rows(self) -> list[tuple[str, str, str]]:
        return sorted((w, fmt(self.zipf_en[w]), f"{cov:.3f}") for w, cov in self.function_words.items())

    def homographs(self) -> list[tuple[str, str, str, str]]:
        """Substitutes a WordNet thesaurus offers for strict function words, far rarer than them."""
        rows = []
        for fw in sorted(self.strict_function_words):
            for s in self.substitutes(fw):
                zs = self.zipf_en.get(s, 0.0)
                if s in self.function_words or zs > self.zipf_en[fw] - 1.5:
                    continue
                rows.append((s, fw, fmt(zs), fmt(self.zipf_en[fw])))
        return sorted(rows)

    def tortured(self, params: TorturedParams) -> list[tuple[str, ...]]:
        """Tortured phrases: rare bigrams one or two thesaurus swaps away from a strong bigram.

        For every original bigram (x, y) of the SymSpell list with count >= min_count (both
        tokens WORD-shaped) and each substitute s of one word w (anchor a = the other word),
        the variant is kept when it is absent from the bigram list (the list holds every
        bigram above its floor count, so absence bounds its frequency) and one route holds:

        * C (collocation swap): w and a are content words, PMI(x, y) >= min_pmi, s is not more
          common than w, and the count the swap would have if s were an ordinary substitute,
          count(x, y) * p(s) / p(w), is >= ratio x the floor: the variant is at least
          `ratio` times rarer than the thesaurus predicts.
        * R (rare substitute): as C, but s is >= 10^rare_drop times rarer than w and the
          original is very frequent (>= rare_min_count); "climate modify".
        * F1 (homograph of a function word): w is a function word WordNet barely covers, s is
          rare (Zipf <= fw_rare_zipf) and the anchor is a function word or a very frequent word
          (Zipf >= fw_anchor_zipf): "astatine the", "volition be".
        * F3 (impossible word class): w is such a function word, s has no adverb reading, the
          anchor is a function word, and s's word class makes up < pos_share of the words seen
          next to the anchor in the bigram list: "successful their" (adjective before a
          possessive).
        * D (both words swapped): both single swaps passed one of the routes above except R.

        Every substitute must be in SymSpell's unigram list (else absence from the bigram
        list proves nothing), not a function word, and not a spelling variant of w. Web-spam and
        obscene words (ADULT_SPAM_WORDS, WordNet usage domains) are skipped on both sides.
        """
        fw = self.function_words
        strict = self.strict_function_words
        uni = self.unigrams
        floor = self.floor
        share_left: dict[str, Counter[str]] = defaultdict(Counter)
        share_right: dict[str, Counter[str]] = defaultdict(Counter)
        mass_left: Counter[str] = Counter()
        mass_right: Counter[str] = Counter()
        for (u, v), c in self.bigrams.items():
            if v in fw:
                for k, q in self.posdist(u).items():
                    share_left[v][k] += c * q
                mass_left[v] += c
            if u in fw:
                for k, q in self.posdist(v).items():
                    share_right[u][k] += c * q
                mass_right[u] += c

        def class_share(s: str, anchor: str, side: int) -> float:
            tab, mass = (
                (share_left[anchor], mass_left[anchor])
                if side == 0
                else (share_right[anchor], mass_right[anchor])
            )
            if not mass:
                return 1.0
            return sum(q * tab[k] for k, q in self.posdist(s).items()) / mass

        table: dict[str, tuple[int, str, str, str]] = {}

        def add(variant: str, original: str, swapped: str, route: str, count: int) -> None:
            rec = (count, original, swapped, route)
            old = table.get(variant)
            if old is None or (rec[0], rec[1]) > (old[0], old[1]):
                table[variant] = rec

        blocked_words = ADULT_SPAM_WORDS | self.obscene_words()

        def blocked(word: str) -> bool:
            return word in blocked_words or any(b in blocked_words for b, _ in self.morph.analyse(word))

        for (x, y), c in self.bigrams.items():
            if c < params.min_count or not WORD.match(x) or not WORD.match(y):
                continue
            if blocked(x) or blocked(y):
                continue
            pm = self.pmi(x, y, c)
            single: dict[int, list[tuple[str, str]]] = {0: [], 1: []}
            for side, (w, a) in enumerate(((x, y), (y, x))):
                for s in self.substitutes(w):
                    if s in fw or s not in uni or blocked(s):
                        continue
                    v = (s, y) if side == 0 else (x, s)
                    if v in self.bigrams:
                        continue
                    zs, zw = self.zipf_en.get(s, 0.0), self.zipf_en.get(w, 0.0)
                    route = None
                    if w in strict:
                        frequent_anchor = a in fw or self.zipf_en.get(a, 0.0) >= params.fw_anchor_zipf
                        if zs > zw - params.fw_drop or pm < params.fw_min_pmi or not frequent_anchor:
                            pass
                        elif side == 0 and self.is_verb_form(s):
                            pass  # a verb before a determiner or pronoun is ordinary English
                        elif zs <= params.fw_rare_zipf:
                            route = "F1"
                        elif (
                            a in fw
                            and "r" not in self.posdist(s)
                            and class_share(s, a, side) < params.pos_share
                        ):
                            route = "F3"
                    elif w not in fw and a not in fw and pm >= params.min_pmi:
                        expected = c * self.p(s) / self.p(w)
                        if expected >= params.ratio * floor and zs <= zw + params.max_zipf_rise:
                            route = "C"
                        elif zs <= zw - params.rare_drop and c >= params.rare_min_count:
                            route = "R"
                    if route:
                        single[side].append((s, route))
                        add(f"{v[0]} {v[1]}", f"{x} {y}", "1" if side == 0 else "2", route, c)
            for s1, r1 in single[0]:
                for s2, r2 in single[1]:
                    if "R" in (r1, r2) or (s1, s2) in self.bigrams:
                        continue
                    add(f"{s1} {s2}", f"{x} {y}", "12", "D", c)
        rows = []
        for variant in sorted(table):
            count, original, swapped, route = table[variant]
            rows.append((variant, original, swapped, route, str(count), f"{count / floor:.0f}"))
        return rows

    def gloss_ngrams(self) -> Counter[str]:
        """Lowercase word 2- and 3-grams of WordNet's glosses and examples (edited English)."""
        counts: Counter[str] = Counter()
        for name in POS_FILES.values():
            with open(self.wn.root / f"data.{name}", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("  ") or " | " not in line:
                        continue
                    for chunk in re.split(r"[^a-z' ]+", line.split(" | ", 1)[1].lower()):
                        words = chunk.split()
                        counts.update(
                            " ".join(words[i : i + n]) for n in (2, 3) for i in range(len(words) - n + 1)
                        )
        return counts

    def compound_swaps(self, params: CompoundParams, skip: set[str]) -> list[tuple[str, str, str, str]]:
        """Tortured fixed expressions: one word of a WordNet compound swapped for a thesaurus synonym.

        Originals (lowercase letters only, every word in english.tsv with Zipf >= min_word_zipf,
        no adult-spam or obscene word):

        * W: WordNet lemmas of 2-3 words of the parts of speech in lemma_pos ("prime minister",
          "intensive care unit", "rule of law", "get married", "first of all"): content words
          only, or content "of"/"and" content. A lemma counts only with
          evidence that it is frequent and fixed: a 2-word lemma is in the SymSpell bigram list
          with PMI >= min_pmi; a 3-word lemma has both of its bigrams in the list; or the lemma
          is sense-tagged in SemCor (cntlist.rev: about 3 or more per million words) and, for 2
          words, the PMI its absence from the bigram list allows is >= min_pmi. Lemmas that
          start or end with a function word (phrasal verbs "break up", adverbials "in the end")
          make ordinary phrases when swapped and are left out, and so are adjective-only lemmas
          ("too bad" -> "too harmful"): WordNet's glosses attest their swaps about 3-4 times as
          often as those of the other lemmas (6 of 783 against 74 of 35,113 for nouns).
        * B: SymSpell bigrams of two content words with PMI >= colloc_min_pmi that occur in
          WordNet's glosses >= colloc_min_gloss times (the list's strongest bigrams are mostly
          web-spam tags; the glosses keep those of edited English).

        Each content word w (not a function word) is replaced by each WordNet synonym s
        (synonyms.tsv: all senses, synset members and adjective "similar to" links, re-inflected
        like w; s not capitalised-only in WordNet, not a function word, not a spelling variant of
        w, Zipf >= min_sub_zipf), and the variant is kept when one route holds:

        * R (rare synonym): s is >= 10^rare_drop times rarer than w ("bully afternoon",
          "intensive tutelage unit").
        * P (another part of speech; 2-word W noun originals): s is a synonym of w only in a part of
          speech that w cannot have in the compound (the head is a noun, a modifier a noun or
          adjective), w is uninflected, the original has PMI >= pos_min_pmi and s is not more
          common than w + pos_max_zipf_rise ("push conference": press/push only as verbs).

        The variant must not be a WordNet lemma, a bigram of the SymSpell list, a row of
        tortured.tsv (``skip``) or a word sequence of WordNet's glosses (attested edited English:
        "elderly lady", "needy people"). A variant made from several originals keeps the most
        frequent. Rows: variant, original, swapped word position (1-3), evidence.
        """
        fw = self.function_words
        wn = self.wn
        zipf = self.zipf_en
        bigrams = self.bigrams
        blocked_words = ADULT_SPAM_WORDS | self.obscene_words()
        phrase = re.compile(r"[a-z]+(?: [a-z]+){1,2}")

        def blocked(word: str) -> bool:
            return word in blocked_words or any(b in blocked_words for b, _ in self.morph.analyse(word))

        synsets_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in sorted(wn.synsets):
            for lemma in wn.synsets[key].lemmas:
                synsets_of[lemma].append(key)

        def link_pos(base: str, sub: str) -> set[str]:
            """Parts of speech of the synsets that make sub a synonym of base."""
            out = set()
            for key in synsets_of.get(base, ()):
                syn = wn.synsets[key]
                if sub in syn.lemmas:
                    out.add(key[0])
                for sym, tpos, toff in syn.pointers:
                    if sym == "&" and sub in wn.synsets[(tpos, toff)].lemmas:
                        out.add(key[0])
            return out

        def substitutes(token: str) -> dict[str, set[str]]:
            """Synonym forms of token -> parts of speech linking them (empty if token is inflected)."""
            out: dict[str, set[str]] = {}
            for base, kind in self.morph.analyse(token):
                for s in sorted(self.syn.get(base, ())):
                    if s in wn.capitalised_only:
                        continue
                    for form in sorted(self.morph.inflect(s, kind)):
                        if form == token or not WORD.match(form) or spelling_variant(token, form):
                            continue
                        if form in fw or zipf.get(form, 0.0) < params.min_sub_zipf or blocked(form):
                            continue
                        links = out.setdefault(form, set())
                        if kind:
                            links.add("*")  # w is an inflected form: no part-of-speech argument
                        else:
                            links.update(link_pos(base, s))
            return out

        def evidence_of(words: list[str], lemma: str) -> tuple[int, str] | None:
            if len(words) == 2:
                c = bigrams.get((words[0], words[1]), 0)
                if c and self.pmi(words[0], words[1], c) >= params.min_pmi:
                    return c, f"bigram={c}"
            elif (words[0], words[1]) in bigrams and (words[1], words[2]) in bigrams:
                c = min(bigrams[(words[0], words[1])], bigrams[(words[1], words[2])])
                return c, f"bigrams>={c}"
            tags = sum(wn.tag_counts.get(lemma, Counter()).values())
            if not tags:
                return None
            # absent from the bigram list: the count is below its floor, so its PMI is below
            # the PMI the floor count would have; skip lemmas that this bound shows are weak
            if len(words) == 2 and self.pmi(words[0], words[1], self.floor) < params.min_pmi:
                return None
            return 0, f"semcor={tags}"

        originals: list[tuple[list[str], str, int, str, list[set[str] | None]]] = []
        for lemma in sorted(wn.lemma_pos):
            pos = wn.lemma_pos[lemma]
            if not pos & set(params.lemma_pos) or lemma in wn.capitalised_only or not phrase.fullmatch(lemma):
                continue
            words = lemma.split()
            if any(zipf.get(w, 0.0) < params.min_word_zipf or not WORD.match(w) or blocked(w) for w in words):
                continue
            inner = [w in fw for w in words]
            roles: list[set[str] | None]
            if not any(inner):  # modifiers are nouns or adjectives, the head is a noun
                roles = [{"n", "a"} if k < len(words) - 1 else {"n"} for k in range(len(words))]
            elif len(words) == 3 and inner == [False, True, False] and words[1] in ("of", "and"):
                roles = [{"n"}, None, {"n"}]
            else:
                continue
            if "n" not in pos:
                roles = [None for _ in words]  # word classes inside verb and adverb lemmas vary
            ev = evidence_of(words, lemma)
            if ev is not None:
                originals.append((words, "W", ev[0], ev[1], roles))
        gloss = self.gloss_ngrams()
        for (x, y), c in sorted(bigrams.items()):
            lemma = f"{x} {y}"
            if lemma in wn.lemma_pos or not WORD.match(x) or not WORD.match(y) or x in fw or y in fw:
                continue
            if min(zipf.get(x, 0.0), zipf.get(y, 0.0)) < params.min_word_zipf or blocked(x) or blocked(y):
                continue
            if self.pmi(x, y, c) >= params.colloc_min_pmi and gloss[lemma] >= params.colloc_min_gloss:
                originals.append(([x, y], "B", c, f"bigram={c}", [None, None]))

        table: dict[str, tuple[int, str, str, str]] = {}
        for words, source, count, evidence, roles in originals:
            original = " ".join(words)
            pm = self.pmi(words[0], words[1], count) if len(words) == 2 and count else None
            for i, w in enumerate(words):
                if w in fw or w in wn.capitalised_only:
                    continue
                zw = zipf.get(w, 0.0)
                for s, links in substitutes(w).items():
                    zs = zipf.get(s, 0.0)
                    variant_words = [*words[:i], s, *words[i + 1 :]]
                    variant = " ".join(variant_words)
                    if variant in wn.lemma_pos or variant in skip or variant in gloss:
                        continue
                    if len(words) == 2 and tuple(variant_words) in bigrams:
                        continue
                    role = roles[i]
                    if zs <= zw - params.rare_drop:
                        route = "R"
                    elif (
                        source == "W"
                        and len(words) == 2
                        and role is not None
                        and "*" not in links
                        and links
                        and not links & role
                        and pm is not None
                        and pm >= params.pos_min_pmi
                        and zs <= zw + params.pos_max_zipf_rise
                    ):
                        route = "P" + "".join(sorted(links))
                    else:
                        continue
                    rec = (count, original, str(i + 1), f"{route} {source} {evidence} {zw:.2f}>{zs:.2f}")
                    old = table.get(variant)
                    if old is None or (rec[0], rec[1]) > (old[0], old[1]):
                        table[variant] = rec
        return [(v, table[v][1], table[v][2], table[v][3]) for v in sorted(table)]


# ---------------------------------------------------------------------------- output


def licence_notes(versions: dict[str, str], counts: dict[str, int], command: str) -> str:
    wf, ss, wn = (
        f"wordfreq {versions['wordfreq']}",
        f"symspellpy {versions['symspellpy']}",
        f"WordNet {versions['wordnet']}",
    )
    sources = {
        "english.tsv": (f'{wf} (English "large" list)', "CC-BY-SA-4.0"),
        "foreign.tsv": (
            f'{wf} ("best" lists of {len(FOREIGN_LANGS)} languages and English); {wn} and '
            "the SymSpell word list to remove English words",
            "CC-BY-SA-4.0; WordNet licence; MIT",
        ),
        "synonyms.tsv": (
            f"{wn}; lemmas limited to english.tsv ({wf})",
            "WordNet licence (below); CC-BY-SA-4.0",
        ),
        "function-words.tsv": (f"{wf}; {wn} `cntlist.rev`", "CC-BY-SA-4.0; WordNet licence"),
        "spinner-homographs.tsv": (f"{wn}; {wf}", "WordNet licence; CC-BY-SA-4.0"),
        "tortured.tsv": (f"{ss} bigram and unigram lists; {wn}; {wf}", "MIT; WordNet licence; CC-BY-SA-4.0"),
        "compound-swaps.tsv": (
            f"{wn} (lemmas, synonyms, glosses, `cntlist.rev`); {ss} bigram list; {wf}",
            "WordNet licence; MIT; CC-BY-SA-4.0",
        ),
    }
    rows = ["| table | rows | built from | licence of the source data |", "| --- | ---: | --- | --- |"]
    rows += [f"| `{name}` | {counts[name]:,} | {src} | {lic} |" for name, (src, lic) in sources.items()]
    table = "\n".join(rows)
    return f"""# Language tables: sources and licences

Rebuilt by `{command}` from installed packages only (no download):

```sh
python3 -m pip install wordfreq=={versions["wordfreq"]} symspellpy=={versions["symspellpy"]}
apt-get install -y wordnet-base   # WordNet {versions["wordnet"]} in /usr/share/wordnet
{command}
```

{table}

Because every table that uses wordfreq frequencies is derived from CC-BY-SA-4.0 data, treat the
tables as a whole as **CC-BY-SA-4.0** data (attribution below; share-alike: derived tables
keep this licence), kept separate from lintkit's MIT code. The WordNet notice below must stay
with any copy of `synonyms.tsv`, `spinner-homographs.tsv`, `function-words.tsv`,
`foreign.tsv`, `tortured.tsv` and `compound-swaps.tsv` (whose originals are WordNet
lemmas and whose variants are WordNet synonyms).

## wordfreq {versions["wordfreq"]} (PyPI)

Robyn Speer, wordfreq, https://github.com/rspeer/wordfreq (Zenodo DOI 10.5281/zenodo.7199437).
The code is Apache-2.0 (`License: Apache-2.0` in the package metadata, `LICENSE.txt`); the
package README's "License" section says the data files "may be redistributed under a Creative
Commons Attribution-ShareAlike 4.0 license" (https://creativecommons.org/licenses/by-sa/4.0/).
The word lists contain data from Google Books Ngrams, the Leeds Internet Corpus, Wikipedia,
ParaCrawl, OPUS OpenSubtitles 2018, SUBTLEX (SUBTLEX-US/UK/CH/DE/NL by Marc Brysbaert et al.;
SUBTLEX is freely available data and its authors must be credited), Twitter statistics and
others listed in that README.

## symspellpy {versions["symspellpy"]} (PyPI)

MIT License; Copyright (c) 2025 mmb L (Python port, https://github.com/mammothb/symspellpy),
Copyright (c) 2021 Wolf Garbe (original C# SymSpell, https://github.com/wolfgarbe/SymSpell).
Files read: `frequency_dictionary_en_82_765.txt` and `frequency_bigramdictionary_en_243_342.txt`.
The SymSpell README says the unigram dictionary was made by intersecting Google Books Ngram
data (CC BY 3.0) with SCOWL (Spell Checker Oriented Word Lists); it gives no separate source
for the bigram dictionary (added in SymSpell 6.5). Its contents (lowercase-only bigrams, many
web-page phrases such as "post subject" or "site map") suggest web text as well as books, so
`tortured.tsv` and `compound-swaps.tsv` cite it only as "SymSpell English bigram dictionary" and
redistribute no raw counts beyond the original bigram's count.

## WordNet {versions["wordnet"]} (Debian package wordnet-base)

WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this
software and database, you agree that you have read, understood, and will comply with these
terms and conditions.:

Permission to use, copy, modify and distribute this software and database and its
documentation for any purpose and without fee or royalty is hereby granted, provided that you
agree to comply with the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and documentation, including
modifications that you make for internal use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
RIGHTS.

The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this
software, database and any associated documentation shall at all times remain with Princeton
University and LICENSEE agrees to preserve same.

(Text as in `/usr/share/doc/wordnet-base/copyright`; the Debian packaging itself is GPL-2+
and none of it is used here.)
"""


def build(out: Path, wordnet_dir: Path, command: str) -> dict[str, int]:
    b = Builder(wordnet_dir)
    v = b.versions
    wf = f"wordfreq {v['wordfreq']} (data CC-BY-SA-4.0)"
    wnl = f"WordNet {v['wordnet']} (c) 2006 Princeton University, WordNet licence"
    ss = f"symspellpy {v['symspellpy']} English bigram/unigram dictionaries (MIT)"
    see = "see LICENSES.md; rebuilt by scripts/knowledge/build_language_data.py"
    params = TorturedParams()
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    counts["english.tsv"] = write_tsv(
        out / "english.tsv",
        [
            f"source: {wf}, English 'large' list, words with Zipf >= {ENGLISH_MIN_ZIPF}; {see}",
            "columns: word (lowercase letters, optional inner apostrophe), zipf (log10 per billion words)",
        ],
        b.english(),
    )
    counts["foreign.tsv"] = write_tsv(
        out / "foreign.tsv",
        [
            f"source: {wf} for {' '.join(FOREIGN_LANGS)} and en; English words removed with {wnl} and "
            f"{ss}; {see}",
            f"rule: zipf_lang >= {FOREIGN_MIN_ZIPF}, zipf_lang - zipf_en >= {FOREIGN_MIN_GAP}, "
            f"zipf_en < {FOREIGN_MAX_EN_ZIPF}, >= {FOREIGN_MIN_LEN} letters, lowercase, not a WordNet "
            "lemma or inflection, not in the SymSpell English word list; one row per word (its most "
            "frequent language)",
            "columns: word, language (ISO 639-1), zipf_lang, zipf_en (0.00 = not in the English list)",
        ],
        b.foreign(),
    )
    counts["synonyms.tsv"] = write_tsv(
        out / "synonyms.tsv",
        [
            f"source: {wnl}; {see}",
            "single-word synonyms of each lowercased lemma over all senses and parts of speech: synset "
            "members plus adjective 'similar to' links (on -> connected, billion -> cardinal); lemmas "
            f"limited to words of english.tsv (Zipf >= {ENGLISH_MIN_ZIPF}), synonyms not limited",
            "columns: lemma, space-separated synonyms",
        ],
        b.synonyms(),
    )
    counts["function-words.tsv"] = write_tsv(
        out / "function-words.tsv",
        [
            f"source: {wf}; SemCor sense-tag counts from {wnl} (cntlist.rev); {see}",
            f"rule: zipf >= {FUNCTION_MIN_ZIPF} and coverage < {FUNCTION_MAX_COVERAGE}, coverage = "
            f"WordNet sense tags / expected occurrences in {SEMCOR_WORDS:,} words of SemCor",
            "columns: word, zipf, coverage",
        ],
        b.function_word_rows(),
    )
    counts["spinner-homographs.tsv"] = write_tsv(
        out / "spinner-homographs.tsv",
        [
            f"source: {wnl}; {wf}; {see}",
            "what a WordNet thesaurus offers for a function word "
            f"(coverage < {STRICT_FUNCTION_MAX_COVERAGE}) that is >= 10^1.5 times rarer than it: "
            "at -> astatine, will -> volition, or -> oregon",
            "columns: substitute, function word, zipf_substitute, zipf_function_word",
        ],
        b.homographs(),
    )
    tortured = b.tortured(params)
    counts["tortured.tsv"] = write_tsv(
        out / "tortured.tsv",
        [
            f"source: {ss}; {wnl}; {wf}; {see}",
            f"tortured phrases (routes C, R, F1, F3, D; see build_language_data.Builder.tortured; {params})",
            "match lowercased word bigrams (letters and apostrophes, whitespace between); skip a hit "
            "whose swapped word is capitalised and not sentence-initial (names: 'First Minister')",
            "columns: variant, original, swapped word (1, 2 or 12), route, count_original, "
            "ratio = count_original / floor (the variant is absent from the list, i.e. below its floor "
            f"count {b.floor:,})",
        ],
        tortured,
    )
    compound = CompoundParams()
    counts["compound-swaps.tsv"] = write_tsv(
        out / "compound-swaps.tsv",
        [
            f"source: {wnl}; {ss}; {wf}; {see}",
            "tortured fixed expressions: one word of a WordNet compound (W) or of a strong SymSpell bigram "
            "found in WordNet's glosses (B) swapped for a WordNet synonym; routes R (rare synonym) and "
            "P (synonym only in another part of speech); see build_language_data.Builder.compound_swaps; "
            f"{compound}",
            "variants that are WordNet lemmas, SymSpell bigrams, rows of tortured.tsv or word sequences of "
            "WordNet's glosses are left out",
            "match lowercased word sequences of 2-3 words (whitespace between); skip a hit with a "
            "capitalised word after the first, or a capitalised first word in mid-sentence (names, titles)",
            "columns: variant, original, swapped word (1-3), evidence = route (R, or P + part of speech of "
            "the synonym link), source (W, B), frequency evidence of the original (bigram=count; "
            "bigrams>=smaller count of a 3-word lemma's two bigrams; semcor=sense tags), Zipf of the "
            "original word>Zipf of the substitute",
        ],
        b.compound_swaps(compound, {row[0] for row in tortured}),
    )
    (out / "LICENSES.md").write_text(licence_notes(v, counts, command), encoding="utf-8", newline="\n")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=Path("rules/knowledge/language"),
        help="output folder (default: rules/knowledge/language)",
    )
    ap.add_argument(
        "--wordnet-dir",
        type=Path,
        default=DEFAULT_WORDNET,
        help="WordNet dict folder with data.*, *.exc, cntlist.rev (default: /usr/share/wordnet)",
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary folder and exit 1 if any file differs from --out",
    )
    args = ap.parse_args(argv)
    command = "python3 scripts/knowledge/build_language_data.py --out rules/knowledge/language"
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), args.wordnet_dir, command)
            names = sorted(p.name for p in Path(tmp).iterdir())
            _, mismatch, errors = filecmp.cmpfiles(tmp, args.out, names, shallow=False)
            for name in mismatch + errors:
                print(f"differs: {args.out / name}")
            return 1 if mismatch or errors else 0
    counts = build(args.out, args.wordnet_dir, command)
    for name, n in counts.items():
        size = (args.out / name).stat().st_size
        print(f"{args.out / name}: {n:,} rows, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

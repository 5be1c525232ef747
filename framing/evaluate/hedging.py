"""Score the hedge detector on WikiWeasel (Szeged Uncertainty Corpus, Wikipedia part).

The gold file (``wikiweasel/wiki.dev.xml``, BioScope-style XML) marks uncertainty cues as
``<ccue type=...>`` inside ``<Sentence>`` elements. Two levels are scored, as in the
CoNLL-2010 shared task (Farkas et al. 2010):

* sentence level: a sentence is *uncertain* when it holds at least one cue; precision,
  recall and F1 of the uncertain class;
* cue level, token overlap: a predicted cue is correct when it shares a word token with a
  gold cue, and a gold cue is found when a predicted cue shares a token with it; also the
  stricter token-level P/R/F1 (every cue token counted once).

The documents are split by position: even-numbered documents (0, 2, 4, ...) are the *tune*
half, read during lexicon error analysis; odd-numbered ones are the *held-out* half, never
read for tuning. Scores are reported on both halves and on the whole file.

Baselines: the hedge lists of Hyland (2005, as distributed by Recasens et al. 2013) and of
Islam et al. (2020) in ``reference-lexicons/``, matched as lower-cased word sequences with
no rules, scored the same way. They are read from the data folder, never shipped.

Run ``python scripts/evaluate.py --only hedging`` to regenerate the section of
``docs/evaluation.md``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from framing.errors import IngestError
from framing.evaluate.scores import PRF
from framing.features.hedging import HedgingFeatures, Scheme
from framing.text import VoiceMap, find_quotes, word_spans
from framing.types import Article, Document, Sentence, Token

__all__ = [
    "CueScore",
    "HedgeScore",
    "WeaselDoc",
    "WeaselSentence",
    "build_documents",
    "framing_predictor",
    "phrase_list_predictor",
    "read_phrase_list",
    "read_wikiweasel",
    "report",
    "score_hedges",
    "to_document",
]

WIKIWEASEL = Path("wikiweasel") / "wiki.dev.xml"
BASELINES = {
    "Hyland 2005 hedges (Recasens et al. 2013 list)": Path(
        "reference-lexicons/recasens2013/hedges_hyland2005.txt"
    ),
    "Islam et al. 2020 hedge words": Path(
        "reference-lexicons/islam2020_hedging_lrec/hedge_words.txt"
    ),
}

#: A predictor maps a document to the (start, end) offsets of its predicted cues.
Predictor = Callable[[Document], list[tuple[int, int]]]


class WeaselSentence(NamedTuple):
    """One gold sentence: its text and its cues as ``(start, end, type)`` offsets into it."""

    text: str
    cues: tuple[tuple[int, int, str], ...]


class WeaselDoc(NamedTuple):
    """One gold document (a Wikipedia article excerpt): id, position in the file, sentences."""

    doc_id: str
    position: int
    sentences: tuple[WeaselSentence, ...]


def read_wikiweasel(path: Path) -> list[WeaselDoc]:
    """Read a WikiWeasel / BioScope-style XML file into documents with character-offset cues.

    Raises
    ------
    IngestError
        If the file is missing or is not well-formed XML.
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise IngestError(f"cannot read the WikiWeasel XML: {exc}", path=str(path)) from exc
    docs = []
    for pos, doc in enumerate(root.iter("Document")):
        doc_id = (doc.findtext("DocID") or "").strip()
        sents = []
        for sent in doc.iter("Sentence"):
            parts = [sent.text or ""]
            cues = []
            offset = len(parts[0])
            for child in sent:
                body = "".join(child.itertext())
                if child.tag == "ccue":
                    cues.append((offset, offset + len(body), (child.get("type") or "").strip()))
                parts.append(body)
                offset += len(body)
                parts.append(child.tail or "")
                offset += len(child.tail or "")
            sents.append(WeaselSentence("".join(parts), tuple(cues)))
        docs.append(WeaselDoc(doc_id, pos, tuple(sents)))
    return docs


def to_document(wdoc: WeaselDoc, *, tagger: object | None = None) -> Document:
    """Build a :class:`Document` with the gold sentence boundaries (one sentence a line)."""
    text = "\n".join(s.text for s in wdoc.sentences)
    sentences, tokens, start = [], [], 0
    for i, s in enumerate(wdoc.sentences):
        end = start + len(s.text)
        sentences.append(Sentence(i, start, end, s.text))
        spans = word_spans(text, start, end)
        words = [text[a:b] for a, b in spans]
        tags = tagger.tag(words) if tagger is not None and words else [""] * len(words)
        tokens.extend(Token(a, b, w, p, i) for (a, b), w, p in zip(spans, words, tags, strict=True))
        start = end + 1
    article = Article(id=wdoc.doc_id or str(wdoc.position), outlet="Wikipedia", text=text)
    return Document(article, tuple(sentences), tuple(tokens), tuple(find_quotes(text)))


def framing_predictor(scheme: Scheme = "szeged") -> Predictor:
    """The package's hedge detector as a predictor (all voices count)."""
    ext = HedgingFeatures(scheme=scheme).fit()

    def predict(doc: Document) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in ext.spans(doc, voice=VoiceMap(()))]

    return predict


def read_phrase_list(path: Path) -> list[tuple[str, ...]]:
    """Read a reference word list (one entry a line, ``#`` comments) as word sequences."""
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip().lower()
        if line and not line.startswith("#"):
            out.append(tuple(line.split()))
    return out


def phrase_list_predictor(phrases: Iterable[tuple[str, ...]]) -> Predictor:
    """A rule-free baseline: every occurrence of a listed word sequence is a cue."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        if p:
            index.setdefault(p[0], []).append(p)
    for k in index:
        index[k].sort(key=len, reverse=True)

    def predict(doc: Document) -> list[tuple[int, int]]:
        out = []
        toks = doc.tokens
        low = [t.text.lower().replace("’", "'") for t in toks]
        i = 0
        while i < len(toks):
            for p in index.get(low[i], ()):
                n = len(p)
                if tuple(low[i : i + n]) == p and toks[i + n - 1].sentence == toks[i].sentence:
                    out.append((toks[i].start, toks[i + n - 1].end))
                    i += n
                    break
            else:
                i += 1
        return out

    return predict


#: Precision, recall and F1 from true-positive and total counts (kept under its old name).
CueScore = PRF


@dataclass(frozen=True, slots=True)
class HedgeScore:
    """Scores of one predictor on one set of documents."""

    documents: int
    sentences: int
    sentence: CueScore
    cue: CueScore
    token: CueScore


def _overlap(a: tuple[int, int], bs: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in bs)


def build_documents(
    docs: Iterable[WeaselDoc], *, tagger: object | None = None
) -> list[tuple[WeaselDoc, Document]]:
    """Pair each gold document with its :class:`Document` (see :func:`to_document`)."""
    return [(d, to_document(d, tagger=tagger)) for d in docs]


def score_hedges(pairs: Sequence[tuple[WeaselDoc, Document]], predict: Predictor) -> HedgeScore:
    """Score ``predict`` at sentence, cue (overlap) and token level.

    Parameters
    ----------
    pairs : sequence of (WeaselDoc, Document)
        Gold documents with their processed form, from :func:`build_documents`.
    predict : callable
        Maps a Document to the offsets of its predicted cues.
    """
    s_tp = s_pred = s_gold = 0
    c_tp_pred = c_pred = c_tp_gold = c_gold = 0
    t_tp = t_pred = t_gold = 0
    n_sent = 0
    for wdoc, doc in pairs:
        preds = predict(doc)
        for sent, ws in zip(doc.sentences, wdoc.sentences, strict=True):
            n_sent += 1
            gold = [(sent.start + a, sent.start + b) for a, b, _ in ws.cues if b > a]
            pred = [p for p in preds if sent.start <= p[0] < sent.end]
            s_pred += bool(pred)
            s_gold += bool(gold)
            s_tp += bool(pred) and bool(gold)
            c_pred += len(pred)
            c_gold += len(gold)
            c_tp_pred += sum(_overlap(p, gold) for p in pred)
            c_tp_gold += sum(_overlap(g, pred) for g in gold)
            toks = doc.tokens_of(sent.index)
            gt = {t.start for t in toks if _overlap((t.start, t.end), gold)}
            pt = {t.start for t in toks if _overlap((t.start, t.end), pred)}
            t_tp += len(gt & pt)
            t_pred += len(pt)
            t_gold += len(gt)
    return HedgeScore(
        documents=len(pairs),
        sentences=n_sent,
        sentence=CueScore(s_tp, s_pred, s_tp, s_gold),
        cue=CueScore(c_tp_pred, c_pred, c_tp_gold, c_gold),
        token=CueScore(t_tp, t_pred, t_tp, t_gold),
    )


def _tagger() -> object | None:
    try:
        from framing.text.tagger import load_tagger

        return load_tagger()
    except Exception:  # the tagger model may not be trained yet
        return None


def _row(name: str, split: str, sc: HedgeScore) -> str:
    s, c, t = sc.sentence, sc.cue, sc.token
    return (
        f"| {name} | {split} | {sc.sentences} | {s.precision:.3f} | {s.recall:.3f} | "
        f"**{s.f1:.3f}** | {c.precision:.3f} | {c.recall:.3f} | **{c.f1:.3f}** | {t.f1:.3f} |"
    )


def report(data_root: Path) -> str:
    """Score the hedge detector and the baselines on WikiWeasel; return a Markdown section."""
    docs = read_wikiweasel(Path(data_root) / WIKIWEASEL)
    tagger = _tagger()
    pairs = build_documents(docs, tagger=tagger)
    built = {
        "held-out (odd docs)": [p for p in pairs if p[0].position % 2 == 1],
        "tune (even docs)": [p for p in pairs if p[0].position % 2 == 0],
        "all": pairs,
    }
    systems: list[tuple[str, Predictor, bool]] = [
        ("framing hedges.en@1, scheme=szeged", framing_predictor("szeged"), True),
        ("framing hedges.en@1, scheme=news (all entries)", framing_predictor("news"), False),
    ]
    for name, rel in BASELINES.items():
        path = Path(data_root) / rel
        if path.exists():
            systems.append(
                (f"baseline: {name}", phrase_list_predictor(read_phrase_list(path)), False)
            )
    lines = [
        "## Hedging (WikiWeasel uncertainty cues)",
        "",
        "Data: `wikiweasel/wiki.dev.xml` (Szeged Uncertainty Corpus, Wikipedia part; "
        f"{len(docs)} documents, {sum(len(d.sentences) for d in docs)} sentences, gold sentence "
        "boundaries). Cue types in this file: epistemic (`speculation_modal_probable_`), "
        "doxastic, condition and investigation. A sentence is uncertain when it has a cue.",
        "Split: even-numbered documents were read for lexicon error analysis (*tune*); "
        "odd-numbered documents were not (*held-out*). Nothing is trained.",
        "Scoring: sentence P/R/F1 of the uncertain class (CoNLL-2010 task 1); cue P/R/F1 by "
        "token overlap (a predicted cue is right when it shares a token with a gold cue, a "
        "gold cue is found when a prediction shares a token with it); token F1 counts cue "
        "tokens. Every voice counts (quoted cues too).",
        "`scheme=szeged` leaves out the entries marked `scope=news` (approximators, "
        "'according to', distancing 'claims'/'reports'), which the Szeged guidelines do not "
        "annotate; `scheme=news` is the default used on news. Baselines match the reference "
        "lists as lower-cased word sequences, with no rules.",
        f"POS tags: {'the shipped tagger' if tagger is not None else 'none (no tagger model)'}.",
        "Targets: sentence F1 >= 0.62 (best CoNLL-2010 Wikipedia system: 60.2), "
        "cue F1 >= 0.55. Comparability: this file holds only the speculation cue types of the "
        "Szeged re-annotation (no weasel or peacock cues), whereas the CoNLL-2010 Wikipedia "
        "data marked weasel cues; 60.2 is a reference point, not a like-for-like comparison.",
        "",
        "| system | split | sentences | sent P | sent R | sent F1 | cue P | cue R | cue F1 "
        "| token F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, predict, all_splits in systems:
        for split, spairs in built.items():
            if all_splits or split != "tune (even docs)":
                lines.append(_row(name, split, score_hedges(spairs, predict)))
    lines += [
        "",
        "Command: `python scripts/evaluate.py --only hedging`.",
    ]
    return "\n".join(lines) + "\n"

"""Score sentence alignment and "only in one version" content on BASIL (3 outlets per event).

BASIL (Fan et al. 2019) covers each event with three articles (Fox News, New York Times,
HuffPost) and marks *informational bias* (``bias == "inf"``): content that one outlet
includes (and the others may leave out) to sway the reader. The alignment says, for every
sentence, whether another version carries the same content; a sentence with no counterpart
is "only in" its article.

Events are split by their position in the sorted list of event ids: even positions are the
*tune* half, odd positions the *held-out* half. The seed story is never used for tuning.

1. Threshold and weights, on silver alignment (BASIL has no gold alignment). Positives: two
   sentences of different outlets in one event sharing a run of :data:`SILVER_NGRAM` words
   (a quotation or copy both carry). Null: each article aligned with the same outlet's
   article of the next event (a different story), where any alignment is false. J = recall
   on positives - share of null sentences aligned; the threshold with the highest J on the
   tune half is chosen, for each weight setting of :data:`WEIGHT_GRID`.
2. Only-in vs informational bias, sentence level, pooled over articles. Gold: the BASIL
   sentence holds at least one ``inf`` annotation (located as in
   :mod:`framing.evaluate.loaded`: the sentence whose ``text[start:end]`` equals ``txt``,
   else the first sentence containing ``txt``). Predicted: every framing sentence
   overlapping the BASIL sentence is only-in. Precision, recall and F1 against two baselines
   at the same selection rate per article: random (expected values: precision = prevalence,
   recall = rate) and positional (the article's last sentences).
3. Outlet profile: per outlet, the share of its sentences that are only-in, the mean sentence
   count, the gold informational-bias rate, and how often its only-in and its other
   sentences hold an ``inf`` span. :data:`OUTLET_METRICS` is the hook for more per-outlet
   rates (hedging, anonymous sourcing): add a function ``Document -> float`` under a name and
   it becomes a column.

Run ``python scripts/evaluate.py --only comparison`` to regenerate the section of
``docs/evaluation.md``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from framing.compare.align import (
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    SentenceKeys,
    similarity_matrices,
    story_keys,
)
from framing.compare.coverage import GROUP_THRESHOLD
from framing.errors import ModelNotFoundError
from framing.pipeline import extract
from framing.text import process
from framing.types import Article, Document, FeatureSet

__all__ = [
    "OUTLET_METRICS",
    "PRF",
    "BasilArticle",
    "BasilEvent",
    "EventScores",
    "SilverScores",
    "best_other",
    "choose_threshold",
    "outlet_profile",
    "predicted_only",
    "prepare",
    "read_basil_events",
    "report",
    "score_only",
    "silver_scores",
]

BASIL = Path("basil")
OUTLET_NAMES = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
THRESHOLDS = tuple(round(x, 3) for x in np.arange(0.10, 0.501, 0.025))
#: Weight settings (words, chars, entities) compared on the tune half.
WEIGHT_GRID: tuple[tuple[float, float, float], ...] = (
    (1.0, 0.0, 0.0),
    (0.7, 0.1, 0.2),
    (0.6, 0.2, 0.2),
    (0.5, 0.2, 0.3),
    (0.4, 0.3, 0.3),
)
#: Silver positives share a run of this many words.
SILVER_NGRAM = 7

def _per_sentence(fs: FeatureSet, feature: str, *, voice: str | None = None) -> float:
    n = max(len(fs.document.sentences), 1)
    return sum(
        1 for s in fs.spans if s.feature == feature and (voice is None or s.voice == voice)
    ) / n


def _unnamed_share(fs: FeatureSet) -> float:
    sourced = [a for a in fs.attributions if a.source is not None]
    if not sourced:
        return 0.0
    return sum(a.source_type in ("anonymous", "vague") for a in sourced) / len(sourced)


#: name -> function(FeatureSet) -> float; each becomes a column of the outlet profile,
#: with a count of the events in which each outlet has the highest value.
OUTLET_METRICS: dict[str, Callable[[FeatureSet], float]] = {
    "narrator hedges / sentence": lambda fs: _per_sentence(fs, "hedge", voice="narrator"),
    "boosters / sentence": lambda fs: _per_sentence(fs, "booster"),
    "loaded / sentence": lambda fs: _per_sentence(fs, "loaded"),
    "anonymous or vague share of sources": _unnamed_share,
}


# --- data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BasilArticle:
    """One BASIL article as a framing :class:`Article` plus its gold sentence labels.

    ``spans`` are the ``(start, end)`` offsets of BASIL's own sentences in ``article.text``
    (sentences joined by a space, paragraphs by a blank line); ``inf`` flags the sentences
    holding an informational-bias annotation.
    """

    article: Article
    outlet: str
    spans: tuple[tuple[int, int], ...]
    inf: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class BasilEvent:
    """The three articles of one BASIL event (triplet)."""

    id: str
    articles: tuple[BasilArticle, ...]


def _locate(sents: Sequence[str], txt: str, start: int, end: int) -> int | None:
    hit = next((i for i, x in enumerate(sents) if x[start:end] == txt), None)
    if hit is None:
        hit = next((i for i, x in enumerate(sents) if txt and txt in x), None)
    return hit


def _read_article(path: Path, root: Path) -> tuple[str, BasilArticle]:
    art = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [[s for s in para if s.strip()] for para in art.get("body-paragraphs", [])]
    paragraphs = [p for p in paragraphs if p]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    sents: list[str] = []
    pos = 0
    for p_i, para in enumerate(paragraphs):
        if p_i:
            parts.append("\n\n")
            pos += 2
        for s_i, sent in enumerate(para):
            if s_i:
                parts.append(" ")
                pos += 1
            parts.append(sent)
            spans.append((pos, pos + len(sent)))
            sents.append(sent)
            pos += len(sent)
    text = "".join(parts)
    inf = [False] * len(sents)
    ann_path = root / "annotations" / path.parent.name / f"{path.stem}_ann.json"
    if ann_path.exists():
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        for p in ann.get("phrase-level-annotations", []):
            if p.get("bias") != "inf":
                continue
            hit = _locate(sents, p.get("txt", ""), int(p.get("start", -1)), int(p.get("end", -1)))
            if hit is not None:
                inf[hit] = True
    source = str(art.get("source", "")).lower()
    article = Article(
        id=path.stem,
        outlet=OUTLET_NAMES.get(source, source),
        text=text,
        title=art.get("title"),
        date=art.get("date"),
        url=art.get("url"),
    )
    event = str(art.get("triplet-uuid") or path.stem.rsplit("_", 1)[0])
    return event, BasilArticle(article, article.outlet, tuple(spans), tuple(inf))


def read_basil_events(data_root: Path, *, limit: int | None = None) -> list[BasilEvent]:
    """Read BASIL events (sorted by event id), each with its articles in file order.

    Parameters
    ----------
    data_root : Path
        The gold-data folder (``../shared/data``), which holds ``basil/``.
    limit : int, optional
        Read only the first ``limit`` events.
    """
    root = Path(data_root) / BASIL
    by_event: dict[str, list[BasilArticle]] = {}
    for path in sorted((root / "articles").glob("*/*.json")):
        event, art = _read_article(path, root)
        by_event.setdefault(event, []).append(art)
    events = [BasilEvent(k, tuple(v)) for k, v in sorted(by_event.items()) if len(v) >= 2]
    return events[:limit] if limit is not None else events


# --- scoring --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was selected."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EventScores:
    """An event's documents, sentence keys and, per framing sentence, the best similarity
    to a sentence of another version (under the default weights)."""

    event: BasilEvent
    docs: tuple[Document, ...]
    keys: tuple[tuple[SentenceKeys, ...], ...]  # per doc, per sentence
    best: tuple[np.ndarray, ...] = ()  # per doc: max similarity to any other doc's sentence
    cover: tuple[tuple[tuple[int, ...], ...], ...] = ()  # per doc: BASIL sentence -> ours


def _combined(
    keys: Sequence[Sequence[SentenceKeys]], weights: tuple[float, float, float]
) -> tuple[np.ndarray, np.ndarray]:
    flat = [k for ks in keys for k in ks]
    doc_of = np.array([p for p, ks in enumerate(keys) for _ in ks], dtype=int)
    total = float(sum(weights))
    combined = similarity_matrices(flat, weights=tuple(w / total for w in weights))[0]
    return combined, doc_of


def best_other(
    keys: Sequence[Sequence[SentenceKeys]],
    *,
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS,
) -> tuple[np.ndarray, ...]:
    """Per document and sentence: the highest similarity to a sentence of another document.

    A sentence is only-in at threshold ``t`` exactly when it has content words and this value
    is below ``t`` (the rule of :func:`~framing.compare.align.align`), so one computation
    serves every threshold.
    """
    combined, doc_of = _combined(keys, weights)
    out = []
    for p in range(len(keys)):
        rows, others = np.flatnonzero(doc_of == p), np.flatnonzero(doc_of != p)
        sub = combined[np.ix_(rows, others)]
        out.append(sub.max(axis=1) if sub.size else np.zeros(len(rows)))
    return tuple(out)


def _cover(doc: Document, spans: Sequence[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(
        tuple(x.index for x in doc.sentences if x.start < e and s < x.end) for s, e in spans
    )


def prepare(events: Sequence[BasilEvent], *, tag: bool = True) -> list[EventScores]:
    """Process every article, reduce sentences to keys, compute best cross-version scores."""
    out = []
    for ev in events:
        docs = tuple(process(a.article, tag=tag) for a in ev.articles)
        keys = tuple(tuple(ks) for ks in story_keys(docs))
        cover = tuple(_cover(d, a.spans) for d, a in zip(docs, ev.articles, strict=True))
        out.append(EventScores(ev, docs, keys, best_other(keys), cover))
    return out


def predicted_only(es: EventScores, threshold: float) -> list[list[bool]]:
    """Per article, per BASIL sentence: is it only-in at ``threshold``?"""
    out = []
    for best, keys, cover in zip(es.best, es.keys, es.cover, strict=True):
        only = [bool(k.terms) and b < threshold for k, b in zip(keys, best, strict=True)]
        out.append([bool(c) and all(only[i] for i in c) for c in cover])
    return out


def score_only(scored: Sequence[EventScores], threshold: float) -> tuple[PRF, float, float]:
    """Pooled P/R/F1 of only-in vs informational bias; also selection rate and prevalence."""
    tp = fp = fn = n = sel = pos = 0
    for es in scored:
        for art, pred in zip(es.event.articles, predicted_only(es, threshold), strict=True):
            for g, p in zip(art.inf, pred, strict=True):
                tp += g and p
                fp += p and not g
                fn += g and not p
                n += 1
                sel += p
                pos += g
    return PRF(tp, fp, fn), sel / n if n else 0.0, pos / n if n else 0.0


def positional_baseline(scored: Sequence[EventScores], threshold: float) -> PRF:
    """Select each article's last sentences, as many as the alignment selects there."""
    tp = fp = fn = 0
    for es in scored:
        for art, pred in zip(es.event.articles, predicted_only(es, threshold), strict=True):
            k, n = sum(pred), len(pred)
            for i, g in enumerate(art.inf):
                p = i >= n - k
                tp += g and p
                fp += p and not g
                fn += g and not p
    return PRF(tp, fp, fn)


def _random_f1(rate: float, prevalence: float) -> float:
    p, r = prevalence, rate
    return 2 * p * r / (p + r) if p + r else 0.0


# --- silver alignment: verbatim copies vs unrelated events -----------------------------


def _shingles(doc: Document, index: int, n: int) -> set[tuple[str, ...]]:
    words = [t.lower for t in doc.tokens_of(index) if t.text[:1].isalnum()]
    return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}


@dataclass(frozen=True, slots=True)
class SilverScores:
    """Similarities of silver positive pairs and best similarities in null comparisons."""

    positives: np.ndarray  # one similarity per cross-version pair sharing a word n-gram
    null: np.ndarray  # per content sentence: best similarity to an unrelated article
    null_pairs: np.ndarray  # every sentence pair of the null comparisons

    def at(self, threshold: float) -> tuple[float, float, float]:
        """Recall on positives, share of null sentences aligned, and their difference (J)."""
        rec = float(np.mean(self.positives >= threshold)) if self.positives.size else 0.0
        fpr = float(np.mean(self.null >= threshold)) if self.null.size else 0.0
        return rec, fpr, rec - fpr


def silver_scores(
    scored: Sequence[EventScores],
    *,
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS,
    ngram: int = SILVER_NGRAM,
) -> SilverScores:
    """Score the similarity on pairs that must align and on comparisons that must not.

    Positives: two sentences of different versions of one event that share a run of
    ``ngram`` words (a quotation or wire copy carried by both outlets). Null: each article
    aligned with the same outlet's article of the next event in ``scored`` (a different
    story); every alignment there is a false one. Both are independent of the similarity
    being scored.
    """
    pos: list[float] = []
    null: list[float] = []
    pairs: list[np.ndarray] = []
    for k, es in enumerate(scored):
        combined, doc_of = _combined(es.keys, weights)
        own = [(p, i) for p, ks in enumerate(es.keys) for i in range(len(ks))]
        sh = [_shingles(es.docs[p], i, ngram) for p, i in own]
        for r in range(len(own)):
            for s in range(r + 1, len(own)):
                if doc_of[r] != doc_of[s] and sh[r] & sh[s]:
                    pos.append(float(combined[r, s]))
        other = scored[(k + 1) % len(scored)]
        if other is es:
            continue
        for a in range(min(len(es.keys), len(other.keys))):
            pair = (es.keys[a], other.keys[a])
            combined, doc_of = _combined(pair, weights)
            block = combined[np.ix_(np.flatnonzero(doc_of == 0), np.flatnonzero(doc_of == 1))]
            pairs.append(block.ravel())
            best = block.max(axis=1) if block.size else np.zeros(len(es.keys[a]))
            null.extend(float(b) for b, key in zip(best, es.keys[a], strict=True) if key.terms)
    flat = np.concatenate(pairs) if pairs else np.zeros(0)
    return SilverScores(np.array(pos), np.array(null), flat)


def choose_threshold(silver: SilverScores) -> float:
    """The threshold of :data:`THRESHOLDS` with the highest J (lowest threshold on ties)."""
    return max(THRESHOLDS, key=lambda t: (round(silver.at(t)[2], 6), -t))


# --- outlet profile -------------------------------------------------------------------


def outlet_profile(scored: Sequence[EventScores], threshold: float) -> dict[str, dict[str, float]]:
    """Per outlet: events, mean sentences, share only-in, gold inf rate, plus OUTLET_METRICS."""
    acc: dict[str, dict[str, list[float]]] = {}
    wins: dict[str, dict[str, int]] = {}
    for es in scored:
        only = predicted_only(es, threshold)
        event_values: dict[str, dict[str, float]] = {}
        for art, doc, pred in zip(es.event.articles, es.docs, only, strict=True):
            row = acc.setdefault(art.outlet, {})
            n = len(pred)
            row.setdefault("sentences", []).append(n)
            row.setdefault("only", []).append(sum(pred) / n if n else 0.0)
            row.setdefault("inf", []).append(sum(art.inf) / n if n else 0.0)
            row.setdefault("_inf_only", []).append(
                sum(g and p for g, p in zip(art.inf, pred, strict=True))
            )
            row.setdefault("_n_only", []).append(sum(pred))
            row.setdefault("_inf_rest", []).append(
                sum(g and not p for g, p in zip(art.inf, pred, strict=True))
            )
            row.setdefault("_n_rest", []).append(n - sum(pred))
            if OUTLET_METRICS:
                fs = extract(doc)
                for name, fn in OUTLET_METRICS.items():
                    value = float(fn(fs))
                    row.setdefault(name, []).append(value)
                    event_values.setdefault(name, {})[art.outlet] = value
        for name, values in event_values.items():
            top = max(values.values())
            leaders = [o for o, v in values.items() if v == top]
            if len(leaders) == 1 and top > 0:
                wins.setdefault(leaders[0], {}).setdefault(name, 0)
                wins[leaders[0]][name] += 1
    out = {}
    for outlet, cols in sorted(acc.items()):
        row = {k: float(np.mean(v)) for k, v in cols.items() if not k.startswith("_")}
        row["events"] = len(cols["only"])
        # pooled over the outlet's articles: how often only-in / other sentences hold inf
        row["inf_in_only"] = sum(cols["_inf_only"]) / max(1.0, sum(cols["_n_only"]))
        row["inf_in_rest"] = sum(cols["_inf_rest"]) / max(1.0, sum(cols["_n_rest"]))
        for name in OUTLET_METRICS:
            row[f"most:{name}"] = float(wins.get(outlet, {}).get(name, 0))
        out[outlet] = row
    return out


# --- report ---------------------------------------------------------------------------


def _tagger_available() -> bool:
    try:
        from framing.text.tagger import load_tagger

        load_tagger()
    except (ModelNotFoundError, ImportError):
        return False
    return True


def _quantile(values: np.ndarray, q: float) -> float:
    return float(np.quantile(values, q)) if values.size else float("nan")


def _fmt(prf: PRF) -> str:
    return f"{prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f}"


def report(data_root: Path, *, limit: int | None = None) -> str:
    """Return the Markdown section ``## Comparison: alignment and only-in content (BASIL)``.

    Parameters
    ----------
    data_root : Path
        The gold-data folder (``../shared/data``).
    limit : int, optional
        Use only the first ``limit`` events (for quick runs and tests).
    """
    t0 = time.perf_counter()
    events = read_basil_events(data_root, limit=limit)
    tag = _tagger_available()
    scored = prepare(events, tag=tag)
    tune = [s for k, s in enumerate(scored) if k % 2 == 0]
    held = [s for k, s in enumerate(scored) if k % 2 == 1]
    n_sent = sum(len(a.inf) for e in events for a in e.articles)

    grid = []
    for w in WEIGHT_GRID:
        sv = silver_scores(tune, weights=w)
        t = choose_threshold(sv)
        grid.append((w, t, *sv.at(t), sv))
    silver_tune = next(g[-1] for g in grid if g[0] == DEFAULT_WEIGHTS)
    chosen = choose_threshold(silver_tune)
    silver_held = silver_scores(held)

    lines = [
        "## Comparison: alignment and only-in content (BASIL)",
        "",
        f"Data: BASIL (Fan et al. 2019), the {len(events)} events in `basil/` "
        f"({sum(len(e.articles) for e in events)} articles, {n_sent} sentences; Fox News, "
        "New York Times and HuffPost per event). Article text = BASIL's sentences joined by a "
        "space, paragraphs by a blank line; framing re-splits it (`framing.text.process`, POS "
        f"tags: {'shipped tagger' if tag else 'none, the tagger model was absent'}) and "
        "`framing.compare.align.align` aligns each event's three articles. Events are split by "
        "position in the sorted event ids: even = tune "
        f"({len(tune)} events), odd = held-out ({len(held)} events). The seed story is never "
        "used for tuning.",
        "",
        "### Threshold and weights (silver alignment)",
        "",
        f"Positives: sentence pairs of two outlets in one event that share a run of "
        f"{SILVER_NGRAM} words (a quotation or copy both carry). Null: each article aligned with "
        "the same outlet's article of the next event (a different story): any alignment there "
        "is false. Recall = share of positives aligned; null aligned = share of null sentences "
        "aligned with something; J = recall - null aligned. The threshold is the one with the "
        "highest J on the tune half.",
        "",
        "| weights (words, chars, entities) | best threshold (tune) | recall | null aligned | J |",
        "|---|---|---|---|---|",
    ]
    for w, t, rec, fpr, j, _sv in grid:
        mark = " (default)" if w == DEFAULT_WEIGHTS else ""
        lines.append(f"| {w}{mark} | {t:.3f} | {rec:.3f} | {fpr:.3f} | {j:.3f} |")
    lines += [
        "",
        f"Default weights {DEFAULT_WEIGHTS}: threshold chosen on tune **{chosen:.3f}**; "
        f"package default `DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD}`"
        + ("." if abs(chosen - DEFAULT_THRESHOLD) < 1e-9 else " (differs: update it)."),
        "",
        "Grouping of only-in sentences into content units "
        "(`framing.compare.coverage.GROUP_THRESHOLD = "
        f"{GROUP_THRESHOLD}`): the 99.5th percentile of the similarity of all sentence pairs "
        f"of the null comparisons (tune, default weights, {silver_tune.null_pairs.size} pairs) "
        f"is {_quantile(silver_tune.null_pairs, 0.995):.3f}.",
        "",
        "| split | positives | null sentences | threshold | recall | null aligned | J |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, sv in (("tune", silver_tune), ("held-out", silver_held)):
        for t in sorted({0.2, DEFAULT_THRESHOLD, 0.3}):
            rec, fpr, j = sv.at(t)
            lines.append(
                f"| {name} | {sv.positives.size} | {sv.null.size} | {t:.3f} | {rec:.3f} "
                f"| {fpr:.3f} | {j:.3f} |"
            )
    lines += [
        "",
        "### Only-in sentences vs informational bias",
        "",
        "Gold: the BASIL sentence holds an informational-bias (`inf`) span. Predicted: the "
        "sentence is *only in* its article (every framing sentence overlapping it has content "
        "words and no counterpart in the other two articles). Pooled sentence-level precision "
        "/ recall / F1 of the gold class. Baselines select the same number of sentences per "
        "article: at random (expected values: precision = prevalence, recall = selection "
        "rate) and the article's last sentences (positional).",
        "",
        "| split | threshold | selected | inf prevalence | P | R | F1 | random F1 "
        "| last-sentences P | R | F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, part in (("tune", tune), ("held-out", held), ("all", scored)):
        for t in sorted({0.2, DEFAULT_THRESHOLD, 0.3}):
            prf, rate, prev = score_only(part, t)
            pos = positional_baseline(part, t)
            lines.append(
                f"| {name} | {t:.3f} | {rate:.3f} | {prev:.3f} | {_fmt(prf)} "
                f"| {_random_f1(rate, prev):.3f} | {_fmt(pos)} |"
            )
    prof = outlet_profile(scored, DEFAULT_THRESHOLD)
    extra = list(OUTLET_METRICS)
    lines += [
        "",
        "### Outlets across events",
        "",
        f"Mean per article over all events (threshold {DEFAULT_THRESHOLD}).",
        "",
        "| outlet | articles | sentences | share only-in | share with inf span "
        "| inf share of its only-in sentences | inf share of its other sentences |",
        "|---|---|---|---|---|---|---|",
    ]
    for outlet, row in prof.items():
        lines.append(
            f"| {outlet} | {int(row['events'])} | {row['sentences']:.1f} | {row['only']:.3f} "
            f"| {row['inf']:.3f} | {row['inf_in_only']:.3f} | {row['inf_in_rest']:.3f} |"
        )
    if extra:
        lines += [
            "",
            "Framing features per outlet (mean per article; in brackets, the number of "
            "events in which the outlet has the highest value of the three, ties not "
            "counted). Features come from the full `framing.extract` pipeline.",
            "",
            "| outlet | " + " | ".join(extra) + " |",
            "|---|" + "---|" * len(extra),
        ]
        for outlet, row in prof.items():
            cells = " | ".join(f"{row[x]:.3f} ({int(row['most:' + x])})" for x in extra)
            lines.append(f"| {outlet} | {cells} |")
    lines += [
        "",
        f"Run time {time.perf_counter() - t0:.1f} s. "
        "Command: `python scripts/evaluate.py --only comparison`.",
    ]
    return "\n".join(lines) + "\n"

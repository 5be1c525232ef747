"""Score source attribution against PolNeAR (Newell et al. 2018), brat standoff files.

PolNeAR ships each article as ``text/NAME.txt`` and its annotation as
``attributions/NAME_ANNOTATOR.ann``. The offsets of the ``T`` lines are Python character
offsets into the ``.txt`` file read as UTF-8 (checked: ``text[s:e]`` equals the annotated
text; discontinuous elements list several ``start end`` pairs joined by ``;``). The pipeline
runs on ``Article(id=NAME, outlet=publisher, text=txt)`` built from the file verbatim, so
predicted and gold offsets index the same string. When an article has several annotators,
the first annotator file in name order is the gold.

Scoring, per role (source, cue, content): every segment of every element is one item, on
both sides, de-duplicated. *Exact*: same boundaries after trimming whitespace and
``. , ; :`` at both ends. *Overlap*: one-to-one matching of items that share at least one
character (greedy, largest overlap first). The relayed sources of chains ("the NYT, citing
two unnamed officials": ``attrs["relay"]``) are not scored, because they share their
content with the relaying relation and PolNeAR is univocal (each token belongs to at most
one attribution); every other predicted relation is scored, nested ones included.

Anonymous-vs-named accuracy: over gold sources matched (overlap) by a predicted source,
excluding single-word pronoun sources (the ``pronoun*`` entries of ``sources.en``),
whether the prediction says "named" (``attrs["named"]``) exactly when the head of the gold
source is a proper noun: capitalised, and capitalised mid-sentence in the PolNeAR *train*
texts at least three times as often as written in lower case (a corpus statistic
independent of the framing lexicons).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from framing.errors import IngestError
from framing.evaluate.scores import PRF
from framing.features.attribution_model import MODEL_VERSION

if TYPE_CHECKING:
    from framing.features.attribution import AttributionFeatures
    from framing.types import Attribution, Document

__all__ = [
    "GoldArticle",
    "GoldRelation",
    "RoleScore",
    "annotator_agreement",
    "cue_token_labels",
    "f1_intervals",
    "iter_polnear",
    "read_brat",
    "report",
    "score_roles",
]

ROLES = ("source", "cue", "content")
Segment = tuple[int, int]
_TRIM = " \t\n\xa0.,;:"


class GoldRelation(NamedTuple):
    """One gold attribution: segments of the source, cue and content (empty when absent)."""

    source: tuple[Segment, ...]
    cue: tuple[Segment, ...]
    content: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """A PolNeAR article: its name, publisher, text and gold relations."""

    name: str
    publisher: str
    text: str
    relations: tuple[GoldRelation, ...]


def read_brat(ann: str, *, path: str = "<string>") -> list[GoldRelation]:
    """Parse PolNeAR brat standoff: ``T`` lines give elements, ``E`` lines tie them.

    Parameters
    ----------
    ann : str
        Content of a ``.ann`` file.
    path : str
        File name for error messages.

    Returns
    -------
    list of GoldRelation

    Raises
    ------
    IngestError
        If an ``E`` line names an element that no ``T`` line defines.

    Examples
    --------
    >>> ann = "T1\\tSource 0 4\\tIran\\nT2\\tCue 5 11\\tdenied\\nT3\\tContent 12 14\\tit\\n"
    >>> ann += "E1\\tAttribution:T2 Source:T1 Cue:T2 Content:T3\\n"
    >>> read_brat(ann)
    [GoldRelation(source=((0, 4),), cue=((5, 11),), content=((12, 14),))]
    """
    elements: dict[str, tuple[Segment, ...]] = {}
    events: list[tuple[int, str]] = []
    for lineno, line in enumerate(ann.splitlines(), 1):
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0][1:].isdigit():
            continue  # annotator notes and continuation lines of multi-line element texts
        if parts[0][0] == "T":
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            try:
                segs = tuple(
                    (int(a), int(b)) for a, b in (seg.split() for seg in head[1].split(";"))
                )
            except ValueError:
                raise IngestError(f"{path}:{lineno}: bad offsets {head[1]!r}.") from None
            elements[parts[0]] = segs
        elif parts[0][0] == "E":
            events.append((lineno, parts[1]))
    out = []
    for lineno, body in events:
        roles: dict[str, tuple[Segment, ...]] = {}
        for arg in body.split():
            role, _, ref = arg.partition(":")
            if role == "Attribution":
                continue
            if ref not in elements:
                raise IngestError(f"{path}:{lineno}: element {ref!r} is not defined.")
            roles[role.lower()] = elements[ref]
        out.append(
            GoldRelation(roles.get("source", ()), roles.get("cue", ()), roles.get("content", ()))
        )
    return out


def iter_polnear(split_dir: Path, *, limit: int | None = None) -> Iterator[GoldArticle]:
    """Yield the articles of one PolNeAR split folder (``.../data/dev``), in name order."""
    split_dir = Path(split_dir)
    ann_dir, text_dir = split_dir / "attributions", split_dir / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise IngestError(f"{split_dir} is not a PolNeAR split (no attributions/ and text/).")
    seen: set[str] = set()
    count = 0
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        txt = text_dir / f"{name}.txt"
        if name in seen or not txt.is_file():
            continue
        seen.add(name)
        text = txt.read_text(encoding="utf-8")
        rels = read_brat(ann.read_text(encoding="utf-8"), path=str(ann))
        yield GoldArticle(name, name.split("_", 1)[0], text, tuple(rels))
        count += 1
        if limit is not None and count >= limit:
            return


def cue_token_labels(doc: Document, relations: Iterable[GoldRelation]) -> dict[int, str]:
    """BIO cue labels of the tokens the gold cue segments cover, keyed by token start.

    The training target of the cue tagger: the first token of each cue segment is
    ``B-CUE``, the following tokens inside it ``I-CUE``; tokens absent from the result are
    ``O``.
    """
    from bisect import bisect_left

    labels: dict[int, str] = {}
    starts = [t.start for t in doc.tokens]
    for rel in relations:
        for s, e in rel.cue:
            k = bisect_left(starts, s)
            first = True
            while k < len(starts) and doc.tokens[k].end <= e:
                labels[starts[k]] = "B-CUE" if first else "I-CUE"
                first = False
                k += 1
    return labels


@dataclass(frozen=True, slots=True)
class RoleScore(PRF):
    """Precision, recall and F1 (from :class:`~framing.evaluate.scores.PRF`) of one role
    under one matching rule."""

    role: str = ""
    match: str = ""


def _trim(text: str, seg: Segment) -> Segment:
    s, e = seg
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e)


def _match_overlap(gold: Sequence[Segment], pred: Sequence[Segment]) -> int:
    pairs = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g)


def score_roles(
    items: Iterable[tuple[str, dict[str, set[Segment]], dict[str, set[Segment]]]],
) -> list[RoleScore]:
    """Score ``(text, gold_by_role, pred_by_role)`` triples, summed over articles."""
    tot: Counter[tuple[str, str, str]] = Counter()
    for text, gold, pred in items:
        for role in ROLES:
            g = {t for t in (_trim(text, s) for s in gold.get(role, ())) if t[1] > t[0]}
            p = {t for t in (_trim(text, s) for s in pred.get(role, ())) if t[1] > t[0]}
            exact = len(g & p)
            ov = _match_overlap(sorted(g), sorted(p))
            for match, tp in (("exact", exact), ("overlap", ov)):
                tot[(role, match, "gold")] += len(g)
                tot[(role, match, "pred")] += len(p)
                tot[(role, match, "tp")] += tp
    return [
        RoleScore(
            tp_pred=tot[(role, match, "tp")],
            n_pred=tot[(role, match, "pred")],
            tp_gold=tot[(role, match, "tp")],
            n_gold=tot[(role, match, "gold")],
            role=role,
            match=match,
        )
        for role in ROLES
        for match in ("exact", "overlap")
    ]


def f1_intervals(
    items: Sequence[tuple[str, dict[str, set[Segment]], dict[str, set[Segment]]]],
    *,
    resamples: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[tuple[str, str], tuple[float, float]]:
    """Percentile bootstrap intervals of each role's F1, resampling articles.

    Articles are the unit of resampling: relations within one article share its writer,
    topic and annotator, so resampling relations would understate the spread. Each
    resample draws as many articles as ``items`` holds, with replacement, and sums their
    counts before taking F1, as :func:`score_roles` does for the point estimate.

    Parameters
    ----------
    items : sequence of (text, gold_by_role, pred_by_role)
        One triple per article, as for :func:`score_roles`.
    resamples : int
        Number of bootstrap resamples.
    level : float
        Coverage of the interval (0.95: the 2.5th and 97.5th percentiles).
    seed : int
        Seed of the resampling (the intervals are deterministic for a given seed).

    Returns
    -------
    dict
        ``(role, match) -> (low, high)``; empty when ``items`` is empty.

    Examples
    --------
    >>> text = "Officials said it. Aides claimed it."
    >>> gold = {"cue": {(10, 14), (25, 32)}}
    >>> ci = f1_intervals([(text, gold, {"cue": {(10, 14)}})], resamples=50)
    >>> ci[("cue", "overlap")]
    (0.6666666666666666, 0.6666666666666666)
    """
    import numpy as np

    if not items:
        return {}
    per = [score_roles([item]) for item in items]
    keys = [(s.role, s.match) for s in per[0]]
    # counts[article, key] = (tp, n_pred, n_gold)
    counts = np.array(
        [[(s.tp_pred, s.n_pred, s.n_gold) for s in row] for row in per], dtype=np.int64
    )
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(items), size=(resamples, len(items)))
    sums = counts[draws].sum(axis=1)  # (resamples, keys, 3)
    denom = sums[..., 1] + sums[..., 2]
    f1 = np.divide(2 * sums[..., 0], denom, out=np.zeros(denom.shape), where=denom > 0)
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail], axis=0)
    return {k: (float(lo), float(hi)) for k, lo, hi in zip(keys, low, high, strict=True)}


def gold_by_role(article: GoldArticle) -> dict[str, set[Segment]]:
    """Gold segments per role."""
    out: dict[str, set[Segment]] = {r: set() for r in ROLES}
    for rel in article.relations:
        for role in ROLES:
            out[role].update(getattr(rel, role))
    return out


def predict(
    article: GoldArticle, extractor: AttributionFeatures | None = None
) -> tuple[Document, list[Attribution]]:
    """Run the framing pipeline (text stage + attribution) on one PolNeAR article."""
    from framing.features.attribution import AttributionFeatures as _Features
    from framing.text import process
    from framing.types import Article

    art = Article(id=article.name, outlet=article.publisher, text=article.text)
    try:
        doc = process(art)
    except Exception:  # the POS model is missing: rules fall back to untagged tokens
        doc = process(art, tag=False)
    ext = extractor or _Features()
    return doc, ext.attributions(doc)


def pred_by_role(attributions: Iterable[Attribution]) -> dict[str, set[Segment]]:
    """Predicted segments per role; relayed sources of chains ("citing X") left out."""
    out: dict[str, set[Segment]] = {r: set() for r in ROLES}
    for a in attributions:
        if a.attrs.get("relay"):
            continue
        for role in ROLES:
            ref = getattr(a, role)
            if ref is not None:
                out[role].add((ref.start, ref.end))
    return out


@cache
def _pronouns() -> frozenset[str]:
    from framing.lexicons import load_lexicon

    return frozenset(e.term for e in load_lexicon("sources.en") if e.category.startswith("pronoun"))


@cache
def _case_stats(train_dir: str) -> tuple[Counter[str], Counter[str]]:
    """Lower-case and mid-sentence capitalised counts of each word in the train texts."""
    lower: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for txt in Path(train_dir, "text").glob("*.txt"):
        prev = "."
        for raw in txt.read_text(encoding="utf-8").split():
            w = raw.strip(".,;:!?\"'“”‘’()[]").removesuffix("’s").removesuffix("'s")
            if w:
                if w[0].islower():
                    lower[w] += 1
                elif w[0].isupper() and prev[-1:] not in '.!?:"“”':
                    cap[w.lower()] += 1
            prev = raw
    return lower, cap


def gold_named(
    text: str, segs: Sequence[Segment], stats: tuple[Counter[str], Counter[str]]
) -> bool | None:
    """True/False for a named/unnamed gold source, None for a bare pronoun.

    The head is the last word of the source before any comma or parenthesis; it is a name
    when it is capitalised and, in the train texts, capitalised mid-sentence at least three
    times as often as it is written in lower case.
    """
    span = " ".join(text[s:e] for s, e in segs)
    words = [w.strip(".,;:!?\"'“”‘’()[]") for w in span.split()]
    words = [w for w in words if w]
    if len(words) == 1 and words[0].lower() in _pronouns():
        return None
    head_part = span.split(",")[0].split("(")[0].split()
    if not head_part:
        return False
    head = head_part[-1].strip(".,;:!?\"'“”‘’()[]").removesuffix("’s").removesuffix("'s")
    if not head[:1].isupper():
        return False
    lower, cap = stats
    return cap[head.lower()] + 1 >= 3 * lower[head]


def _table(
    scores: Sequence[RoleScore],
    intervals: dict[tuple[str, str], tuple[float, float]] | None = None,
) -> str:
    """Markdown table of the scores, with a column of F1 intervals when given."""
    ci = intervals is not None
    lines = [
        "| role | match | gold | predicted | P | R | F1 |" + (" F1 95% CI |" if ci else ""),
        "|---|---|---:|---:|---:|---:|---:|" + ("---:|" if ci else ""),
    ]
    for s in scores:
        row = (
            f"| {s.role} | {s.match} | {s.n_gold} | {s.n_pred} | {s.precision:.3f} | "
            f"{s.recall:.3f} | {s.f1:.3f} |"
        )
        if intervals is not None:
            lo, hi = intervals.get((s.role, s.match), (float("nan"), float("nan")))
            row += f" {lo:.3f}-{hi:.3f} |"
        lines.append(row)
    return "\n".join(lines)


def evaluate(
    split_dir: Path,
    train_dir: Path | None = None,
    *,
    limit: int | None = None,
    use_model: bool = True,
) -> tuple[list[RoleScore], tuple[int, int], list[GoldArticle], bool]:
    """Score the attribution extractor on one split.

    Parameters
    ----------
    split_dir : Path
        A PolNeAR split folder (``.../data/dev``).
    train_dir : Path, optional
        The train split, for the capitalisation statistics of the named/unnamed labels.
    limit : int, optional
        Score only the first ``limit`` articles.
    use_model : bool
        Passed to :class:`~framing.features.attribution.AttributionFeatures`.

    Returns
    -------
    tuple
        ``(scores, (named_correct, named_total), articles, tagged)``.
    """
    items, named, arts, tagged = _run(split_dir, train_dir, limit, use_model)
    return score_roles(items), named, arts, tagged


def _run(
    split_dir: Path, train_dir: Path | None, limit: int | None, use_model: bool
) -> tuple[
    list[tuple[str, dict[str, set[Segment]], dict[str, set[Segment]]]],
    tuple[int, int],
    list[GoldArticle],
    bool,
]:
    """Run the extractor over one split: per-article ``(text, gold, pred)`` triples, the
    named/anonymous counts, the articles, and whether the POS tagger ran."""
    from framing.features.attribution import AttributionFeatures

    ext = AttributionFeatures(use_model=use_model)
    arts = list(iter_polnear(split_dir, limit=limit))
    stats = _case_stats(str(train_dir)) if train_dir is not None else (Counter(), Counter())
    items = []
    named_ok = named_n = 0
    tagged = True
    for art in arts:
        doc, attrs = predict(art, ext)
        tagged = tagged and any(t.pos for t in doc.tokens)
        pred = pred_by_role(attrs)
        items.append((art.text, gold_by_role(art), pred))
        srcs = [
            (a.source.start, a.source.end, bool(a.attrs.get("named")))
            for a in attrs
            if a.source is not None and not a.attrs.get("relay")
        ]
        for rel in art.relations:
            if not rel.source:
                continue
            g = gold_named(art.text, rel.source, stats)
            if g is None:
                continue
            gs, ge = rel.source[0][0], rel.source[-1][1]
            hit = next((n for s, e, n in srcs if min(e, ge) > max(s, gs)), None)
            if hit is None:
                continue
            named_n += 1
            named_ok += int(hit == g)
    return items, (named_ok, named_n), arts, tagged


def annotator_agreement(
    root: Path, compartments: Sequence[str] = ("train", "dev", "annotator-training")
) -> tuple[list[RoleScore], int, int]:
    """Agreement between PolNeAR's own annotators, scored like the extractor.

    Every article of ``compartments`` that several annotators annotated gives one
    ``(gold, predicted)`` item per ordered pair of its annotators, scored by
    :func:`score_roles`: the same exact and overlap F1 as the extractor's, a human ceiling
    for them.

    Parameters
    ----------
    root : Path
        PolNeAR's ``data`` folder.
    compartments : sequence of str
        Sub-folders to read (those that are absent are skipped).

    Returns
    -------
    tuple
        ``(scores, articles, annotator pairs)``.
    """
    items = []
    articles = pairs = 0
    for comp in compartments:
        ann_dir, text_dir = Path(root) / comp / "attributions", Path(root) / comp / "text"
        if not ann_dir.is_dir():
            continue
        by_name: dict[str, list[Path]] = {}
        for ann in sorted(ann_dir.glob("*.ann")):
            by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
        for name, files in by_name.items():
            txt = text_dir / f"{name}.txt"
            if len(files) < 2 or not txt.is_file():
                continue
            text = txt.read_text(encoding="utf-8")
            roles = [
                gold_by_role(
                    GoldArticle(name, "", text, tuple(read_brat(f.read_text("utf-8"), path=str(f))))
                )
                for f in files
            ]
            articles += 1
            for a in range(len(files)):
                for b in range(len(files)):
                    if a != b:
                        items.append((text, roles[a], roles[b]))
                        pairs += 1
    return score_roles(items), articles, pairs // 2


def _lexicon_versions() -> list[str]:
    """The lexicon ids (``name@version``) the extractor loads."""
    from framing.features.attribution import AttributionFeatures

    return list(AttributionFeatures().fit().versions().values())


def _agreement_lines(root: Path) -> list[str]:
    scores, articles, pairs = annotator_agreement(root)
    if not articles:
        return []
    by = {(s.role, s.match): s.f1 for s in scores}
    return [
        "Human ceiling: PolNeAR's annotators scored against each other with the same scorer "
        f"({articles} articles of train, dev and annotator-training that several annotators "
        f"annotated, {pairs} annotator pairs, each in both directions; "
        "`annotator_agreement`): "
        + "; ".join(
            f"{role} {by[(role, 'overlap')]:.3f} overlap, {by[(role, 'exact')]:.3f} exact"
            for role in ROLES
        )
        + ".",
        "",
    ]


def report(data_root: Path) -> str:
    """Markdown section for ``docs/evaluation.md`` (PolNeAR dev)."""
    root = Path(data_root) / "polnear" / "data"
    t0 = time.perf_counter()
    items, (ok, n), arts, tagged = _run(root / "dev", root / "train", None, True)
    secs = time.perf_counter() - t0
    scores = score_roles(items)
    ci = f1_intervals(items)
    by = {(s.role, s.match): s for s in scores}
    targets = (
        ("cue", "exact", 0.80),
        ("cue", "overlap", 0.80),
        ("source", "overlap", 0.75),
        ("content", "overlap", 0.70),
    )
    lex_scores, (lok, ln), _, _ = evaluate(root / "dev", root / "train", use_model=False)
    lines = [
        "## Source attribution (PolNeAR dev)",
        "",
        f"Data: PolNeAR `data/dev` ({len(arts)} articles, "
        f"{sum(len(a.relations) for a in arts)} gold attributions; first annotator per "
        "article). Each article runs through the pipeline as "
        "`Article(id, outlet, text=<.txt verbatim>)`"
        + ("" if tagged else " **without POS tags (the tagger model was missing)**")
        + f"; {secs:.0f} s. Scorer: `framing/evaluate/attribution.py` (segments per role; "
        "exact = same boundaries up to whitespace and `.,;:`; overlap = one-to-one character "
        "overlap). The relayed sources of chains (\"citing X\", `attrs['relay']`) are not "
        "scored (they share their content with the relaying relation; PolNeAR is "
        "univocal); all other relations are. Command: "
        "`python scripts/evaluate.py --only attribution`.",
        "",
        "**framing** (`AttributionFeatures()`: cue tagger "
        f"`attribution-polnear.en@{MODEL_VERSION}`, trained "
        "on PolNeAR train only, + rules + "
        + ", ".join(f"`{v}`" for v in _lexicon_versions())
        + ")",
        "",
        _table(scores, ci),
        "",
        f"F1 95% CI: percentile bootstrap over articles (2,000 resamples of the {len(arts)} "
        "articles with replacement, seed 0; `f1_intervals`). Relations of one article share "
        "its writer and annotator, so articles, not relations, are resampled.",
        "",
        "Ablation: lexicon and rules only (`AttributionFeatures(use_model=False)`)",
        "",
        _table(lex_scores),
        "",
        "Anonymous-vs-named source accuracy (gold sources matched by overlap, bare pronouns "
        "excluded; gold label from the head word's capitalisation statistics in PolNeAR "
        f"train): **{ok / max(n, 1):.3f}** ({ok}/{n}); lexicon-only: {lok / max(ln, 1):.3f} "
        f"({lok}/{ln}).",
        "",
        "Targets: "
        + "; ".join(
            f"{role} F1 ({m}) >= {t:.2f}: {by[(role, m)].f1:.3f} "
            f"(95% CI {ci[(role, m)][0]:.3f}-{ci[(role, m)][1]:.3f}) "
            + ("met" if by[(role, m)].f1 >= t else "**not met**")
            for role, m, t in targets
        )
        + ". Published anchors on comparable news data (not the same corpus): BBC citron on "
        "PARC 3.0, source 0.82 and cue 0.82; Gender Gap Tracker quotes 0.84 (overlap).",
        "",
        *_agreement_lines(root),
        "The peer baseline (textacy `direct_quotations`) has its own section below, "
        "regenerated where its optional dependencies are installed.",
    ]
    return "\n".join(lines) + "\n"

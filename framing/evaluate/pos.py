"""Score a part-of-speech tagger against a CoNLL-U treebank (e.g. UD English EWT).

Contains a small CoNLL-U reader (used by ``scripts/train_tagger.py`` as well) and
:func:`score_tagger`, which reports token accuracy on the Penn Treebank ``XPOS`` column,
overall and per gold tag.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from framing.errors import IngestError

__all__ = [
    "ConlluToken",
    "PosScore",
    "TagAccuracy",
    "Tagger",
    "read_conllu",
    "score_tagger",
]


class ConlluToken(NamedTuple):
    """One syntactic word of a CoNLL-U sentence (multiword-token and empty-node lines dropped).

    ``head`` is 0 for the root; ``space_after`` is False when MISC has ``SpaceAfter=No``.
    """

    id: int
    form: str
    upos: str
    xpos: str
    head: int
    deprel: str
    space_after: bool


class TagAccuracy(NamedTuple):
    """Accuracy on the tokens whose gold tag is ``tag``."""

    tag: str
    support: int
    correct: int

    @property
    def accuracy(self) -> float:
        """``correct / support`` (0.0 when there is no support)."""
        return self.correct / self.support if self.support else 0.0


class Tagger(Protocol):
    """Anything that tags a sentence, like :class:`framing.text.tagger.PosTagger`."""

    def tag(self, words: Sequence[str]) -> list[str]:
        """Return one tag per token."""
        ...


@dataclass(frozen=True, slots=True)
class PosScore:
    """Token accuracy of a tagger on one treebank file.

    Attributes
    ----------
    path : str
        The CoNLL-U file scored.
    sentences : int
        Sentences scored.
    tokens : int
        Tokens scored (syntactic words).
    correct : int
        Tokens whose predicted tag equals the gold ``XPOS``.
    per_tag : tuple of TagAccuracy
        Per gold tag, sorted by descending support.
    """

    path: str
    sentences: int
    tokens: int
    correct: int
    per_tag: tuple[TagAccuracy, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.correct <= self.tokens:
            raise ValueError(
                f"PosScore needs 0 <= correct <= tokens; got correct={self.correct}, "
                f"tokens={self.tokens}."
            )

    @property
    def accuracy(self) -> float:
        """Token accuracy, ``correct / tokens`` (0.0 on an empty file)."""
        return self.correct / self.tokens if self.tokens else 0.0

    def __repr__(self) -> str:
        return f"<PosScore tokens={self.tokens} accuracy={self.accuracy:.4f}>"


def read_conllu(path: str | Path) -> Iterator[list[ConlluToken]]:
    """Yield the sentences of a CoNLL-U file.

    Comment lines, multiword-token lines (``1-2``) and empty nodes (``1.1``) are skipped,
    so each sentence is the list of its syntactic words (``do`` ``n't``).

    Parameters
    ----------
    path : str or pathlib.Path
        A CoNLL-U file (UTF-8).

    Yields
    ------
    list of ConlluToken
        One sentence.

    Raises
    ------
    IngestError
        If a token line does not have 10 tab-separated columns; the message names the line.
    """
    path = Path(path)
    sentence: list[ConlluToken] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                if sentence:
                    yield sentence
                    sentence = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise IngestError(
                    f"expected 10 tab-separated CoNLL-U columns, got {len(cols)}",
                    path=str(path),
                    record=lineno,
                )
            if "-" in cols[0] or "." in cols[0]:
                continue
            try:
                tok_id, head = int(cols[0]), int(cols[6]) if cols[6] != "_" else 0
            except ValueError:
                raise IngestError(
                    f"bad ID or HEAD column ({cols[0]!r}, {cols[6]!r})",
                    path=str(path),
                    record=lineno,
                ) from None
            sentence.append(
                ConlluToken(
                    id=tok_id,
                    form=cols[1],
                    upos=cols[3],
                    xpos=cols[4],
                    head=head,
                    deprel=cols[7],
                    space_after="SpaceAfter=No" not in cols[9].split("|"),
                )
            )
    if sentence:
        yield sentence


def score_tagger(conllu_path: str | Path, *, tagger: Tagger | None = None) -> PosScore:
    """Score a tagger's Penn Treebank tags against the ``XPOS`` column of a CoNLL-U file.

    Parameters
    ----------
    conllu_path : str or pathlib.Path
        Gold data, e.g. ``../shared/data/ud-english-ewt/en_ewt-ud-test.conllu``.
    tagger : Tagger, optional
        The tagger to score; defaults to the shipped one
        (:func:`framing.text.tagger.load_tagger`).

    Returns
    -------
    PosScore

    Raises
    ------
    FileNotFoundError
        If ``conllu_path`` does not exist.

    Examples
    --------
    >>> test = "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"
    >>> score_tagger(test).accuracy > 0.94  # doctest: +SKIP
    True
    """
    path = Path(conllu_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"CoNLL-U file {str(path)!r} does not exist; pass the path to a treebank split "
            "such as ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu."
        )
    if tagger is None:
        from framing.text.tagger import load_tagger

        tagger = load_tagger()
    support: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    n_sentences = 0
    for sentence in read_conllu(path):
        n_sentences += 1
        predicted = tagger.tag([t.form for t in sentence])
        for token, tag in zip(sentence, predicted, strict=True):
            support[token.xpos] += 1
            hits[token.xpos] += tag == token.xpos
    per_tag = tuple(
        TagAccuracy(tag, n, hits[tag])
        for tag, n in sorted(support.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return PosScore(
        path=str(path),
        sentences=n_sentences,
        tokens=sum(support.values()),
        correct=sum(hits.values()),
        per_tag=per_tag,
    )


def report(data_root: Path) -> str:
    """The ``docs/evaluation.md`` section: the shipped tagger on UD English EWT dev and test."""
    from framing.text.tagger import load_tagger

    tagger = load_tagger()
    ewt = Path(data_root) / "ud-english-ewt"
    scores = {split: score_tagger(ewt / f"en_ewt-ud-{split}.conllu") for split in ("dev", "test")}
    lines = [
        "## Part-of-speech tagger (UD English EWT)",
        "",
        f"Model `{tagger.meta.get('name', 'pos-ewt.en')}@{tagger.version}` (averaged perceptron, "
        "trained by `scripts/train_tagger.py` on EWT train; see `docs/tagger.md`). Scored on "
        "the **XPOS** column (Penn Treebank tags) with gold tokenisation; the target is "
        "≥ 94% on the test split.",
        "",
        "| split | sentences | tokens | accuracy |",
        "|---|---:|---:|---:|",
    ]
    for split, sc in scores.items():
        lines.append(f"| {split} | {sc.sentences:,} | {sc.tokens:,} | {sc.accuracy:.4f} |")
    worst = [t for t in scores["test"].per_tag if t.support >= 200]
    worst.sort(key=lambda t: t.accuracy)
    lines += ["", "Least accurate frequent tags on test (support ≥ 200):", ""]
    lines += ["| tag | support | accuracy |", "|---|---:|---:|"]
    lines += [f"| {t.tag} | {t.support:,} | {t.accuracy:.3f} |" for t in worst[:6]]
    lines += ["", "Command: `python scripts/evaluate.py --only pos`."]
    return "\n".join(lines)

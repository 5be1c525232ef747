"""Score loaded-language detection on BABE (sentences, biased words) and BASIL (lexical bias).

* BABE ``final_labels_SG2.dev.csv``: sentence-level macro-F1 (Biased vs Non-biased) and
  biased-word token F1 (a token is gold when the annotators listed it in ``biased_words``;
  it is predicted when a ``loaded`` span covers it).
* BASIL (the 82 events here): sentence-level F1, gold = the sentence holds a ``lex``
  span, predicted = the sentence holds a ``loaded`` span.

The reference lexicons in ``../shared/data`` (Recasens et al. 2013 bias lexicon, MPQA
strong subjective clues, BABE's bias-word lexicon) are scored the same way as baselines;
they are read from the data folder at scoring time and never shipped.

The SG1 / MBIC files that the shipped model is trained on hold the same sentences as part
of SG2 dev, so BABE is scored two ways: the shipped model on the SG2-dev sentences that are
in no training file, and 5-fold cross-fitting over all of SG2 dev (each fold scored by a
model trained without that fold's sentences).
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import IngestError
from framing.features.loaded import (
    LoadedLanguageFeatures,
    LoadedModel,
    _token_categories,
    load_loaded_model,
    match_lexicon,
    train_loaded_model,
)
from framing.features.loaded_model import _norm, _tokenize
from framing.patterns import RE_TOKEN
from framing.types import Article

__all__ = [
    "TOKEN_FILE",
    "TRAIN_FILES",
    "BabeRow",
    "BasilSentence",
    "WordChoiceCheck",
    "check_newswcl50",
    "cross_fit",
    "f1",
    "macro_f1",
    "read_babe",
    "read_basil",
    "report",
    "score_basil",
    "sentence_key",
]

DEV_FILE = "final_labels_SG2.dev.csv"
TRAIN_FILES = ("final_labels_SG1.dev.csv", "final_labels_MBIC.dev.csv")
#: The file whose (expert) biased_words train the token scorer; MBIC's crowd words lower
#: the cross-validated token F1 on expert labels (0.41 -> 0.43 without them).
TOKEN_FILE = "final_labels_SG1.dev.csv"
_LABELS = {"Biased": 1, "Non-biased": 0}


@dataclass(frozen=True, slots=True)
class BabeRow:
    """One BABE sentence: text, label (1 biased, 0 not, None no agreement), biased words.

    ``source`` is the file name the row was read from.
    """

    text: str
    label: int | None
    biased_words: tuple[str, ...]
    outlet: str
    source: str = ""


def sentence_key(text: str) -> str:
    """Normalised sentence text used to match one sentence across BABE files."""
    return " ".join(_norm(text).split())


def read_babe(path: Path) -> list[BabeRow]:
    """Read a BABE ``final_labels_*.csv`` file (``;`` or ``,`` separated).

    Raises
    ------
    IngestError
        If the file has no ``text`` / ``label_bias`` / ``biased_words`` columns or a
        ``biased_words`` cell is not a list.
    """
    raw = Path(path).read_text(encoding="utf-8")
    delim = ";" if raw.split("\n", 1)[0].count(";") > raw.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(raw.splitlines(keepends=True), delimiter=delim)
    need = {"text", "label_bias", "biased_words"}
    if not need <= set(reader.fieldnames or ()):
        raise IngestError(f"BABE file lacks the columns {sorted(need)}", path=str(path))
    out = []
    for n, row in enumerate(reader, start=2):
        try:
            words = ast.literal_eval(row["biased_words"] or "[]")
        except (ValueError, SyntaxError) as exc:
            raise IngestError(
                f"biased_words is not a list: {exc}", path=str(path), record=n
            ) from exc
        out.append(
            BabeRow(
                row["text"].strip(),
                _LABELS.get(row["label_bias"]),
                tuple(str(w) for w in words),
                row.get("outlet", ""),
                Path(path).name,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class BasilSentence:
    """One BASIL sentence with its gold lexical-bias flag."""

    article: str
    event: str
    text: str
    lex: bool


def read_basil(root: Path) -> list[list[BasilSentence]]:
    """Read BASIL articles as lists of sentences with a gold ``lex`` flag per sentence.

    An annotation is placed in the first sentence whose ``text[start:end]`` equals its
    ``txt``; failing that, in the first sentence that contains ``txt``.
    """
    import json

    root = Path(root)
    out = []
    for art_path in sorted((root / "articles").glob("*/*.json")):
        art = json.loads(art_path.read_text(encoding="utf-8"))
        sents = [s for para in art.get("body-paragraphs", []) for s in para]
        ann_path = root / "annotations" / art_path.parent.name / f"{art_path.stem}_ann.json"
        lex = [False] * len(sents)
        if ann_path.exists():
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
            for p in ann.get("phrase-level-annotations", []):
                if p.get("bias") != "lex":
                    continue
                txt, s, e = p.get("txt", ""), int(p.get("start", -1)), int(p.get("end", -1))
                hit = next((i for i, x in enumerate(sents) if x[s:e] == txt), None)
                if hit is None:
                    hit = next((i for i, x in enumerate(sents) if txt and txt in x), None)
                if hit is not None:
                    lex[hit] = True
        event = art.get("triplet-uuid", art_path.stem)
        out.append(
            [BasilSentence(art_path.stem, event, x, f) for x, f in zip(sents, lex, strict=True)]
        )
    return out


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    """Macro-averaged F1 over the two classes."""
    scores = []
    for cls in (0, 1):
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred, strict=True))
        fp = sum(g != cls and p == cls for g, p in zip(gold, pred, strict=True))
        fn = sum(g == cls and p != cls for g, p in zip(gold, pred, strict=True))
        scores.append(f1(tp, fp, fn)[2])
    return sum(scores) / 2


# --- predictors ------------------------------------------------------------------------
#: A word-level predictor: tokens of a sentence -> a flag per token.
TokenPredictor = Callable[[Sequence[str]], list[bool]]


def _doc_of(text: str, ident: str = "s"):
    from framing.text import process

    try:
        return process(Article(id=ident, outlet="eval", text=text))
    except Exception:
        return process(Article(id=ident, outlet="eval", text=text), tag=False)


def _word_list_predictor(words: Iterable[str]) -> TokenPredictor:
    """Flag tokens (and multiword sequences) of a reference word list."""
    single, multi = set(), []
    for w in words:
        toks = tuple(_norm(m.group()) for m in RE_TOKEN.finditer(w))
        if len(toks) == 1:
            single.add(toks[0])
        elif toks:
            multi.append(toks)

    def predict(tokens: Sequence[str]) -> list[bool]:
        low = [_norm(t) for t in tokens]
        flags = [t in single for t in low]
        for m in multi:
            for i in range(len(low) - len(m) + 1):
                if tuple(low[i : i + len(m)]) == m:
                    flags[i : i + len(m)] = [True] * len(m)
        return flags

    return predict


def _model_predictor(
    model: LoadedModel, *, lexicon: bool = True, min_weight: float = 0.0
) -> TokenPredictor:
    def predict(tokens: Sequence[str]) -> list[bool]:
        cats = _token_categories(tokens, "loaded.en")
        flags = model.flags(tokens, cats)[1]
        if lexicon:
            for i, j, e in match_lexicon(tokens):
                if e.weight >= min_weight:
                    flags[i:j] = [True] * (j - i)
        return flags

    return predict


def _lexicon_predictor(min_weight: float = 0.0) -> TokenPredictor:
    def predict(tokens: Sequence[str]) -> list[bool]:
        flags = [False] * len(tokens)
        for i, j, e in match_lexicon(tokens):
            if e.weight >= min_weight:
                flags[i:j] = [True] * (j - i)
        return flags

    return predict


def _word_f1(
    rows: Sequence[BabeRow],
    predict: TokenPredictor | None = None,
    flags: Sequence[Sequence[bool]] | None = None,
) -> tuple[float, float, float]:
    """Token precision, recall, F1 of a predictor (or of precomputed flags per row)."""
    tp = fp = fn = 0
    for n, r in enumerate(rows):
        toks = _tokenize(r.text)
        gold = {_norm(m.group()) for w in r.biased_words for m in RE_TOKEN.finditer(w)}
        pred = flags[n] if flags is not None else predict(toks)
        for t, flag in zip(toks, pred, strict=True):
            if not any(c.isalnum() for c in t):
                continue
            g = _norm(t) in gold
            tp += g and flag
            fp += flag and not g
            fn += g and not flag
    return f1(tp, fp, fn)


def _sentence_preds(model: LoadedModel, rows: Sequence[BabeRow]) -> list[int]:
    out = []
    for r in rows:
        toks = _tokenize(r.text)
        cats = _token_categories(toks, "loaded.en")
        p = model.sentence_score(toks, cats, model.token_scores(toks, cats))
        out.append(int(p >= model.sentence_threshold))
    return out


def _train_rows(data_root: Path) -> list[BabeRow]:
    rows = []
    for name in TRAIN_FILES:
        rows.extend(r for r in read_babe(data_root / "babe" / name) if r.label is not None)
    return rows


def cross_fit(
    dev: Sequence[BabeRow], train: Sequence[BabeRow], *, folds: int = 5
) -> tuple[list[int], list[list[bool]]]:
    """Out-of-fold sentence predictions and token flags for every dev row.

    For each fold of the dev sentences, a model is trained (same code and settings as the
    shipped one) on the training rows whose sentence is not in that fold.
    """
    keys = [sentence_key(r.text) for r in dev]
    fold_of = {k: i % folds for i, k in enumerate(sorted(set(keys)))}
    sent_pred: list[int] = [0] * len(dev)
    tok_pred: list[list[bool]] = [[] for _ in dev]
    for k in range(folds):
        held = {key for key, f in fold_of.items() if f == k}
        tr = [r for r in train if sentence_key(r.text) not in held]
        model = train_loaded_model(
            [r.text for r in tr],
            [r.label for r in tr],
            [r.biased_words for r in tr],
            groups=[sentence_key(r.text) for r in tr],
            token_rows=[r.source == TOKEN_FILE for r in tr],
        )
        idx = [i for i, key in enumerate(keys) if key in held]
        preds = _sentence_preds(model, [dev[i] for i in idx])
        predict = _model_predictor(model)
        for i, p in zip(idx, preds, strict=True):
            sent_pred[i] = p
            tok_pred[i] = predict(_tokenize(dev[i].text))
    return sent_pred, tok_pred


def _reference_lists(data_root: Path) -> dict[str, list[str]]:
    """Reference word lists read from the data folder (baselines only; never shipped)."""
    ref = data_root / "reference-lexicons"
    out: dict[str, list[str]] = {}
    rec = ref / "recasens2013"
    bias = sorted(rec.glob("bias-lexicon_bias-lexicon.txt")) if rec.is_dir() else []
    if bias:
        out["Recasens et al. 2013 bias lexicon"] = [
            ln.strip()
            for ln in bias[0].read_text(encoding="utf-8", errors="replace").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
    mpqa = sorted((ref / "mpqa_subjectivity_clues").glob("*.tff"))
    if mpqa:
        words = []
        for ln in mpqa[0].read_text(encoding="utf-8", errors="replace").splitlines():
            fields = dict(f.split("=", 1) for f in ln.split() if "=" in f)
            if fields.get("type") == "strongsubj" and "word1" in fields:
                words.append(fields["word1"])
        out["MPQA strong subjective clues"] = words
    babe_lex = data_root / "babe" / "bias_word_lexicon.csv"
    if babe_lex.exists():
        out["BABE bias-word lexicon"] = [
            ln.strip() for ln in babe_lex.read_text(encoding="utf-8").splitlines() if ln.strip()
        ]
    return out


# --- BASIL -----------------------------------------------------------------------------
def _basil_article(sents: Sequence[BasilSentence]) -> tuple[Article, list[int]]:
    """Join an article's sentences (one space apart) and return their start offsets."""
    starts, parts, pos = [], [], 0
    for s in sents:
        starts.append(pos)
        parts.append(s.text)
        pos += len(s.text) + 1
    art = Article(id=sents[0].article, outlet="basil", text=" ".join(parts))
    return art, starts


def score_basil(
    articles: Sequence[Sequence[BasilSentence]],
    predictors: dict[str, Callable[[Article, list[int], int], list[bool]]],
) -> dict[str, tuple[int, int, int]]:
    """Sentence-level counts (tp, fp, fn) of each predictor against the gold ``lex`` flags."""
    counts = {name: [0, 0, 0] for name in predictors}
    for sents in articles:
        if not sents:
            continue
        art, starts = _basil_article(sents)
        for name, predict in predictors.items():
            flags = predict(art, starts, len(sents))
            for s, flag in zip(sents, flags, strict=True):
                c = counts[name]
                c[0] += s.lex and flag
                c[1] += flag and not s.lex
                c[2] += s.lex and not flag
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def _span_predictor(extractor: LoadedLanguageFeatures, sources: set[str] | None = None):
    from bisect import bisect_right

    def predict(art: Article, starts: list[int], n: int) -> list[bool]:
        flags = [False] * n
        for span in extractor.spans(_doc_of(art.text, art.id)):
            if sources is None or span.attrs.get("source") in sources:
                flags[bisect_right(starts, span.start) - 1] = True
        return flags

    return predict


def _list_sentence_predictor(words: Iterable[str]):
    predict_tokens = _word_list_predictor(words)

    def predict(art: Article, starts: list[int], n: int) -> list[bool]:
        ends = [*starts[1:], len(art.text) + 1]
        return [
            any(predict_tokens(_tokenize(art.text[s : e - 1])))
            for s, e in zip(starts, ends, strict=True)
        ]

    return predict


# --- the report ------------------------------------------------------------------------
def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(data_root: Path, *, cross_fit_folds: int = 5) -> str:
    """The ``## Loaded language`` section of ``docs/evaluation.md``.

    Parameters
    ----------
    data_root : Path
        ``../shared/data``.
    cross_fit_folds : int
        Folds of the cross-fitted BABE scoring (0 skips it).
    """
    data_root = Path(data_root)
    model = load_loaded_model()
    dev = [r for r in read_babe(data_root / "babe" / DEV_FILE) if r.label is not None]
    train = _train_rows(data_root)
    train_keys = {sentence_key(r.text) for r in train}
    unseen = [r for r in dev if sentence_key(r.text) not in train_keys]
    refs = _reference_lists(data_root)
    lines = [
        "## Loaded language",
        "",
        "Scorer: `framing/evaluate/loaded.py` (`python scripts/evaluate.py --only loaded`). "
        f"Model `{model.id}` trained by `scripts/train_loaded_model.py` on BABE "
        "`final_labels_SG1.dev.csv` + `final_labels_MBIC.dev.csv` "
        f"({model.info.get('rows', '?')} rows; sentence labels from both files, biased-word labels "
        "from SG1's expert annotators); `final_labels_SG2.dev.csv` is never trained on.",
        "",
        "The SG1/MBIC sentences are also SG2 sentences (same 1,700-sentence pool), so BABE is "
        "scored (a) with the shipped model on the SG2-dev sentences that are in no training "
        f"file ({len(unseen)} of {len(dev)}), and (b) by {cross_fit_folds}-fold cross-fitting "
        "over all SG2 dev: each fold is predicted by a model trained (same code, same settings) "
        "without that fold's sentences.",
        "",
        "### BABE dev (SG2), sentence level: biased vs non-biased",
        "",
        "| system | sentences | macro-F1 |",
        "|---|---:|---:|",
    ]
    gold_unseen = [r.label for r in unseen]
    sent_unseen = macro_f1(gold_unseen, _sentence_preds(model, unseen))
    lines.append(
        f"| shipped classifier, unseen SG2-dev sentences | {len(unseen)} | {_fmt(sent_unseen)} |"
    )
    cf_sent = cf_tok = None
    if cross_fit_folds:
        cf_sent, cf_tok = cross_fit(dev, train, folds=cross_fit_folds)
        lines.append(
            f"| cross-fitted classifier, all SG2 dev | {len(dev)} | "
            f"{_fmt(macro_f1([r.label for r in dev], cf_sent))} |"
        )
    lex_any = _lexicon_predictor()
    lines.append(
        f"| baseline: any `loaded.en` lexicon hit, unseen | {len(unseen)} | "
        f"{_fmt(macro_f1(gold_unseen, [int(any(lex_any(_tokenize(r.text)))) for r in unseen]))} |"
    )
    for name, words in refs.items():
        pred = _word_list_predictor(words)
        score = macro_f1(gold_unseen, [int(any(pred(_tokenize(r.text)))) for r in unseen])
        lines.append(f"| baseline: any {name} hit, unseen | {len(unseen)} | {_fmt(score)} |")
    lines += [
        "",
        "### BABE dev (SG2), biased-word token F1",
        "",
        "Gold: word tokens listed in the sentence's `biased_words`; predicted: tokens covered by "
        "a `loaded` span (lexicon or model). Micro-averaged over all tokens of all sentences "
        "(biased and non-biased).",
        "",
        "| system | sentences | P | R | F1 |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(name: str, rows: Sequence[BabeRow], predict=None, flags=None) -> str:
        p, r, f = _word_f1(rows, predict, flags)
        return f"| {name} | {len(rows)} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} |"

    lines.append(row("lexicon + model (shipped), unseen", unseen, _model_predictor(model)))
    lines.append(
        row("model only (shipped), unseen", unseen, _model_predictor(model, lexicon=False))
    )
    if cf_tok is not None:
        lines.append(row("lexicon + model (cross-fitted), all SG2 dev", dev, flags=cf_tok))
    lines.append(row("`loaded.en` lexicon only, unseen", unseen, _lexicon_predictor()))
    for name, words in refs.items():
        lines.append(row(f"baseline: {name}, unseen", unseen, _word_list_predictor(words)))

    basil = read_basil(data_root / "basil")
    n_sent = sum(len(a) for a in basil)
    n_lex = sum(s.lex for a in basil for s in a)
    events = len({a[0].event for a in basil if a})
    preds: dict[str, Callable[[Article, list[int], int], list[bool]]] = {
        "`loaded` spans (lexicon + scare quotes + model)": _span_predictor(
            LoadedLanguageFeatures()
        ),
        "`loaded` spans, lexicon + scare quotes only": _span_predictor(
            LoadedLanguageFeatures(model=False)
        ),
    }
    for name, words in refs.items():
        preds[f"baseline: {name}"] = _list_sentence_predictor(words)
    counts = score_basil(basil, preds)
    lines += [
        "",
        f"### BASIL lexical bias, sentence level ({events} events, {len(basil)} articles, "
        f"{n_sent} sentences, {n_lex} with a `lex` span)",
        "",
        "Gold: the sentence holds a `lex` annotation; predicted: it holds a `loaded` span.",
        "",
        "| system | P | R | F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, (tp, fp, fn) in counts.items():
        p, r, f = f1(tp, fp, fn)
        lines.append(f"| {name} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} |")
    wcl = data_root / "newswcl50" / "Annotations.csv"
    if wcl.exists():
        chk = check_newswcl50(wcl)
        p, r, f = chk.scores
        lines += [
            "",
            "### Word-choice pairs: referent rule checked on NewsWCL50",
            "",
            f"{chk.events} events x 5 outlets, {chk.wordings} distinct entity-like wordings "
            "(actors, countries, groups, objects, events). Over every cross-outlet pair of "
            'different wordings in one event (elaborations such as "Musk" / "Elon Musk" '
            "skipped), gold = same `code_name`, predicted = the `same_head` rule of "
            "`framing.features.wordchoice` (same head word, same `paraphrases.en` group or a "
            "one-letter name variant).",
            "",
            "| gold pairs | predicted | correct | P | R | F1 |",
            "|---:|---:|---:|---:|---:|---:|",
            f"| {chk.gold_pairs} | {chk.predicted_pairs} | {chk.correct_pairs} | {_fmt(p)} | "
            f"{_fmt(r)} | {_fmt(f)} |",
            "",
            "The rule is precise but finds only the pairs that share a head or a known "
            'paraphrase; most co-referent wordings ("Trump" / "the president") need '
            "coreference, which the toolkit does not do.",
        ]
    lines += [
        "",
        "Targets: BABE sentence macro-F1 >= 0.72 (best published transformer 0.804), "
        "biased-word F1 >= 0.45 (published transformer tagger 0.60), BASIL lexical sentence "
        "F1 >= 0.35. Reference lexicons are read from `../shared/data/reference-lexicons` and "
        "`babe/bias_word_lexicon.csv` at scoring time only.",
    ]
    return "\n".join(lines) + "\n"


# --- NewsWCL50: does "same head / paraphrase group" find the same referent? ------------
_ENTITY_TYPES = frozenset({"ACTOR", "ACTOR-I", "COUNTRY", "GROUP", "OBJECT", "EVENT"})


@dataclass(frozen=True, slots=True)
class WordChoiceCheck:
    """Pairwise precision / recall of the word-choice referent rule on NewsWCL50."""

    events: int
    wordings: int
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def scores(self) -> tuple[float, float, float]:
        """Precision, recall, F1."""
        return f1(
            self.correct_pairs,
            self.predicted_pairs - self.correct_pairs,
            self.gold_pairs - self.correct_pairs,
        )


def _mention_words(mention: str) -> tuple[str, ...]:
    """The first noun-phrase-like stretch of a mention: words up to the first stop word."""
    from framing.features.lexical import stopwords

    stop = stopwords()
    words = [_norm(m.group()) for m in RE_TOKEN.finditer(mention)]
    words = [w for w in words if any(c.isalnum() for c in w)]
    while words and words[0] in stop:
        words.pop(0)
    out = []
    for w in words:
        if w in stop:
            break
        out.append(w)
    return tuple(out)


def check_newswcl50(path: Path) -> WordChoiceCheck:
    """Score the referent rule of :func:`framing.features.wordchoice.word_choice_pairs`.

    Over every pair of distinct wordings (entity-like codes: actors, countries, groups,
    objects, events) from two different outlets of one event, gold says "same referent"
    when both mentions carry the same ``code_name``; the rule says so when the wordings'
    heads share a key (same word, same ``paraphrases.en`` group, or a one-letter spelling
    variant of a name). Pairs where one wording only elaborates the other ("Musk" /
    "Elon Musk") are not word choices and are skipped on both sides.
    """
    from framing.features.wordchoice import _differ, _key, _spelling_variant

    raw = Path(path).read_text(encoding="utf-8").splitlines()
    if raw and raw[0].startswith("sep="):
        raw = raw[1:]
    by_event: dict[str, dict[tuple[str, tuple[str, ...]], set[str]]] = {}
    for row in csv.DictReader(raw):
        if row.get("code_type") not in _ENTITY_TYPES:
            continue
        words = _mention_words(row.get("code_mention", ""))
        if not words:
            continue
        ev = by_event.setdefault(row["event_id"], {})
        ev.setdefault((row["publisher_id"], words), set()).add(row["code_name"])
    gold = pred = correct = n_words = 0
    for ev in by_event.values():
        items = [(pub, words, names, _key(words)) for (pub, words), names in ev.items()]
        n_words += len(items)
        for x in range(len(items)):
            pa, wa, na, (ka, name_a) = items[x]
            for y in range(x + 1, len(items)):
                pb, wb, nb, (kb, name_b) = items[y]
                if pa == pb or wa == wb or not _differ(wa, wb):
                    continue  # an elaboration ("Musk" / "Elon Musk") is no word choice
                is_gold = bool(na & nb)
                is_pred = ka == kb or bool(name_a and name_b and _spelling_variant(wa[-1], wb[-1]))
                gold += is_gold
                pred += is_pred
                correct += is_gold and is_pred
    return WordChoiceCheck(len(by_event), n_words, gold, pred, correct)

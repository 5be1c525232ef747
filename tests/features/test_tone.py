"""Tone: VADER sentence scores with the lexicon words behind them."""

from __future__ import annotations

from framing.features.tone import ToneFeatures
from framing.text import process


def test_seed_negative_sentences_have_word_evidence(troib):
    doc = process(troib)
    spans = ToneFeatures().spans(doc)
    strike = next(s for s in spans if "drone strike" in s.text)
    assert strike.category == "negative" and strike.score < -0.05
    words = {troib.text[s:e].lower() for s, e, _ in strike.attrs["words"]}
    assert "killed" in words
    for s in spans:
        assert troib.text[s.start : s.end] == s.text
        assert s.rule.startswith("model:vader@")


def test_metrics_and_versions(ians):
    tone = ToneFeatures().fit()
    doc = process(ians)
    m = tone.metrics(doc, tone.spans(doc))
    assert -1 <= m["tone:mean_compound"] <= 1
    assert m["tone:negative_share"] > 0  # assassination plots, war: read off the text
    assert tone.versions()["vader"].startswith("vader@3.")


def test_sklearn_access(troib, ians):
    tone = ToneFeatures().set_output(transform="pandas")
    frame = tone.fit_transform([troib, ians])
    assert list(frame.columns) == ["tone:negative", "tone:positive"]
    assert frame.shape == (2, 2)


def _fast_and_reference():
    """Our VADER analyzer and NLTK's own, given the same lexicon and constants."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from framing.features.tone import load_vader

    fast = load_vader()[0]
    ref = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    ref.lexicon, ref.constants = fast.lexicon, fast.constants
    return fast, ref


def _sentences(*articles):
    return [s.text for a in articles for s in process(a, tag=False).sentences]


def test_fast_vader_scores_equal_nltk_analyzer(troib, ians):
    # the analyzer keeps NLTK's scoring and finds the words faster; NLTK's own analyzer, with
    # the same lexicon, is the reference (PUNC_LIST marks glued to words are stripped)
    fast, ref = _fast_and_reference()
    extra = [
        "Great, (really) good!!",
        "!!! WOW... it is NOT bad, ,good; 'nice' \"fine\" kind of sad?!?",
        "—“Terrible,” he said.",
        "",
        # words outside the lexicon score 0 without NLTK's valence rules; the rules still
        # apply around lexicon words: "kind of", boosters, capitals, "least", "never", "but"
        "He is kind of sad, but the kind man was VERY kind and extremely GOOD.",
        "At least it is not the least bad; never so good, hardly a good deal.",
        "kind",
        "The envoy met Musk in New York on Monday.",
    ]
    sentences = _sentences(troib, ians) + extra
    assert len(sentences) > 20
    for s in sentences:
        assert fast.polarity_scores(s) == ref.polarity_scores(s), s


def test_fast_vader_strips_list_marks_only():
    from framing.features.tone import _SentiText, load_vader

    c = load_vader()[0].constants
    st = _SentiText("Great, (really) good!! x ,so", c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
    # "," and "!!" are PUNC_LIST marks glued to words; "(" and ")" are not; "x" is too short
    assert st.words_and_emoticons == ["Great", "(really)", "good", "so"]


def test_polnear_sentences_score_as_nltk(shared_data):
    from framing.types import Article

    fast, ref = _fast_and_reference()
    files = sorted((shared_data / "polnear" / "data" / "dev").rglob("*.txt"))[:20]
    arts = [Article(id=p.stem, outlet="p", text=p.read_text(encoding="utf-8")) for p in files]
    for s in _sentences(*arts):
        assert fast.polarity_scores(s) == ref.polarity_scores(s), s


def test_fast_vader_rules_equal_nltk_on_generated_sentences():
    # Sentences drawn (fixed seed) from words that set off every rule of sentiment_valence:
    # negations (NEGATE words, "n't"), boosters and dampeners in capitals or not, "never so",
    # "never this", "least" / "at least" / "very least", "but", "kind of", idioms and
    # booster bigrams, lexicon words in capitals; NLTK's analyzer is the reference.
    import random

    fast, ref = _fast_and_reference()
    vocab = [
        "good",
        "GOOD",
        "bad",
        "BAD",
        "kill",
        "killed",
        "love",
        "hate",
        "great",
        "sad",
        "not",
        "NOT",
        "never",
        "Never",
        "isn't",
        "don't",
        "cannot",
        "without",
        "aint",
        "very",
        "VERY",
        "extremely",
        "hardly",
        "barely",
        "slightly",
        "kind",
        "of",
        "sort",
        "so",
        "this",
        "least",
        "at",
        "but",
        "BUT",
        "the",
        "shit",
        "bomb",
        "kiss",
        "death",
        "cut",
        "mustard",
        "yeah",
        "right",
        "hand",
        "to",
        "mouth",
        "bad",
        "ass",
        "envoy",
        "Musk",
        "said",
        "gotn't",
        "Xn'T",
        ",",
        "!",
        "?",
        "good!!",
        "(bad)",
        "“sad”",
        "no",
        "nor",
        "LOL",
    ]
    rng = random.Random(8)
    for _ in range(4000):
        words = rng.choices(vocab, k=rng.randint(1, 14))
        sentence = " ".join(words)
        assert fast.polarity_scores(sentence) == ref.polarity_scores(sentence), sentence


def test_words_of_glued_marks_equal_nltks_sentitext():
    # a word glued to a PUNC_LIST mark is kept stripped when the sentence, punctuation
    # removed, holds it: always for a word of letters and digits (its own part gives it),
    # never for a one-character word, and looked up for a word holding punctuation itself;
    # NLTK's SentiText is the reference
    from nltk.sentiment.vader import SentiText

    from framing.features.tone import _words_and_emoticons, load_vader

    c = load_vader()[0].constants
    punc = frozenset(c.PUNC_LIST)
    texts = [
        "Great, (really) good!! x ,so",
        "a, b! I? 1, 22, é! éé, ñandú; 東京, Straße!! ½, x½?",
        "U.S., e.g., U.S. U.S.! it's, it's. don't! 'quoted', \"also\". -dash, dash-",
        "!!! ?? ,, ;; word,, word!? ,word ;word x,y a.b, a.b! ab.c",
        "mid-word, half's! 3.5, 10,000! $5, #tag, @user, 50%!",
        "Iran’s envoy, “denied” it. — Musk! 2024, OK?",
    ]
    for text in texts:
        want = SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
        assert _words_and_emoticons(text, punc) == want.words_and_emoticons, text

"""Tests for the shipped part-of-speech tagger (framing.text.tagger) and its scorer."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from framing.errors import ModelNotFoundError, ValidationError
from framing.evaluate.pos import PosScore, read_conllu, score_tagger
from framing.models import model_path
from framing.text.tagger import MODEL_FILE, PosTagger, load_tagger, normalize_token

ROOT = Path(__file__).resolve().parents[2]
EWT = ROOT.parent / "shared" / "data" / "ud-english-ewt"


def _tags(sentence: str) -> dict[str, str]:
    words = sentence.split()
    return dict(zip(words, load_tagger().tag(words), strict=True))


def test_seed_sentence_modal_and_names() -> None:
    # From the IANS seed report (004): "may" is an epistemic modal here, not the month.
    tags = _tags(
        "After Trump ordered the killing of Iran Revolutionary Guard Corps ( IRGC ) leader "
        "Qassem Soleimani , Iran cut off negotiations with the US and this may be a back "
        "channel attempt to reach out to Trump ."
    )
    assert tags["may"] == "MD"
    assert tags["be"] == "VB"
    assert tags["ordered"] == "VBD"
    assert tags["Trump"] == "NNP"
    assert tags["Soleimani"] == "NNP"
    assert tags["negotiations"] == "NNS"


def test_seed_sentence_curly_quotes_and_possessive() -> None:
    # From the TROIB/RT seed (000), with the typographic quotes it was published with.
    tagged = _tags(
        "In comments to Iran ’s state-operated IRNA news service on Saturday , Foreign Ministry "
        "spokesperson Esmail Baghaei firmly rejected the “ false reports ” from US media "
        "regarding a meeting between Ambassador Iravani and Musk ."
    )
    assert tagged["Musk"] == "NNP"
    assert tagged["rejected"] == "VBD"
    assert tagged["firmly"] == "RB"
    assert tagged["’s"] == "POS"
    assert tagged["“"] == "``"
    assert tagged["”"] == "''"
    assert tagged["reports"] == "NNS"


def test_negation_split_like_treebank() -> None:
    tags = _tags("They do n’t know whether he may return in May .")
    assert tags["do"] == "VBP"
    assert tags["n’t"] == "RB"
    assert tags["may"] == "MD"
    assert tags["May"] == "NNP"


def test_tag_edge_cases() -> None:
    tagger = load_tagger()
    assert tagger.tag([]) == []
    assert tagger.tag(("Musk",)) == ["NNP"]
    with pytest.raises(ValidationError, match="sequence of tokens"):
        tagger.tag("Musk rejected it")  # type: ignore[arg-type]


def test_normalize_token_maps_typography_only() -> None:
    assert normalize_token("n’t") == "n't"
    assert normalize_token("“") == '"'
    assert normalize_token("—") == "--"
    assert normalize_token("…") == "..."
    assert normalize_token("behind-the-scenes") == "behind-the-scenes"
    assert normalize_token("Musk") == "Musk"


def test_load_tagger_is_cached_and_versioned() -> None:
    tagger = load_tagger()
    assert load_tagger() is tagger
    assert tagger.version == "1"
    assert tagger.meta["tagset"] == "xpos"
    assert tagger.meta["seed"] is not None
    assert tagger.meta["test_accuracy"] >= 0.94
    assert tagger.meta["dev_accuracy"] >= 0.94
    assert {"MD", "VBD", "NNP", "``", "''"} <= set(tagger.tagset)


def test_model_file_matches_manifest() -> None:
    manifest = json.loads(model_path("MANIFEST.json").read_text(encoding="utf-8"))
    (entry,) = [m for m in manifest["models"] if m["file"] == MODEL_FILE]
    data = model_path(MODEL_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert entry["licence"].startswith("CC BY-SA 4.0")
    meta = json.loads(gzip.decompress(data))["meta"]
    assert str(entry["version"]) == meta["version"]
    assert entry["accuracy"]["test"] == meta["test_accuracy"]
    assert entry["accuracy"]["dev"] == meta["dev_accuracy"]
    assert len(data) < 10_000_000


def test_round_trip_through_json(tmp_path: Path) -> None:
    tagger = load_tagger()
    path = tmp_path / "copy.json.gz"
    path.write_bytes(gzip.compress(json.dumps(tagger.to_obj()).encode("utf-8")))
    words = ["Iran", "rejected", "claims", "that", "its", "envoy", "met", "Musk", "."]
    assert PosTagger.from_file(path).tag(words) == tagger.tag(words)


def test_missing_model_file_names_training_command(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"train_tagger\.py"):
        PosTagger.from_file(tmp_path / "absent.json.gz")


def test_not_a_model_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json.gz"
    path.write_bytes(gzip.compress(b"[1, 2]"))
    with pytest.raises(ValidationError, match="not a POS tagger model"):
        PosTagger.from_file(path)


def test_score_tagger_on_small_file(tmp_path: Path) -> None:
    conllu = tmp_path / "mini.conllu"
    conllu.write_text(
        "# text = Musk didn't go.\n"
        "1\tMusk\tMusk\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
        "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n",
        encoding="utf-8",
    )
    (sentence,) = list(read_conllu(conllu))
    assert [t.form for t in sentence] == ["Musk", "did", "n't", "go", "."]
    assert sentence[3].space_after is False

    class _Stub:
        def tag(self, words: list[str]) -> list[str]:
            return ["NNP", "VBD", "RB", "VBP", "."][: len(words)]

    score = score_tagger(conllu, tagger=_Stub())
    assert isinstance(score, PosScore)
    assert (score.sentences, score.tokens, score.correct) == (1, 5, 4)
    assert score.accuracy == pytest.approx(0.8)
    by_tag = {t.tag: t for t in score.per_tag}
    assert set(by_tag) == {"NNP", "VBD", "RB", "VB", "."}
    assert (by_tag["VB"].support, by_tag["VB"].correct, by_tag["VB"].accuracy) == (1, 0, 0.0)
    assert len(load_tagger().tag([t.form for t in sentence])) == 5


def test_score_tagger_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="en_ewt-ud-test"):
        score_tagger(tmp_path / "nope.conllu")


@pytest.mark.shared_data
def test_accuracy_on_ewt_test_split() -> None:
    test_file = EWT / "en_ewt-ud-test.conllu"
    if not test_file.is_file():
        pytest.skip(f"UD English EWT test split not found at {test_file}")
    score = score_tagger(test_file)
    assert score.tokens > 25_000
    assert score.accuracy >= 0.94
    assert round(score.accuracy, 4) == load_tagger().meta["test_accuracy"]

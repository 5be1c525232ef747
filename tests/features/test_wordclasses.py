"""WordNet word classes (framing.features.wordclasses) and their build script."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from framing.features.wordclasses import NONE, TABLE_ID, from_table, load_word_classes
from framing.models import model_path
from tests.scripts import load_script

# a WordNet 3.0 dict folder in miniature (same line formats as the Princeton files)
LEXNAMES = (
    "10\tnoun.communication\t1\n31\tverb.cognition\t2\n32\tverb.communication\t2\n"
    "38\tverb.motion\t2\n41\tverb.social\t2\n"
)
DATA_VERB = (
    "  1 This software and database is being provided to you, the LICENSEE\n"
    "00000001 32 v 01 say 0 000 02 + 26 00 + 08 00 | express in words\n"
    "00000002 31 v 01 believe 0 000 01 + 26 00 | accept as true\n"
    "00000003 38 v 02 walk 0 stroll 0 000 01 + 02 00 | use one's feet\n"
    "00000004 41 v 01 say 0 001 @ 00000003 v 0000 01 + 28 00 | order\n"
)
INDEX_VERB = (
    "  1 This software and database is being provided to you, the LICENSEE\n"
    "believe v 1 0 1 0 00000002\n"
    "say v 2 1 @ 2 0 00000001 00000004\n"
    "set_about v 1 0 1 0 00000003\n"
    "walk v 1 0 1 0 00000003\n"
)
DATA_NOUN = "00000010 10 n 01 statement 0 000 | a message\n"
INDEX_NOUN = "statement n 1 0 1 0 00000010\n"


@pytest.fixture(scope="module")
def build_script():
    return load_script("build_word_classes")


@pytest.fixture
def mini_wordnet(tmp_path: Path) -> Path:
    files = {
        "lexnames": LEXNAMES,
        "data.verb": DATA_VERB,
        "index.verb": INDEX_VERB,
        "data.noun": DATA_NOUN,
        "index.noun": INDEX_NOUN,
        "verb.exc": "said say\nwalked_out walk_out\n",
        "noun.exc": "",
        "LICENSE": "WordNet Release 3.0 (test copy)\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_build_reads_classes_frames_and_exceptions(build_script, mini_wordnet):
    table = build_script.build(mini_wordnet)
    # "say": first sense communication with a that-clause frame (26), second sense social
    # with a to-infinitive frame (28)
    assert table["verbs"] == {
        "communication|communication+social|that+inf": "say",
        "cognition|cognition|that": "believe",
        "motion|motion|-": "walk",  # "set_about": multi-word lemmas are left out
    }
    assert table["nouns"] == {"communication|communication": "statement"}
    wc = from_table(table)
    assert wc.verbs["say"] == ("communication", "communication+social", "that+inf")
    assert table["verb_exceptions"] == {"said": "say"}
    assert table["meta"]["licence_text"] == "WordNet Release 3.0 (test copy)"


def test_build_script_writes_gzipped_json_and_refuses_a_wrong_folder(
    build_script, mini_wordnet, tmp_path
):
    out = tmp_path / "classes.json.gz"
    assert build_script.main(["--wordnet", str(mini_wordnet), "--out", str(out)]) == 0
    table = json.loads(gzip.decompress(out.read_bytes()))
    assert table["format"] == "framing.wordclasses/2"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_script.main(["--wordnet", str(empty), "--out", str(out)]) == 2


def test_of_finds_lemmas_as_morphy_does(build_script, mini_wordnet):
    wc = from_table(build_script.build(mini_wordnet))
    assert wc.of("said")[:2] == ("communication", "that+inf")  # exception list
    assert wc.of("says")[0] == "communication"  # -s
    assert wc.of("believed")[:2] == ("cognition", "that")  # -ed -> -e
    assert wc.of("walking")[0] == "motion"  # -ing
    assert wc.of("statements") == (NONE, NONE, "communication", NONE)  # noun -s
    assert wc.of("table") == (NONE, NONE, NONE, NONE)


def test_classes_asked_again_come_back_the_same(build_script, mini_wordnet):
    # the classes of each form are kept: asking again, in another order, gives the same rows
    # (a form and its lemma keep their own rows, a form unknown to WordNet stays unknown)
    wc = from_table(build_script.build(mini_wordnet))
    words = ["said", "say", "statements", "table", "believed", "walking"]
    first = [wc.of(w) for w in words]
    assert [wc.of(w) for w in reversed(words)] == first[::-1]
    assert first[0][:2] == ("communication", "that+inf")
    assert first[2] == (NONE, NONE, "communication", NONE)
    assert first[3] == (NONE, NONE, NONE, NONE)


def test_shipped_table_knows_reporting_and_belief_verbs():
    wc = load_word_classes()
    assert wc.of("told")[0] == "communication"
    assert wc.of("claimed")[:2] == ("communication", "that")
    assert wc.of("believes")[0] == "cognition"
    assert wc.of("statement")[2] == "communication"
    assert wc.of("the") == (NONE, NONE, NONE, NONE)
    assert "Princeton" in wc.meta["licence_text"]


def test_shipped_table_is_in_the_manifest():
    manifest = json.loads(model_path("MANIFEST.json").read_text(encoding="utf-8"))
    rec = next(m for m in manifest["models"] if m["name"] == "wordclasses-wordnet.en")
    assert f"{rec['name']}@{rec['version']}" == TABLE_ID
    assert "WordNet" in rec["licence"]


def _morphy_all_rules(word, table, exceptions, rules):
    # WordNet's morphy as written in morph.c: every rule tried in order
    if word in exceptions:
        return exceptions[word]
    if word in table:
        return word
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) > len(suffix):
            cand = word[: -len(suffix)] + repl
            if cand in table:
                return cand
    return None


def test_lemma_by_last_letter_equals_trying_every_rule(troib, ians):
    from framing.features.wordclasses import (
        _NOUN_RULES,
        _NOUN_RULES_BY_LAST,
        _VERB_RULES,
        _VERB_RULES_BY_LAST,
        _lemma,
    )
    from framing.text import process

    wc = load_word_classes()
    words = {t.text.lower() for a in (troib, ians) for t in process(a, tag=False).tokens}
    # forms for every rule (and words too short for a suffix), plus odd tokens
    words |= {
        "claims",
        "denies",
        "does",
        "goes",
        "believed",
        "hoped",
        "saying",
        "making",
        "cities",
        "buses",
        "boxes",
        "buzzes",
        "churches",
        "dishes",
        "women",
        "men",
        "s",
        "es",
        "ies",
        "ing",
        "ed",
        "",
        "’s",
        "u.s.",
        "x",
        "ss",
        "anxieties",
    }
    assert len(words) > 300
    for w in sorted(words):
        assert _lemma(w, wc.verbs, wc.verb_exceptions, _VERB_RULES_BY_LAST) == (
            _morphy_all_rules(w, wc.verbs, wc.verb_exceptions, _VERB_RULES)
        ), w
        assert _lemma(w, wc.nouns, wc.noun_exceptions, _NOUN_RULES_BY_LAST) == (
            _morphy_all_rules(w, wc.nouns, wc.noun_exceptions, _NOUN_RULES)
        ), w

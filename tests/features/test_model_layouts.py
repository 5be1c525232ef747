"""Model files with their feature names stored parsed, and scripts/convert_models.py.

The cue tagger stores its names parsed into per-template tables, the loaded-language model
its token weights by template and the names its vectorizer parses as value ids. Both
layouts (and the ones before) must give the same numbers; the converter must keep every
weight as it is.
"""

from __future__ import annotations

import copy
import gzip
import json

import numpy as np
import pytest

from framing.errors import ValidationError
from framing.features._loaded_vectors import LoadedVectorizer, parsed_weights
from framing.features.loaded_model import MODEL_FILE as LOADED_FILE
from framing.features.loaded_model import (
    LoadedModel,
    TemplateWeights,
    _template_tables,
    _TokenScorer,
    load_loaded_model,
)
from framing.text import process
from tests.scripts import load_script


@pytest.fixture(scope="module")
def convert():
    return load_script("convert_models")


def _old_layout(model: LoadedModel) -> dict:
    """The loaded model's JSON as it was before the conversion: weights by name only."""
    return {
        "name": model.name,
        "version": model.version,
        "token": {
            "bias": model.token_bias,
            "threshold": model.token_threshold,
            "gate": model.token_gate,
            "weights": dict(model.token_weights),
            "prior": {k: list(v) for k, v in model.token_prior.items()},
        },
        "sentence": {
            "bias": model.sentence_bias,
            "threshold": model.sentence_threshold,
            "weights": dict(model.sentence_weights),
        },
        "info": dict(model.info),
    }


def _words(doc):
    from framing.features.loaded import _token_categories

    words = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    tags = [[t.pos for t in doc.tokens_of(s.index)] for s in doc.sentences]
    return words, [_token_categories(w, "loaded.en") for w in words], tags


# --- the loaded-language model ------------------------------------------------------------
def test_template_weights_read_as_the_flat_mapping():
    flat = {
        "w=claim": 1.5,
        "w-1,w=the|claim": -0.25,
        "c3=<cl": 0.125,
        "w=a=b": 2.0,  # the template ends at the first "="
        "tok_max": 3.0,  # no "=" at all
    }
    tables, other = _template_tables(flat)
    assert tables == {
        "w": {"a=b": 2.0, "claim": 1.5},
        "w-1,w": {"the|claim": -0.25},
        "c3": {"<cl": 0.125},
    }
    assert other == {"tok_max": 3.0}
    tw = TemplateWeights(tables, other)
    assert dict(tw) == flat and len(tw) == 5
    assert tw["w=a=b"] == 2.0 and tw.get("w=nope", 0.0) == 0.0 and tw.get("nope") is None
    assert "tok_max" in tw and "w=claim" in tw and "w=nope" not in tw and 3 not in tw
    with pytest.raises(KeyError):
        tw["x=y"]
    assert tw == flat  # Mapping equality: a model read back compares equal


def test_the_shipped_loaded_model_is_stored_parsed():
    model = load_loaded_model()
    assert isinstance(model.token_weights, TemplateWeights)
    assert set(model._stored) == {"pairs", "sentence"}


def test_old_and_new_loaded_layouts_score_the_same(troib, ians):
    new = load_loaded_model()
    old = LoadedModel.from_json(_old_layout(new))
    assert isinstance(old.token_weights, dict) and old._stored == {}
    assert old == new  # the same weights, thresholds and prior
    for article in (troib, ians):
        words, cats, tags = _words(process(article))
        assert old.score_many(words, cats, tags) == new.score_many(words, cats, tags)
    # the vectorizers hold the same value vocabularies (parsed vs read from the file)
    vec_new, vec_old = new._scorer["vector"], old._scorer["vector"]
    assert vec_new.ids == vec_old.ids and vec_new.sent_ids == vec_old.sent_ids
    assert np.array_equal(vec_new._pair_w, vec_old._pair_w)
    assert np.array_equal(vec_new._sent_w, vec_old._sent_w)
    # written again, the model reads back the same
    again = LoadedModel.from_json(json.loads(json.dumps(old.to_json())))
    assert again == new and set(again._stored) == {"pairs", "sentence"}
    words, cats, tags = _words(process(ians))
    assert again.score_many(words, cats, tags) == new.score_many(words, cats, tags)


def test_bars_inside_values_and_parsed_tables_of_other_templates():
    """A pair name holding "|" inside a value is found at both cuts; stored tables made
    for other templates are ignored (the names are parsed again)."""
    model = load_loaded_model()
    token = dict(model.token_weights)
    # "a|b" then "c", or "a" then "b|c": the same feature name fires for both
    token["w-1,w=a|b|c"] = 4.0
    raw = _old_layout(model)
    raw["token"]["weights"] = token
    stored_json = LoadedModel.from_json(raw).to_json()
    parsed = stored_json["token"]["pairs"]
    k = parsed["weights"].index(4.0)
    ids = parsed["values"]
    codes, rows = parsed["groups"][0]  # "w-1,w="
    cuts = {(ids[codes[2 * e]], ids[codes[2 * e + 1]]) for e, r in enumerate(rows) if r == k}
    assert cuts == {("a|b", "c"), ("a", "b|c")}
    stored = LoadedModel.from_json(stored_json)
    plain = LoadedModel.from_json(raw)
    words = [["a|b", "c"], ["a", "b|c"], ["The", "radical", "plan"]]
    cats, tags = [[None] * len(w) for w in words], [["NN"] * len(w) for w in words]
    assert stored.score_many(words, cats, tags) == plain.score_many(words, cats, tags)
    assert (
        stored.token_scores(words[0], cats[0], tags[0])
        == stored.score_many(words, cats, tags)[0][0]
    )
    # tables written for other templates: parsed again from the names
    other = copy.deepcopy(stored_json)
    other["token"]["pairs"]["templates"] = [["w-1,w=", 2]]
    again = LoadedModel.from_json(other)
    assert again.score_many(words, cats, tags) == plain.score_many(words, cats, tags)


def test_malformed_parsed_tables_are_refused():
    model = load_loaded_model()
    bad = copy.deepcopy(parsed_weights(model.sentence_weights, "sentence"))
    bad["groups"][1][1][0] = len(bad["weights"])  # a row past the weights
    broken = copy.copy(model)
    object.__setattr__(broken, "_scorer", {})
    object.__setattr__(broken, "_stored", {"sentence": bad})
    with pytest.raises(ValidationError, match="parsed sentence tables are malformed"):
        LoadedVectorizer(_TokenScorer(broken))


# --- scripts/convert_models.py --------------------------------------------------------------
def test_convert_cue_keeps_every_weight_and_is_repeatable(convert):
    old = {
        "classes": ["B-CUE", "I-CUE", "O"],
        "features": ["bias", "w=said", "w-1w=he|said", "zz:odd"],
        "matrix": [0.1, 0.2, 0.3, 1.0, -1.0, 0.5, 2.0, 0.0, -2.0, 0.25, 0.5, 0.75],
        "bias": [0.0, 0.0, 0.0],
        "meta": {"link": "ovr"},
    }
    new = convert.convert_cue(old)
    assert "features" not in new and new["matrix"] == old["matrix"]
    assert {k: new[k] for k in ("classes", "bias", "meta")} == {
        k: old[k] for k in ("classes", "bias", "meta")
    }
    assert new["tables"]["other"] == [[3, "zz:odd"]]
    assert convert.convert_cue(new) == new  # a converted file converts to itself
    oldest = {k: v for k, v in old.items() if k not in ("features", "matrix")}
    oldest["weights"] = {n: old["matrix"][3 * i : 3 * i + 3] for i, n in enumerate(old["features"])}
    assert convert.convert_cue(oldest) == new
    with pytest.raises(ValueError, match="3 weights per feature"):
        convert.convert_cue({**old, "matrix": old["matrix"][:-1]})


def test_convert_files_in_place_and_to_a_new_file(convert, tmp_path):
    raw = _old_layout(load_loaded_model())
    for part in ("token", "sentence"):  # every 50th weight: a small model, quick to write
        raw[part]["weights"] = dict(list(raw[part]["weights"].items())[::50])
    model = LoadedModel.from_json(raw)
    src = tmp_path / "loaded-old.json.gz"
    src.write_bytes(gzip.compress(json.dumps(raw).encode("utf-8")))
    out = tmp_path / "loaded-new.json.gz"
    assert convert.main(["--loaded", str(src), "-o", str(out)]) == 0
    written = json.loads(gzip.decompress(out.read_bytes()))
    assert "weights" not in written["token"] and "tables" in written["token"]
    assert LoadedModel.from_json(written) == model
    assert convert.main(["--loaded", str(out)]) == 0  # in place, already converted
    assert json.loads(gzip.decompress(out.read_bytes())) == written
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b'{"classes": ["O"]}'))
    assert convert.main(["--cue", str(bad)]) == 1


def test_a_malformed_loaded_file_is_refused_when_scoring():
    from framing.models import load_model_json

    raw = load_model_json(LOADED_FILE, what="loaded", train_command="-")
    raw["token"]["pairs"]["groups"][0][0] = [[1, 2], [3]]  # not a flat list of value ids
    model = LoadedModel.from_json(raw)
    with pytest.raises(ValidationError, match="parsed token tables are malformed"):
        model.score_many([["The", "plan"]], [[None, None]], [["DT", "NN"]])


def test_convert_pos_writes_flat_arrays(convert, tmp_path):
    old = {
        "meta": {"name": "tiny"},
        "classes": ["NN", "VBD"],
        "tagdict": {"the": "DT"},
        "weights": {"i word said": {"VBD": 2.5}, "bias": {"VBD": -0.5, "NN": 0.25}},
    }
    src = tmp_path / "pos.json.gz"
    src.write_bytes(gzip.compress(json.dumps(old).encode("utf-8")))
    assert convert.main(["--pos", str(src)]) == 0
    new = json.loads(gzip.decompress(src.read_bytes()))
    # read off `old`: features sorted, each feature's tags sorted, tags as indexes
    assert new["features"] == ["bias", "i word said"] and new["counts"] == [2, 1]
    assert new["labels"] == [0, 1, 1] and new["values"] == [0.25, -0.5, 2.5]
    assert {k: new[k] for k in ("meta", "classes", "tagdict")} == {
        k: old[k] for k in ("meta", "classes", "tagdict")
    }
    assert convert.convert_pos(new) == new
    with pytest.raises(ValueError, match="not a POS tagger model"):
        convert.convert_pos({"classes": []})

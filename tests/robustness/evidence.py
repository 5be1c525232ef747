"""Shared check of the property tests: every piece of evidence points at its own text."""

from __future__ import annotations

import json

from framing.types import FeatureSet


def assert_evidence_points_at_text(fs: FeatureSet, text: str) -> None:
    """Every span and attribution part of ``fs`` is ``text[start:end]``; the JSON is strict."""
    for span in fs.spans:
        assert text[span.start : span.end] == span.text, span
    for attr in fs.attributions:
        for part in (attr.source, attr.cue, attr.content):
            if part is not None:
                assert text[part.start : part.end] == part.text
    json.dumps(fs.to_dict(), allow_nan=False)

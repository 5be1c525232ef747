"""JSON output: serialisation, and validation against the JSON Schemas shipped in the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from framing.compare.result import Comparison
from framing.errors import ValidationError
from framing.types import FeatureSet

__all__ = ["comparison_json", "load_schema", "record_json", "validate"]


def record_json(features: FeatureSet) -> str:
    """One article's record as a single JSON line (``framing extract --format jsonl``)."""
    return json.dumps(features.to_dict(), ensure_ascii=False, sort_keys=False)


def comparison_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as JSON text."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load a shipped schema: ``"article"`` or ``"comparison"``."""
    if name not in ("article", "comparison"):
        raise ValidationError(f"schema must be 'article' or 'comparison'; got {name!r}.")
    return json.loads((files("framing.report") / f"{name}.schema.json").read_text("utf-8"))


def validate(document: dict[str, Any], schema: str = "comparison") -> None:
    """Validate a JSON document against a shipped schema (needs ``jsonschema``).

    Raises
    ------
    ValidationError
        With the path and message of the first problem.
    """
    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError:  # pragma: no cover - jsonschema is in the test extra
        raise ValidationError("validation needs jsonschema: pip install jsonschema") from None
    article = load_schema("article")
    registry = Registry().with_resource(article["$id"], Resource.from_contents(article))
    validator_cls = jsonschema.validators.validator_for(load_schema(schema))
    validator = validator_cls(load_schema(schema), registry=registry)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise ValidationError(f"report does not match the {schema} schema at {where}: "
                              f"{error.message}")

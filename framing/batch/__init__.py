"""Corpus-scale extraction: many articles, many processes, resumable Parquet/JSONL output.

:func:`extract_corpus` reads inputs lazily (:func:`framing.ingest.iter_path`), extracts every
article in chunks on local processes or on Dask, writes one part file per chunk, records each
finished chunk in a journal, and merges the parts into the final output atomically. A killed
run started again with the same arguments picks up where it stopped. See ``docs/batch.md``.

Examples
--------
>>> from framing.batch import extract_corpus
>>> result = extract_corpus(["corpora/iran-envoy-musk-2024-11"], "out.parquet")  # doctest: +SKIP
>>> result.n_articles, result.n_errors  # doctest: +SKIP
(2, 0)
"""

from __future__ import annotations

from framing.batch.engine import BatchResult, extract_corpus
from framing.batch.state import OutputExistsError

__all__ = ["BatchResult", "OutputExistsError", "extract_corpus"]

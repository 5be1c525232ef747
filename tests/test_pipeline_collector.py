"""``framing.extract`` pauses the cyclic garbage collector while it runs, and only then.

The collector is back in the state it was in (enabled or disabled) after every extraction,
also after a failed one and after extractions running in several threads at once; cyclic
garbage made during an extraction is still collected afterwards.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from framing.features.base import SpanExtractor
from framing.pipeline import extract
from framing.text import VoiceMap
from framing.types import Article, Document, Span


@pytest.fixture()
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


class _Probe(SpanExtractor):
    """A span extractor (the public extension point) that notes whether the collector runs
    while it is asked for spans, and leaves a reference cycle behind."""

    feature = "probe"
    prefix = "probe"

    def __init__(self) -> None:
        pass

    def _load(self) -> dict[str, object]:
        return {"seen_": []}

    def categories(self) -> list[str]:
        return []

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        self.seen_.append(gc.isenabled())
        return []


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collector_paused_during_extraction_and_enabled_after(
    troib: Article, collector_enabled: None
) -> None:
    probe = _Probe().fit()
    extract(troib, extractors=[probe])
    assert probe.seen_ == [False]
    assert gc.isenabled()


def test_collector_left_disabled_when_it_was(ians: Article) -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        probe = _Probe().fit()
        extract(ians, extractors=[probe])
        assert probe.seen_ == [False]
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_collector_enabled_again_after_a_failed_extraction(collector_enabled: None) -> None:
    with pytest.raises(TypeError, match="Expected an Article or a Document"):
        extract("not an article")  # type: ignore[arg-type]
    assert gc.isenabled()


def test_collector_enabled_after_extractions_in_threads(
    troib: Article, ians: Article, collector_enabled: None
) -> None:
    errors: list[BaseException] = []

    def work(article: Article) -> None:
        try:
            for _ in range(3):
                extract(article)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(a,)) for a in (troib, ians, troib)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert gc.isenabled()


def test_cyclic_garbage_of_an_extraction_is_collected_after_it(
    collector_enabled: None,
) -> None:
    refs: list[weakref.ref[_Cycle]] = []

    class _Leaky(_Probe):
        def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
            cycle = _Cycle()  # unreachable once find_spans returns, but for the cycle
            refs.append(weakref.ref(cycle))
            return []

    extract(
        Article(id="a", outlet="X", text="Officials said the talks may resume."),
        extractors=[_Leaky().fit()],
    )
    assert len(refs) == 1
    gc.collect()  # (or a collection after the pause already freed it)
    assert refs[0]() is None

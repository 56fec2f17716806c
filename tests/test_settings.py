"""One Settings object, from flags over the environment over defaults, passed down: the engine is given the
organisation taggers rather than reading the environment or importing the model package to choose them."""

from __future__ import annotations

import pickle

from dealtracker.models.ner import OrganisationTaggers, organisation_taggers
from dealtracker.pipeline import process_documents
from dealtracker.settings import Settings

TEXT = b"Kazakhstan signed a $1 million loan with the ADB."


def test_the_environment_gives_the_settings_and_a_flag_wins_over_it():
    settings = Settings.from_env({"DEALTRACKER_NER": " Yes ", "DEALTRACKER_NER_MODEL": " ./ner ",
                                  "DEALTRACKER_EMBEDDINGS": "0", "DEALTRACKER_DB_URL": "sqlite:///x.sqlite"})
    assert (settings.ner, settings.ner_model, settings.embeddings, settings.db_url) == (True, "./ner", False, "sqlite:///x.sqlite")
    flagged = settings.with_flags(embeddings=True, ner=False, db_url=None, embedding_model="m")
    assert (flagged.ner, flagged.embeddings, flagged.db_url, flagged.embedding_model) == (True, True, "sqlite:///x.sqlite", "m")
    assert Settings.from_env({}) == Settings()


def test_the_limits_come_from_the_settings_environment():
    from dealtracker.ingest import Limits

    assert Limits.from_env(Settings.from_env({"DEALTRACKER_MAX_FILE_MB": "2"}).environ).max_file_bytes == 2 * 1024 * 1024


def test_the_tagger_choice_follows_the_settings_and_pickles_for_worker_processes():
    assert organisation_taggers(Settings()) is None
    taggers = organisation_taggers(Settings(ner=True, ner_model="/no/such/folder"))
    assert taggers == OrganisationTaggers("/no/such/folder") and pickle.loads(pickle.dumps(taggers)) == taggers
    assert taggers("en") is None  # a missing model: the rules alone, no exception


def test_the_engine_asks_the_taggers_it_is_given_for_each_article_s_language():
    asked: list[str] = []

    def taggers(language: str):
        asked.append(language)
        return None

    with_taggers = process_documents([("a.txt", TEXT)], taggers=taggers)
    assert asked == ["en"]
    assert [d.to_dict() for d in with_taggers.deals] == [d.to_dict() for d in process_documents([("a.txt", TEXT)]).deals]

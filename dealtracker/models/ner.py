"""Organisation names proposed by a named-entity tagger, for the names no gazetteer or pattern holds.

Rules find organisations by gazetteer and by form (a designator such as "Holding", a quoted name after
«компания»). A tagger also finds "Эйр Астана" or "Синохайдро" written plainly. Two taggers, both optional and
both loaded on first use:

- ``natasha`` for Russian (MIT; its small news model ships inside the PyPI package, so it works offline):
  about half a second to load and under a millisecond per sentence.
- any Hugging Face token-classification model for every language, from ``DEALTRACKER_NER_MODEL`` (a folder,
  or a hub id read from the local cache only), through transformers' pipeline.

The tagger only proposes spans; ``extract.organisations.proposed_organisations`` decides what becomes an
organisation (known names and places win, leading descriptors are cut, the country comes from an adjacent
country word), so a tagger cannot overrule the gazetteer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..extract.organisations import Tagger
from ..settings import NER_ENV, NER_MODEL_ENV, Settings, env, flag
from .settings import ModelUnavailable


Span = tuple[int, int]

_lock = threading.Lock()


def ner_enabled() -> bool:
    """``DEALTRACKER_NER=1``: use the taggers that are available."""
    return flag(env(NER_ENV))


@lru_cache(maxsize=1)
def _natasha() -> Tagger:
    try:
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
    except ImportError as error:
        raise ModelUnavailable("natasha is not installed (pip install -r requirements-models.txt)") from error
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def tag(text: str) -> list[Span]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(span.start, span.stop) for span in doc.spans if span.type == "ORG"]

    return tag


@lru_cache(maxsize=4)
def _transformers(model: str, allow_download: bool = False) -> Tagger:
    try:
        from transformers import pipeline
    except ImportError as error:
        raise ModelUnavailable("transformers is not installed (pip install -r requirements-models.txt)") from error
    local = Path(model).expanduser()
    if not local.is_dir():
        if model.startswith((".", "/", "~")) or "\\" in model:
            raise ModelUnavailable(f"NER model folder {model} does not exist")
        if not allow_download:
            from huggingface_hub import try_to_load_from_cache

            try:
                cached = try_to_load_from_cache(model, "config.json")
            except Exception:  # not a valid hub id either
                cached = None
            if not isinstance(cached, str):
                raise ModelUnavailable(f"NER model {model} is neither a folder nor in the local Hugging Face cache")
    try:
        # A folder needs no network; a hub id was found in the local cache above (or downloads are allowed).
        tagger = pipeline("token-classification", model=str(local) if local.is_dir() else model,
                          aggregation_strategy="simple")
    except Exception as error:  # a broken or foreign folder: say so, keep to the rules
        raise ModelUnavailable(f"NER model {model} could not be loaded ({type(error).__name__}: {error})") from error

    def tag(text: str) -> list[Span]:
        return [
            (int(found["start"]), int(found["end"]))
            for found in tagger(text)
            if str(found.get("entity_group", "")).upper() in {"ORG", "ORGANIZATION", "ORGANISATION"}
        ]

    return tag


@dataclass(frozen=True)
class OrganisationTaggers:
    """The tagger for each article's language, as the settings chose it: a configured model serves every language,
    otherwise natasha serves Russian; None when nothing is available for the language.

    Called as ``taggers(language)``. It holds only the choice, so it pickles: a worker process is given the same
    choice and loads the tagger itself, once, on first use.
    """

    model: str | None = None
    allow_download: bool = False

    def __call__(self, language: str) -> Tagger | None:
        with _lock:
            try:
                if self.model:
                    return _transformers(self.model, self.allow_download)
                if language == "ru":
                    return _natasha()
            except ModelUnavailable:
                return None
        return None


def organisation_taggers(settings: Settings) -> OrganisationTaggers | None:
    """The taggers the settings ask for, or None (tagging off: the rules alone)."""
    return OrganisationTaggers(settings.ner_model, settings.allow_download) if settings.ner else None


def organisation_tagger(language: str) -> Tagger | None:
    """The tagger for an article's language as the environment configures it, or None (tagging off, or nothing
    available for it). The batch engine is given ``organisation_taggers(settings)`` instead."""
    if not ner_enabled():
        return None
    taggers = organisation_taggers(Settings.from_env())
    return taggers(language) if taggers else None


def ner_status(settings: Settings | None = None) -> str:
    """One line for the app and the CLI: which tagger would propose organisation names, or why none does
    (``settings``: the caller's; None, the environment's).

    Answers without loading anything (no import of natasha or transformers), so a page can show it.
    """
    import importlib.util

    settings = settings or Settings.from_env()
    if not settings.ner:
        return f"Organisation tagger: off (set {NER_ENV}=1 to propose names no gazetteer holds)"
    model = settings.ner_model or ""
    if model:
        if importlib.util.find_spec("transformers") is None:
            return "Organisation tagger: none, rules only (transformers is not installed)"
        return f"Organisation tagger: {model} (all languages), loads on first use"
    if importlib.util.find_spec("natasha") is None:
        return "Organisation tagger: none, rules only (natasha is not installed: pip install -r requirements-models.txt)"
    return "Organisation tagger: natasha (Russian articles), loads on first use"

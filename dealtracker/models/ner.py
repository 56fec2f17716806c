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

import os
import threading
from functools import lru_cache
from pathlib import Path

from ..extract.organisations import Tagger
from .settings import ModelUnavailable

NER_ENV = "DEALTRACKER_NER"  # "1" to use the taggers that are available
NER_MODEL_ENV = "DEALTRACKER_NER_MODEL"  # a token-classification model for every language

Span = tuple[int, int]

_lock = threading.Lock()


def ner_enabled() -> bool:
    return os.environ.get(NER_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


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
def _transformers(model: str) -> Tagger:
    try:
        from transformers import pipeline
    except ImportError as error:
        raise ModelUnavailable("transformers is not installed (pip install -r requirements-models.txt)") from error
    local = Path(model).expanduser()
    if not local.is_dir():
        if model.startswith((".", "/", "~")) or "\\" in model:
            raise ModelUnavailable(f"NER model folder {model} does not exist")
        if os.environ.get("DEALTRACKER_ALLOW_DOWNLOAD", "") not in {"1", "true", "yes"}:
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


def organisation_tagger(language: str) -> Tagger | None:
    """The tagger for an article's language, or None (tagging off, or nothing available for it).

    A configured ``DEALTRACKER_NER_MODEL`` serves every language; otherwise natasha serves Russian.
    """
    if not ner_enabled():
        return None
    with _lock:
        model = os.environ.get(NER_MODEL_ENV, "").strip()
        try:
            if model:
                return _transformers(model)
            if language == "ru":
                return _natasha()
        except ModelUnavailable:
            return None
    return None


def ner_status() -> str:
    """One line for the app and the CLI: which tagger would propose organisation names, or why none does.

    Answers without loading anything (no import of natasha or transformers), so a page can show it.
    """
    import importlib.util

    if not ner_enabled():
        return f"Organisation tagger: off (set {NER_ENV}=1 to propose names no gazetteer holds)"
    model = os.environ.get(NER_MODEL_ENV, "").strip()
    if model:
        if importlib.util.find_spec("transformers") is None:
            return "Organisation tagger: none, rules only (transformers is not installed)"
        return f"Organisation tagger: {model} (all languages), loads on first use"
    if importlib.util.find_spec("natasha") is None:
        return "Organisation tagger: none, rules only (natasha is not installed: pip install -r requirements-models.txt)"
    return "Organisation tagger: natasha (Russian articles), loads on first use"

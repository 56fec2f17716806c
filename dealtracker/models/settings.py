"""Where the embedding model comes from, decided without importing torch or transformers.

In order: the ``--model`` flag (or the caller's argument), ``DEALTRACKER_EMBEDDING_MODEL``, the folder that
``python -m dealtracker models prepare`` writes (``var/models/multilingual-e5-small``, under
``DEALTRACKER_HOME`` when set), then the Hugging Face id ``intfloat/multilingual-e5-small`` — read from the
local Hugging Face cache only, unless ``DEALTRACKER_ALLOW_DOWNLOAD=1``. A value naming an existing folder is a
local model; anything else shaped like ``owner/name`` is a hub id. ``DEALTRACKER_TORCH_THREADS`` caps torch's
threads (the app shares a small machine with its users' other work).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from ..settings import DOWNLOAD_ENV, EMBEDDING_MODEL_ENV, THREADS_ENV, env, flag, home

DEFAULT_MODEL_ID = "intfloat/multilingual-e5-small"
DEFAULT_FOLDER_NAME = "multilingual-e5-small"
MODEL_ENV = EMBEDDING_MODEL_ENV
PREPARE_HINT = "python -m dealtracker models prepare"
INSTALL_HINT = "pip install -r requirements-models.txt"

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
_TOKENIZER_FILES = ("tokenizer.json", "sentencepiece.bpe.model", "vocab.txt", "tokenizer.model")


class ModelUnavailable(RuntimeError):
    """No usable embedding model; ``str()`` is a human reason, and callers fall back to the rules."""


@dataclass(frozen=True)
class ModelSource:
    """A model to load: a local folder or a hub id, and which setting chose it (for status lines)."""

    location: str
    origin: str  # "--model", "DEALTRACKER_EMBEDDING_MODEL", "default folder" or "default model"
    is_folder: bool
    allow_download: bool = False

    @property
    def local_files_only(self) -> bool:
        return self.is_folder or not self.allow_download

    def describe(self) -> str:
        return f"{self.location} (from {self.origin})"


def models_home() -> Path:
    """``var/models`` beside the code, or under ``DEALTRACKER_HOME``: where ``models prepare`` writes."""
    return home() / "models"


def default_folder() -> Path:
    return models_home() / DEFAULT_FOLDER_NAME


def _allow_download() -> bool:
    return flag(env(DOWNLOAD_ENV), {"1", "true", "yes"})


def resolve_source(model: str | None = None) -> ModelSource:
    """The model that would be used, following the documented order. Touches only the file system."""
    allow = _allow_download()
    for value, origin in ((model, "--model"), (env(MODEL_ENV), MODEL_ENV)):
        if value and value.strip():
            return _source_from_value(value.strip(), origin, allow)
    folder = default_folder()
    if folder.is_dir():
        return ModelSource(str(folder), "default folder", is_folder=True)
    return ModelSource(DEFAULT_MODEL_ID, "default model", is_folder=False, allow_download=allow)


def _source_from_value(value: str, origin: str, allow_download: bool) -> ModelSource:
    path = Path(value).expanduser()
    if path.is_dir():
        return ModelSource(str(path), origin, is_folder=True)
    looks_like_path = value.startswith((".", "/", "~")) or value.count("/") > 1 or "\\" in value
    if looks_like_path or not _HUB_ID.match(value):
        raise ModelUnavailable(f"model folder {value} (from {origin}) does not exist; create it with {PREPARE_HINT}")
    return ModelSource(value, origin, is_folder=False, allow_download=allow_download)


def torch_threads() -> int | None:
    """``DEALTRACKER_TORCH_THREADS`` as a positive number, or None to keep torch's default."""
    value = (env(THREADS_ENV) or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ModelUnavailable(f"{THREADS_ENV} must be a whole number of threads (1 or more), not {value!r}")
    return int(value)


def missing_libraries() -> list[str]:
    """The model libraries that are not installed (checked without importing them)."""
    return [name for name in ("torch", "transformers") if importlib.util.find_spec(name) is None]


def check_available(source: ModelSource) -> None:
    """Raise :class:`ModelUnavailable` when ``source`` cannot load here, without loading it.

    Cheap enough for a status line: it looks for the libraries and the model's files, never imports torch.
    """
    missing = missing_libraries()
    if missing:
        raise ModelUnavailable(f"{' and '.join(missing)} not installed ({INSTALL_HINT})")
    if source.is_folder:
        folder = Path(source.location)
        absent = [
            what for what, names in (("config.json", ("config.json",)), ("weights", _WEIGHT_FILES),
                                     ("tokenizer", _TOKENIZER_FILES))
            if not any((folder / name).is_file() for name in names)
        ]
        if absent:
            raise ModelUnavailable(
                f"model folder {folder} (from {source.origin}) is incomplete: no {', no '.join(absent)}; "
                f"recreate it with {PREPARE_HINT}"
            )
    elif source.local_files_only and not _in_hub_cache(source.location):
        raise ModelUnavailable(
            f"{source.describe()} is neither a folder here nor in the local Hugging Face cache, and downloads are "
            f"off; run {PREPARE_HINT} (no network needed) or set {DOWNLOAD_ENV}=1"
        )


def _in_hub_cache(model_id: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    return isinstance(try_to_load_from_cache(model_id, "config.json"), str)

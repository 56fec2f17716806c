"""Optional embedding model (multilingual-e5-small): where it comes from, loading it once, encoding texts.

Importing this package never imports torch or transformers; they load with the model, on first use. Without
them, or without a model, :class:`ModelUnavailable` says why and callers keep to the rules.
"""

from .loader import Embedder, ModelStatus, forget_loaded, get_embedder, load_embedder, model_status
from .settings import ModelSource, ModelUnavailable, resolve_source

__all__ = [
    "Embedder", "ModelSource", "ModelStatus", "ModelUnavailable", "forget_loaded", "get_embedder",
    "load_embedder", "model_status", "resolve_source",
]

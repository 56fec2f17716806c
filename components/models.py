"""The optional models as the app uses them: loaded once per server process (st.cache_resource), only when
turned on, and a status line saying which are active — so a missing model is a visible note, never an error."""

from __future__ import annotations

import streamlit as st

from dealtracker import services
from dealtracker.models.ner import ner_status
from dealtracker.models.similarity import EvidenceSimilarity, duplicates_status, embeddings_enabled


@st.cache_resource(show_spinner="Loading the embedding model…")
def _load_similarity() -> EvidenceSimilarity | None:
    """None when no model can be loaded: cached too, so a broken model is not retried on every rerun."""
    return services.duplicate_similarity(True)[0]


def duplicate_similarity() -> EvidenceSimilarity | None:
    """The evidence similarity for grouping duplicates, or None (turned off, or no model: rules only)."""
    return _load_similarity() if embeddings_enabled() else None


def render_model_status() -> None:
    """One caption per optional model: which is active, or why the rules work alone. Loads nothing."""
    st.caption(ner_status())
    st.caption(duplicates_status())

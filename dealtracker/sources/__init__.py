"""Every way articles arrive, as one shape: ``Document(name, data, metadata)`` — a tuple of the name a person
knows the input by, its bytes, and where it came from — into the same pipeline (``pipeline.process_documents``).

- ``files``: files and folders on disk (the command line); a folder gives every supported file inside it;
- ``uploads``: files sent through the app, and the sample articles shipped in ``data/samples``;
- ``pasted``: text a person pasted, read as one article.

A source that cannot open an input yields a ``ReadProblem`` in its place, which the pipeline counts as a failed
file like any other. Later sources (an address, a feed) add a module here and yield the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from ..schema import ReadProblem


class Document(NamedTuple):
    """One input: ``name`` as a person knows it, its bytes, and ``metadata`` (``kind``: "file", "upload", "sample"
    or "pasted", and what else the source knows: a path)."""

    name: str
    data: bytes
    metadata: Mapping[str, Any] = {}  # shared when not given: never changed in place


def as_pipeline_input(items: Iterable[Document | ReadProblem]) -> Iterator[tuple[str, bytes] | ReadProblem]:
    """The (name, bytes) pairs the pipeline reads, lazily (a folder's files are read one at a time)."""
    for item in items:
        yield item if isinstance(item, ReadProblem) else (item.name, item.data)


__all__ = ["Document", "as_pipeline_input"]

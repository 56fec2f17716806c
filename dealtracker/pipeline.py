"""One batch of files → articles → deals, with every unreadable file reported and none lost.

The same function serves the app (which passes uploaded bytes and a progress callback) and the command
line (which passes bytes read from disk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .extract.assemble import extract_deals
from .ingest import IngestError, read_document
from .schema import Article, BatchResult, ReadProblem

Progress = Callable[[int, int, str], None]


def process_documents(
    documents: Iterable[tuple[str, bytes]],
    progress: Progress | None = None,
) -> BatchResult:
    """Read and extract each (name, bytes); a failure is recorded with its reason and the batch goes on."""
    result = BatchResult()
    items = list(documents)
    count = len(items)
    for done, (name, data) in enumerate(items, start=1):
        try:
            article = read_document(name, data)
        except IngestError as error:
            result.problems.append(ReadProblem(name, str(error)))
        except Exception as error:  # a reader bug must not sink the batch: report it like a bad file
            result.problems.append(ReadProblem(name, f"unexpected error while reading ({type(error).__name__}: {error})"))
        else:
            add_article(result, article)
        if progress is not None:
            progress(done, count, name)
    return result


def add_article(result: BatchResult, article: Article) -> None:
    """Extract one article's deals into a batch result."""
    result.articles.append(article)
    try:
        result.deals.extend(extract_deals(article))
    except Exception as error:  # keep the article and say so rather than lose the batch
        result.problems.append(
            ReadProblem(article.source, f"was read but extraction failed ({type(error).__name__}: {error})")
        )

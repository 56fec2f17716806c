"""One batch of files → articles → deals, with every unreadable file, row or archive entry reported and none lost.

The same function serves the app (which passes uploaded bytes and a progress callback) and the command
line (which passes bytes read from disk lazily, and problems it met opening them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sized
from typing import TYPE_CHECKING

from .extract.assemble import extract_deals
from .ingest import Limits, read_file
from .ingest.archive import open_files
from .ingest.formats import READERS
from .ingest.limits import check_file_size
from .schema import Article, BatchResult, ReadProblem

if TYPE_CHECKING:
    from .parallel import Taggers

# progress(done, total, label): ``done`` of ``total`` inputs finished; ``label`` says what is being read.
Progress = Callable[[int, int, str], None]
# Inside one big input (an export, an archive), progress is reported every this many articles.
PROGRESS_EVERY = 25


def process_documents(
    documents: Iterable[tuple[str, bytes] | ReadProblem],
    progress: Progress | None = None,
    limits: Limits | None = None,
    total: int | None = None,
    workers: int = 1,
    taggers: Taggers | None = None,
) -> BatchResult:
    """Read and extract each (name, bytes); a failure is recorded with its reason and the batch goes on.

    An item may already be a ReadProblem (a file the caller could not open): it is counted and reported
    like any other failure. ``total`` is only for progress; it defaults to ``len(documents)`` when known.
    With ``workers`` > 1 the files are read here and their articles extracted by a pool of worker processes
    (``dealtracker.parallel``), in chunks as they are read; the result is the same, in the same order.
    ``taggers``: the organisation taggers the caller's settings chose (``models.ner.organisation_taggers``), or
    None for the rules alone.
    """
    if workers > 1:
        from .parallel import ExtractionPool

        with ExtractionPool(workers, taggers) as pool:
            deferred = _Deferred(pool)
            result = _process(documents, progress, limits, total, deferred)
            deferred.flush(result)
            return result
    from .parallel import fewer_collections

    with fewer_collections():
        return _process(documents, progress, limits, total, None, taggers)


class _Deferred:
    """Articles waiting for the worker pool, and the files that have not failed so far (an extraction error
    fails its file, as in the serial path)."""

    def __init__(self, pool, chunk: int = 256):
        self.pool = pool
        self.chunk = chunk
        self.waiting: list[tuple[Article, int]] = []  # (article, file number)
        self.failed_files: set[int] = set()

    def add(self, result: BatchResult, article: Article, file_number: int) -> None:
        self.waiting.append((article, file_number))
        if len(self.waiting) >= self.chunk:
            self.flush(result)

    def flush(self, result: BatchResult) -> None:
        if not self.waiting:
            return
        batch, self.waiting = self.waiting, []
        for (article, file_number), extracted in zip(batch, self.pool.map([a for a, _ in batch])):
            result.articles.append(article)
            result.deals.extend(extracted.deals)
            if extracted.error:
                result.problems.append(ReadProblem(article.source, extracted.error))
                self.fail(result, file_number)

    def fail(self, result: BatchResult, file_number: int) -> None:
        """Count a file as failed once, whether reading or extraction found the first error."""
        if file_number not in self.failed_files:
            self.failed_files.add(file_number)
            result.failed += 1


def _process(
    documents: Iterable[tuple[str, bytes] | ReadProblem],
    progress: Progress | None,
    limits: Limits | None,
    total: int | None,
    deferred: _Deferred | None,
    taggers: Taggers | None = None,
) -> BatchResult:
    limits = limits or Limits.from_env()
    if total is None and isinstance(documents, Sized):
        total = len(documents)
    result = BatchResult()
    done = 0
    for item in documents:
        if isinstance(item, ReadProblem):
            _fail(result, item)
        else:
            name, data = item
            too_big = check_file_size(len(data), limits)
            if too_big:
                _fail(result, ReadProblem(name, too_big))
            else:
                for entry in open_files(name, data, limits, set(READERS)):
                    if isinstance(entry, ReadProblem):
                        _fail(result, entry)
                    else:
                        _read_one(result, *entry, limits, lambda label: progress and progress(done, total or done + 1, label),
                                  deferred, taggers)
        done += 1
        if progress is not None:
            progress(done, max(total or done, done), item.source if isinstance(item, ReadProblem) else item[0])
    return result


def _fail(result: BatchResult, problem: ReadProblem) -> None:
    result.files += 1
    result.failed += 1
    result.problems.append(problem)


def _read_one(
    result: BatchResult, name: str, data: bytes, limits: Limits, tell: Callable[[str], object],
    deferred: _Deferred | None = None, taggers: Taggers | None = None,
) -> None:
    """One file (not an archive): its articles and deals into the batch; counted as failed on any error."""
    add_file(result, name, read_file(name, data, limits), tell, deferred, taggers)


def add_file(
    result: BatchResult, name: str, items: Iterable[Article | ReadProblem], tell: Callable[[str], object] = lambda label: None,
    deferred: _Deferred | None = None, taggers: Taggers | None = None,
) -> None:
    """One file's ``items`` (what a reader yields: articles and problems) into the batch, articles extracted;
    the file is counted, and counted as failed on any error — a file read from disk or text a person pasted."""
    result.files += 1
    file_number = result.files
    failed = False
    articles = 0
    try:
        for item in items:
            if isinstance(item, ReadProblem):
                result.problems.append(item)
                failed = failed or not item.warning
            else:
                if deferred is not None:
                    deferred.add(result, item, file_number)
                else:
                    failed = not add_article(result, item, taggers) or failed
                articles += 1
                if articles % PROGRESS_EVERY == 0:
                    tell(f"{name}: {articles:,} articles")
    except Exception as error:  # a reader bug must not sink the batch: report it like a bad file
        result.problems.append(ReadProblem(name, f"unexpected error while reading ({type(error).__name__}: {error})"))
        failed = True
    if failed:
        if deferred is not None:
            deferred.fail(result, file_number)
        else:
            result.failed += 1


def add_article(result: BatchResult, article: Article, taggers: Taggers | None = None) -> bool:
    """Extract one article's deals into a batch result; False (and a problem) when extraction failed."""
    result.articles.append(article)
    try:
        result.deals.extend(extract_deals(article, taggers(article.language) if taggers else None))
    except Exception as error:  # keep the article and say so rather than lose the batch
        result.problems.append(
            ReadProblem(article.source, f"was read but extraction failed ({type(error).__name__}: {error})")
        )
        return False
    return True

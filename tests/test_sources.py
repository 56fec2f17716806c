"""The sources layer: files and folders, uploads, samples and pasted text all yield Document(name, bytes, metadata)
into the same pipeline, with a ReadProblem in place of what could not be opened."""

from __future__ import annotations

from conftest import SAMPLES

from dealtracker.ingest import Limits
from dealtracker.pipeline import process_documents
from dealtracker.schema import ReadProblem
from dealtracker.sources import Document, as_pipeline_input
from dealtracker.sources.files import expand, read_files
from dealtracker.sources.pasted import pasted, read_pasted_document
from dealtracker.sources.uploads import samples, uploaded

LOAN = "The Asian Development Bank signed a $27 million loan with Kyrgyzstan to rebuild water pipes in Osh."


def test_a_folder_gives_its_supported_files_in_order_and_a_missing_path_a_problem(tmp_path):
    (tmp_path / "b.txt").write_text(LOAN, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(LOAN, encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("not an article", encoding="utf-8")
    found = expand([str(tmp_path), str(tmp_path / "nowhere")])
    assert [item if isinstance(item, ReadProblem) else item[0] for item in found] == [
        str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt"), ReadProblem(str(tmp_path / "nowhere"), "no such file or folder"),
    ]
    documents = list(read_files(found, Limits.from_env()))
    assert documents[0] == Document(str(tmp_path / "b.txt"), LOAN.encode(), {"kind": "file", "path": str(tmp_path / "b.txt")})
    result = process_documents(as_pipeline_input(documents))
    assert (result.files, result.failed, len(result.deals)) == (3, 1, 2)


def test_a_file_over_the_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    limits = Limits.from_env({"DEALTRACKER_MAX_FILE_MB": "0.001"})
    (problem,) = read_files(expand([str(big)]), limits)
    assert isinstance(problem, ReadProblem) and "DEALTRACKER_MAX_FILE_MB" in problem.reason


def test_uploads_samples_and_pasted_text_have_one_shape():
    (upload,) = uploaded([("a.txt", b"text")])
    assert upload == ("a.txt", b"text", {"kind": "upload"})
    shipped = samples()
    assert [d.name for d in shipped] == sorted(p.name for p in SAMPLES.iterdir() if p.is_file() and _supported(p))
    assert all(d.metadata["kind"] == "sample" for d in shipped)
    document = pasted(LOAN)
    assert document.metadata == {"kind": "pasted"} and document.data == LOAN.encode()
    (article,) = read_pasted_document(document)
    assert article.text == LOAN and article.source == document.name


def _supported(path) -> bool:
    from dealtracker.ingest import SUPPORTED_SUFFIXES

    return path.suffix.lower() in SUPPORTED_SUFFIXES

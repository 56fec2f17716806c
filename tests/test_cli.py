import csv
import io
import json
import subprocess
import sys

from conftest import ROOT, SAMPLES

from dealtracker.schema import DEAL_FIELDS


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dealtracker", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_extract_writes_jsonl_with_exactly_the_contract_fields():
    done = _run("extract", str(SAMPLES / "en_kazakhstan_wind_loan.txt"))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows
    for row in rows:
        assert list(row) == list(DEAL_FIELDS)
        assert row["source"] == str(SAMPLES / "en_kazakhstan_wind_loan.txt")


def test_extract_csv_has_a_header_and_one_row_per_deal():
    jsonl = _run("extract", str(SAMPLES))
    table = _run("extract", "--format", "csv", str(SAMPLES))
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert list(rows[0]) == list(DEAL_FIELDS)
    assert len(rows) == len(jsonl.stdout.splitlines())


def test_bad_inputs_are_named_on_stderr_and_exit_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("The Asian Development Bank signed a $27 million loan with Kyrgyzstan.", encoding="utf-8")
    done = _run("extract", str(tmp_path / "empty.txt"), str(good), str(tmp_path / "missing.txt"))
    assert done.returncode == 2
    assert "empty.txt: the file is empty" in done.stderr
    assert "missing.txt: no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr
    deals = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["amount"] for d in deals] == [27e6]


def test_folder_input_reads_every_supported_file():
    done = _run("extract", str(SAMPLES))
    sources = {json.loads(line)["source"] for line in done.stdout.splitlines()}
    expected = {str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")}
    assert sources == expected


def test_ingest_is_idempotent_and_export_writes_every_format(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    first = _run("ingest", "--db", db, str(SAMPLES))
    second = _run("ingest", "--db", db, str(SAMPLES))
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert "8 files read, 0 failed, 8 articles" in first.stderr and "(8 new articles;" in first.stderr
    assert "(0 new articles; 0 new deals" in second.stderr
    deals_in_store = int(first.stderr.split(" deals (")[0].split(", ")[-1])
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"deals.{fmt}"
        done = _run("export", "--db", db, "--format", fmt, "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 0
    assert len(json.loads((tmp_path / "deals.json").read_text(encoding="utf-8"))) == deals_in_store

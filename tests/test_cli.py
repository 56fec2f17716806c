import csv
import io
import json
import subprocess
import sys

from conftest import ROOT, SAMPLES
from fixtures_ingest import build_folder, en, good_files

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


def test_ingest_reads_sub_folders_too(tmp_path):
    import shutil

    nested = tmp_path / "in" / "2025" / "march"
    nested.mkdir(parents=True)
    samples = sorted(SAMPLES.glob("*.txt"))[:2]
    shutil.copy(samples[0], tmp_path / "in" / samples[0].name)
    shutil.copy(samples[1], nested / samples[1].name)
    done = _run("ingest", "--db", f"sqlite:///{tmp_path / 'nested.sqlite'}", str(tmp_path / "in"))
    assert done.returncode == 0, done.stderr
    assert "2 files read, 0 failed, 2 articles" in done.stderr


def test_a_folder_of_every_format_and_bad_file_gives_every_good_deal_names_every_bad_file_and_exits_2(tmp_path):
    """The issue's acceptance: one good article per format and encoding, plus an empty file, random bytes
    named .txt, a truncated PDF, a .docx that is no ZIP and a zip bomb, all in one folder (with a sub-folder)."""
    expected, bad = build_folder(tmp_path / "in")
    sub_expected, _ = build_folder_subset(tmp_path / "in" / "sub")
    done = _run("extract", str(tmp_path / "in"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    deals = [json.loads(line) for line in done.stdout.splitlines()]
    found = {(d["source"], d["amount"]) for d in deals}
    for source, amount in {**expected, **sub_expected}.items():
        assert (source, amount) in found, f"no deal of {amount} from {source}"
    lines = done.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == len(bad)
    for path, reason in bad.items():
        assert any(line.startswith(f"error: {path}: ") and reason in line for line in errors), (path, done.stderr)
    files = len(good_files()) + 1 + 1 + len(bad)  # bundle.zip counts as its two entries; sub/ holds one file
    assert lines[-1] == f"{files - len(bad)} files read, {len(bad)} failed, {len(expected) + len(sub_expected)} articles, {len(deals)} deals"
    assert all(d["date"] is not None and d["date"].startswith("2025-03-1") for d in deals)


def build_folder_subset(folder):
    """A sub-folder with one file, so the folder is shown to be walked recursively."""
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text(en(99), encoding="utf-8")
    return {str(folder / "deep.txt"): 99e6}, {}


def test_no_progress_bar_when_standard_error_is_not_a_terminal(tmp_path):
    done = _run("extract", str(SAMPLES))
    assert "\r" not in done.stderr and "file/s" not in done.stderr
    assert done.stderr.splitlines() == ["8 files read, 0 failed, 8 articles, 20 deals"]


def test_progress_bar_on_a_terminal_for_a_long_batch(tmp_path):
    """Standard error on a pseudo-terminal: a batch running past the delay shows tqdm's bar, then the summary."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    for n in range(40):
        (tmp_path / f"{n}.txt").write_text(en(n + 1), encoding="utf-8")
    reader, writer = pty.openpty()
    fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal 120 columns wide
    code = ("import sys, dealtracker.cli as c; c.PROGRESS_DELAY_S = 0; sys.exit(c.main(sys.argv[1:]))")
    process = subprocess.Popen(
        [sys.executable, "-c", code, "extract", str(tmp_path)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=writer
    )
    os.close(writer)
    seen = b""
    while True:
        try:
            chunk = os.read(reader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    text = seen.decode("utf-8", "replace")
    assert "\r" in text and "/40 [" in text and "file/s" in text
    assert text.rstrip().endswith("40 files read, 0 failed, 40 articles, 40 deals")


def test_a_wrong_limit_in_the_environment_is_one_clear_line():
    import os

    done = subprocess.run(
        [sys.executable, "-m", "dealtracker", "extract", str(SAMPLES)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DEALTRACKER_MAX_FILE_MB": "lots"}, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "error: DEALTRACKER_MAX_FILE_MB must be a positive number of MB (got 'lots')\n"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    import os

    big = tmp_path / "big.txt"
    big.write_text(en(1) + " filler" * 200_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "dealtracker", "extract", str(big)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DEALTRACKER_MAX_FILE_MB": "1"}, timeout=120,
    )
    assert done.returncode == 2
    assert f"error: {big}: the file is 1.3 MB; the limit is 1 MB (DEALTRACKER_MAX_FILE_MB)" in done.stderr


def test_a_warning_is_printed_but_does_not_fail_the_run(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(en(5).encode("utf-8") + "\nВторой абзац в кодировке Windows.\n".encode("cp1251") + "Третий — снова UTF-8.".encode("utf-8"))
    done = _run("extract", str(mixed))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"warning: {mixed}: the file mixes two text encodings (UTF-8 and ")
    assert lines[-1] == "1 file read, 0 failed, 1 article, 1 deal"
    assert [json.loads(line)["amount"] for line in done.stdout.splitlines()] == [5e6]


def test_two_workers_give_the_same_deals_problems_and_summary_as_one(tmp_path):
    build_folder(tmp_path / "folder")
    one = _run("extract", str(tmp_path / "folder"), str(SAMPLES))
    two = _run("extract", "--workers", "2", str(tmp_path / "folder"), str(SAMPLES))
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) > 20
    assert sorted(one.stderr.splitlines()) == sorted(two.stderr.splitlines())
    refused = _run("extract", "--workers", "0", str(SAMPLES))
    assert refused.returncode == 2 and "worker processes" in refused.stderr

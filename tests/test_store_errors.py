"""A store that cannot be opened is said in one line, with the password masked: exit 2 from the CLI, a message
(never a traceback) on every page of the app."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT, SAMPLES
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from dealtracker.store import Store, StoreUnavailable
from dealtracker.store.errors import describe, mask_url

REFUSED = "postgresql+psycopg://user:secret@127.0.0.1:1/x"  # port 1: nothing listens there, refused at once
# (URL, what the line must say)
BAD_URLS = [
    (REFUSED, "cannot open the store at postgresql+psycopg://user:***@127.0.0.1:1/x: connection refused"),
    ("sqlite:////nonexistent/dir/x.db", "cannot open the store at sqlite:////nonexistent/dir/x.db: the database file cannot be opened"),
    ("nosuchdialect://x", "cannot open the store at nosuchdialect://x: unknown database kind 'nosuchdialect'"),
    ("mysql://user:secret@localhost/x", "cannot open the store at mysql://user:***@localhost/x: the database driver is not installed"),
    ("not a url at all", "cannot open the store at not a url at all: not a database URL"),
    ("postgresql+psycopg://user:secret@127.0.0.1:port/x", "not a valid database URL"),
]


def _cli(*args: str, env_url: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if env_url is not None:
        env["DEALTRACKER_DB_URL"] = env_url
    return subprocess.run([sys.executable, "-m", "dealtracker", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.mark.parametrize("url, said", BAD_URLS)
def test_a_bad_db_url_gives_one_line_and_exit_2_from_ingest(url, said):
    done = _cli("ingest", str(SAMPLES), "--db", url)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("dealtracker: ") and said in lines[0]
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


@pytest.mark.parametrize("url, said", BAD_URLS[:3])
def test_a_bad_url_in_the_environment_gives_the_same_line_from_export(url, said, tmp_path):
    done = _cli("export", "--format", "csv", "-o", str(tmp_path / "deals.csv"), env_url=url)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dealtracker: ") and said in lines[0], done.stderr
    assert "secret" not in done.stderr and not (tmp_path / "deals.csv").exists()


def test_the_store_raises_store_unavailable_with_the_password_masked():
    with pytest.raises(StoreUnavailable) as caught:
        Store(REFUSED)
    assert caught.value.url == "postgresql+psycopg://user:***@127.0.0.1:1/x"
    assert "secret" not in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("url, masked", [
    ("postgresql+psycopg://user:secret@db.example:5432/deals", "postgresql+psycopg://user:***@db.example:5432/deals"),
    ("postgresql://user:p%40ss@host/deals?sslmode=require", "postgresql://user:***@host/deals?sslmode=require"),
    ("sqlite:///var/deals.sqlite", "sqlite:///var/deals.sqlite"),
    ("postgresql://host/deals?password=secret", "postgresql://host/deals?password=***"),
    ("weird url ://user:secret@host", "weird url ://user:***@host"),  # does not parse: masked all the same
])
def test_mask_url_hides_every_password(url, masked):
    assert mask_url(url) == masked


def test_a_driver_message_is_one_line_without_sqlalchemy_s_background_link():
    error = OperationalError("SELECT 1", {}, Exception('FATAL:  database "deals" does not exist\n\tHINT: none'))
    assert describe(error) == 'FATAL: database "deals" does not exist HINT: none'


# --- the app -----------------------------------------------------------------------------------------------

PAGES = ["pages/views/upload.py", "pages/views/review.py", "pages/views/dashboard.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_why_the_store_cannot_be_opened_and_shows_no_traceback(page, monkeypatch):
    monkeypatch.setenv("DEALTRACKER_DB_URL", REFUSED)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert len(messages) == 1, messages
    shown = messages[0].replace("\\", "").replace("\u200b", "")  # the Markdown escapes, as the reader sees it
    assert "cannot be opened" in shown and "user:***@127.0.0.1:1/x" in shown and "connection refused" in shown
    assert "secret" not in shown


def test_the_app_config_hides_error_details_from_the_browser():
    """An uncaught error anywhere else shows Streamlit's generic message, not the exception or its traceback
    ("false" would still show the traceback: it is the deprecated spelling of "stacktrace")."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"

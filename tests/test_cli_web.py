"""The command line for the web, against a server of our own on 127.0.0.1: ``ingest URL``, ``feeds add|list|remove``
and ``watch --once``; one line per problem and the exit codes of the rest of the command line."""

from __future__ import annotations

import pytest
from fixtures_web import ITEMS, LocalSite, answer, rss

from dealtracker.cli import main
from dealtracker.cli_web import duration
from dealtracker.store import Store


@pytest.fixture
def site():
    served = LocalSite()
    served.serve_items(ITEMS)
    served.routes["/rss"] = answer(rss(served.base, ITEMS[:6]), "application/rss+xml")
    served.routes["/short.rss"] = answer(rss(served.base, ITEMS[:1]), "application/rss+xml")
    yield served
    served.close()


@pytest.fixture
def allowed(monkeypatch):
    monkeypatch.setenv("DEALTRACKER_FETCH_ALLOW_PRIVATE", "1")


def test_ingest_takes_addresses_and_paths_together(site, allowed, tmp_path, capsys):
    note = tmp_path / "note.txt"
    note.write_text("Kazakhstan signed a $600 million deal with Wabtec for 150 locomotives.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    status = main(["ingest", "--db", db, site.url("/news/kz-wind"), str(note), site.url("/news/missing")])
    err = capsys.readouterr().err
    assert status == 2
    assert f"error: {site.url('/news/missing')}: not fetched: the server answered 404 Not Found [http-status]" in err
    assert "2 files read, 1 failed, 2 articles, 2 deals" in err
    assert main(["ingest", "--db", db, site.url("/news/kz-wind/")]) == 0
    assert "already stored" in capsys.readouterr().err
    assert Store(db).article_count() == 2


def test_ingest_of_a_local_address_is_refused_without_the_setting(site, tmp_path, capsys):
    status = main(["ingest", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}", site.url("/news/kz-wind"), "file:///etc/passwd"])
    err = capsys.readouterr().err
    assert status == 2 and "[private-address]" in err and "[not-http]" in err
    assert site.log == []


def test_feeds_add_list_remove_and_watch_once(site, allowed, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'watch.sqlite'}"
    assert main(["feeds", "add", site.url("/rss"), "--db", db]) == 0
    assert main(["feeds", "add", site.url("/rss?utm_campaign=x"), "--db", db]) == 0
    assert "already following" in capsys.readouterr().err
    assert main(["watch", "--once", "--db", db]) == 0
    err = capsys.readouterr().err
    assert f"{site.url('/rss')}: 6 items, 6 new: 6 articles, 2 deals stored" in err
    assert "1 feeds polled, 6 new articles, 2 new deals" in err
    assert main(["watch", "--once", "--db", db]) == 0
    assert "6 items, 0 new" in capsys.readouterr().err
    assert main(["feeds", "list", "--db", db]) == 0
    listed = capsys.readouterr().out.strip().split("\t")
    assert listed[0] == site.url("/rss") and listed[1] == "Test News" and listed[3:] == ["0 new", "6 in all", "ok"]
    assert main(["feeds", "remove", site.url("/rss"), "--db", db]) == 0
    assert main(["feeds", "remove", site.url("/rss"), "--db", db]) == 2
    assert main(["watch", "--once", "--db", db]) == 2
    assert "no feeds followed" in capsys.readouterr().err


def test_a_failing_feed_makes_watch_once_exit_2(site, allowed, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    main(["feeds", "add", site.url("/gone"), "--db", db])
    assert main(["watch", "--once", "--db", db]) == 2
    assert f"error: {site.url('/gone')}: " in capsys.readouterr().err
    assert main(["feeds", "add", "ftp://example.org/rss", "--db", db]) == 2
    assert "only http and https" in capsys.readouterr().err


def test_watch_intervals():
    assert duration("1h") == 3600 and duration("30m") == 1800 and duration("1d") == 86400 and duration("90") == 90
    for bad in ("10s", "soon", "-1h"):
        with pytest.raises(Exception):
            duration(bad)


def test_watch_polls_every_interval_until_stopped(site, allowed, tmp_path, capsys):
    import argparse

    from dealtracker.cli_web import _watch
    from dealtracker.settings import Settings

    db = f"sqlite:///{tmp_path / 'loop.sqlite'}"
    main(["feeds", "add", site.url("/short.rss"), "--db", db])  # one item: the real pause of 1 s per request
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt  # Ctrl-C during the second wait

    args = argparse.Namespace(once=False, every=1800.0)
    assert _watch(args, Settings.from_env().with_flags(db_url=db), lambda settings: None, sleep) == 0
    err = capsys.readouterr().err
    assert waits == [1800.0, 1800.0] and err.count("feeds polled") == 2 and err.rstrip().endswith("stopped")

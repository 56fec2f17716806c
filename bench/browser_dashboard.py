"""What a person feels on the Dashboard page in a real browser, with N deals in the store.

What it measures
    * **Open**: a fresh tab navigates to ``/dashboard``; the time from ``page.goto`` until the page is drawn.
      The first open after the server starts is reported apart ("cold": the server imports the app and reads
      the deals table into its cache, the browser fetches the JavaScript bundles); then ``--runs`` opens, each
      in a fresh tab of the same browser (warm server cache, warm HTTP cache), median.
    * **Redraw**: on an open dashboard a sidebar control is changed, and the time from the mouse press until
      the page is redrawn is taken. Each control ``--runs`` times, each direction apart (a toggle turned on and
      turned off do different work): "Verified deals only", "Count duplicate reports once", and one sector
      chosen in the Sector multiselect, then removed with the cross on its chip. With ``GROUPED_FROM`` deals or
      more the dashboard shows its charts one group at a time (tabs): a switch to the "Structure" tab, then to
      the "Map" tab, then back to the first group is timed as well. The app caches figures and totals by store revision and filter state, so each state is
      computed by the server the first time it is shown and taken from the cache afterwards: the report gives
      the first run ("1st") beside the median.
    * For each, what the server did: the life of the thread that ran the script for it (Streamlit starts
      one thread per rerun; sampled from ``/proc`` every 10 ms, so ±10 ms), hence the browser's tail after
      the server was done; and the CPU seconds the server and Chromium used meanwhile, and the seconds the
      server's threads were runnable but found every core busy (``schedstat``). On a shared 2-core machine
      wall time mixes work and waiting: these say which is which.
      Why not "last websocket message received" for the server's end: Chromium handles a page's websocket on
      the page's main thread (where the DevTools protocol also stamps frames), so while plotly draws, the
      server's messages are handled late; that measured the browser, not the server.
    * **Split**: one more open and one more redraw per control (not in the medians: they record every
      websocket frame through the DevTools protocol and run its JavaScript sampling profiler) are taken apart:
      the server's run, when the page handled the first and last messages, CPU per Chromium process type,
      the page's main-thread time by script bundle (PlotlyChart.js, react-dom.js, "(program)": the
      renderer's own style/layout/paint work ...), bytes by element kind, and how many plotly charts were
      drawn from scratch (new DOM nodes) rather than updated.
    * **Each chart alone**: the figures of the open, drawn one at a time by plotly.js in the same Chromium at
      their dashboard sizes, with the DOM elements each has on the dashboard: which chart costs the browser
      most.
    * Every request the pages make; any whose host is not 127.0.0.1/localhost is printed (there must be none).
    * The peak resident memory of the server process (``VmHWM``: the kernel's own high-water mark).

How "drawn" is decided (the same rule for opens and redraws)
    An init script, installed before any page script runs, keeps in the page:
      - the transitions of ``data-test-script-state`` on ``[data-testid=stApp]`` (``running`` / ``notRunning``),
        the attribute Streamlit 1.67's own end-to-end tests read. The running-man ``[data-testid=stStatusWidget]``
        is not used: it stays in the DOM for its 200 ms fade-out after the run ends, a constant that is not work;
      - a MutationObserver on ``[data-testid=stMain]`` stamping the last DOM change there (the sidebar and
        header are left out: the status widget's fade-out and the clicked widget itself are not the redraw),
        then the end of the *frame* that shows it (requestAnimationFrame, then a message-channel task, which
        runs after that frame's style, layout and paint), so the figure includes the drawing;
      - the time of every pointer press (``event.timeStamp``) and of every websocket message sent / received.
    Done = after the press the state went ``running`` (waited for 2 s at most: a fast rerun may never be
    committed to the DOM as running, so a message received after the press is then required instead), then
    ``notRunning``; every expected plotly chart is present with its ``.main-svg``; and the main area has not
    changed for ``--quiet-ms`` (400 ms). The figure ends at the last change's painted frame, not at the end of
    the quiet window, so a longer window makes the benchmark slower, not the figure larger.
    Why a quiet window rather than "two animation frames without a mutation": after a rerun Streamlit
    measures each chart's width before plotly draws it, and plotly draws the map only once its outlines are
    fetched: gaps of several frames in which nothing changes, yet the page is not drawn. Two frames would stop
    the clock early: a mutation log of this page, taken while writing this, showed every chart changing in
    three rounds ~0.2-0.7 s apart.
    Caveats: canvas painting (the deals table is a canvas grid) makes no DOM mutation, so a redraw whose last
    work is canvas-only is seen up to its last DOM change; the observers cost the page a little (O(1) per
    batch of mutations: a first version doing per-record work took ~10 % of the main thread).

Why
    It is what the user feels. ``bench/dashboard.py`` times the rerun in-process (AppTest): the script's work
    and the figures' serialisation, but neither the websocket nor the browser's work (decoding, React, plotly
    laying out and drawing 8 SVG charts, the table), which at 100,000 deals is most of the CPU a redraw
    costs and most of its wall time.

The store
    ``synthetic_deals()`` of ``bench/dashboard.py``, plus review state so the controls have something to do:
    one deal in five verified, and two deals in ten paired into duplicate groups. Rows are written in chunks
    with SQLAlchemy core executemany into the app's own schema (``Store`` creates it): ~35 s per million. The
    file is cached under ``/tmp/dealtracker-bench/`` by N, seed and schema version (``--rebuild`` to redo).

Run (Chromium is Debian's /usr/bin/chromium; nothing leaves the machine):

    python bench/browser_dashboard.py [--deals 100000] [--runs 5] [--pin] [--keep] [--port N] [--rebuild]

``--pin`` puts the server on CPU 0 and Chromium on CPU 1, to see how much they slow each other down.
``--keep`` leaves the server running for debugging (its pid and URL are printed; stop it yourself).
Not a test: timings on a shared machine are noisy, so it prints figures instead of asserting them.
Targets: open ≤ 3 s, redraw ≤ 1 s.
"""

from __future__ import annotations

import argparse
import base64
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    import psutil
    from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

CACHE_DIR = Path(tempfile.gettempdir()) / "dealtracker-bench"
from components.chart_grid import GROUPED_FROM  # noqa: E402  (from this many deals the charts come in tabs)
# plotly charts in each chart group (tab) of a grouped dashboard; the first is what an open draws
GROUP_CHARTS = {"Countries and sectors": 2, "Map": 1, "Structure": 3, "Counterparties and time": 2}
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1400, "height": 1800}
OPEN_TARGET_S, REDRAW_TARGET_S = 3.0, 1.0
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

# --- the store ----------------------------------------------------------------------------------------------


def store_file(deals: int, seed: int) -> Path:
    """The cached database for N and seed; the schema version is in the name so a migration rebuilds it."""
    from dealtracker.store.migrations import LATEST

    return CACHE_DIR / f"browser_dashboard_{deals}_seed{seed}_schema{LATEST}.sqlite"


def build_store(deals: int, seed: int, rebuild: bool) -> tuple[Path, float | None]:
    """The store file with ``deals`` synthetic deals; built (seconds returned) only if not cached or asked to.

    Built into a temporary name and renamed at the end, so an interrupted build is never taken for a cache.
    """
    path = store_file(deals, seed)
    if path.exists() and not rebuild:
        return path, None
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), path):
        stale.unlink(missing_ok=True)
    start = time.perf_counter()
    _write_deals(f"sqlite:///{partial}", deals, seed)
    partial.rename(path)
    return path, time.perf_counter() - start


def _write_deals(url: str, deals: int, seed: int, chunk: int = 50_000) -> None:
    """Create the app's schema (through ``Store``, so migrations run) and insert the deals in chunks.

    Core executemany rather than ``Store.ingest``: ingest looks each deal up first (right for real batches,
    far too slow for a million rows), and chunks keep a million rows' dicts from being built at once.
    """
    from dashboard import synthetic_deals  # bench/dashboard.py

    from dealtracker.store import Store
    from dealtracker.store.models import DealRow

    frame = synthetic_deals(deals, seed)
    index = frame.index.to_numpy()
    frame["verified"] = index % 5 == 0  # one in five verified: "Verified deals only" keeps a fifth
    paired = index % 10 < 2  # deals 10k and 10k+1 report the same deal: "Count duplicate reports once" works
    frame["group_id"] = [f"g{i // 10}" if pair else None for i, pair in zip(index, paired)]
    frame["edited_fields"] = ""
    frame["added_by_person"] = False
    frame["updated_at"] = datetime(2025, 1, 1, tzinfo=timezone.utc)  # fixed: the store's revision is stable
    frame = frame.astype(object).where(frame.notna(), None)  # NaN → NULL
    store = Store(url)
    table = DealRow.__table__
    try:
        with store.engine.begin() as connection:
            for start in range(0, len(frame), chunk):
                connection.execute(table.insert(), frame.iloc[start:start + chunk].to_dict("records"))
        with store.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file to cache
    finally:
        store.close()


# --- the server ---------------------------------------------------------------------------------------------


def free_port() -> int:
    """A port nothing listens on now (the OS picks it), so parallel runs do not collide."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """The real app, started as a person would (``streamlit run``), in its own process group."""

    db: Path
    port: int
    log: Path
    cores: set[int] | None = None  # pin the server to these CPUs (``--pin``)
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 120.0) -> None:
        """Start streamlit and wait until ``/_stcore/health`` answers ``ok``."""
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
        ]
        env = {**os.environ, "DEALTRACKER_DB_URL": f"sqlite:///{self.db}"}
        with open(self.log, "wb") as log:
            pin = (lambda: os.sched_setaffinity(0, self.cores)) if self.cores else None
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=pin)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"streamlit did not answer /_stcore/health in {timeout:.0f} s; see {self.log}")

    @property
    def url(self) -> str:
        """Where the browser goes: 127.0.0.1, never a name that might resolve elsewhere."""
        return f"http://127.0.0.1:{self.port}"

    def peak_rss_mb(self) -> float | None:
        """The kernel's high-water mark of resident memory (VmHWM) of the server and any child, largest one."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            return None
        peaks = []
        root = psutil.Process(self.process.pid)
        for process in [root, *root.children(recursive=True)]:
            try:
                status = Path(f"/proc/{process.pid}/status").read_text()
            except OSError:
                continue
            peaks += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
        return max(peaks, default=None)

    def stop(self) -> None:
        """SIGTERM to the server's own process group (only what this script started), SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass


def _cpu_seconds(process: psutil.Process) -> float | None:
    """User + system CPU seconds of a process so far, its ended threads included (None if it is gone)."""
    import psutil

    try:
        times = process.cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


def _schedstats(processes: list[psutil.Process]) -> dict[int, tuple[float, float]]:
    """Each thread's (seconds on a CPU, seconds runnable but waiting for a CPU) so far, from
    ``/proc/PID/task/TID/schedstat`` (the scheduler's own account, in ns)."""
    stats = {}
    for process in processes:
        try:
            tasks = list(Path(f"/proc/{process.pid}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                running, waiting = (task / "schedstat").read_text().split()[:2]
            except (OSError, ValueError):
                continue
            stats[int(task.name)] = (int(running) / 1e9, int(waiting) / 1e9)
    return stats


@dataclass
class ThreadLife:
    """A server thread as the sampler saw it: first and last seen (epoch s), CPU and run-queue wait so far."""

    first: float
    last: float
    cpu: float
    wait: float


class CpuMeter:
    """CPU seconds used, and seconds spent waiting for a CPU, by the server and by each kind of Chromium
    process between two readings; and the server's threads' lives, to time its reruns from outside.

    On a shared machine the wall time of a step mixes work and waiting; the CPU time is the work, and the
    run-queue wait (runnable, but every core busy) is the part the machine's load adds. Chromium's processes
    are told apart by their ``--type`` (renderer: the page's JavaScript, style, layout and paint;
    gpu-process: compositing and rasterising, in software here; none: the browser process).

    CPU is read per process (the kernel keeps ended threads' time in it); a process born in between counts
    from zero, one that died in between (a closed tab's renderer) is lost. Run-queue waits exist only per
    thread, and Streamlit runs every rerun in a new thread that ends with the run, so a background thread
    samples the server's threads every 10 ms: each thread's first and last sighting time the rerun (to
    ±10 ms) and its last values count after it ends (at most its last 10 ms missed).
    """

    def __init__(self, server: Server, every_s: float = 0.01):
        """Start sampling the server's threads every ``every_s`` seconds, from now until ``close``."""
        import threading

        import psutil

        self._server = psutil.Process(server.process.pid)
        self.lives: dict[int, ThreadLife] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sample_once()
        self._sampler = threading.Thread(target=self._sample, args=(every_s,), daemon=True)
        self._sampler.start()

    def _sample_once(self) -> None:
        now = time.time()
        stats = _schedstats([self._server])
        with self._lock:
            for tid, (cpu, wait) in stats.items():
                life = self.lives.get(tid)
                if life is None or life.cpu > cpu:  # new, or a reused thread id
                    self.lives[tid] = ThreadLife(now, now, cpu, wait)
                else:
                    life.last, life.cpu, life.wait = now, cpu, wait

    def _sample(self, every_s: float) -> None:
        """Keep sampling the server's threads, so a rerun's thread is seen born, running and gone."""
        while not self._stop.wait(every_s):
            self._sample_once()

    def close(self) -> None:
        """Stop the sampler thread (a daemon, but stopped anyway so nothing runs after the report)."""
        self._stop.set()
        self._sampler.join()

    def reruns(self, since: float, until: float) -> list[ThreadLife]:
        """The server threads born between two epoch times, busiest first: the script runs they caused
        (Streamlit starts one thread per rerun; an open also starts idle per-session threads, hence "busiest",
        not "longest")."""
        with self._lock:
            born = [life for life in self.lives.values() if since - 0.01 <= life.first <= until]
        return sorted(born, key=lambda life: -life.cpu)

    def read(self) -> dict[str, tuple[dict[int, float], dict[int, float]]]:
        """Per kind of process: ({pid: CPU s}, {tid: run-queue wait s}); under "" the time of the reading."""
        import psutil

        self._sample_once()
        with self._lock:
            waits = {tid: life.wait for tid, life in self.lives.items()}
        readings = {"server": ({self._server.pid: _cpu_seconds(self._server) or 0.0}, waits)}
        for process in psutil.Process().children(recursive=True):
            if "chrom" in _name(process):
                cpu, chromium_waits = readings.setdefault(f"chromium {_chromium_type(process)}", ({}, {}))
                seconds = _cpu_seconds(process)
                if seconds is not None:
                    cpu[process.pid] = seconds
                chromium_waits.update({tid: wait for tid, (_, wait) in _schedstats([process]).items()})
        readings[""] = ({0: time.monotonic()}, {})
        return readings

    @staticmethod
    def used(before: dict, after: dict) -> dict[str, tuple[float, float]]:
        """(CPU seconds, run-queue seconds) per kind of process from reading ``before`` to ``after``.

        A thread's wait cannot exceed the time between the readings; a larger difference (seen once, before
        thread ids were checked for reuse) is left out rather than let one thread swamp the figure.
        """
        elapsed = after[""][0][0] - before[""][0][0]
        used = {}
        for kind, (cpu, waits) in after.items():
            if not kind:
                continue
            old_cpu, old_waits = before.get(kind, ({}, {}))
            deltas = [t - old_waits.get(tid, 0.0) for tid, t in waits.items()]
            used[kind] = (sum(t - old_cpu.get(pid, 0.0) for pid, t in cpu.items()),
                          sum(d for d in deltas if 0.0 <= d <= elapsed + 0.05))
        return used


def _chromium_type(process: psutil.Process) -> str:
    """A Chromium process's ``--type=`` (renderer, gpu-process, utility, zygote ...), "browser" if none."""
    import psutil

    try:
        arguments = process.cmdline()
    except psutil.Error:
        return "?"
    return next((a.split("=", 1)[1] for a in arguments if a.startswith("--type=")), "browser")


def _name(process: psutil.Process) -> str:
    """A process's name, or "" if it ended meanwhile (Chromium's helper processes come and go)."""
    import psutil

    try:
        return process.name()
    except psutil.Error:
        return ""


# --- in-page instrumentation --------------------------------------------------------------------------------

INIT_SCRIPT = r"""
(() => {
  const B = window.__bench = {states: [], lastMain: 0, lastPainted: 0, presses: [], sends: [], recvs: []};
  let framePending = false;
  const stampPaint = () => {  // the end of the frame showing the latest change: rAF, then a task after paint
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { B.lastPainted = performance.now(); framePending = false; };
      channel.port2.postMessage(0);
    });
  };
  // O(1) per batch of mutations: per-record work (closest() on every plotly attribute change) cost ~10 % of
  // the page's main thread in a first version.
  const onMain = () => { B.lastMain = performance.now(); stampPaint(); };
  const mainObserver = new MutationObserver(onMain);
  let main = null;
  new MutationObserver(() => {  // watch stMain once it exists, and again should React ever replace it
    if (main && main.isConnected) return;
    const found = document.querySelector('[data-testid="stMain"]');
    if (!found || found === main) return;
    mainObserver.disconnect();
    main = found;
    mainObserver.observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
    onMain();
  }).observe(document, {subtree: true, childList: true});
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) B.states.push([record.target.getAttribute('data-test-script-state'), now]);
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
  addEventListener('pointerdown', (event) => B.presses.push(event.timeStamp), true);
  const size = (data) => data.byteLength ?? data.size ?? data.length ?? 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => B.recvs.push([performance.now(), size(event.data)]));
    }
    send(data) { B.sends.push([performance.now(), size(data)]); return super.send(data); }
  };
})();
"""

STATE_JS = "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"

CHARTS_READY_JS = """(expected) => {
  const charts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')];
  return charts.length >= expected && charts.every((c) => c.querySelector('.main-svg'));
}"""

CHART_SIZES_JS = """() => Object.fromEntries([...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map((c) => {
  const holder = c.closest('[class*="st-key-"]');
  const key = holder ? [...holder.classList].find((n) => n.startsWith('st-key-')).slice(7) : '?';
  const box = c.getBoundingClientRect();
  return [key, [Math.round(box.width), Math.round(box.height), c.getElementsByTagName('*').length]];
}))"""

QUIET_JS = """([since, quietMs]) => {
  const B = window.__bench;
  return performance.now() - Math.max(B.lastMain, B.lastPainted, since) >= quietMs;
}"""


@dataclass
class Drawn:
    """One measured open or redraw: seconds from its start to the painted frame of the last main-area change."""

    seconds: float
    start: float  # page clock (performance.now(), ms) of the start: 0 for an open, the press for a redraw
    end: float  # page clock of the last painted change
    saw_running: bool
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)  # (CPU s, run-queue wait s) per process
    # kind (``CpuMeter``), from the start until "drawn" was decided (the quiet window included: idle, or nearly)
    rerun: tuple[float, float, float] | None = None  # the server's script thread: (born, ended) in seconds
    # after the start, and its CPU seconds (``server_rerun``)

    @property
    def server_cpu_s(self) -> float:
        """The server's work."""
        return self.cpu.get("server", (0.0, 0.0))[0]

    @property
    def server_wait_s(self) -> float:
        """The server's time lost to other processes holding every core."""
        return self.cpu.get("server", (0.0, 0.0))[1]

    @property
    def browser_cpu_s(self) -> float:
        """All of Chromium's processes' work (renderer, GPU/compositor, browser, utilities)."""
        return sum(cpu for kind, (cpu, _) in self.cpu.items() if kind.startswith("chromium"))


def wait_drawn(page: Page, since: float, expected_charts: int, quiet_ms: float, timeout_s: float = 300.0) -> tuple[float, bool]:
    """Wait until the rerun that began after ``since`` (page clock) is over and the page drawn; returns the end
    (page clock) and whether the running state was seen. The rule is in the module docstring.

    The state log is kept by the page, so a transition between two polls is not missed.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    timeout = timeout_s * 1000
    seen = "([since]) => window.__bench.states.some(([s, t]) => s === 'running' && t >= since)"
    try:
        page.wait_for_function(seen, arg=[since], timeout=2000, polling="raf")
        saw_running = True
    except PlaywrightTimeout:  # too quick to be committed as running, or slow to start: the server must answer
        saw_running = False
        answered = "([since]) => window.__bench.recvs.some(([t]) => t >= since)"
        page.wait_for_function(answered, arg=[since], timeout=timeout, polling="raf")
    page.wait_for_function(f"() => ({STATE_JS})() === 'notRunning'", timeout=timeout, polling="raf")
    page.wait_for_function(CHARTS_READY_JS, arg=expected_charts, timeout=timeout, polling="raf")
    page.wait_for_function(QUIET_JS, arg=[since, quiet_ms], timeout=timeout, polling=50)
    end = page.evaluate("() => Math.max(window.__bench.lastPainted, window.__bench.lastMain)")
    return end, saw_running


# --- opening and redrawing ----------------------------------------------------------------------------------


@dataclass
class Requests:
    """Every request of every page; the hosts other than this machine are what must not exist."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        """The distinct URLs whose host is not this machine (the app promises to need no network)."""
        return sorted({u for u in self.urls if urlparse(u).hostname not in {h.strip("[]") for h in LOCAL_HOSTS}})


def server_rerun(meter: CpuMeter, start_epoch: float, seconds: float) -> tuple[float, float, float] | None:
    """The busiest server thread born during a measurement (the script run it caused), as (born, ended)
    seconds after its start and CPU seconds; None if the sampler saw none."""
    runs = meter.reruns(start_epoch, start_epoch + seconds)
    if not runs:
        return None
    return runs[0].first - start_epoch, runs[0].last - start_epoch, runs[0].cpu


def open_dashboard(context: BrowserContext, server: Server, requests: Requests, expected_charts: int,
                   quiet_ms: float, meter: CpuMeter) -> tuple[Page, Drawn]:
    """A fresh tab on /dashboard, timed from ``goto`` (wall clock) to the last painted change (page clock)."""
    before = meter.read()
    page = context.new_page()
    page.on("request", requests.record)
    page.on("websocket", lambda ws: requests.urls.append(ws.url))
    started = time.time() * 1000
    page.goto(f"{server.url}/dashboard", wait_until="commit")
    end, saw_running = wait_drawn(page, 0.0, expected_charts, quiet_ms)
    used = meter.used(before, meter.read())
    origin = page.evaluate("() => performance.timeOrigin")  # epoch ms of navigation start, same clock as time.time
    seconds = (origin + end - started) / 1000
    rerun = server_rerun(meter, started / 1000, seconds)
    return page, Drawn(seconds, 0.0, end, saw_running, used, rerun)


def count_charts(page: Page) -> int:
    """Plotly charts on the page now: the cold open tells how many a full dashboard has."""
    return page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"] [data-testid=\"stPlotlyChart\"]').length")


def timed(page: Page, act: Callable[[], None], expected_charts: int, quiet_ms: float, meter: CpuMeter) -> Drawn:
    """Run ``act`` (a mouse action that changes a control) and time press → last painted change."""
    presses = page.evaluate("() => window.__bench.presses.length")
    before = meter.read()
    act()
    page.wait_for_function("(n) => window.__bench.presses.length > n", arg=presses, timeout=10_000)
    start = page.evaluate("() => window.__bench.presses[window.__bench.presses.length - 1]")  # the last press
    end, saw_running = wait_drawn(page, start, expected_charts, quiet_ms)
    used = meter.used(before, meter.read())
    origin = page.evaluate("() => performance.timeOrigin")  # the page clock's zero, epoch ms
    rerun = server_rerun(meter, (origin + start) / 1000, (end - start) / 1000)
    return Drawn((end - start) / 1000, start, end, saw_running, used, rerun)


def sidebar(page: Page) -> Locator:
    """Controls are looked for in the sidebar only: the main area may hold widgets with the same labels."""
    return page.get_by_test_id("stSidebar")


def toggle(label: str) -> Callable[[Page], None]:
    """A click on a sidebar toggle's label (found by its text, as a person finds it)."""
    def act(page: Page) -> None:
        sidebar(page).get_by_test_id("stCheckbox").filter(has_text=label).locator("label").click()
    return act


def chart_tab(label: str) -> Callable[[Page], None]:
    """A click on one of the dashboard's chart-group tabs (drawn from ``GROUPED_FROM`` deals on)."""
    def act(page: Page) -> None:
        page.get_by_test_id("stMain").get_by_role("tab", name=label, exact=True).click()
    return act


def multiselect_widget(page: Page, label: str) -> Locator:
    """A sidebar multiselect, found by its label as a person finds it."""
    return sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=label)


def choose_option(label: str, option: str) -> Callable[[Page], None]:
    """Open a sidebar multiselect and click one option; the click on the option is the timed press (the last
    one), and the choice is sent at once: this Streamlit's multiselect does not wait for the list to close."""
    def act(page: Page) -> None:
        widget = multiselect_widget(page, label)
        widget.locator("input").click()
        page.get_by_role("option", name=option, exact=True).click()
    return act


def remove_choice(label: str, option: str) -> Callable[[Page], None]:
    """Close the option list (it stays open after a choice; a key press, not timed), then click the cross on
    the chosen option's chip."""
    def act(page: Page) -> None:
        page.keyboard.press("Escape")
        multiselect_widget(page, label).get_by_role("button", name=f"Remove {option}", exact=True).click()
    return act


# --- the split of one redraw --------------------------------------------------------------------------------


@dataclass
class Message:
    """One websocket message from the server, when the page handled it (seconds after the start).

    Chromium handles a page's websocket on the page's main thread, where the DevTools protocol stamps the
    frame: a busy page (plotly drawing) handles messages late, so these times are not the server's.
    """

    at: float
    kind: str  # the element type ("plotly_chart", "dataframe", ...), the message type, or "reference"
    name: str  # the widget key, when the element has one
    size: int  # bytes on the wire
    spec: str | None = None  # a plotly chart's figure JSON, kept to redraw it alone (``chart_costs``)


@dataclass
class Split:
    """Where one open's or redraw's time went (seconds after its start unless said otherwise)."""

    action: str
    total_s: float
    first_send_s: float  # the page sent its first websocket message (the widget change, or the session's hello)
    rerun: tuple[float, float, float] | None  # the server's script thread: born, ended, CPU seconds
    first_message_s: float  # the page's main thread handled the first message from the server
    last_message_s: float  # ... and the last one
    messages: list[Message]
    chart_sizes: dict[str, list[int]]  # chart key → [width px, height px, DOM elements] on the page
    cpu: dict[str, tuple[float, float]]  # (CPU s, run-queue wait s) per process kind during the run
    js_profile: list[tuple[str, float]]  # the page's main-thread seconds by script (``_profile_by_script``)
    fresh_charts: int  # plotly divs that are new DOM nodes after the run (drawn from scratch, not updated)


def split_redraw(page: Page, act: Callable[[Page], None], action: str, expected_charts: int, quiet_ms: float,
                 meter: CpuMeter) -> Split:
    """One redraw, recorded (see ``recorded``)."""
    return recorded(page, action, lambda: timed(page, lambda: act(page), expected_charts, quiet_ms, meter))


def split_open(context: BrowserContext, server: Server, requests: Requests, expected_charts: int, quiet_ms: float,
               meter: CpuMeter) -> Split:
    """One warm open, recorded (see ``recorded``); timed from the navigation start (page clock 0)."""
    page = context.new_page()
    page.on("request", requests.record)

    def run() -> Drawn:
        before = meter.read()
        page.goto(f"{server.url}/dashboard", wait_until="commit")
        end, saw_running = wait_drawn(page, 0.0, expected_charts, quiet_ms)
        used = meter.used(before, meter.read())
        origin = page.evaluate("() => performance.timeOrigin")
        return Drawn(end / 1000, 0.0, end, saw_running, used, server_rerun(meter, origin / 1000, end / 1000))

    split = recorded(page, "open (warm), from navigation start", run)
    page.close()
    return split


def recorded(page: Page, action: str, run: Callable[[], Drawn]) -> Split:
    """Run one measured open or redraw while recording every websocket frame and profiling the page.

    Frames through the DevTools protocol's Network domain (Playwright's own ``framereceived`` events carry
    no timestamp and reach Python late); its clock is mapped onto the page's by the first frame both saw
    being sent (the page stamps ``send()``, the protocol stamps the frame: the same event). The page's main
    thread through the protocol's sampling profiler. Not used for the medians: both cost the page a little.
    """
    frames: list[tuple[str, float, bytes]] = []
    cdp = page.context.new_cdp_session(page)
    cdp.on("Network.webSocketFrameSent", lambda e: frames.append(("sent", e["timestamp"], _payload(e))))
    cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(("recv", e["timestamp"], _payload(e))))
    cdp.send("Network.enable")
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 1000})  # µs
    cdp.send("Profiler.start")
    sends_before = page.evaluate("() => window.__bench?.sends.length ?? 0") if page.url != "about:blank" else 0
    if page.url != "about:blank":  # mark the plotly divs, to tell afterwards which ones were drawn anew
        page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach((div) => { div.__benchOld = true; })")
    drawn = run()
    fresh = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].filter((d) => !d.__benchOld).length")
    page.wait_for_timeout(200)  # let the last protocol events reach Python
    sends = page.evaluate("(n) => window.__bench.sends.slice(n)", sends_before)
    sizes = page.evaluate(CHART_SIZES_JS)
    profile = cdp.send("Profiler.stop")["profile"]
    cdp.send("Profiler.disable")
    cdp.send("Network.disable")
    cdp.detach()
    sent = [f for f in frames if f[0] == "sent"]
    received = [f for f in frames if f[0] == "recv" and sent and f[1] >= sent[0][1]]
    if not sent or not sends or not received:
        raise RuntimeError(f"no websocket traffic seen while recording: {action}")
    offset = sends[0][0] - sent[0][1] * 1000  # page ms = network s * 1000 + offset
    after_start = lambda network_s: (network_s * 1000 + offset - drawn.start) / 1000  # noqa: E731
    messages = []
    for _, when, payload in received:
        kind, name, spec = _describe(payload)
        messages.append(Message(after_start(when), kind, name, len(payload), spec))
    return Split(
        action=action, total_s=drawn.seconds,
        first_send_s=(sends[0][0] - drawn.start) / 1000,
        rerun=drawn.rerun,
        first_message_s=messages[0].at, last_message_s=messages[-1].at,
        messages=messages,
        chart_sizes=sizes,
        cpu=drawn.cpu,
        js_profile=_profile_by_script(profile),
        fresh_charts=fresh,
    )


def _profile_by_script(profile: dict) -> list[tuple[str, float]]:
    """The page's main-thread time by script file (hash removed) or by V8's own entries ("(garbage
    collector)", "(program)": the renderer's work outside JavaScript), from a sampling profile; idle left out.

    Layout or style work that JavaScript forces (plotly measuring text) counts to the script that forced it.
    """
    nodes = {node["id"]: node for node in profile["nodes"]}
    seconds: dict[str, float] = {}
    for node_id, delta in zip(profile.get("samples", []), profile.get("timeDeltas", [])):
        frame = nodes[node_id]["callFrame"]
        url = frame.get("url", "")
        name = _script_name(url) if url else (frame.get("functionName") or "(anonymous)")
        if name != "(idle)":
            seconds[name] = seconds.get(name, 0.0) + delta / 1e6
    return sorted(seconds.items(), key=lambda item: -item[1])


def _script_name(url: str) -> str:
    """``.../static/js/PlotlyChart.D9Z0_fxz.js`` → ``PlotlyChart.js`` (the bundle, without its hash)."""
    name = urlparse(url).path.rsplit("/", 1)[-1] or url
    parts = name.split(".")
    return f"{parts[0]}.{parts[-1]}" if len(parts) >= 3 else name


def _payload(event: dict) -> bytes:
    """A frame's bytes: binary frames (opcode 2) come base64-encoded."""
    response = event["response"]
    data = response.get("payloadData", "")
    return base64.b64decode(data) if response.get("opcode") == 2 else data.encode()


def _describe(payload: bytes) -> tuple[str, str, str | None]:
    """What a ForwardMsg carries: (kind, widget key, plotly figure JSON if a chart). A "reference" is an
    element the browser already holds (Streamlit's message cache), sent as its hash instead of its content."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    try:
        message.ParseFromString(payload)
    except Exception:  # noqa: BLE001 (not a ForwardMsg)
        return "unparsed", "", None
    kind = message.WhichOneof("type") or "?"
    if kind == "ref_hash":
        return "reference", "", None
    if kind != "delta":
        return kind, "", None
    delta = message.delta.WhichOneof("type") or "?"
    if delta != "new_element":
        return delta, "", None
    element_type = message.delta.new_element.WhichOneof("type") or "?"
    element = getattr(message.delta.new_element, element_type)
    widget_id = getattr(element, "id", "") if hasattr(element, "id") else ""
    key = widget_id.rsplit("-", 1)[-1] if widget_id else ""
    spec = element.spec if element_type == "plotly_chart" else None
    return element_type, "" if key == "None" else key, spec


# --- each chart alone ---------------------------------------------------------------------------------------

PLOT_ONE_JS = """async ([spec, width, height, config]) => {
  const figure = JSON.parse(spec);
  const holder = document.createElement('div');
  holder.style.width = width + 'px';
  holder.style.height = height + 'px';
  document.body.appendChild(holder);
  const painted = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(0);
  }));
  const layout = {...figure.layout, width, height};
  const start = performance.now();
  await Plotly.newPlot(holder, figure.data, layout, config);  // resolves once drawn (the map: outlines too)
  await painted();
  const seconds = (performance.now() - start) / 1000;
  Plotly.purge(holder);
  holder.remove();
  return seconds;
}"""


def chart_costs(browser: Browser, server: Server, splits: list[Split], runs: int) -> dict[str, tuple[float, int, int]]:
    """Each chart's figure (as the server sent it, in the first split that holds it: the open, or a tab switch
    for the charts of the other groups) drawn alone by plotly.js in the same Chromium, at its size on the
    dashboard: median seconds from ``Plotly.newPlot`` to the painted frame, its bytes, and the DOM elements it had
    on the dashboard (plotly draws SVG: every element is layout and paint work).

    Why: in the dashboard all charts arrive close together and the browser draws them in one batch on one
    thread, so the page cannot tell which one is heavy. plotly.js here is the Python package's copy
    (``plotly/package_data/plotly.min.js``, loaded from disk, not a CDN), close to but not exactly the version
    Streamlit bundles; Streamlit's theming and React wrapper are not included. The first draw of each chart is
    left out (the map's outlines are fetched from the app's server once; later draws reuse them). A chart the
    open or a recorded redraw sent as a reference to content the browser already held has no figure here.

    Each chart is drawn once here; on the dashboard Streamlit draws a new chart, then again at its container's
    width, and plotly.js fades a Sankey's links in over 500 ms (a d3 transition) on every draw but the first: the
    dashboard's rule counts those 0.5 s of DOM changes (checked by drawing a Sankey and re-laying it out: its last
    DOM change came 0.55 s after the first draw, against 0.02 s when drawn once).
    """
    import plotly

    script = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    specs: dict[str, str] = {}
    sizes: dict[str, list[int]] = {}
    for split in splits:
        for message in split.messages:
            if message.kind == "plotly_chart" and message.spec and message.name not in specs:
                specs[message.name] = message.spec
                sizes[message.name] = split.chart_sizes.get(message.name, [700, 450, 0])
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{server.url}/_stcore/health")  # same origin as the app, so the outlines' URL is local
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(script))
    config = {"topojsonURL": f"{server.url}/app/static/topojson/", "displaylogo": False, "responsive": False}
    costs = {}
    for key, spec in specs.items():
        width, height = sizes[key][:2]
        times = [page.evaluate(PLOT_ONE_JS, [spec, width, height, config]) for _ in range(runs + 1)][1:]
        costs[key] = (statistics.median(times), len(spec), sizes[key][2])
    context.close()
    return costs


# --- reporting ----------------------------------------------------------------------------------------------


def median(values: list[float]) -> str:
    """Medians, not means: one slow sample on a shared machine would drag a mean."""
    return f"{statistics.median(values):.2f}" if values else "-"


def spread(values: list[float]) -> str:
    """Min and max next to a median, so a noisy figure shows it is noisy."""
    return f"(min {min(values):.2f}, max {max(values):.2f}, n={len(values)})" if values else ""


def verdict(value: float | None, target: float) -> str:
    """Against the targets (open ≤ 3 s, redraw ≤ 1 s), so the table reads at a glance."""
    return "" if value is None else ("ok" if value <= target else "OVER")


@dataclass
class Results:
    """Everything one run measured, printed at the end (after the server is stopped) by ``report``."""

    deals: int
    store_seconds: float | None
    cold: Drawn | None = None
    opens: list[Drawn] = field(default_factory=list)
    redraws: dict[str, list[Drawn]] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)
    charts: int = 0
    peak_rss_mb: float | None = None
    foreign: list[str] = field(default_factory=list)
    requests: int = 0
    chart_costs: dict[str, tuple[float, int, int]] = field(default_factory=dict)
    load: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None  # at start, at end
    pinned: bool = False


def report_split(split: Split) -> None:
    """One open or redraw taken apart: the server's run, the page's messages, the tail after the server, the
    CPU of each process, the page's main thread by script, the bytes by element kind."""
    messages = split.messages
    print()
    print(f"split, {split.action}: total {split.total_s:.2f} s")
    if split.rerun:
        born, ended, cpu = split.rerun
        print(f"  server: the script run's thread lived from {born:.2f} to {ended:.2f} s ({ended - born:.2f} s, "
              f"{cpu:.2f} s CPU); after it ended the browser needed {split.total_s - ended:.2f} s more")
    print(f"  page: first message sent at {split.first_send_s:.2f} s; server messages handled from "
          f"{split.first_message_s:.2f} to {split.last_message_s:.2f} s ({len(messages)} messages, "
          f"{sum(m.size for m in messages) / 1e3:,.0f} kB; handled on the page's main thread, so late when it is busy)")
    print("  CPU used meanwhile, s (and s waiting for a core): " + ", ".join(
        f"{kind} {cpu:.2f} ({wait:.2f})" for kind, (cpu, wait) in sorted(split.cpu.items(), key=lambda item: -item[1][0])
        if cpu >= 0.01))
    busy = sum(seconds for _, seconds in split.js_profile)
    print(f"  page main thread busy {busy:.2f} s (sampling profile, which itself slows the page a little), by "
          "script: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in split.js_profile[:8]))
    sizes: dict[str, int] = {}
    for message in messages:
        sizes[message.kind] = sizes.get(message.kind, 0) + message.size
    print("  bytes by kind: " + ", ".join(f"{kind} {size / 1e3:,.0f} kB" for kind, size in
                                          sorted(sizes.items(), key=lambda item: -item[1])[:6]))
    charts = [m for m in messages if m.kind == "plotly_chart"]
    print("  chart messages (handled at s, kB): " + ", ".join(f"{m.name} {m.at:.2f} {m.size / 1e3:.0f}" for m in charts)
          + f"; {sum(m.kind == 'reference' for m in messages)} messages were references to content the browser "
          f"already held (not re-sent); plotly charts drawn from scratch (new DOM nodes): {split.fresh_charts}")


def report(results: Results) -> None:
    """The table the brief asks for, then the split and the chart payloads."""
    print()
    built = "cached" if results.store_seconds is None else f"built in {results.store_seconds:.0f} s"
    pinned = "; server pinned to CPU 0, Chromium to CPU 1" if results.pinned else ""
    print(f"Dashboard in Chromium, {results.deals:,} deals (store {built}), {results.charts} plotly charts{pinned}")
    print(f"{'measure':<44}{'wall s':>7} {'target':>7} {'':<5}{'1st':>6}{'server run':>11}{'after run':>10}"
          f"{'server CPU':>11}{'srv waited':>11}{'Chromium CPU':>13}  spread of wall s")
    rows = [("cold open (first after server start)", [results.cold] if results.cold else [], OPEN_TARGET_S)]
    rows.append(("open, median of fresh tabs", results.opens, OPEN_TARGET_S))
    rows += [(f"redraw: {action}", drawn, REDRAW_TARGET_S) for action, drawn in results.redraws.items()]
    for name, drawn, target in rows:
        walls = [d.seconds for d in drawn]
        wall = statistics.median(walls) if walls else None
        note = spread(walls) if len(walls) > 1 else ""
        unseen = sum(not d.saw_running for d in drawn)
        note += f", running state unseen {unseen}x" if unseen else ""
        runs = [d.rerun for d in drawn if d.rerun]
        print(f"{name:<44}{'-' if wall is None else f'{wall:.2f}':>7} {'≤ ' + str(target):>7} "
              f"{verdict(wall, target):<5}{f'{walls[0]:.2f}' if walls else '-':>6}{median([r[1] - r[0] for r in runs]):>11}"
              f"{median([d.seconds - d.rerun[1] for d in drawn if d.rerun]):>10}"
              f"{median([d.server_cpu_s for d in drawn]):>11}{median([d.server_wait_s for d in drawn]):>11}"
              f"{median([d.browser_cpu_s for d in drawn]):>13}  {note}")
    rss = "-" if results.peak_rss_mb is None else f"{results.peak_rss_mb:,.0f} MB"
    print(f"{'server peak RSS (VmHWM)':<46}{rss:>9}")
    print("(all in seconds, medians. wall: what the person waits. 1st: the first run; the app caches figures and totals "
          "by store revision and filters, so a state is computed afresh by the server only the first time it is shown "
          "(the cold open's state, then each control's 'on' state) and the later runs repeat it. "
          "server run: life of the server thread running the "
          "script for it; after run: wall minus the moment that thread ended, i.e. the browser's tail. server CPU, "
          "Chromium CPU: CPU seconds used meanwhile, all threads / all Chromium processes; srv waited: seconds the "
          "server's threads were runnable but every core was busy, from the kernel's schedstat)")
    for split in results.splits:
        report_split(split)
    if results.chart_costs:
        print()
        print("each chart drawn alone by plotly.js in the same Chromium, at its dashboard size "
              "(median s; figure kB; DOM elements it has on the dashboard):")
        for key, (seconds, size, elements) in sorted(results.chart_costs.items(), key=lambda item: -item[1][0]):
            print(f"    {key:<22} {seconds:5.3f} s  {size / 1e3:6.0f} kB  {elements:7,} elements")
        print(f"    {'sum':<22} {sum(c[0] for c in results.chart_costs.values()):5.3f} s")
    if results.load:
        print()
        print("load average (1, 5, 15 min) of this 2-core machine, at start {:.1f} {:.1f} {:.1f}, at end {:.1f} {:.1f} {:.1f}"
              .format(*results.load[0], *results.load[1]))
    print()
    print(f"requests: {results.requests}; to hosts other than this machine: {len(results.foreign)}")
    for url in results.foreign:
        print(f"    FOREIGN {url}")


# --- the run ------------------------------------------------------------------------------------------------


def sector_option(page: Page, label: str = "Sector") -> str:
    """The first sector the Sector multiselect offers (read from the page, so it follows the labels); the
    multiselect's own "Select all" entry is skipped."""
    widget = multiselect_widget(page, label)
    widget.locator("input").click()
    options = [text.strip() for text in page.get_by_role("option").all_inner_texts()]
    page.keyboard.press("Escape")
    return next(option for option in options if option != "Select all")


def measure(args: argparse.Namespace, server: Server, results: Results) -> None:
    """Cold open, warm opens, then each control's redraws and one split each, in one browser."""
    from playwright.sync_api import sync_playwright

    requests = Requests()
    meter = CpuMeter(server)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(INIT_SCRIPT)
            page, results.cold = open_dashboard(context, server, requests, args.charts, args.quiet_ms, meter)
            results.charts = count_charts(page)
            print(f"cold open {results.cold.seconds:.2f} s, {results.charts} charts", flush=True)
            for _ in range(args.runs):
                page.close()
                page, drawn = open_dashboard(context, server, requests, args.charts, args.quiet_ms, meter)
                results.opens.append(drawn)
                print(f"open {drawn.seconds:.2f} s", flush=True)
            option = sector_option(page)
            actions = [
                ("'Verified deals only' on", toggle("Verified deals only")),
                ("'Verified deals only' off", toggle("Verified deals only")),
                ("'Count duplicate reports once' off", toggle("Count duplicate reports once")),
                ("'Count duplicate reports once' on", toggle("Count duplicate reports once")),
                (f"Sector: choose '{option}'", choose_option("Sector", option)),
                (f"Sector: remove '{option}'", remove_choice("Sector", option)),
            ]
            expected = dict.fromkeys((action for action, _ in actions), args.charts)
            if args.deals >= GROUPED_FROM:  # charts in groups: a tab switch is a redraw too
                tabs = [("tab 'Structure'", "Structure"), ("tab 'Map'", "Map"),
                        ("tab 'Countries and sectors'", "Countries and sectors")]
                actions += [(action, chart_tab(label)) for action, label in tabs]
                expected.update({action: GROUP_CHARTS[label] for action, label in tabs})
            for _ in range(args.runs):
                for action, act in actions:
                    drawn = timed(page, lambda: act(page), expected[action], args.quiet_ms, meter)
                    results.redraws.setdefault(action, []).append(drawn)
                    print(f"redraw {action}: {drawn.seconds:.2f} s", flush=True)
            for action, act in actions:
                results.splits.append(split_redraw(page, act, action, expected[action], args.quiet_ms, meter))
            page.close()
            results.splits.insert(0, split_open(context, server, requests, args.charts, args.quiet_ms, meter))
            results.chart_costs = chart_costs(browser, server, results.splits, args.runs)
            context.close()
        finally:
            browser.close()
            meter.close()
    results.foreign = requests.foreign()
    results.requests = len(requests.urls)


def main() -> None:
    """Build or reuse the store, start the server, measure, always stop the server, then print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000, help="synthetic deals in the store")
    parser.add_argument("--runs", type=int, default=5, help="timed opens, and timed clicks per control")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=None, help="server port (default: a free one)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store file")
    parser.add_argument("--keep", action="store_true", help="leave the server running (for debugging)")
    parser.add_argument("--charts", type=int, default=None,
                        help="plotly charts the dashboard draws at first (default: 8, or with GROUPED_FROM deals "
                             "or more the first chart group's 2)")
    parser.add_argument("--quiet-ms", type=float, default=400.0, help="no main-area change this long = drawn")
    parser.add_argument("--pin", action="store_true",
                        help="server on CPU 0, this script and Chromium on CPU 1: do they slow each other down?")
    args = parser.parse_args()
    if args.charts is None:
        args.charts = GROUP_CHARTS["Countries and sectors"] if args.deals >= GROUPED_FROM else 8
    if args.pin:  # set before Playwright starts, so its driver and Chromium inherit it
        os.sched_setaffinity(0, {1})

    load_start = os.getloadavg()
    db, seconds = build_store(args.deals, args.seed, args.rebuild)
    print(f"store {db} ({'built in %.1f s' % seconds if seconds is not None else 'cached'})", flush=True)
    results = Results(args.deals, seconds, pinned=args.pin)
    server = Server(db, args.port or free_port(), CACHE_DIR / f"browser_dashboard_server_{os.getpid()}.log",
                    cores={0} if args.pin else None)
    try:
        server.start()
        print(f"server {server.url} (pid {server.process.pid}, log {server.log})", flush=True)
        measure(args, server, results)
        results.peak_rss_mb = server.peak_rss_mb()
        results.load = (load_start, os.getloadavg())
    finally:
        if args.keep:
            print(f"--keep: server left running at {server.url}, pid {server.process.pid if server.process else '-'}")
        else:
            server.stop()
    report(results)


if __name__ == "__main__":
    main()

"""`make bench-reload`: requests dropped and latency while the web server reloads or restarts
under load, through the project's own gunicorn configuration (cms/gunicorn.conf.py), side by side.

    python -m tests.bench.reload --path /en/ --seconds 12

Each scenario serves the site with gunicorn (production settings, the caller's environment),
sends `--clients` concurrent visitors at it for `--seconds` (one new connection per request, as
a reverse proxy without keep-alive does), and at a third of the run does what an operator does:

- steady: nothing (the baseline);
- HUP, app not preloaded: gunicorn's reload before this change (new workers import Django while
  the old ones stop);
- HUP: the same reload with the app preloaded in the master (a config reload);
- USR2 handoff: a deploy of new code (the systemd unit's reload): a second master loads the new
  code beside the first, then stops it; "socket held": the same on systemd's socket;
- restart, own socket: stop gunicorn and start it again (what `systemctl restart` did without a
  socket unit);
- restart, socket held: the same with the listening socket held outside gunicorn and passed to
  it (LISTEN_FDS), as systemd's helpcenter-web.socket does.

A request is "dropped" when its connection is refused or reset, or it gets no HTTP answer or a
5xx; the table prints requests, dropped, and p50/p99/max latency of the answered ones.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

from tests.bench.latency import percentile

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _config(preload: bool, folder: str) -> str:
    """The project's gunicorn configuration, with the app preloaded or not."""
    path = Path(folder) / f"gunicorn-preload-{preload}.conf.py"
    path.write_text(
        f"exec(open({str(ROOT / 'cms' / 'gunicorn.conf.py')!r}).read())\npreload_app = {preload}\n"
    )
    return str(path)


class Server:
    """gunicorn on 127.0.0.1:port; with `held_socket`, on a socket this process holds and hands
    to each gunicorn it starts (systemd's socket activation: LISTEN_FDS=1, LISTEN_PID)."""

    def __init__(self, port: int, config: str, log: Path, held_socket: socket.socket | None):
        self.port, self.config, self.log, self.held = port, config, log, held_socket
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ACCESS_LOG": ""}
        command = [GUNICORN, "-c", self.config, "cms.wsgi"]
        with open(self.log, "a") as log:
            if self.held is None:
                self.process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
            else:
                # The held socket becomes the child's fd 3, where LISTEN_FDS=1 says it is; this
                # process's own fd 3 is left alone (a pytest-xdist worker talks to pytest on it).
                held = self.held.fileno()
                to_fd_3 = "" if held == 3 else f"exec 3<&{held} {held}<&-; "
                env["LISTEN_FDS"] = "1"
                self.process = subprocess.Popen(
                    ["bash", "-c", to_fd_3 + 'LISTEN_PID=$$ exec "$@"', "bash", *command],
                    env=env,
                    stdout=log,
                    stderr=log,
                    pass_fds=(held,),
                )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                conn = HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz/live", headers={"Host": "localhost"})
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer on {self.port}; see {self.log}")

    def signal(self, number: int) -> None:
        for pid in self.masters():
            os.kill(pid, number)

    def _pids(self) -> list[int]:
        output = subprocess.run(
            ["pgrep", "-f", f"gunicorn -c {self.config}"], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in output.split()]

    def masters(self) -> list[int]:
        """The masters serving now: the processes of this server whose parent is not one of
        them (after USR2 the new master is the old one's child until that one exits)."""
        pids = self._pids()
        return [pid for pid in pids if _parent(pid) not in pids]

    def stop(self) -> None:
        """Stops every master, including one a USR2 started that takes over while the first
        stops (it is asked again until no process of this server is left)."""
        deadline = time.monotonic() + 30
        while self._pids() and time.monotonic() < deadline:
            for pid in self.masters():
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            time.sleep(0.5)
        if self.process:
            self.process.wait(timeout=5)


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _visitor(port: int, path: str, host: str, stop: threading.Event, out: list) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Host": host, "Connection": "close"})
            response = conn.getresponse()
            response.read()
            conn.close()
            elapsed = (time.perf_counter() - started) * 1000
            out.append((elapsed, response.status < 500, time.monotonic()))
        except OSError:
            out.append((None, False, time.monotonic()))
            time.sleep(0.01)  # a refused connection fails at once: do not spin


def _run(server: Server, action, options) -> dict:
    stop = threading.Event()
    samples: list = []
    threads = [
        threading.Thread(
            target=_visitor, args=(server.port, options.path, options.host, stop, samples)
        )
        for _ in range(options.clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(options.seconds / 3)
    action()
    time.sleep(options.seconds * 2 / 3)
    stop.set()
    for thread in threads:
        thread.join()
    answered = [elapsed for elapsed, ok, _ in samples if ok]
    return {
        "requests": len(samples),
        "dropped": sum(1 for _, ok, _ in samples if not ok),
        "p50": percentile(answered, 0.5) if answered else float("nan"),
        "p99": percentile(answered, 0.99) if answered else float("nan"),
        "max": max(answered) if answered else float("nan"),
    }


def _restart(server: Server) -> None:
    server.stop()
    server.start()


def _usr2(server: Server) -> None:
    server.signal(signal.SIGUSR2)


def scenarios(options, folder: str):
    preloaded, not_preloaded = _config(True, folder), _config(False, folder)
    yield "steady", preloaded, False, lambda server: None
    yield "HUP, app not preloaded", not_preloaded, False, lambda s: s.signal(signal.SIGHUP)
    yield "HUP", preloaded, False, lambda server: server.signal(signal.SIGHUP)
    yield "USR2 handoff", preloaded, False, _usr2
    yield "USR2, socket held", preloaded, True, _usr2
    yield "restart, own socket", preloaded, False, _restart
    yield "restart, socket held", preloaded, True, _restart


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/en/")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--only", default="", help="comma-separated scenario names to run")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as folder:
        for name, config, hold, action in scenarios(options, folder):
            if options.only and name not in options.only.split(","):
                continue
            port = _free_port()
            held = None
            if hold:
                held = socket.socket()
                held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                held.bind(("127.0.0.1", port))
                held.listen(2048)
            server = Server(port, config, Path(folder) / f"{port}.log", held)
            server.start()
            try:
                server.wait_ready()
                _run(server, lambda: None, argparse.Namespace(**{**vars(options), "seconds": 2}))
                result = _run(server, lambda server=server, action=action: action(server), options)
            finally:
                server.stop()
                if held:
                    held.close()
            rows.append((name, result))
            print(f"  {name}: {result}", file=sys.stderr)
    print(
        f"\nreload under load: {options.clients} visitors, {options.seconds:.0f} s each, "
        f"GET {options.path}, the event at {options.seconds / 3:.0f} s; latency of answered "
        "requests, ms"
    )
    print(f"{'':24}{'requests':>9}{'dropped':>9}{'p50':>9}{'p99':>9}{'max':>9}")
    for name, r in rows:
        print(
            f"{name:24}{r['requests']:>9}{r['dropped']:>9}"
            f"{r['p50']:>9.1f}{r['p99']:>9.1f}{r['max']:>9.1f}"
        )


if __name__ == "__main__":
    main()

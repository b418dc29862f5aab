"""A small load-test harness: gunicorn on a free loopback port and a bounded load against it.

The load comes from `wrk` when it is on PATH, otherwise (or with BENCH_LOAD=python) from a built-in
threaded generator. On a machine with two or more CPUs the server runs on the first and the load on
the second, so that they do not compete. Every wait and every load is bounded in time.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CPUS = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
PINNED = len(CPUS) >= 2
SERVER_CPUS, LOAD_CPUS = ({CPUS[0]}, {CPUS[1]}) if PINNED else (set(), set())
REQUEST_TIMEOUT = 10.0
MAX_REQUESTS = 5_000_000  # a second bound beside the duration

WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0 end
function response(status, headers, body) if status ~= 200 then non200 = non200 + 1 end end
function done(summary, latency, requests)
  local non200, e = 0, summary.errors
  for _, thread in ipairs(threads) do non200 = non200 + thread:get("non200") end
  io.write(string.format("bench requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    non200 + e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Result:
    url: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    # Responses other than 200 by status; 0 counts requests that got no response at all.
    failures: Counter = field(default_factory=Counter)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _pin(cpus: set[int]):
    return (lambda: os.sched_setaffinity(0, cpus)) if PINNED else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with one sync worker on 127.0.0.1; a context manager that stops it on exit.

    `start()` returns once `ready_path` answers with any status; the server's output is kept for
    the error message if it fails.
    """

    def __init__(
        self,
        settings: str,
        env: dict[str, str] | None = None,
        app: str = "academy.wsgi:application",
        ready_path: str = "/",
    ):
        self.settings, self.env, self.app, self.ready_path = settings, env or {}, app, ready_path
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 60.0) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--worker-class", "sync"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", self.app]
        env = {**os.environ, **self.env, "DJANGO_SETTINGS_MODULE": self.settings}
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_pin(SERVER_CPUS),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", self.ready_path)
                connection.getresponse().read()  # any status will do: the worker answered
                connection.close()
                return
            except OSError:
                time.sleep(0.2)
        code = self.process.poll()
        state = f"exited with status {code}" if code is not None else f"did not answer in {timeout:.0f} s"
        message = f"gunicorn {state}\n{self.log_tail()}"
        self.stop()
        raise RuntimeError(message)

    def check_alive(self) -> None:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError(f"gunicorn has stopped\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.log is not None:
            self.log.close()
            self.log = None

    def log_tail(self, limit: int = 4000) -> str:
        if self.log is None:
            return ""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-limit:]


def load_generator() -> str:
    """`wrk` if on PATH, else the built-in one; BENCH_LOAD=python (or wrk) chooses."""
    choice = os.environ.get("BENCH_LOAD", "")
    if choice in {"wrk", "python"}:
        return choice
    return "wrk" if shutil.which("wrk") else "python"


def run_load(url: str, *, duration: int = 8, warmup: int = 2, connections: int = 4) -> Result:
    """Requests/s and latency of GET url over `duration` seconds, after `warmup` seconds unmeasured."""
    measure = _wrk if load_generator() == "wrk" else _python_load
    if warmup:
        measure(url, warmup, connections)
    return measure(url, duration, connections)


def _wrk(url: str, duration: int, connections: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", f"{REQUEST_TIMEOUT:.0f}s"]
        output = subprocess.run(
            [*command, "-s", script.name, url],
            capture_output=True,
            text=True,
            timeout=duration + REQUEST_TIMEOUT + 30,
            preexec_fn=_pin(LOAD_CPUS),
        )
    found = re.search(r"^bench (.*)$", output.stdout, re.MULTILINE)
    if output.returncode or not found:
        raise RuntimeError(f"wrk failed ({output.returncode}): {output.stdout}{output.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in found[1].split())}
    return Result(
        url=url,
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1e3,
        p99_ms=values["p99_us"] / 1e3,
        errors=values["errors"],
    )


def _python_load(url: str, duration: int, connections: int) -> Result:
    """Threads with plain sockets: blocking I/O releases the GIL, which asyncio's overhead does not beat."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: keep-alive\r\n\r\n".encode()
    return _python_requests(url, [lambda: request] * connections, duration)


def run_request_load(url: str, sources: list, *, duration: int = 8, warmup: int = 2) -> Result:
    """Like `run_load`, for requests that differ one from the next (a body, a cookie, a sequence number):
    one connection per source, each sending the raw HTTP/1.1 request bytes that its source returns, in
    turn, to url's host. Always the built-in generator: a source keeps state in Python, which wrk cannot
    call. The same sources serve the warmup and the measured run, so their state carries over."""
    if warmup:
        _python_requests(url, sources, warmup)
    return _python_requests(url, sources, duration)


def _python_requests(url: str, sources: list, duration: int) -> Result:
    parts = urlsplit(url)
    address = (parts.hostname, parts.port or 80)
    connections = len(sources)
    started = time.perf_counter()
    deadline = started + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures = [Counter() for _ in range(connections)]

    def client(index: int) -> None:
        sock = None
        while time.perf_counter() < deadline and len(latencies[index]) < MAX_REQUESTS:
            keep = False
            try:
                if sock is None:
                    sock = socket.create_connection(address, timeout=REQUEST_TIMEOUT)
                request = sources[index]()
                begin = time.perf_counter()
                sock.sendall(request)
                status, keep = _read_response(sock, give_up=deadline + REQUEST_TIMEOUT)
                latencies[index].append(time.perf_counter() - begin)
                if status != 200:
                    failures[index][status] += 1
            except (OSError, ValueError):
                failures[index][0] += 1
                time.sleep(0.01)  # a refused connection must not spin
            if sock is not None and not keep:
                sock.close()
                sock = None
        if sock is not None:
            sock.close()

    before = os.sched_getaffinity(0) if PINNED else None
    if PINNED:
        os.sched_setaffinity(0, LOAD_CPUS)  # threads started from here inherit it
    try:
        threads = [
            threading.Thread(target=client, args=(index,), daemon=True) for index in range(connections)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(duration + 2 * REQUEST_TIMEOUT)
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)
    elapsed = time.perf_counter() - started
    ordered = sorted(latency for thread_latencies in latencies for latency in thread_latencies) or [0.0]

    def percentile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1e3

    failed = sum(failures, Counter())
    return Result(url, len(ordered), elapsed, percentile(0.50), percentile(0.99), failed.total(), failed)


def _read_response(sock: socket.socket, give_up: float) -> tuple[int, bool]:
    """Read one whole response: (status, whether the connection may be reused).

    The body is read by Content-Length, or else until the server closes the connection.
    """
    data = b""
    while b"\r\n\r\n" not in data:
        data += _recv(sock, give_up)
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
    if length:
        remaining = int(length[1]) - len(body)
        while remaining > 0:
            remaining -= len(_recv(sock, give_up))
    else:
        while _recv(sock, give_up, eof_ok=True):
            pass
    closing = re.search(rb"\r\nconnection:\s*close", head, re.IGNORECASE)
    return int(head[9:12]), bool(length and not closing)


def _recv(sock: socket.socket, give_up: float, eof_ok: bool = False) -> bytes:
    if time.perf_counter() > give_up:
        raise TimeoutError("response took too long")
    chunk = sock.recv(65536)
    if not chunk and not eof_ok:
        raise ConnectionError("connection closed mid-response")
    return chunk


def print_table(headers: list[str], rows: list[list[object]]) -> None:
    """Print rows under headers: text left-aligned, numbers right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(text)) for text in column) for column in zip(headers, *cells, strict=True)]
    numeric = [all(isinstance(row[i], int | float) for row in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in cells:
        print(line(row))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)

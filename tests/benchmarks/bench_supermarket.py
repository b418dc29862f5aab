"""Requests/s of the course supermarket, uncached and cached, beside a hello-world Django view.

    .venv/bin/python tests/benchmarks/bench_supermarket.py

Builds the demo site in a throwaway SQLite file under /tmp (or in DATABASE_URL, if set), then serves
it twice with one gunicorn sync worker: with the anonymous page cache off, then on. Each time the
hello-world view is measured on the same server, and each page is printed as a ratio of it.

Aims: uncached >= 0.1x the hello-world view, cached >= 0.6x. A missed aim is only printed; the exit
status is non-zero only if the server failed or a request errored (or answered other than 200).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.harness import Server, load_generator, print_table, run_load  # noqa: E402

SETTINGS = "tests.benchmarks.settings"
HELLO = "/bench/hello/"
PAGES = ["/courses/", "/courses/?industry=coal&audience=worker"]
# (label, ACADEMY_PAGE_CACHE_SECONDS, aim as a fraction of hello-world)
RUNS = [("uncached", "0", 0.1), ("cached", "300", 0.6)]


def manage(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="academy-bench-") as tmp:
        env = {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "LOG_LEVEL": "WARNING",
        }
        print(f"Database: {env['DATABASE_URL'].split('@')[-1]}; building the demo site...", flush=True)
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", "--force", env=env)

        rows = []
        for label, seconds, aim in RUNS:
            print(f"Measuring {label} (ACADEMY_PAGE_CACHE_SECONDS={seconds})...", flush=True)
            server = Server(SETTINGS, env={**env, "ACADEMY_PAGE_CACHE_SECONDS": seconds}, ready_path=HELLO)
            with server:
                hello = run_load(server.url(HELLO))
                rows.append([label, HELLO, hello.rps, hello.p50_ms, hello.p99_ms, hello.errors, 1.0, ""])
                for path in PAGES:
                    page = run_load(server.url(path))
                    ratio = page.rps / hello.rps if hello.rps else 0.0
                    verdict = f">= {aim}: {'met' if ratio >= aim else 'MISSED'}"
                    rows.append(
                        [label, path, page.rps, page.p50_ms, page.p99_ms, page.errors, ratio, verdict]
                    )
                server.check_alive()

    print(f"\nLoad generator: {load_generator()}; one gunicorn sync worker on 127.0.0.1")
    print_table(["cache", "url", "req/s", "p50 ms", "p99 ms", "errors", "x hello", "aim"], rows)
    errors = sum(row[5] for row in rows)
    if errors:
        print(f"\n{errors} request(s) failed or answered other than 200.")
    return 1 if errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)

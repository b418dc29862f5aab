"""Heartbeats per second that the study API sustains, beside a bare one-INSERT view on the same server.

    .venv/bin/python tests/benchmarks/bench_heartbeat.py [learners]

Needs PostgreSQL: builds a throwaway database (DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/academy_bench_heartbeat, dropped first and again at the end, so its
name must contain "bench"),
seeds `learners` learners (200) each enrolled in one course with one 600-minute video lesson, signs each
in (a session row and a CSRF cookie, as a sign-in leaves them: the password check itself is not measured)
and starts one study session per learner through the API. Then one gunicorn sync worker is measured on:

- heartbeats: each load connection cycles over its own learners' sessions, `seq` rising by one per session;
- the bare view `/bench/insert/`: no authentication, one INSERT, the same middleware and settings;
- replays: the last accepted heartbeat of each session sent again (answered from the totals, no write);
- and `/bench/hello/`, no database at all, for scale.

Each load runs in short rounds in turn, so that whatever else the machine runs meanwhile hits all of them
alike. Every session's first beat (which only starts its clock) is sent before measuring, so measured
beats credit time as in real study. The settings are production's: DATABASE_CONN_MAX_AGE=60 measures
with persistent database connections (the default, 0, opens one per request).

Aim: heartbeats >= 0.7x the bare insert; replays cheaper than new beats. A missed aim is only printed,
with the queries of one heartbeat; the exit status is non-zero only if the server failed or a request
answered other than 200. The "still there?" check is off (ACADEMY_PRESENCE_CHECK=0): it is not what is
measured, and would refuse to credit at random moments.
"""

import http.client
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.harness import (  # noqa: E402
    REQUEST_TIMEOUT,
    Result,
    Server,
    print_table,
    run_request_load,
)

SETTINGS = "tests.benchmarks.settings"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/academy_bench_heartbeat"
HELLO, INSERT = "/bench/hello/", "/bench/insert/"
API = "/api/v1"
LESSON_MINUTES = 600
CONNECTIONS = 4
AIM_RATIO = 0.7
ROUNDS, ROUND_SECONDS = 3, 4


class SignedInLearner:
    """One signed-in learner's cookies and study session, and the last `seq` sent on it."""

    def __init__(self, session_cookie: str, csrf_token: str):
        self.cookie = f"sessionid={session_cookie}; csrftoken={csrf_token}"
        self.csrf_token = csrf_token
        self.session_id = 0
        self.seq = -1
        self.started = 0.0

    def headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie, "X-CSRFToken": self.csrf_token, "Content-Type": "application/json"}

    def beat(self, *, replay: bool) -> tuple[str, bytes]:
        """The path and body of this session's next heartbeat, or of its last one again for a replay."""
        if not replay or self.seq < 0:
            self.seq += 1
        position = min(time.monotonic() - self.started, LESSON_MINUTES * 60)
        body = {
            "seq": self.seq,
            "position_seconds": position,
            "playing": True,
            "visible": True,
            "playback_rate": 1,
        }
        return f"{API}/study-sessions/{self.session_id}/heartbeats/", json.dumps(body).encode()

    def raw_beat(self, host: str, *, replay: bool) -> bytes:
        path, data = self.beat(replay=replay)
        head = "".join(f"{name}: {value}\r\n" for name, value in self.headers().items())
        return (
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\n{head}"
            f"Content-Length: {len(data)}\r\nConnection: keep-alive\r\n\r\n"
        ).encode() + data


def cycling(learners: list[SignedInLearner], host: str, *, replay: bool):
    """A load connection's requests: its learners in turn, each beating (or replaying) its session."""
    turn = itertools.count()

    def next_request() -> bytes:
        return learners[next(turn) % len(learners)].raw_beat(host, replay=replay)

    return next_request


def postgres_admin(database_url: str):
    """A connection to the server's `postgres` database, to create and drop the bench database."""
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    )


def recreate_database(database_url: str, *, create: bool) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    with postgres_admin(database_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')


def seed(count: int) -> tuple[list[SignedInLearner], int]:
    """The course, the learners and their signed-in sessions; in this process, on the bench database."""
    import io

    import django
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils.crypto import get_random_string

    django.setup()
    from cms.demo.site import seed_site
    from courses.enrolments.services import enrolment_create
    from learners.services import learner_set_password
    from tests.benchmarks.urls import INSERT_TABLE
    from tests.courses.factories import add_video_lesson, make_course
    from tests.learners.factories import make_learner

    call_command("migrate", verbosity=0, interactive=False)
    site = seed_site(stdout=io.StringIO())
    course = make_course(site.sub_colleges["coal"], title="基准测试课程")
    add_video_lesson(course, title="基准测试视频", minutes=LESSON_MINUTES)
    learners = []
    # Nobody signs in with the password here; a cheap hash keeps seeding 200 accounts to seconds.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        for serial in range(count):
            learner = make_learner(name=f"学员{serial}")
            user = learner_set_password(learner=learner, password=get_random_string(20))
            enrolment_create(learner=learner, course=course)
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "learners.auth.CredentialBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            learners.append(SignedInLearner(session.session_key, get_random_string(32)))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {INSERT_TABLE} (id bigserial PRIMARY KEY, body text NOT NULL)")
    lesson_id = course.get_children().get().pk
    connection.close()
    return learners, lesson_id


def post(server: Server, learner: SignedInLearner, path: str, body: bytes, expected: int) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers=learner.headers())
        response = connection.getresponse()
        answer = response.read()
    finally:
        connection.close()
    if response.status != expected:
        raise RuntimeError(f"POST {path} answered {response.status}: {answer[:300]!r}")
    return answer


def start_sessions(server: Server, learners: list[SignedInLearner], lesson_id: int) -> None:
    """One study session per learner, through the API as a browser would start it, and its first beat,
    which only starts the clock: the measured beats all credit time, as in real study."""
    for learner in learners:
        answer = post(
            server, learner, f"{API}/study-sessions/", json.dumps({"lesson": lesson_id}).encode(), 201
        )
        learner.session_id = json.loads(answer)["id"]
        learner.started = time.monotonic()
        post(server, learner, *learner.beat(replay=False), 200)


def counts() -> dict[str, int]:
    from django.db import connection

    from credits.study.models import Heartbeat, StudyRecord
    from tests.benchmarks.urls import INSERT_TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {INSERT_TABLE}")
        inserted = cursor.fetchone()[0]
    result = {"heartbeats": Heartbeat.objects.count(), "records": StudyRecord.objects.count()}
    connection.close()
    return result | {"inserts": inserted}


def profile_one_heartbeat(learner: SignedInLearner, *, replay: bool) -> list[str]:
    """The SQL of one heartbeat through the whole stack (middleware, authentication, view, service)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    client.cookies.load(learner.cookie)
    if not replay:
        learner.seq += 1
    body = {"seq": learner.seq, "position_seconds": 0, "playing": True, "visible": True, "playback_rate": 1}
    with warnings.catch_warnings(), CaptureQueriesContext(connection) as queries:
        warnings.simplefilter("ignore")  # whitenoise's missing STATIC_ROOT, irrelevant to the API
        response = client.post(
            f"{API}/study-sessions/{learner.session_id}/heartbeats/",
            body,
            content_type="application/json",
            HTTP_X_CSRFTOKEN=learner.csrf_token,
        )
    if response.status_code != 200:
        raise RuntimeError(f"profiled heartbeat answered {response.status_code}: {response.content[:300]!r}")
    connection.close()
    return [query["sql"] for query in queries.captured_queries]


def main(count: int) -> int:
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("This benchmark needs PostgreSQL (DATABASE_URL=postgres://...).", file=sys.stderr)
        return 2
    # It drops the database at start and end: never one whose name does not say it is for benchmarks.
    if "bench" not in urlsplit(database_url).path:
        print(f"Refusing to drop {database_url}: name a database with 'bench' in it.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="academy-bench-heartbeat-") as tmp:
        env = {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": f"{tmp}/media",
            "LOG_LEVEL": "WARNING",
            "ACADEMY_PRESENCE_CHECK": "0",
        }
        os.environ.update(env)
        print(f"Database: {database_url.split('@')[-1]}; seeding {count} learners...", flush=True)
        try:
            recreate_database(database_url, create=True)
        except Exception as error:  # psycopg's OperationalError, without importing it here
            print(f"This benchmark needs a reachable PostgreSQL ({error}).", file=sys.stderr)
            return 2
        try:
            return measure(env, count)
        finally:
            recreate_database(database_url, create=False)


def combined(results: list[Result]) -> Result:
    """One row from the rounds of one load: requests over time summed, latencies the median round's."""
    p50s, p99s = sorted(r.p50_ms for r in results), sorted(r.p99_ms for r in results)
    return Result(
        url=results[0].url,
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        p50_ms=p50s[len(p50s) // 2],
        p99_ms=p99s[len(p99s) // 2],
        errors=sum(r.errors for r in results),
        failures=sum((r.failures for r in results), Counter()),
    )


def measure(env: dict[str, str], count: int) -> int:
    learners, lesson_id = seed(count)
    groups = [learners[index::CONNECTIONS] for index in range(CONNECTIONS)]
    with Server(SETTINGS, env=env, ready_path=HELLO) as server:
        host = f"127.0.0.1:{server.port}"
        start_sessions(server, learners, lesson_id)
        bare = {
            "hello": (f"GET {HELLO} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n").encode(),
            "insert": (
                f"POST {INSERT} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{{}}"
            ).encode(),
        }
        loads = {
            "hello": [lambda: bare["hello"]] * CONNECTIONS,
            "insert": [lambda: bare["insert"]] * CONNECTIONS,
            "heartbeat": [cycling(group, host, replay=False) for group in groups],
            "replay": [cycling(group, host, replay=True) for group in groups],
        }
        print(
            f"Measuring {', '.join(loads)} in {ROUNDS} interleaved rounds of {ROUND_SECONDS} s, "
            f"{CONNECTIONS} connections, {count} study sessions...",
            flush=True,
        )
        rounds: dict[str, list[Result]] = {name: [] for name in loads}
        for round_ in range(ROUNDS):
            for name, sources in loads.items():
                # A replay repeats the last heartbeat of each session, so new beats run just before it.
                rounds[name].append(
                    run_request_load(
                        server.url("/"), sources, duration=ROUND_SECONDS, warmup=0 if round_ else 1
                    )
                )
                server.check_alive()
    results = {name: combined(results) for name, results in rounds.items()}
    written = counts()

    hello, inserts, beats, replays = (results[name] for name in ("hello", "insert", "heartbeat", "replay"))
    ratio = beats.rps / inserts.rps if inserts.rps else 0.0

    def versus_insert(result: Result) -> float:
        return result.rps / inserts.rps if inserts.rps else 0.0

    print(
        f"\nLoad generator: python; one gunicorn sync worker on 127.0.0.1; {os.cpu_count()} CPUs; "
        f"DATABASE_CONN_MAX_AGE={os.environ.get('DATABASE_CONN_MAX_AGE', '0')}"
    )
    rows = [
        [
            "hello (no database)",
            HELLO,
            hello.rps,
            hello.p50_ms,
            hello.p99_ms,
            hello.errors,
            versus_insert(hello),
            "",
        ],
        ["bare insert", INSERT, inserts.rps, inserts.p50_ms, inserts.p99_ms, inserts.errors, 1.0, ""],
        [
            "heartbeat",
            "study-sessions/{id}/heartbeats/",
            beats.rps,
            beats.p50_ms,
            beats.p99_ms,
            beats.errors,
            ratio,
            f">= {AIM_RATIO}: {'met' if ratio >= AIM_RATIO else 'MISSED'}",
        ],
        [
            "replayed heartbeat",
            "the same seq again",
            replays.rps,
            replays.p50_ms,
            replays.p99_ms,
            replays.errors,
            versus_insert(replays),
            f"> heartbeat: {'met' if replays.rps > beats.rps else 'MISSED'}",
        ],
    ]
    print_table(["load", "url", "req/s", "p50 ms", "p99 ms", "errors", "x insert", "aim"], rows)
    print(
        f"\nRows written: {written['heartbeats']:,} heartbeats ({written['records']:,} of them credited time), "
        f"{written['inserts']:,} bare inserts."
    )
    for name, result in results.items():
        if result.failures:
            shown = ", ".join(
                f"{status or 'no response'}: {n}" for status, n in sorted(result.failures.items())
            )
            print(f"{name}: {result.errors} request(s) answered other than 200 ({shown})")

    new_beat = profile_one_heartbeat(learners[0], replay=False)
    replayed = profile_one_heartbeat(learners[0], replay=True)
    print(f"\nQueries of one heartbeat: {len(new_beat)}; of one replay: {len(replayed)}")
    if ratio < AIM_RATIO:
        for number, sql in enumerate(new_beat, 1):
            print(f"  {number:2}. {sql[:150]}")
    return 1 if any(result.errors for result in results.values()) else 0


if __name__ == "__main__":
    try:
        sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)

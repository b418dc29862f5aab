"""Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded.

Without chromium they are skipped on a developer's machine, and fail in CI
(CI=true), where `.ci/run` installs it: a skipped browser test hides a failure.
"""

import os
import shutil
import threading
import time

import pytest
from django.core.signals import request_finished, request_started

# Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A request can still be on its way when the last one is answered (a page's final beacon).
QUIET_SECONDS = 0.5

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"chromium not found at {CHROMIUM}; install Debian's chromium (`apt-get install chromium`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        # Only on a developer's machine without chromium; CI installs it and fails instead.
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.fixture(autouse=True)
def live_server_idle_before_teardown(request):
    """Let the live server answer every request before the test's database is emptied.

    On SQLite the live server's threads share the test's in-memory connection, so a heartbeat or
    beacon still being answered while the teardown flushes the database breaks the flush and leaves
    the next test a dirty database. pytest-django sets the database up before this fixture (its
    autouse marker fixture comes from a plugin), and the pages are closed before it, so waiting
    here comes after the last browser request and before the flush.
    """
    in_flight = {"count": 0, "last_change": time.monotonic()}
    lock = threading.Lock()

    def started(**kwargs):
        with lock:
            in_flight["count"] += 1
            in_flight["last_change"] = time.monotonic()

    def finished(**kwargs):
        with lock:
            in_flight["count"] -= 1
            in_flight["last_change"] = time.monotonic()

    request_started.connect(started, dispatch_uid="browser-idle-started")
    request_finished.connect(finished, dispatch_uid="browser-idle-finished")
    yield
    deadline = time.monotonic() + 15
    try:
        while time.monotonic() < deadline:
            with lock:
                quiet_for = time.monotonic() - in_flight["last_change"]
                if in_flight["count"] <= 0 and quiet_for > QUIET_SECONDS:
                    return
            time.sleep(0.05)
        pytest.fail("the live server was still answering requests 15 s after the test ended")
    finally:
        request_started.disconnect(dispatch_uid="browser-idle-started")
        request_finished.disconnect(dispatch_uid="browser-idle-finished")

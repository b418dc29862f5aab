"""Browser tests drive Debian's chromium through Playwright; no browser is ever downloaded.

Without chromium they are skipped on a developer's machine, and fail in CI
(CI=true), where `.ci/run` installs it: a skipped browser test hides a failure.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the tests' ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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

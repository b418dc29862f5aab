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


@pytest.fixture(scope="session")
def _migrated_contents(django_db_setup, django_db_blocker) -> str:
    """The database as the migrations left it (Wagtail's root page, site, groups, collections)."""
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_db(transactional_db, _migrated_contents):
    """A committed database with what the migrations created, for the live server to see.

    Transactional tests empty the database when they end, and pytest-django's
    serialized rollback did not restore it reliably alongside other tests.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        # The flush after the previous test re-created content types with new ids; start clean.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_migrated_contents)
        ContentType.objects.clear_cache()  # ids are back to the migrated ones
        # Rows came back with their ids; move PostgreSQL's sequences past them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(sql)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN"}

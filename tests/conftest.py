import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from cms.demo.site import DemoSite, seed_site


@pytest.fixture(autouse=True)
def _fresh_state():
    # The page cache, Wagtail's site-root cache and the language a request to /en/ left
    # active in this thread must not leak between tests.
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def academy(db) -> DemoSite:
    """The academy home, all eight sub-colleges and the course supermarket, live."""
    return seed_site(stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> str:
    """pytest-django's test databases, and what the migrations left in them (Wagtail's root page, site,
    groups, collections), serialised.

    Overrides pytest-django's fixture of the same name, which it asks for only when a test needs the
    database: the snapshot is taken right after the migrations, before any test body has touched the
    database (a transactional test's flush empties it), and a run without database tests never sets
    up or reads a database at all. Under pytest-xdist each worker has its own database and snapshot.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_db(transactional_db, django_db_setup):
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
        connection.creation.deserialize_db_from_string(django_db_setup)
        ContentType.objects.clear_cache()  # ids are back to the migrated ones
        # Rows came back with their ids; move PostgreSQL's sequences past them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), apps.get_models(include_auto_created=True)
            ):
                cursor.execute(sql)

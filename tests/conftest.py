import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from cms.demo import DemoSite, seed_site


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

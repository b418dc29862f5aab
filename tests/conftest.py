import io

import pytest
from django.core.cache import cache

from cms.demo import DemoSite, seed_site


@pytest.fixture(autouse=True)
def _empty_cache():
    # The page cache and Wagtail's site-root cache must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def academy(db) -> DemoSite:
    """The academy home, all eight sub-colleges and the course supermarket, live."""
    return seed_site(stdout=io.StringIO())

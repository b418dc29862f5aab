"""Production settings served over plain HTTP on loopback, with a fixed key, for the benchmarks.

The database comes from DATABASE_URL and the page cache from ACADEMY_PAGE_CACHE_SECONDS, as in base.
"""

import os

BENCH_SECRET_KEY = "bench-only-key-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
# Production refuses to load without a key in the environment.
os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)

from academy.settings.production import *  # noqa: E402, F403

SECRET_KEY = BENCH_SECRET_KEY
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.benchmarks.urls"

# Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HSTS, cookies allowed without TLS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# No collectstatic: the manifest storage would fail on {% static %} without one.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

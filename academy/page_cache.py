"""A cache of whole pages for anonymous visitors, emptied whenever content changes.

Keys carry a generation number; publishing, unpublishing, moving or deleting a
page (or changing a vocabulary the pages show) bumps it, so no stale page
outlives a change. Small reads that only change with content use the same
generation (`cached_until_content_changes`). The middleware answers from
the cache before sessions, authentication or URL routing run, which is what
makes a cached page nearly as cheap as a static one.

Only a page that opts in (`CachedPageMixin`) is stored, only for a GET without a
session cookie, and never a response that set a cookie or used a CSRF token.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"
CACHEABLE_ATTRIBUTE = "academy_anonymous_cacheable"


def current_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def cached_until_content_changes(key: str, compute, timeout: int = 3600):
    """`compute()`'s value, kept until the next publish (or change that calls `invalidate`)."""
    full_key = f"content:{current_generation()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def invalidate(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _invalidate_on_page_delete(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()


def connect_invalidation() -> None:
    page_published.connect(invalidate, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="page_cache_moved")
    post_delete.connect(_invalidate_on_page_delete, dispatch_uid="page_cache_deleted")


class CachedPageMixin:
    """A page whose anonymous view is the same for every visitor, and so may be cached."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, not getattr(request, "is_preview", False))
        return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page-cache:{current_generation()}:{digest}"
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self._may_store(request, response):
            cache.set(key, response, settings.ACADEMY_PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        return (
            request.method == "GET"
            and settings.ACADEMY_PAGE_CACHE_SECONDS > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def _may_store(request, response) -> bool:
        return (
            getattr(response, CACHEABLE_ATTRIBUTE, False)
            and response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )

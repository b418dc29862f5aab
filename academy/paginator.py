"""Pagination for pages and the API: a page and its total in one query."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_OFFSET = 2**62


class WindowCountPaginator(Paginator):
    """Counts with `COUNT(*) OVER ()` on the page's own rows instead of a separate COUNT query.

    Only when the requested page is empty (past the end, or no rows at all) does
    it fall back to Django's count, so every list does the same small number of
    queries whatever its size.
    """

    def get_page(self, number):
        # Django's get_page() validates the number against the count first; try the page itself first.
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def page(self, number):
        if "count" not in self.__dict__:
            try:
                number = int(number)
            except (TypeError, ValueError):
                raise PageNotAnInteger(self.error_messages["invalid_page"])
            if number < 1:
                raise EmptyPage(self.error_messages["min_page"])
            if number > MAX_PAGE_OFFSET // self.per_page:
                # Past any possible row; the database's 64-bit OFFSET would overflow before saying so.
                raise EmptyPage(self.error_messages["no_results"])
            bottom = (number - 1) * self.per_page
            rows = list(
                self.object_list.annotate(window_total=Window(Count("pk")))[bottom : bottom + self.per_page]
            )
            if rows:
                self.__dict__["count"] = rows[0].window_total
                return self._get_page(rows, number, self)
        return super().page(number)


class Pagination(PageNumberPagination):
    """The API's pagination: `page` and `page_size` (at most 100)."""

    django_paginator_class = WindowCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

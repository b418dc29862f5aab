"""API conventions shared by every app: pagination and error bodies.

Every refusal is a 4xx whose body carries a machine-readable `code` and a
human-readable `detail` in the caller's language.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

from .paginator import WindowCountPaginator


class Pagination(PageNumberPagination):
    django_paginator_class = WindowCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=exc.messages)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "code" not in response.data:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
        if isinstance(exc, exceptions.ValidationError):
            response.data = {"code": "invalid", "detail": _flatten(response.data), "errors": response.data}
        elif isinstance(codes, str):
            response.data = {"code": codes, **response.data}
    return response


def _flatten(data) -> str:
    if isinstance(data, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in data.items())
    if isinstance(data, list):
        return " ".join(_flatten(item) for item in data)
    return str(data)


def public_endpoints_only(endpoints):
    """drf-spectacular hook: document only the academy's versioned API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]

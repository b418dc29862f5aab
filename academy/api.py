"""API conventions shared by every app: error bodies and their documentation.

Every refusal is a 4xx whose body carries a machine-readable `code` and a
human-readable `detail` in the caller's language.
"""

from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular import openapi
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.views import exception_handler as drf_exception_handler

# The code of a request body (or a service's refusal) that says no more than "invalid".
INVALID = "invalid"

# Path ids: at most 18 digits, so that a huge number is a 404 rather than an integer overflow in SQL.
ID_REGEX = "[0-9]{1,18}"
# The largest id ID_REGEX lets through, for ids given in query strings and request bodies.
MAX_ID = 10**18 - 1


class Refusal(exceptions.APIException):
    """A refusal whose body is already the API's: raised by `refusal`, passed through by the handler."""

    def __init__(self, body: dict, status_code: int):
        self.status_code = status_code
        super().__init__(detail=body, code=body["code"])


def refusal(
    error: DjangoValidationError,
    *,
    statuses: Mapping[str, int] | None = None,
    default_code: str = INVALID,
    field: str | None = None,
    fields_of_codes: Mapping[str, str] | None = None,
) -> Refusal:
    """The one way from a service's refusal (a Django `ValidationError`) to the API's error: views
    `raise refusal(error)`, and the exception handler does the same for one they let through.

    The body is `code` — the error's first specific code (not `invalid`), else `default_code` — and
    `detail`, every message; an error that names fields also gets `errors`, the messages per field (then
    `detail` says the field of each message, as for `invalid` request bodies). `field` names the field of
    an error that names none; `fields_of_codes` puts the messages of a code under a field (a scan check's
    `file_too_large` under `scan`, say). 400 unless `statuses` gives the code another status.
    """
    fields_of_codes = fields_of_codes or {}
    if hasattr(error, "error_dict"):
        items, per_field = list(error.error_dict.items()), True
    else:
        items, per_field = [(field or NON_FIELD_ERRORS, error.error_list)], field is not None
    errors: dict[str, list[str]] = {}
    code = None
    for name, field_errors in items:
        for item in field_errors:
            key = fields_of_codes.get(item.code) or ("non_field_errors" if name == NON_FIELD_ERRORS else name)
            per_field = per_field or item.code in fields_of_codes
            errors.setdefault(key, []).extend(str(message) for message in item.messages)
            if code is None and item.code and item.code != INVALID:
                code = item.code
    code = code or default_code
    if per_field:
        body = {"code": code, "detail": _flatten(errors), "errors": errors}
    else:
        body = {"code": code, "detail": " ".join(str(message) for message in error.messages)}
    return Refusal(body, (statuses or {}).get(code, status.HTTP_400_BAD_REQUEST))


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = refusal(exc, field=NON_FIELD_ERRORS)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling applies
    data = response.data
    if isinstance(data, dict) and "code" in data:
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"code": INVALID, "detail": _flatten(errors), "errors": errors}
    else:
        codes = exc.get_codes()
        body = data if isinstance(data, dict) else {"detail": data}
        response.data = {"code": codes if isinstance(codes, str) else "error", **body}
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


ERROR_SERIALIZER = inline_serializer(
    name="Error",
    fields={
        "code": serializers.CharField(help_text="Machine-readable reason, e.g. `invalid`, `not_found`."),
        "detail": serializers.CharField(help_text="Human-readable reason, in the request's language."),
        "errors": serializers.DictField(required=False, help_text="Per-field messages, for `invalid`."),
    },
)


class AutoSchema(openapi.AutoSchema):
    """Documents the error responses every operation can give, so clients and the fuzzer know them."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error = self._get_response_for_code(ERROR_SERIALIZER, "400", direction=direction)
        # 406: an Accept header that no renderer satisfies, answered before anything else.
        codes = ["400", "404", "406"]
        if self.method not in ("GET", "HEAD", "OPTIONS") or not self._open_to_anyone():
            codes += ["401", "403"]
        if self.method not in ("GET", "HEAD", "OPTIONS", "DELETE"):
            codes.append("415")  # a body in a content type that no parser reads
        for code in codes:
            responses.setdefault(code, error)
        return responses

    def _open_to_anyone(self) -> bool:
        """A read needs no sign-in only when every permission class is AllowAny."""
        return all(isinstance(permission, permissions.AllowAny) for permission in self.view.get_permissions())


@csrf_exempt
def not_found(request, exception=None):
    """404 for a URL no view matched: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "server_error", "detail": _("Server error.")}, status=500)
    return defaults.server_error(request)

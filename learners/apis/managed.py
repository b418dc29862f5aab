"""The enterprise an administrator's API request is about: the one named in `enterprise`, or their only
one. Shared by the assignment and offline-training APIs."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from ..errors import ErrorCode
from ..models import Enterprise
from ..selectors import enterprises_managed_by


def managed_enterprise(user, enterprise_id: int | None) -> Enterprise:
    """404 `enterprise_not_found` for an enterprise the user does not administer (ids reveal nothing);
    400 `enterprise_required` when none is named and the user administers several."""
    managed = enterprises_managed_by(user=user)
    if enterprise_id is not None:
        enterprise = managed.filter(pk=enterprise_id).first()
    else:
        first_two = list(managed.order_by("pk")[:2])
        if len(first_two) > 1:
            raise exceptions.ValidationError(
                {
                    "code": ErrorCode.ENTERPRISE_REQUIRED,
                    "detail": _("You administer several enterprises; say which one in `enterprise`."),
                }
            )
        enterprise = first_two[0] if first_two else None
    if enterprise is None:
        raise exceptions.NotFound(
            _("No such enterprise among those you administer."), code=ErrorCode.ENTERPRISE_NOT_FOUND
        )
    return enterprise

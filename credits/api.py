"""What the credits APIs share: the figure fields (class hours, credits) as JSON numbers (class hours
with two decimals, credits with four, exactly as the bank holds them), the `on` day parameter, and the
caller's learner record: an account without one (staff of an enterprise or an authority) gets 403
`no_learner`, as on the study API (`HasLearner`, `learner_id_required`)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, permissions, serializers

from credits.errors import ErrorCode
from learners.access import viewer_scope

# The one answer to an account without a learner record asking for what only a learner has.
NO_LEARNER_MESSAGE = gettext_lazy(
    "This account has no learner record: only a learner studies and has class hours, credits and verdicts."
)


def hours_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False, **kwargs)


def credits_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=10, decimal_places=4, coerce_to_string=False, **kwargs)


class MyDayQuerySerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="The day asked about (YYYY-MM-DD); today if left out."
    )


ON_PARAMETER = OpenApiParameter(
    "on", datetime.date, description="The day asked about (YYYY-MM-DD); today if left out.", required=False
)


class HasLearner(permissions.BasePermission):
    """403 `no_learner` for a signed-in account without a learner record."""

    message = NO_LEARNER_MESSAGE
    code = ErrorCode.NO_LEARNER

    def has_permission(self, request, view):
        return viewer_scope(request.user).learner_id is not None


def learner_id_required(request) -> int:
    """The signed-in person's learner id; 403 `no_learner` (as `HasLearner`) for an account without one."""
    learner_id = viewer_scope(request.user).learner_id
    if learner_id is None:
        raise exceptions.PermissionDenied(NO_LEARNER_MESSAGE, code=ErrorCode.NO_LEARNER)
    return learner_id


def day_requested(request) -> datetime.date:
    query = MyDayQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("on") or timezone.localdate()

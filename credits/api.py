"""The signed-in person's verdicts and credit bank under /api/v1/me/: thin views over
`credits.compliance` and `credits.bank_selectors`.

Figures are JSON numbers (as the catalogue's `class_hours`): class hours with two decimals, credits
with four, exactly as the bank holds them. An account without a learner record (staff of an enterprise
or an authority) gets 404 `no_learner`; a person with no current engagement gets no verdicts and
`missing: "no_engagement"`.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, permissions, serializers

from credits.errors import ErrorCode
from learners.access import viewer_scope


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
    """403 `no_learner` for a signed-in account without a learner record (the study API)."""

    message = gettext_lazy("Only a person with a learner record can study.")
    code = ErrorCode.NO_LEARNER

    def has_permission(self, request, view):
        return viewer_scope(request.user).learner_id is not None


def learner_id_required(request) -> int:
    learner_id = viewer_scope(request.user).learner_id
    if learner_id is None:
        raise exceptions.NotFound(
            _("This account has no learner record, so it has no class hours or credits."),
            code=ErrorCode.NO_LEARNER,
        )
    return learner_id


def day_requested(request) -> datetime.date:
    query = MyDayQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("on") or timezone.localdate()

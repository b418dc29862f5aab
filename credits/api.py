"""What the credits APIs share: the figure fields (class hours, credits), the `on` day parameter, and the
caller's learner record (404 `no_learner` for an account that has none)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers

from learners.access import viewer_scope


class ErrorCode:
    NO_LEARNER = "no_learner"


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

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
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.api import ERROR_SERIALIZER
from learners.access import viewer_scope
from learners.models import Learner

from .bank_selectors import SOURCES, CreditBank, Figures, credit_bank
from .compliance import person_compliance
from .models import RequirementKind, StudySource
from .verdicts import Missing, Status


class ErrorCode:
    NO_LEARNER = "no_learner"


def _hours(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=9, decimal_places=2, coerce_to_string=False, **kwargs)


def _credits(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=10, decimal_places=4, coerce_to_string=False, **kwargs)


class MyDayQuerySerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="The day asked about (YYYY-MM-DD); today if left out."
    )


ON_PARAMETER = OpenApiParameter(
    "on", datetime.date, description="The day asked about (YYYY-MM-DD); today if left out.", required=False
)


class MyVerdictSerializer(serializers.Serializer):
    requirement = serializers.CharField(help_text="The requirement's code, e.g. `principal_annual`.")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequirementKind.choices)
    role = serializers.CharField(help_text="The role the requirement is for.")
    status = serializers.ChoiceField(choices=Status.choices)
    class_hours_required = _hours(allow_null=True)
    class_hours_earned = _hours(
        allow_null=True, help_text="Counted in the window of `counted_from`–`counted_until`."
    )
    class_hours_short = _hours(allow_null=True)
    due = serializers.DateField(allow_null=True)
    counted_from = serializers.DateField(allow_null=True, help_text="Null: from the beginning.")
    counted_until = serializers.DateField(allow_null=True)
    basis = serializers.CharField(help_text="The text of the legal basis.")
    missing = serializers.ChoiceField(
        choices=Missing.choices, allow_blank=True, help_text="A fact the verdict needed and did not find."
    )


class MyComplianceSerializer(serializers.Serializer):
    on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=Status.choices, help_text="The worst of the verdicts (`not_applicable` when none)."
    )
    missing = serializers.ChoiceField(
        choices=Missing.choices, allow_blank=True, help_text="`no_engagement` when nothing can be judged."
    )
    verdicts = MyVerdictSerializer(many=True)


class BankFiguresSerializer(serializers.Serializer):
    class_hours = _hours()
    credits = _credits()


class BankSourceFiguresSerializer(serializers.Serializer):
    online = BankFiguresSerializer()
    offline = BankFiguresSerializer()
    recognised = BankFiguresSerializer()


class BankYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by_source = BankSourceFiguresSerializer()
    total = BankFiguresSerializer()


class BankCourseSerializer(serializers.Serializer):
    course = serializers.IntegerField(source="course_id", allow_null=True)
    title = serializers.CharField()
    online_minutes = serializers.IntegerField()
    class_hours = _hours(
        help_text="The per-day rule applied to each course-day; the sum over courses may be a few "
        "hundredths below the day totals."
    )


class BankLineSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="`online_day` (a day of online study) or `entry` (a bank entry).")
    day = serializers.DateField(help_text="The day the hours were earned.")
    source = serializers.ChoiceField(choices=StudySource.choices)
    class_hours = _hours(help_text="Negative for a reversal or a correction that takes hours away.")
    credits = _credits()
    online_minutes = serializers.IntegerField()
    description = serializers.CharField(help_text="The offline training's topic or the recognised course.")
    reason = serializers.CharField()
    entry = serializers.IntegerField(source="entry_id", allow_null=True)
    reverses = serializers.IntegerField(source="reverses_id", allow_null=True)
    reversed_by = serializers.IntegerField(source="reversed_by_id", allow_null=True)
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField(allow_null=True)


class CreditBankSerializer(serializers.Serializer):
    on = serializers.DateField()
    total = BankFiguresSerializer()
    by_source = BankSourceFiguresSerializer()
    by_year = BankYearSerializer(many=True)
    by_course = BankCourseSerializer(many=True)
    entries = BankLineSerializer(
        many=True, help_text="Newest first; a reversal is listed above what it reverses."
    )


def _learner_id(request) -> int:
    learner_id = viewer_scope(request.user).learner_id
    if learner_id is None:
        raise exceptions.NotFound(
            _("This account has no learner record, so it has no class hours or credits."),
            code=ErrorCode.NO_LEARNER,
        )
    return learner_id


def _on(request) -> datetime.date:
    query = MyDayQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("on") or timezone.localdate()


def _sources(by_source: dict[str, Figures]) -> dict[str, Figures]:
    return {source: by_source[source] for source in SOURCES}


def _bank_data(bank: CreditBank) -> dict:
    return {
        "on": bank.on,
        "total": bank.total,
        "by_source": _sources(bank.by_source),
        "by_year": [
            {"year": year.year, "by_source": _sources(year.by_source), "total": year.total}
            for year in bank.by_year
        ],
        "by_course": bank.by_course,
        "entries": bank.entries,
    }


class MyComplianceView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: MyComplianceSerializer, 400: ERROR_SERIALIZER, 404: ERROR_SERIALIZER},
        description="Each requirement that applies to the signed-in person on the day, with its status, "
        "the class hours required, earned and short, the due date and the legal basis. 400 `invalid` for a "
        "bad date; 404 `no_learner` for an account without a learner record.",
    )
    def get(self, request):
        learner_id = _learner_id(request)
        on = _on(request)
        person = person_compliance(learner=Learner(pk=learner_id), on=on)
        data = {
            "on": on,
            "status": person.status if person else Status.NOT_APPLICABLE,
            "missing": "" if person else Missing.NO_ENGAGEMENT,
            "verdicts": person.verdicts if person else [],
        }
        return Response(MyComplianceSerializer(data).data)


class MyCreditsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: CreditBankSerializer, 400: ERROR_SERIALIZER, 404: ERROR_SERIALIZER},
        description="The signed-in person's credit bank: class hours and credits by source, year and "
        "course, and every line behind them (online days and bank entries, reversals marked). 404 "
        "`no_learner` for an account without a learner record.",
    )
    def get(self, request):
        learner_id = _learner_id(request)
        return Response(
            CreditBankSerializer(_bank_data(credit_bank(learner=learner_id, on=_on(request)))).data
        )

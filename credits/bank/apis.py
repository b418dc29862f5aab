"""The signed-in person's credit bank under /api/v1/me/credits/: a thin view over `credits.bank.selectors`.

Figures are JSON numbers (as the catalogue's `class_hours`): class hours with two decimals, credits
with four, exactly as the bank holds them. An account without a learner record (staff of an enterprise
or an authority) gets 403 `no_learner` (`credits.api.learner_id_required`).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.api import ERROR_SERIALIZER
from credits.api import ON_PARAMETER, credits_field, day_requested, hours_field, learner_id_required
from credits.bank.selectors import SOURCES, CreditBank, Figures, credit_bank
from credits.study.models import StudySource


class BankFiguresSerializer(serializers.Serializer):
    class_hours = hours_field()
    credits = credits_field()


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
    class_hours = hours_field(
        help_text="The per-day rule applied to each course-day; the sum over courses may be a few "
        "hundredths below the day totals."
    )


class BankLineSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="`online_day` (a day of online study) or `entry` (a bank entry).")
    day = serializers.DateField(help_text="The day the hours were earned.")
    source = serializers.ChoiceField(choices=StudySource.choices)
    class_hours = hours_field(help_text="Negative for a reversal or a correction that takes hours away.")
    credits = credits_field()
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


class MyCreditsView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: CreditBankSerializer, 400: ERROR_SERIALIZER},
        description="The signed-in person's credit bank: class hours and credits by source, year and "
        "course, and every line behind them (online days and bank entries, reversals marked). 403 "
        "`no_learner` for an account without a learner record.",
    )
    def get(self, request):
        learner_id = learner_id_required(request)
        return Response(
            CreditBankSerializer(_bank_data(credit_bank(learner=learner_id, on=day_requested(request)))).data
        )

"""Reads of the credit bank (学分银行): one person's class hours and credits by source, by year and by
course, and the entries behind them, summed by the database in a fixed number of queries whatever the
number of days, entries and courses.

Online study counts from the per-day summary (`DailyStudy`, converted under each day's standard) plus
any correction of online hours in the bank (`BankEntry` with source online); offline training and
recognised learning count from their bank entries. A reversal is an entry of the opposite sign, so it
is listed beside the entry it reverses and takes it out of every total.

Like the verdicts (`credits.compliance.selectors`), the bank is read as it stood at the end of a day: study up to
that day, and bank entries earned by then and recorded by then.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from courses.models import CoursePage
from courses.selectors import parent_path
from credits.bank.models import BankEntry
from credits.compliance.selectors import end_of_day
from credits.rules.conversion import CREDITS_STEP, display, online_class_hours, standard_on, summed
from credits.rules.standard import standards_all
from credits.study.models import DailyStudy, StudyRecord, StudySource
from learners.models import Learner

ZERO_HOURS = Decimal("0.00")
ZERO_CREDITS = Decimal("0.0000")
SOURCES = tuple(StudySource.values)  # online, offline, recognised: the order every page shows


class LineKind:
    ONLINE_DAY = "online_day"
    ENTRY = "entry"


@dataclass(frozen=True)
class Figures:
    class_hours: Decimal = ZERO_HOURS
    credits: Decimal = ZERO_CREDITS

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(self.class_hours + other.class_hours, self.credits + other.credits)

    @property
    def class_hours_display(self) -> Decimal:
        return display(self.class_hours)

    @property
    def credits_display(self) -> Decimal:
        """Credits as shown: two decimals, rounded down (the bank keeps four)."""
        return display(self.credits)


def _exact(class_hours, credits) -> Figures:
    return Figures(summed(class_hours), summed(credits, CREDITS_STEP))


def _rows(by_source: dict[str, Figures]) -> list[tuple[str, str, Figures]]:
    """(source, label, figures) in the order pages show them."""
    return [(source, StudySource(source).label, by_source[source]) for source in SOURCES]


def _total(by_source: dict[str, Figures]) -> Figures:
    total = Figures()
    for figures in by_source.values():
        total += figures
    return total


@dataclass(frozen=True)
class YearFigures:
    year: int
    by_source: dict[str, Figures]

    @property
    def total(self) -> Figures:
        return _total(self.by_source)

    @property
    def rows(self) -> list[tuple[str, str, Figures]]:
        return _rows(self.by_source)


@dataclass(frozen=True)
class CourseFigures:
    """Online study of one course. Its class hours apply the per-day rule (seconds over the minutes per
    class hour of that day's standard, capped, rounded down to 0.01) to each course-day, so the sum over
    courses may be a few hundredths below the day totals, which round each whole day once."""

    course_id: int | None
    title: str
    online_seconds: int
    class_hours: Decimal

    @property
    def online_minutes(self) -> int:
        return self.online_seconds // 60


@dataclass(frozen=True)
class BankLine:
    """One line of the bank: a day of online study, or a bank entry (offline, recognised, a correction or
    a reversal)."""

    kind: str
    day: datetime.date
    source: str
    class_hours: Decimal
    credits: Decimal
    description: str = ""
    reason: str = ""
    online_seconds: int = 0
    entry_id: int | None = None
    reverses_id: int | None = None  # this entry reverses that one
    reversed_by_id: int | None = None  # this entry has been reversed by that one
    recorded_by: str = ""
    recorded_at: datetime.datetime | None = None

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def is_reversed(self) -> bool:
        return self.reversed_by_id is not None

    @property
    def source_label(self) -> str:
        return StudySource(self.source).label

    @property
    def online_minutes(self) -> int:
        return self.online_seconds // 60

    @property
    def credits_display(self) -> Decimal:
        return display(self.credits)


@dataclass(frozen=True)
class CreditBank:
    learner_id: int
    on: datetime.date
    by_source: dict[str, Figures]
    by_year: list[YearFigures]  # newest first; only years with something recorded
    by_course: list[CourseFigures]  # most class hours first
    entries: list[BankLine] = field(default_factory=list)  # newest first

    @property
    def total(self) -> Figures:
        return _total(self.by_source)

    @property
    def rows(self) -> list[tuple[str, str, Figures]]:
        return _rows(self.by_source)

    def year(self, year: int) -> YearFigures:
        for figures in self.by_year:
            if figures.year == year:
                return figures
        return YearFigures(year, {source: Figures() for source in SOURCES})

    @property
    def this_year(self) -> YearFigures:
        return self.year(self.on.year)


def _by_year(learner_id: int, on: datetime.date) -> dict[int, dict[str, Figures]]:
    """Sums by year and source: one query of the online days, one of the bank entries."""
    years: dict[int, dict[str, Figures]] = defaultdict(lambda: {source: Figures() for source in SOURCES})
    online = (
        DailyStudy.objects.filter(learner_id=learner_id, study_day__lte=on)
        .annotate(year=ExtractYear("study_day"))
        .values("year")
        .annotate(hours=Sum("class_hours"), earned=Sum("credits"))
        .values_list("year", "hours", "earned")
    )
    for year, hours, earned in online:
        years[year][StudySource.ONLINE] += _exact(hours, earned)
    bank = (
        BankEntry.objects.filter(learner_id=learner_id, earned_on__lte=on, created_at__lt=end_of_day(on))
        .annotate(year=ExtractYear("earned_on"))
        .values("year", "source")
        .annotate(hours=Sum("class_hours"), earned=Sum("credits"))
        .values_list("year", "source", "hours", "earned")
    )
    for year, source, hours, earned in bank:
        years[year][source] += _exact(hours, earned)
    return years


def _by_course(learner_id: int, on: datetime.date) -> list[CourseFigures]:
    """Online seconds summed by the database per course and day (three queries: the sums, the courses'
    titles and the standards), converted per course-day."""
    rows = list(
        StudyRecord.objects.filter(learner_id=learner_id, source=StudySource.ONLINE, study_day__lte=on)
        .annotate(course_path=parent_path("lesson__path"))
        .values("course_path", "study_day")
        .annotate(seconds=Sum("seconds"))
        .values_list("course_path", "study_day", "seconds")
    )
    if not rows:
        return []
    courses = {
        path: (pk, title)
        for path, pk, title in CoursePage.objects.filter(path__in={row[0] for row in rows}).values_list(
            "path", "pk", "title"
        )
    }
    standards = standards_all()
    seconds: dict[str, int] = defaultdict(int)
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO_HOURS)
    for path, day, day_seconds in rows:
        seconds[path] += day_seconds
        hours[path] += online_class_hours(day_seconds, standard_on(day, standards))
    result = [
        CourseFigures(
            course_id=courses.get(path, (None, ""))[0],
            title=courses.get(path, (None, ""))[1],
            online_seconds=seconds[path],
            class_hours=hours[path],
        )
        for path in seconds
    ]
    result.sort(key=lambda row: (-row.class_hours, -row.online_seconds, row.title))
    return result


def _entry_description(entry: BankEntry) -> str:
    if entry.offline_attendance_id:
        return entry.offline_attendance.training.topic
    if entry.recognition_id:
        return f"{entry.recognition.title} · {entry.recognition.provider}"
    return ""


def _recorder(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _lines(learner_id: int, on: datetime.date) -> list[BankLine]:
    """The online days and the bank entries, newest first; two queries."""
    lines = [
        BankLine(
            kind=LineKind.ONLINE_DAY,
            day=day,
            source=StudySource.ONLINE,
            class_hours=class_hours,
            credits=credits,
            online_seconds=seconds,
        )
        for day, seconds, class_hours, credits in DailyStudy.objects.filter(
            learner_id=learner_id, study_day__lte=on, credited_seconds__gt=0
        ).values_list("study_day", "credited_seconds", "class_hours", "credits")
    ]
    entries = BankEntry.objects.filter(
        learner_id=learner_id, earned_on__lte=on, created_at__lt=end_of_day(on)
    ).select_related("offline_attendance__training", "recognition", "reversed_by", "created_by")
    for entry in entries:
        reversed_by = getattr(entry, "reversed_by", None)
        # A reversal made after the day asked about is not yet one on that day.
        if reversed_by is not None and reversed_by.created_at >= end_of_day(on):
            reversed_by = None
        lines.append(
            BankLine(
                kind=LineKind.ENTRY,
                day=entry.earned_on,
                source=entry.source,
                class_hours=entry.class_hours,
                credits=entry.credits,
                description=_entry_description(entry),
                reason=entry.reason,
                entry_id=entry.pk,
                reverses_id=entry.reverses_id,
                reversed_by_id=reversed_by.pk if reversed_by else None,
                recorded_by=_recorder(entry.created_by),
                recorded_at=entry.created_at,
            )
        )
    # Newest day first; on a day, entries newest recorded first (a reversal above what it reverses),
    # then the day's online study.
    lines.sort(
        key=lambda line: (
            line.day,
            line.kind == LineKind.ENTRY,
            line.recorded_at or datetime.datetime.min.replace(tzinfo=datetime.UTC),
            line.entry_id or 0,
        ),
        reverse=True,
    )
    return lines


def credit_bank(
    *, learner: Learner | int, on: datetime.date | None = None, entries: bool = True
) -> CreditBank:
    """A person's credit bank on `on` (default today): totals by source, by year and by course, and (with
    `entries`) every line behind them. Seven queries at most, whatever the size of the account."""
    on = on or timezone.localdate()
    learner_id = getattr(learner, "pk", learner)
    years = _by_year(learner_id, on)
    by_source = {source: Figures() for source in SOURCES}
    for figures in years.values():
        for source, value in figures.items():
            by_source[source] += value
    return CreditBank(
        learner_id=learner_id,
        on=on,
        by_source=by_source,
        by_year=[YearFigures(year, years[year]) for year in sorted(years, reverse=True)],
        by_course=_by_course(learner_id, on) if entries else [],
        entries=_lines(learner_id, on) if entries else [],
    )


def credit_bank_years(*, learner: Learner | int, on: datetime.date | None = None) -> CreditBank:
    """Only the totals by source and year (two queries): what the worker's home and the hours
    certificate show."""
    return credit_bank(learner=learner, on=on, entries=False)

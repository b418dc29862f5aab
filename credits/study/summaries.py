"""The derived summaries (lesson progress, daily study with its class hours and credits) recomputed from
the append-only study record and the conversion standard."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min

from credits.rules.conversion import credits_for, online_class_hours, standard_on
from credits.rules.standard import standards_all
from credits.study.models import DailyStudy, LessonProgress, QuizAttempt, StudyRecord


@dataclass(frozen=True)
class Difference:
    table: str
    key: str
    field: str
    stored: object
    rebuilt: object

    def __str__(self):
        return f"{self.table} {self.key}: {self.field} {self.stored!r} -> {self.rebuilt!r}"


def _ledger_totals():
    lessons: dict[tuple[int, int], dict] = {}
    days: dict[tuple[int, object], int] = defaultdict(int)
    records = StudyRecord.objects.order_by("learner_id", "lesson_id", "created_at", "pk").values_list(
        "learner_id",
        "lesson_id",
        "study_day",
        "seconds",
        "lesson_minutes_at_time",
        "furthest_position_seconds",
        "created_at",
    )
    for learner_id, lesson_id, day, seconds, minutes, furthest, created_at in records.iterator():
        entry = lessons.setdefault(
            (learner_id, lesson_id),
            {"credited_seconds": 0, "furthest_position_seconds": 0.0, "completed_at": None},
        )
        entry["credited_seconds"] += seconds
        entry["furthest_position_seconds"] = max(entry["furthest_position_seconds"], furthest)
        if entry["completed_at"] is None and entry["credited_seconds"] >= minutes * 60:
            entry["completed_at"] = created_at
        days[(learner_id, day)] += seconds
    # A quiz lesson is complete from its first passed attempt.
    passed = (
        QuizAttempt.objects.filter(passed=True)
        .values("learner_id", "lesson_id")
        .annotate(first_passed=Min("submitted_at"))
        .values_list("learner_id", "lesson_id", "first_passed")
    )
    for learner_id, lesson_id, first_passed in passed.iterator():
        entry = lessons.setdefault(
            (learner_id, lesson_id),
            {"credited_seconds": 0, "furthest_position_seconds": 0.0, "completed_at": None},
        )
        entry["completed_at"] = min(filter(None, (entry["completed_at"], first_passed)))
    return lessons, days


@transaction.atomic
def study_summaries_rebuild(*, write: bool = True) -> list[Difference]:
    """Compare the summaries with the ledger; with `write`, make them agree. Returns the differences."""
    lessons, days = _ledger_totals()
    differences: list[Difference] = []
    empty = {"credited_seconds": 0, "furthest_position_seconds": 0.0, "completed_at": None}

    stored_progress = {(p.learner_id, p.lesson_id): p for p in LessonProgress.objects.all()}
    for key in stored_progress.keys() | lessons.keys():
        rebuilt = lessons.get(key, empty)
        row = stored_progress.get(key) or LessonProgress(learner_id=key[0], lesson_id=key[1])
        changed = [field for field, value in rebuilt.items() if getattr(row, field) != value]
        for field in changed:
            differences.append(
                Difference(
                    "lesson_progress",
                    f"learner={key[0]} lesson={key[1]}",
                    field,
                    getattr(row, field),
                    rebuilt[field],
                )
            )
            setattr(row, field, rebuilt[field])
        if write and changed:
            row.save()

    standards = standards_all()
    stored_days = {(d.learner_id, d.study_day): d for d in DailyStudy.objects.all()}
    for key in stored_days.keys() | days.keys():
        seconds = days.get(key, 0)
        standard = standard_on(key[1], standards)
        class_hours = online_class_hours(seconds, standard)
        rebuilt = {
            "credited_seconds": seconds,
            "class_hours": class_hours,
            "credits": credits_for(class_hours, standard),
        }
        row = stored_days.get(key) or DailyStudy(learner_id=key[0], study_day=key[1])
        changed = [field for field, value in rebuilt.items() if getattr(row, field) != value]
        for field in changed:
            differences.append(
                Difference(
                    "daily_study",
                    f"learner={key[0]} day={key[1]}",
                    field,
                    getattr(row, field),
                    rebuilt[field],
                )
            )
            setattr(row, field, rebuilt[field])
        if write and changed:
            row.save()
    return differences

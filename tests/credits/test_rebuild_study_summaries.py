"""The summaries are derived: the command rebuilds them from the study record and reports differences."""

import io

import pytest
from django.core.management import CommandError, call_command

from credits.study.models import DailyStudy, LessonProgress
from tests.credits.factories import at, start, steady


def run(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_study_summaries", *args, stdout=out)
    return out.getvalue()


def test_rebuild_finds_nothing_to_fix_after_honest_study(study):
    session = start(study["learner"], study["video"])
    steady(session, first_seq=0, first_at=0, count=4)
    assert "agree" in run("--check")


def test_rebuild_reports_and_repairs_tampered_summaries(study):
    learner, video = study["learner"], study["video"]
    session = start(learner, video)
    steady(session, first_seq=0, first_at=0, count=4)  # 90 s
    LessonProgress.objects.filter(learner=learner).update(credited_seconds=5000, completed_at=at(0))
    DailyStudy.objects.filter(learner=learner).delete()
    with pytest.raises(CommandError):
        run("--check")
    assert LessonProgress.objects.get(learner=learner).credited_seconds == 5000  # --check changed nothing
    output = run()
    assert "credited_seconds 5000 -> 90" in output
    assert "daily_study" in output
    progress = LessonProgress.objects.get(learner=learner)
    assert (progress.credited_seconds, progress.completed_at, progress.furthest_position_seconds) == (
        90,
        None,
        90,
    )
    assert DailyStudy.objects.get(learner=learner).credited_seconds == 90
    assert "agree" in run("--check")

"""What the lifelong file (一人一档, `learners.lifelong_file.selectors`) shows of a person's learning recorded here: offline
training declared by their enterprises and learning outside the academy that an authority recognised.

learners depends on no other app of ours, so credits registers `learning_in_file` with it when it starts
(`credits.apps`). The viewer's window is applied exactly as to the file's own records: a scoped viewer
sees the offline training of its own enterprises held within its window, and recognitions dated in it.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext

from credits.bank.models import BankEntry
from credits.offline.models import OfflineTraining
from credits.offline.selectors import offline_attendances
from credits.recognition.models import Recognition
from learners.access import FileWindow
from learners.lifelong_file.selectors import FileContribution, TimelineEntry, TimelineKind
from learners.models import Learner


def learning_in_file(*, learner: Learner, window: FileWindow) -> FileContribution:
    """Two queries. Sections: `offline_trainings` the viewer sees (withdrawn ones included, marked) and
    `offline_class_hours`, the class hours of those not withdrawn: enterprise-declared, so always
    labelled as such."""
    offline_trainings = tuple(
        attendance.training
        for attendance in offline_attendances(learner_ids=[learner.pk])
        if window.everything
        or (
            attendance.training.enterprise_id in window.enterprise_ids
            and window.covers(attendance.training.held_on)
        )
    )
    # Learning outside the academy that an authority accepted (认定), dated when it was completed.
    recognitions = [
        recognition
        for recognition in Recognition.objects.filter(learner=learner, decision__accepted=True)
        .select_related("decision")
        .annotate(
            reversal_reason=Subquery(
                BankEntry.objects.filter(recognition=OuterRef("pk"), reverses__isnull=False).values("reason")[
                    :1
                ]
            )
        )
        if window.covers(recognition.completed_on)
    ]
    return FileContribution(
        timeline=(*_offline_training_timeline(offline_trainings), *_recognition_timeline(recognitions)),
        sections={
            "offline_trainings": offline_trainings,
            "offline_class_hours": sum(
                (training.class_hours for training in offline_trainings if not training.is_withdrawn),
                Decimal("0"),
            ),
        },
    )


def _offline_training_timeline(trainings: Iterable[OfflineTraining]):
    for training in trainings:
        summary = gettext("%(topic)s — %(hours)s class hours, enterprise-declared by %(enterprise)s") % {
            "topic": training.topic,
            "hours": training.class_hours,
            "enterprise": training.enterprise.name,
        }
        if training.is_withdrawn:
            # Said in words too, so the PDF (which has no strike-through) shows it as well.
            summary = gettext("%(summary)s (withdrawn: %(reason)s)") % {
                "summary": summary,
                "reason": training.withdrawal.reason,
            }
        yield TimelineEntry(
            on=training.held_on,
            kind=TimelineKind.OFFLINE_TRAINING,
            summary=summary,
            withdrawn=training.is_withdrawn,
        )


def _recognition_timeline(recognitions: Iterable[Recognition]):
    for recognition in recognitions:
        summary = gettext("%(title)s (%(provider)s) — %(hours)s class hours recognised") % {
            "title": recognition.title,
            "provider": recognition.provider,
            "hours": recognition.decision.class_hours_granted,
        }
        if recognition.reversal_reason is not None:
            summary = gettext("%(summary)s (reversed: %(reason)s)") % {
                "summary": summary,
                "reason": recognition.reversal_reason,
            }
        yield TimelineEntry(
            on=recognition.completed_on,
            kind=TimelineKind.RECOGNISED_LEARNING,
            summary=summary,
            withdrawn=recognition.reversal_reason is not None,
        )

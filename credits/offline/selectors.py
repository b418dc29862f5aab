"""Reads of offline training: an enterprise's sessions, their attendees, a person's attendances and
class hours, and the roster on a day; a fixed number of queries each."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum

from credits.offline.models import OfflineAttendance, OfflineTraining
from learners.identity import identity_number_mask
from learners.models import Engagement, Enterprise, Learner
from learners.selectors import enterprises_managed_by


def offline_training_list(*, enterprise: Enterprise) -> QuerySet[OfflineTraining]:
    """An enterprise's offline trainings, newest held first, with `attendee_count` counted by the
    database and the withdrawal (if any) joined: one query for any number of rows."""
    return (
        OfflineTraining.objects.filter(enterprise=enterprise)
        .select_related("enterprise", "withdrawal", "recorded_by")
        .annotate(attendee_count=Count("attendances"))
        .order_by("-held_on", "-pk")
    )


def offline_trainings_managed_by(*, user) -> QuerySet[OfflineTraining]:
    """The offline trainings of every enterprise `user` administers (all, for a superuser)."""
    return (
        OfflineTraining.objects.filter(enterprise__in=enterprises_managed_by(user=user))
        .select_related("enterprise", "withdrawal", "recorded_by")
        .annotate(attendee_count=Count("attendances"))
        .order_by("-held_on", "-pk")
    )


def offline_training_attendees(*, training: OfflineTraining) -> QuerySet[Learner]:
    """The attendees of one training, by name."""
    return Learner.objects.filter(
        pk__in=OfflineAttendance.objects.filter(training=training).values("learner_id")
    ).order_by("name", "pk")


def offline_attendances(*, learner_ids: Iterable[int]) -> QuerySet[OfflineAttendance]:
    """The offline trainings the learners attended, each with its enterprise and any withdrawal, in
    one query; the caller applies what a viewer may see (`learners.lifelong_file.selectors`)."""
    return (
        OfflineAttendance.objects.filter(learner_id__in=list(learner_ids))
        .select_related("training__enterprise", "training__withdrawal")
        .order_by("-training__held_on", "-training_id")
    )


def offline_class_hours(*, learner_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each learner's offline class hours from trainings not withdrawn, summed by the database."""
    rows = (
        OfflineAttendance.objects.filter(learner_id__in=list(learner_ids), training__withdrawal__isnull=True)
        .values("learner_id")
        .annotate(class_hours=Sum("training__class_hours"))
        .values_list("learner_id", "class_hours")
    )
    return dict(rows)


def offline_roster(*, enterprise: Enterprise, on: datetime.date) -> list[tuple[int, str, str, str]]:
    """The people engaged with `enterprise` on `on`, once each, by name: (learner id, name, masked
    identity number, positions). One query."""
    rows = (
        Engagement.objects.current(on)
        .filter(enterprise=enterprise)
        .order_by("learner__name", "learner_id", "-started_on")
        .values_list("learner_id", "learner__name", "learner__identity_number", "position")
    )
    people: dict[int, tuple[str, str, list[str]]] = {}
    for learner_id, name, identity_number, position in rows:
        entry = people.setdefault(learner_id, (name, identity_number_mask(identity_number), []))
        if position not in entry[2]:
            entry[2].append(position)
    return [(pk, name, masked, " / ".join(positions)) for pk, (name, masked, positions) in people.items()]

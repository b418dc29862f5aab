"""Who may see whom: the one place that decides, used by pages, the API and the admin alike.

- A worker sees their own file, all of it.
- An enterprise administrator sees the people currently or formerly engaged with
  their enterprise, and of each file only what the enterprise is answerable for:
  see `FileWindow`.
- An authority user sees the enterprises of their prefecture (a provincial user:
  all) and their people, through the same window.
- A superuser sees everything.

Every function here is a read; refusals are expressed as empty querysets or
`False`, and callers turn them into 404 (never revealing that a person exists).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .models import Engagement, Enterprise, Learner


@dataclass(frozen=True)
class Scope:
    """What one signed-in user acts as; computed once per request and kept on the user object."""

    everything: bool = False
    learner_id: int | None = None
    administered_enterprise_ids: frozenset[int] = frozenset()
    authority_prefecture: str | None = None  # "" means the whole province
    is_authority: bool = False

    @property
    def sees_enterprises(self) -> bool:
        return self.everything or self.is_authority or bool(self.administered_enterprise_ids)


def viewer_scope(user) -> Scope:
    if not user or not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, "_academy_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(
            everything=True, learner_id=Learner.objects.filter(user=user).values_list("pk", flat=True).first()
        )
    else:
        learner_id = Learner.objects.filter(user=user).values_list("pk", flat=True).first()
        enterprise_ids = frozenset(user.administered_enterprises.values_list("pk", flat=True))
        prefecture = user.authority.prefecture if _has_authority(user) else None
        scope = Scope(
            learner_id=learner_id,
            administered_enterprise_ids=enterprise_ids,
            authority_prefecture=prefecture,
            is_authority=prefecture is not None,
        )
    user._academy_scope = scope
    return scope


def _has_authority(user) -> bool:
    try:
        user.authority  # noqa: B018 - the reverse one-to-one raises when absent
    except Exception:
        return False
    return True


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    scope = viewer_scope(user)
    if scope.everything or scope.authority_prefecture == "":
        return Enterprise.objects.all()
    condition = Q(pk__in=scope.administered_enterprise_ids)
    if scope.authority_prefecture:
        condition |= Q(prefecture=scope.authority_prefecture)
    if not scope.sees_enterprises:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(condition)


def engagements_visible_to(user) -> Q:
    """Engagements `user` may see: those with the enterprises they see (every one, for a superuser or a
    provincial user) and all of their own."""
    scope = viewer_scope(user)
    if scope.everything:
        return Q()
    condition = Q(enterprise__in=enterprises_visible_to(user))
    if scope.learner_id:
        condition |= Q(learner_id=scope.learner_id)
    return condition


def learners_visible_to(user) -> QuerySet[Learner]:
    scope = viewer_scope(user)
    if scope.everything:
        return Learner.objects.all()
    condition = Q(pk=scope.learner_id) if scope.learner_id else Q(pk__in=[])
    if scope.sees_enterprises:
        engaged = Engagement.objects.filter(
            learner=OuterRef("pk"), enterprise__in=enterprises_visible_to(user)
        )
        condition |= Exists(engaged)
    return Learner.objects.filter(condition)


def can_manage_enterprise(user, enterprise: Enterprise) -> bool:
    """May record for this enterprise: import rosters, enter certificates and training."""
    scope = viewer_scope(user)
    return scope.everything or enterprise.pk in scope.administered_enterprise_ids


def can_record_for_learner(user, learner: Learner) -> bool:
    """May enter certificates, assessments and accident records in this person's file: an administrator
    of an enterprise the person works for now, an authority user who sees the person, or a superuser."""
    scope = viewer_scope(user)
    if scope.everything:
        return True
    if scope.administered_enterprise_ids and (
        Engagement.objects.current()
        .filter(learner=learner, enterprise_id__in=scope.administered_enterprise_ids)
        .exists()
    ):
        return True
    return scope.is_authority and learners_visible_to(user).filter(pk=learner.pk).exists()


@dataclass(frozen=True)
class FileWindow:
    """The dates of a file a viewer may see: everything, or the periods of their enterprises' engagements.

    A scoped viewer (enterprise administrator, prefecture authority) sees:
    - the engagements with their own enterprises only (other employers are not theirs to see);
    - certificates whose validity overlaps those periods (先持证后上岗: an employer must check the
      certificate the person holds, whenever it was issued);
    - assessments and learning dated within those periods;
    - accident responsibility dated up to the end of those periods (retraining after an accident
      is a standing duty that the employer enforces).
    The periods end when the engagement ends: a former employer sees what happened while the person
    worked there and nothing of their later working life.
    """

    everything: bool = False
    periods: tuple[tuple[datetime.date, datetime.date | None], ...] = ()
    enterprise_ids: frozenset[int] = field(default_factory=frozenset)
    full_identity_number: bool = False

    def covers(self, day: datetime.date) -> bool:
        if self.everything:
            return True
        return any(start <= day and (end is None or day <= end) for start, end in self.periods)

    def overlaps(self, start: datetime.date, end: datetime.date | None) -> bool:
        if self.everything:
            return True
        return any(
            (period_end is None or start <= period_end) and (end is None or end >= period_start)
            for period_start, period_end in self.periods
        )

    def reaches(self, day: datetime.date) -> bool:
        """True when `day` is on or before the end of a period (open periods reach any day)."""
        if self.everything:
            return True
        return any(end is None or day <= end for _, end in self.periods)

    def shows_engagement(self, engagement: Engagement) -> bool:
        return self.everything or engagement.enterprise_id in self.enterprise_ids


def file_window(user, learner: Learner, *, engagements: list[Engagement] | None = None) -> FileWindow | None:
    """The part of `learner`'s file that `user` may see, or None when they may see none of it.

    Pass the learner's engagements when they are already loaded, to save a query.
    """
    scope = viewer_scope(user)
    if scope.everything or scope.learner_id == learner.pk:
        return FileWindow(everything=True, full_identity_number=True)
    if not scope.sees_enterprises:
        return None
    if scope.authority_prefecture == "":
        return FileWindow(everything=True)
    if engagements is None:
        engagements = list(learner.engagements.select_related("enterprise"))
    mine = [
        engagement
        for engagement in engagements
        if engagement.enterprise_id in scope.administered_enterprise_ids
        or (scope.authority_prefecture and engagement.enterprise.prefecture == scope.authority_prefecture)
    ]
    if not mine:
        return None
    today = timezone.localdate()
    # The enterprise already holds the number in its own records (it imported it) while the person
    # works there; a former employer and an inspector see it masked.
    full_identity_number = any(
        engagement.enterprise_id in scope.administered_enterprise_ids and engagement.is_current(today)
        for engagement in mine
    )
    return FileWindow(
        periods=tuple(sorted((engagement.started_on, engagement.ended_on) for engagement in mine)),
        enterprise_ids=frozenset(engagement.enterprise_id for engagement in mine),
        full_identity_number=full_identity_number,
    )

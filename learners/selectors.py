"""Reads about people. Every list starts from `learners.access`, so nobody lists whom they may not see."""

import datetime

from django.db.models import Prefetch, QuerySet

from .access import enterprises_visible_to, learners_visible_to
from .models import Engagement, Enterprise, Learner


def engagements_with_roles() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("enterprise").prefetch_related("roles")


def learner_list(*, user) -> QuerySet[Learner]:
    """The people `user` may see, each with their engagements (roles and enterprise) prefetched.

    A scoped viewer's prefetched engagements are only those with enterprises they see, so a list
    never shows another employer.
    """
    engagements = engagements_with_roles()
    scope_enterprises = enterprises_visible_to(user)
    learners = learners_visible_to(user)
    if not user.is_superuser:
        engagements = engagements.filter(enterprise__in=scope_enterprises)
    return learners.prefetch_related(Prefetch("engagements", queryset=engagements))


def enterprise_list(*, user) -> QuerySet[Enterprise]:
    return enterprises_visible_to(user)


def enterprise_people(*, enterprise: Enterprise, on: datetime.date | None = None, current_only: bool = True):
    """The engagements of an enterprise's people (one row per engagement), for the roster list."""
    engagements = engagements_with_roles().select_related("learner").filter(enterprise=enterprise)
    if current_only:
        engagements = engagements.current(on)
    return engagements.order_by("learner__name", "learner_id", "-started_on")

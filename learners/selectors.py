"""Reads about people. Every list starts from `learners.access`, so nobody lists whom they may not see."""

import datetime

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from .access import engagements_visible_to, enterprises_visible_to, learners_visible_to, viewer_scope
from .models import Certificate, Engagement, EngagementRole, Enterprise, Learner, RosterImport


def engagements_with_roles() -> QuerySet[Engagement]:
    return Engagement.objects.select_related("enterprise").prefetch_related("roles")


def learner_list(*, user) -> QuerySet[Learner]:
    """The people `user` may see, each with their engagements (roles and enterprise) prefetched.

    A scoped viewer's prefetched engagements are only those with enterprises they see, so a list
    never shows another employer.
    """
    engagements = engagements_with_roles().filter(engagements_visible_to(user))
    return learners_visible_to(user).prefetch_related(Prefetch("engagements", queryset=engagements))


def enterprise_list(*, user, on: datetime.date | None = None) -> QuerySet[Enterprise]:
    """The enterprises `user` may see, each with `people_count`: the people engaged with it on `on`."""
    on = on or timezone.localdate()
    current = Q(engagements__started_on__lte=on) & (
        Q(engagements__ended_on__isnull=True) | Q(engagements__ended_on__gte=on)
    )
    return (
        enterprises_visible_to(user)
        .annotate(people_count=Count("engagements__learner", filter=current, distinct=True))
        .order_by("name", "pk")
    )


# Reads for the people API (and the admin), each starting from `learners.access`.


def engagement_list(*, user) -> QuerySet[Engagement]:
    return engagements_with_roles().select_related("learner").filter(engagements_visible_to(user))


def people_engaged(
    learners: QuerySet[Learner],
    *,
    user,
    enterprise_id: int | None = None,
    role: str = "",
    employment_type: str = "",
    position: str = "",
    current: bool | None = None,
) -> QuerySet[Learner]:
    """Narrow `learners` to those with one engagement matching every criterion at once (a team leader
    *at this enterprise*), looking only at engagements `user` may see, so that a filter never reveals
    where else a person works. `current=False` keeps those with a matching engagement but none current.
    """
    criteria = {}
    if enterprise_id is not None:
        criteria["enterprise_id"] = enterprise_id
    if role:
        criteria["roles__role"] = role
    if employment_type:
        criteria["employment_type"] = employment_type
    if position:
        criteria["position__icontains"] = position
    if not criteria and current is None:
        return learners
    matching = Engagement.objects.filter(engagements_visible_to(user), learner=OuterRef("pk"), **criteria)
    if current is None:
        return learners.filter(Exists(matching))
    current_matching = matching.current(timezone.localdate())
    if current:
        return learners.filter(Exists(current_matching))
    return learners.filter(Exists(matching)).exclude(Exists(current_matching))


def certificate_list(*, user) -> QuerySet[Certificate]:
    """The certificates `user` may see: all of their own; for a scoped viewer, those whose validity
    overlaps an engagement with the viewer's enterprises (the query form of `FileWindow.overlaps`).

    `superseded` is true when a renewal exists that the viewer also sees: a former employer does not
    learn of a renewal made after the person left (as on the file page).
    """
    scope = viewer_scope(user)
    certificates = Certificate.objects.all()
    if scope.everything:
        pass
    elif scope.authority_prefecture == "":
        # A provincial user's window is the whole file of everyone they see.
        certificates = certificates.filter(learner__in=learners_visible_to(user))
    else:
        condition = Q(learner_id=scope.learner_id) if scope.learner_id else Q(pk__in=[])
        if scope.sees_enterprises:
            periods = Engagement.objects.filter(
                learner=OuterRef("learner"), enterprise__in=enterprises_visible_to(user)
            ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("issued_on")))
            # Without an end date, a certificate overlaps every period that did not end before its issue.
            condition |= Exists(periods) & (
                Q(valid_until__isnull=True) | Exists(periods.filter(started_on__lte=OuterRef("valid_until")))
            )
        certificates = certificates.filter(condition)
    return certificates.annotate(superseded=Exists(certificates.filter(renews=OuterRef("pk"))))


def learner_summary(*, user) -> Learner | None:
    """The signed-in person's own learner record, with their current engagements (`current_engagements`)
    and the certificates they hold, renewed ones left out (`held_certificates`); None without one."""
    scope = viewer_scope(user)
    if not scope.learner_id:
        return None
    return (
        Learner.objects.filter(pk=scope.learner_id)
        .prefetch_related(
            Prefetch(
                "engagements",
                queryset=engagements_with_roles().current(timezone.localdate()),
                to_attr="current_engagements",
            ),
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(renewed_by__isnull=True),
                to_attr="held_certificates",
            ),
        )
        .first()
    )


# Reads for roster imports and an enterprise's people list.


def enterprises_managed_by(*, user) -> QuerySet[Enterprise]:
    """The enterprises `user` may import rosters for and list the people of (`access.can_manage_enterprise`)."""
    scope = viewer_scope(user)
    if scope.everything:
        return Enterprise.objects.all()
    return Enterprise.objects.filter(pk__in=scope.administered_enterprise_ids)


def roster_import_list(*, user) -> QuerySet[RosterImport]:
    """Past roster imports of the enterprises `user` manages, newest first."""
    return RosterImport.objects.filter(enterprise__in=enterprises_managed_by(user=user)).select_related(
        "enterprise", "uploaded_by"
    )


def enterprise_people_list(
    *,
    user,
    enterprise: Enterprise,
    on: datetime.date | None = None,
    include_former: bool = False,
    role: str = "",
    employment_type: str = "",
    position: str = "",
    search: str = "",
) -> QuerySet[Engagement]:
    """One row per engagement of `enterprise`'s people (current ones, or all), for its administrators.

    Each row has `identity_number_visible`: `access.file_window(...).full_identity_number`, computed in the
    same query — the viewer sees the whole number of a person currently engaged with an enterprise they
    administer (or of anyone, as a superuser, or of themselves), and a masked one otherwise.
    `search` matches names, or a whole identity number exactly (so that no digits can be fished for).
    """
    on = on or timezone.localdate()
    scope = viewer_scope(user)
    if not (
        scope.everything
        or enterprise.pk in scope.administered_enterprise_ids
        or enterprises_visible_to(user).filter(pk=enterprise.pk).exists()
    ):
        return Engagement.objects.none()
    engagements = (
        engagements_with_roles()
        .select_related("learner")
        .filter(enterprise=enterprise)
        .order_by("learner__name", "learner_id", "-started_on")
    )
    if not include_former:
        engagements = engagements.current(on)
    if role:
        engagements = engagements.filter(
            Exists(EngagementRole.objects.filter(engagement=OuterRef("pk"), role=role))
        )
    if employment_type:
        engagements = engagements.filter(employment_type=employment_type)
    if position:
        engagements = engagements.filter(position__icontains=position)
    if search:
        engagements = engagements.filter(
            Q(learner__name__icontains=search) | Q(learner__identity_number=search.upper())
        )
    if scope.everything:
        visible = Value(True)
    else:
        condition = Exists(
            Engagement.objects.current(on).filter(
                learner=OuterRef("learner_id"), enterprise_id__in=scope.administered_enterprise_ids
            )
        )
        if scope.learner_id:
            condition = condition | Q(learner_id=scope.learner_id)
        visible = ExpressionWrapper(condition, output_field=BooleanField())
    return engagements.annotate(identity_number_visible=visible)

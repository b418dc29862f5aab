"""The lifelong file (一人一档): one person's engagements, certificates, assessments and accident
records, assembled for one viewer.

What a viewer sees is decided by `learners.access.file_window`, never here: this module only applies
the window's rules (`shows_engagement`, `overlaps`, `covers`, `reaches`) record by record, so the page,
the PDF and anything later built on `learner_file` show the same thing to the same person.

Certificate status is a pure function of dates, so a report or the API can compute it the same way
and tests can pin every boundary.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learners.access import FileWindow, enterprises_visible_to, file_window, viewer_scope
from learners.models import AccidentRecord, Assessment, Certificate, Engagement, Enterprise, Learner
from learners.selectors import engagements_with_roles

# Days before a deadline at which a certificate starts to warn; the nearer threshold wins.
EXPIRY_WARNING_DAYS = (30, 60)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING_60 = "expiring_60", _("Expires within 60 days")
    EXPIRING_30 = "expiring_30", _("Expires within 30 days")
    EXPIRED = "expired", _("Expired")
    SUPERSEDED = "superseded", _("Superseded by a renewal")


WARNING_STATUSES = frozenset(
    {CertificateStatus.EXPIRED, CertificateStatus.EXPIRING_30, CertificateStatus.EXPIRING_60}
)


def certificate_deadline(
    *, valid_until: datetime.date | None, next_review_on: datetime.date | None
) -> datetime.date | None:
    """The last day a certificate is good for: its expiry or, if earlier, its next review.

    A special operation certificate not reviewed (复审) in time lapses like an expired one, so the
    review date counts as a deadline too. A review done is recorded as a renewal, a new certificate.
    """
    dates = [day for day in (valid_until, next_review_on) if day is not None]
    return min(dates) if dates else None


def certificate_status(
    *,
    valid_until: datetime.date | None,
    next_review_on: datetime.date | None = None,
    superseded: bool = False,
    today: datetime.date,
) -> CertificateStatus:
    """Valid, expiring within 60 or 30 days, expired, or superseded by a renewal.

    A certificate is good up to and including its deadline day; it warns when the deadline is at
    most 60 (then 30) days away. A renewed certificate is superseded whatever its dates say.
    """
    if superseded:
        return CertificateStatus.SUPERSEDED
    deadline = certificate_deadline(valid_until=valid_until, next_review_on=next_review_on)
    if deadline is None:
        return CertificateStatus.VALID
    days_left = (deadline - today).days
    if days_left < 0:
        return CertificateStatus.EXPIRED
    if days_left <= EXPIRY_WARNING_DAYS[0]:
        return CertificateStatus.EXPIRING_30
    if days_left <= EXPIRY_WARNING_DAYS[1]:
        return CertificateStatus.EXPIRING_60
    return CertificateStatus.VALID


@dataclass(frozen=True)
class EngagementEntry:
    engagement: Engagement
    role_labels: tuple[str, ...]
    is_current: bool

    @property
    def roles_label(self) -> str:
        # Joined in the reader's language: 、 in Chinese, a comma in English (as course audiences are).
        return gettext(", ").join(str(label) for label in self.role_labels)


@dataclass(frozen=True)
class CertificateEntry:
    certificate: Certificate
    status: CertificateStatus
    deadline: datetime.date | None
    # The enterprise it was recorded for, when that enterprise is one the viewer sees.
    enterprise: Enterprise | None
    # Earlier certificates of the same line that this one renews (directly or not), newest first.
    history: tuple["CertificateEntry", ...] = ()

    @property
    def deadline_is_review(self) -> bool:
        return self.deadline is not None and self.deadline == self.certificate.next_review_on

    @property
    def needs_attention(self) -> bool:
        return self.status in WARNING_STATUSES

    @property
    def is_current(self) -> bool:
        return self.status in {
            CertificateStatus.VALID,
            CertificateStatus.EXPIRING_30,
            CertificateStatus.EXPIRING_60,
        }


@dataclass(frozen=True)
class RecordEntry:
    """An assessment or accident record, with its enterprise when the viewer may see which it was."""

    record: Assessment | AccidentRecord
    enterprise: Enterprise | None


class TimelineKind(models.TextChoices):
    """What a timeline entry is about. Study records join here when they land (`learning`)."""

    ENGAGEMENT_STARTED = "engagement_started", _("Started work")
    ENGAGEMENT_ENDED = "engagement_ended", _("Left")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    CERTIFICATE_RENEWED = "certificate_renewed", _("Certificate renewed")
    ASSESSMENT = "assessment", _("Assessment")
    ACCIDENT = "accident", _("Accident responsibility")
    OFFLINE_TRAINING = "offline_training", _("Offline training")
    RECOGNISED_LEARNING = "recognised_learning", _("Recognised learning")


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the file. New kinds of record add a `TimelineKind` and a `_*_timeline`
    function; the page and the PDF render every entry the same way (date, label, summary)."""

    on: datetime.date
    kind: TimelineKind
    summary: str
    # A record corrected by withdrawal stays in the file, shown struck through.
    withdrawn: bool = False

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class LearnerFile:
    learner: Learner
    window: FileWindow
    today: datetime.date
    engagements: tuple[EngagementEntry, ...]
    # Each line of certificates once, by its latest visible certificate; older ones are in `history`.
    certificates: tuple[CertificateEntry, ...]
    assessments: tuple[RecordEntry, ...]
    accidents: tuple[RecordEntry, ...]
    timeline: tuple[TimelineEntry, ...] = field(default=())
    # What the apps above learners add (`file_contributor_register`), by name: e.g. credits'
    # `offline_trainings` and `offline_class_hours`.
    sections: Mapping[str, Any] = field(default_factory=dict)

    @property
    def identity_number(self) -> str:
        if self.window.full_identity_number:
            return self.learner.identity_number
        return self.learner.identity_number_masked

    @property
    def shows_phone(self) -> bool:
        # The person and those who already hold the full number in their own records.
        return self.window.full_identity_number

    @property
    def current_engagements(self) -> list[EngagementEntry]:
        return [entry for entry in self.engagements if entry.is_current]

    @property
    def past_engagements(self) -> list[EngagementEntry]:
        return [entry for entry in self.engagements if not entry.is_current]

    @property
    def all_certificates(self) -> list[CertificateEntry]:
        """Every visible certificate, renewed ones included, newest issued first."""
        entries = [entry for head in self.certificates for entry in (head, *head.history)]
        return sorted(
            entries, key=lambda entry: (entry.certificate.issued_on, entry.certificate.pk), reverse=True
        )

    @property
    def certificate_warnings(self) -> list[CertificateEntry]:
        """Certificates expired or expiring, soonest deadline first."""
        warnings = [entry for entry in self.certificates if entry.needs_attention]
        return sorted(warnings, key=lambda entry: entry.deadline)

    @property
    def current_certificate_count(self) -> int:
        return sum(1 for entry in self.certificates if entry.is_current)


@dataclass(frozen=True)
class FileContribution:
    """What an app above learners adds to a file seen through a window: dated entries for the timeline
    and named values for the page (`LearnerFile.sections`)."""

    timeline: Iterable[TimelineEntry] = ()
    sections: Mapping[str, Any] = field(default_factory=dict)


# (learner, window) -> FileContribution; each must read in a constant number of queries.
FileContributor = Callable[..., FileContribution]
_contributors: list[FileContributor] = []


def file_contributor_register(contributor: FileContributor) -> None:
    """Add what another app knows of a person to every file (credits: offline training, recognitions).

    learners depends on no other app of ours, so the learning records reach the file this way; the
    contributor applies the same window (`covers`, `enterprise_ids`) as the records here."""
    if contributor not in _contributors:
        _contributors.append(contributor)


def learner_file(*, user, learner: Learner, today: datetime.date | None = None) -> LearnerFile | None:
    """`learner`'s file as `user` may see it, or None when they may see none of it.

    A constant number of queries however long the file: engagements (with roles and enterprise),
    then, only if the viewer may see anything, certificates, assessments, accident records and what each
    registered contributor adds (offline training and recognitions: one query each).
    """
    today = today or timezone.localdate()
    engagements = list(engagements_with_roles().filter(learner=learner))
    window = file_window(user, learner, engagements=engagements)
    if window is None:
        return None

    def shown(enterprise_id: int | None, enterprise: Enterprise | None) -> Enterprise | None:
        # A scoped viewer must not learn the person's other employers from a record's enterprise.
        if enterprise_id is None or not (window.everything or enterprise_id in window.enterprise_ids):
            return None
        return enterprise

    engagement_entries = tuple(
        EngagementEntry(
            engagement=engagement,
            role_labels=tuple(engagement.role_labels),
            is_current=engagement.is_current(today),
        )
        for engagement in engagements
        if window.shows_engagement(engagement)
    )
    certificates = [
        certificate
        for certificate in learner.certificates.select_related("enterprise")
        if window.overlaps(certificate.issued_on, certificate.valid_until)
    ]
    certificate_entries = _certificate_lines(certificates, today=today, shown=shown)
    assessments = tuple(
        RecordEntry(record=assessment, enterprise=shown(assessment.enterprise_id, assessment.enterprise))
        for assessment in learner.assessments.select_related("enterprise")
        if window.covers(assessment.assessed_on)
    )
    accidents = tuple(
        RecordEntry(record=record, enterprise=shown(record.enterprise_id, record.enterprise))
        for record in learner.accident_records.select_related("enterprise")
        if window.reaches(record.occurred_on)
    )
    contributions = [contributor(learner=learner, window=window) for contributor in _contributors]
    timeline = timeline_merge(
        _engagement_timeline(engagement_entries, today=today),
        _certificate_timeline(certificates),
        _assessment_timeline(assessments),
        _accident_timeline(accidents),
        *(contribution.timeline for contribution in contributions),
    )
    return LearnerFile(
        learner=learner,
        window=window,
        today=today,
        engagements=engagement_entries,
        certificates=certificate_entries,
        assessments=assessments,
        accidents=accidents,
        timeline=timeline,
        sections={
            name: value for contribution in contributions for name, value in contribution.sections.items()
        },
    )


def _certificate_lines(certificates: list[Certificate], *, today: datetime.date, shown) -> tuple:
    """Group visible certificates into renewal lines, each headed by its latest visible certificate.

    Only a renewal the viewer can see supersedes: a former employer does not learn of a renewal made
    after the person left, and sees the old certificate's own dates.
    """
    by_pk = {certificate.pk: certificate for certificate in certificates}
    renewed = {certificate.renews_id for certificate in certificates if certificate.renews_id in by_pk}

    def entry(certificate: Certificate, history=()) -> CertificateEntry:
        return CertificateEntry(
            certificate=certificate,
            status=certificate_status(
                valid_until=certificate.valid_until,
                next_review_on=certificate.next_review_on,
                superseded=certificate.pk in renewed,
                today=today,
            ),
            deadline=certificate_deadline(
                valid_until=certificate.valid_until, next_review_on=certificate.next_review_on
            ),
            enterprise=shown(certificate.enterprise_id, certificate.enterprise),
            history=history,
        )

    heads = []
    for certificate in certificates:  # newest issued first (model ordering)
        if certificate.pk in renewed:
            continue
        history = []
        previous = by_pk.get(certificate.renews_id)
        while previous is not None:
            history.append(entry(previous))
            previous = by_pk.get(previous.renews_id)
        heads.append(entry(certificate, tuple(history)))
    return tuple(heads)


def timeline_merge(*sources: Iterable[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    """All entries, newest first; entries of one day keep the order of their sources."""
    entries = [entry for source in sources for entry in source]
    return tuple(sorted(entries, key=lambda entry: entry.on, reverse=True))


def _engagement_timeline(entries: Iterable[EngagementEntry], *, today: datetime.date):
    for entry in entries:
        engagement = entry.engagement
        summary = gettext("%(position)s at %(enterprise)s") % {
            "position": engagement.position,
            "enterprise": engagement.enterprise.name,
        }
        yield TimelineEntry(on=engagement.started_on, kind=TimelineKind.ENGAGEMENT_STARTED, summary=summary)
        # A planned end date in the future has not happened yet.
        if engagement.ended_on is not None and engagement.ended_on <= today:
            yield TimelineEntry(on=engagement.ended_on, kind=TimelineKind.ENGAGEMENT_ENDED, summary=summary)


def _certificate_timeline(certificates: Iterable[Certificate]):
    for certificate in certificates:
        summary = " ".join(
            part
            for part in (certificate.get_kind_display(), certificate.operation_item, certificate.number)
            if part
        )
        kind = TimelineKind.CERTIFICATE_RENEWED if certificate.renews_id else TimelineKind.CERTIFICATE_ISSUED
        yield TimelineEntry(on=certificate.issued_on, kind=kind, summary=summary)


def _assessment_timeline(entries: Iterable[RecordEntry]):
    for entry in entries:
        assessment = entry.record
        result = gettext("passed") if assessment.passed else gettext("failed")
        name = assessment.title or assessment.get_kind_display()
        if assessment.score is not None:
            summary = gettext("%(name)s: %(result)s, score %(score)s") % {
                "name": name,
                "result": result,
                "score": assessment.score,
            }
        else:
            summary = gettext("%(name)s: %(result)s") % {"name": name, "result": result}
        yield TimelineEntry(on=assessment.assessed_on, kind=TimelineKind.ASSESSMENT, summary=summary)


def _accident_timeline(entries: Iterable[RecordEntry]):
    for entry in entries:
        record = entry.record
        summary = record.accident
        if record.with_deaths:
            summary = gettext("%(accident)s (with deaths)") % {"accident": record.accident}
        yield TimelineEntry(on=record.occurred_on, kind=TimelineKind.ACCIDENT, summary=summary)


@dataclass(frozen=True)
class FileSummary:
    """What the public verification page may say about a file: counts, nothing else."""

    engagement_count: int
    current_certificate_count: int
    assessment_count: int


def file_summary(*, learner: Learner, on: datetime.date) -> FileSummary:
    """The whole file as it stood on `on` (the day a PDF was issued), so that the verification page
    confirms what the printed file said, whatever was recorded afterwards."""
    certificates = list(
        learner.certificates.filter(issued_on__lte=on).values_list(
            "pk", "renews_id", "valid_until", "next_review_on"
        )
    )
    renewed = {renews_id for _, renews_id, _, _ in certificates if renews_id is not None}
    current = sum(
        1
        for pk, _, valid_until, next_review_on in certificates
        if pk not in renewed
        and certificate_status(valid_until=valid_until, next_review_on=next_review_on, today=on)
        != CertificateStatus.EXPIRED
    )
    return FileSummary(
        engagement_count=learner.engagements.filter(started_on__lte=on).count(),
        current_certificate_count=current,
        assessment_count=learner.assessments.filter(assessed_on__lte=on).count(),
    )


def recording_enterprises(*, user, learner: Learner) -> QuerySet[Enterprise]:
    """The enterprises `user` may enter a record for, in `learner`'s file.

    An administrator records for an enterprise they administer where the person works now; an
    authority user for any enterprise of the person's they see; a superuser for any of the person's.
    """
    scope = viewer_scope(user)
    engaged = Engagement.objects.filter(learner=learner)
    if scope.everything:
        return Enterprise.objects.filter(pk__in=engaged.values("enterprise_id"))
    condition = Q(
        pk__in=engaged.current(timezone.localdate())
        .filter(enterprise_id__in=scope.administered_enterprise_ids)
        .values("enterprise_id")
    )
    if scope.is_authority:
        condition |= Q(pk__in=enterprises_visible_to(user).filter(pk__in=engaged.values("enterprise_id")))
    return Enterprise.objects.filter(condition)


def recording_enterprise_required(*, user) -> bool:
    """An administrator's records are their enterprise's; authority users and superusers may record
    without naming one (for instance a certificate the authority itself issued)."""
    scope = viewer_scope(user)
    return not (scope.everything or scope.is_authority)

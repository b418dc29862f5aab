"""Writes to people and their files. Each function is one transaction and validates fully first,
so that nothing is half-written; roster imports live in `learners.roster`."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import Role
from .identity import credit_code_clean, identity_number_clean, phone_clean
from .models import (
    AccidentRecord,
    Assessment,
    AuthorityUser,
    Certificate,
    CertificateKind,
    Engagement,
    EngagementRole,
    Enterprise,
    Learner,
)
from .uploads import check_evidence_file


@transaction.atomic
def enterprise_create(
    *, name: str, credit_code: str, industry: str, prefecture: str, size: str = "small"
) -> Enterprise:
    enterprise = Enterprise(
        name=name.strip(),
        credit_code=credit_code_clean(credit_code),
        industry=industry,
        prefecture=prefecture,
        size=size,
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_administrator_add(*, enterprise: Enterprise, user) -> None:
    enterprise.administrators.add(user)


@transaction.atomic
def authority_user_create(*, username: str, password: str, prefecture: str = "", **fields):
    user = get_user_model().objects.create_user(username=username, password=password, **fields)
    AuthorityUser.objects.create(user=user, prefecture=prefecture)
    return user


@transaction.atomic
def learner_create(*, identity_number: str, name: str, phone: str = "", education: str = "") -> Learner:
    learner = Learner(
        identity_number=identity_number_clean(identity_number),
        name=name.strip(),
        phone=phone_clean(phone) or None,
        education=education,
    )
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def learner_set_password(*, learner: Learner, password: str):
    """Give the person an account (if they have none) and set its password; they sign in
    with their mobile number or identity number, so the username is internal."""
    user = learner.user
    if user is None:
        user = get_user_model()(username=f"learner-{learner.pk}", first_name=learner.name)
    user.set_password(password)
    user.save()
    if learner.user_id != user.pk:
        learner.user = user
        learner.save(update_fields=["user", "updated_at"])
    return user


def _invalid(field: str, message: str, code: str) -> ValidationError:
    """A field error that keeps its code (Django drops `code=` given beside a dict of messages)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _check_roles(roles: list[str]) -> list[str]:
    unknown = [role for role in roles if role not in Role.values]
    if unknown:
        raise _invalid("roles", _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}, "unknown_role")
    if not roles:
        raise _invalid("roles", _("Choose at least one role."), "required")
    return [role for role in Role.values if role in roles]


@transaction.atomic
def engagement_create(
    *,
    learner: Learner,
    enterprise: Enterprise,
    position: str,
    roles: list[str],
    employment_type: str = "own",
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
) -> Engagement:
    roles = _check_roles(roles)
    if ended_on is not None and ended_on < started_on:
        raise _invalid("ended_on", _("The end date cannot be before the start date."), "end_before_start")
    engagement = Engagement(
        learner=learner,
        enterprise=enterprise,
        position=position.strip(),
        employment_type=employment_type,
        started_on=started_on,
        ended_on=ended_on,
    )
    engagement.full_clean()
    engagement.save()
    EngagementRole.objects.bulk_create(EngagementRole(engagement=engagement, role=role) for role in roles)
    return engagement


@transaction.atomic
def engagement_end(*, engagement: Engagement, ended_on: datetime.date) -> Engagement:
    if ended_on < engagement.started_on:
        raise _invalid("ended_on", _("The end date cannot be before the start date."), "end_before_start")
    engagement.ended_on = ended_on
    engagement.save(update_fields=["ended_on"])
    return engagement


def _check_certificate(certificate: Certificate) -> None:
    errors = {}
    if certificate.kind == CertificateKind.SPECIAL_OPERATION and not certificate.operation_item:
        errors["operation_item"] = ValidationError(
            _("A special operation certificate names its operation item."), code="operation_item_required"
        )
    if certificate.valid_until and certificate.valid_until < certificate.issued_on:
        errors["valid_until"] = ValidationError(
            _("A certificate cannot expire before it is issued."), code="end_before_start"
        )
    if certificate.next_review_on and certificate.next_review_on < certificate.issued_on:
        errors["next_review_on"] = ValidationError(
            _("The next review cannot be before the certificate is issued."), code="end_before_start"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def certificate_record(
    *,
    learner: Learner,
    kind: str,
    number: str,
    issuing_authority: str,
    issued_on: datetime.date,
    operation_item: str = "",
    next_review_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    scan: UploadedFile | None = None,
    enterprise: Enterprise | None = None,
    recorded_by=None,
    renews: Certificate | None = None,
) -> Certificate:
    """Record a certificate; with `renews`, a renewal that keeps the renewed one in the history."""
    if renews is not None:
        if renews.learner_id != learner.pk:
            raise _invalid(
                "renews", _("A certificate can only renew one of the same person's."), "renews_other_person"
            )
        if Certificate.objects.filter(renews=renews).exists():
            raise _invalid("renews", _("This certificate has already been renewed."), "already_renewed")
        if issued_on < renews.issued_on:
            raise _invalid(
                "issued_on",
                _("A renewal cannot be issued before the certificate it renews."),
                "renewal_before_original",
            )
        kind = renews.kind
        operation_item = operation_item or renews.operation_item
    if scan is not None:
        check_evidence_file(scan)
    certificate = Certificate(
        learner=learner,
        kind=kind,
        operation_item=operation_item.strip(),
        number=number.strip(),
        issuing_authority=issuing_authority.strip(),
        issued_on=issued_on,
        next_review_on=next_review_on,
        valid_until=valid_until,
        enterprise=enterprise,
        recorded_by=recorded_by,
        renews=renews,
    )
    _check_certificate(certificate)
    certificate.full_clean(exclude=["scan", "recorded_by"])
    if scan is not None:
        certificate.scan.save(scan.name, scan, save=False)
    certificate.save()
    return certificate


@transaction.atomic
def assessment_record(
    *,
    learner: Learner,
    kind: str,
    assessed_on: datetime.date,
    passed: bool,
    score=None,
    title: str = "",
    enterprise: Enterprise | None = None,
    recorded_by=None,
) -> Assessment:
    assessment = Assessment(
        learner=learner,
        kind=kind,
        title=title.strip(),
        assessed_on=assessed_on,
        score=score,
        passed=passed,
        enterprise=enterprise,
        recorded_by=recorded_by,
    )
    assessment.full_clean(exclude=["recorded_by"])
    assessment.save()
    return assessment


@transaction.atomic
def accident_record_create(
    *,
    learner: Learner,
    occurred_on: datetime.date,
    accident: str,
    role: str,
    with_deaths: bool,
    enterprise: Enterprise | None = None,
    recorded_by=None,
) -> AccidentRecord:
    record = AccidentRecord(
        learner=learner,
        occurred_on=occurred_on,
        accident=accident.strip(),
        role=role,
        with_deaths=with_deaths,
        enterprise=enterprise,
        recorded_by=recorded_by,
    )
    record.full_clean(exclude=["recorded_by"])
    record.save()
    return record


# Letters and digits that cannot be mistaken for each other when read aloud or copied from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"


@transaction.atomic
def learner_issue_password(*, learner: Learner, issued_by) -> str:
    """Give the person a new random password, to be handed over once; they change it after signing in.

    Imported people have no account until this is done: nobody can sign in as a person whose
    identity number and phone an attacker merely knows.
    """
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))
    learner_set_password(learner=learner, password=password)
    return password

"""Writes to people and their files. Each function is one transaction and validates fully first,
so that nothing is half-written; roster imports live in `learners.roster`."""

import datetime
import secrets
from collections.abc import Callable, Iterable, Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from .choices import Role
from .errors import CertificateError, EngagementError
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
from .operation_items import operation_items_unique
from .uploads import check_evidence_file


def _cleaned(field: str, clean: Callable[[str], str], value: str) -> str:
    """`clean(value)`, its refusal (with its code) reported against `field`, as forms show it."""
    try:
        return clean(value)
    except ValidationError as error:
        raise ValidationError({field: error}) from None


def _full_clean(*checks: tuple[models.Model, Sequence[str]]) -> None:
    """`full_clean` each instance without the excluded fields; every refusal at once, field by field."""
    errors: dict[str, list[ValidationError]] = {}
    for instance, exclude in checks:
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as error:
            for field, field_errors in error.error_dict.items():
                errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def enterprise_create(
    *, name: str, credit_code: str, industry: str, prefecture: str, size: str = "small"
) -> Enterprise:
    enterprise = Enterprise(
        name=name.strip(),
        credit_code=_cleaned("credit_code", credit_code_clean, credit_code),
        industry=industry,
        prefecture=prefecture,
        size=size,
    )
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_update(
    *,
    enterprise: Enterprise,
    name: str,
    credit_code: str,
    industry: str,
    prefecture: str,
    size: str,
    administrators: Iterable[AbstractUser] | None = None,
) -> Enterprise:
    """Correct an enterprise's details, its credit code checked as on creation. With `administrators`, they
    become the accounts that act for it (those not listed stop acting for it)."""
    enterprise.name = name.strip()
    enterprise.credit_code = _cleaned("credit_code", credit_code_clean, credit_code)
    enterprise.industry = industry
    enterprise.prefecture = prefecture
    enterprise.size = size
    enterprise.full_clean()
    enterprise.save()
    if administrators is not None:
        enterprise.administrators.set(administrators)
    return enterprise


@transaction.atomic
def enterprise_administrator_add(*, enterprise: Enterprise, user) -> None:
    enterprise.administrators.add(user)


@transaction.atomic
def authority_user_create(*, username: str, password: str, prefecture: str = "", **fields) -> AbstractUser:
    """A new account for an emergency-management bureau: `prefecture` blank for the province. The username
    is checked (characters, not taken) before anything is written; `fields` are the account's other fields."""
    user_model = get_user_model()
    user = user_model(username=user_model.normalize_username(username), **fields)
    user.set_password(password)
    authority = AuthorityUser(user=user, prefecture=prefecture)
    _full_clean((user, ["password"]), (authority, ["user"]))
    user.save()
    authority.save()
    return user


@transaction.atomic
def authority_user_update(
    *, authority_user: AuthorityUser, first_name: str, prefecture: str
) -> AuthorityUser:
    """Rename an authority account (it is named after its bureau) or move it to another prefecture, which
    changes at once which enterprises and people it sees."""
    user = authority_user.user
    user.first_name = first_name.strip()
    authority_user.prefecture = prefecture
    _full_clean((user, ["password"]), (authority_user, ["user"]))
    user.save(update_fields=["first_name"])
    authority_user.save(update_fields=["prefecture"])
    return authority_user


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
def learner_update(*, learner: Learner, name: str, phone: str, education: str) -> Learner:
    """Correct a person's name, mobile number and education. The identity number is who the person is: it is
    never changed (a wrong one means another person's file), and not re-judged here either."""
    learner.name = name.strip()
    # NULL, not '', when there is none: the column is unique.
    learner.phone = _cleaned("phone", phone_clean, phone) or None
    learner.education = education
    learner.full_clean(exclude=["identity_number", "user"])
    learner.save(update_fields=["name", "phone", "education", "updated_at"])
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
        raise _invalid(
            "roles",
            _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)},
            EngagementError.UNKNOWN_ROLE,
        )
    if not roles:
        raise _invalid("roles", _("Choose at least one role."), EngagementError.ROLES_REQUIRED)
    return [role for role in Role.values if role in roles]


OPERATION_ITEM_MAX_LENGTH = 100
OPERATION_ITEMS_MAX = 10


def operation_items_clean(*, operation_items: Sequence[str], roles: Sequence[str]) -> list[str]:
    """The operation items of a post, stripped and without repeats of the same item (`operation_item_key`:
    full-width, spaces and case aside), first spelling kept, order kept.

    Only a special operator's post needs special operation items (先持证后上岗 per item): items on any
    other post would be checked against certificates the person is not required to hold, so they are
    refused rather than kept. Pure: the roster import uses it row by row.
    """
    items: list[str] = []
    for item in operation_items:
        item = str(item).strip()
        if not item:
            raise ValidationError(
                _("An operation item cannot be empty."), code=EngagementError.OPERATION_ITEM_BLANK
            )
        if len(item) > OPERATION_ITEM_MAX_LENGTH:
            raise ValidationError(
                _("An operation item has at most %(limit)s characters; %(item)s has %(length)s.")
                % {"limit": OPERATION_ITEM_MAX_LENGTH, "item": item[:20] + "…", "length": len(item)},
                code=EngagementError.OPERATION_ITEM_TOO_LONG,
            )
        items.append(item)
    items = operation_items_unique(items)
    if len(items) > OPERATION_ITEMS_MAX:
        raise ValidationError(
            _("A post needs at most %(limit)s operation items; %(count)s are given.")
            % {"limit": OPERATION_ITEMS_MAX, "count": len(items)},
            code=EngagementError.TOO_MANY_OPERATION_ITEMS,
        )
    if items and Role.SPECIAL_OPERATOR not in roles:
        raise ValidationError(
            _(
                "Only a special operator's post has special operation items; add the role "
                "special operator or leave the operation items empty."
            ),
            code=EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR,
        )
    return items


def _check_operation_items(operation_items: Sequence[str], roles: Sequence[str]) -> list[str]:
    try:
        return operation_items_clean(operation_items=operation_items, roles=roles)
    except ValidationError as error:
        raise ValidationError({"operation_items": error}) from None


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
    operation_items: Sequence[str] = (),
) -> Engagement:
    roles = _check_roles(roles)
    operation_items = _check_operation_items(operation_items, roles)
    if ended_on is not None and ended_on < started_on:
        raise _invalid(
            "ended_on", _("The end date cannot be before the start date."), EngagementError.END_BEFORE_START
        )
    engagement = Engagement(
        learner=learner,
        enterprise=enterprise,
        position=position.strip(),
        employment_type=employment_type,
        operation_items=operation_items,
        started_on=started_on,
        ended_on=ended_on,
    )
    engagement.full_clean()
    engagement.save()
    EngagementRole.objects.bulk_create(EngagementRole(engagement=engagement, role=role) for role in roles)
    return engagement


@transaction.atomic
def engagement_update(*, engagement: Engagement, operation_items: Sequence[str]) -> Engagement:
    """Set the operation items of a post. Position, roles and employment type are not corrected here:
    the roster import does that, and records a change of position as a new engagement."""
    engagement.operation_items = _check_operation_items(operation_items, engagement.role_codes)
    engagement.save(update_fields=["operation_items"])
    return engagement


@transaction.atomic
def engagement_end(*, engagement: Engagement, ended_on: datetime.date) -> Engagement:
    if ended_on < engagement.started_on:
        raise _invalid(
            "ended_on", _("The end date cannot be before the start date."), EngagementError.END_BEFORE_START
        )
    engagement.ended_on = ended_on
    engagement.save(update_fields=["ended_on"])
    return engagement


def _check_certificate(certificate: Certificate) -> None:
    errors = {}
    if certificate.kind == CertificateKind.SPECIAL_OPERATION and not certificate.operation_item:
        errors["operation_item"] = ValidationError(
            _("A special operation certificate names its operation item."),
            code=CertificateError.OPERATION_ITEM_REQUIRED,
        )
    if certificate.valid_until and certificate.valid_until < certificate.issued_on:
        errors["valid_until"] = ValidationError(
            _("A certificate cannot expire before it is issued."), code=CertificateError.END_BEFORE_START
        )
    if certificate.next_review_on and certificate.next_review_on < certificate.issued_on:
        errors["next_review_on"] = ValidationError(
            _("The next review cannot be before the certificate is issued."),
            code=CertificateError.END_BEFORE_START,
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
                "renews",
                _("A certificate can only renew one of the same person's."),
                CertificateError.RENEWS_OTHER_PERSON,
            )
        if Certificate.objects.filter(renews=renews).exists():
            raise _invalid(
                "renews", _("This certificate has already been renewed."), CertificateError.ALREADY_RENEWED
            )
        if issued_on < renews.issued_on:
            raise _invalid(
                "issued_on",
                _("A renewal cannot be issued before the certificate it renews."),
                CertificateError.RENEWAL_BEFORE_ORIGINAL,
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

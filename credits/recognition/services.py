"""Recognition (认定) of learning done outside the academy: a worker, or an administrator of an enterprise
they work for now, submits it with evidence; an authority reviewer accepts it (with the class hours
granted, at most those claimed) or rejects it, always with a reason; an accepted request enters the
credit bank under the standard in force on the day the learning was completed, and a reviewer can
reverse it later (forged evidence, say) with a reversing bank entry.

Writes (`recognition_*` services) are one transaction each and change nothing when they refuse; refusals
are ValidationErrors whose codes are `RecognitionError`'s (or the bank's `BankError`'s). Reads
(`recognitions_*` selectors) start from who may see whom (`learners.access`) and make a fixed number
of queries whatever the number of rows.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from credits.bank.models import BankEntry
from credits.bank.services import bank_entry_for_recognition, bank_entry_reverse
from credits.errors import RecognitionError
from credits.offline.selectors import offline_roster
from credits.recognition.models import Recognition, RecognitionDecision, RecognitionKind
from learners.access import can_manage_enterprise, learners_visible_to, viewer_scope
from learners.models import AuthorityUser, Engagement, Enterprise, Learner
from learners.uploads import check_evidence_file

# The most class hours one request may claim: a vocational-school course runs to a few hundred hours;
# more than this is a typing error, or several requests.
MAX_CLASS_HOURS_CLAIMED = Decimal("500")
CLASS_HOURS_STEP = Decimal("0.1")


class RecognitionStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Awaiting review")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    REJECTED = "rejected", gettext_lazy("Rejected")
    REVERSED = "reversed", gettext_lazy("Accepted, then reversed")


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _class_hours(value) -> Decimal | None:
    """A positive number of class hours to one decimal place, or None."""
    try:
        hours = Decimal(str(value).strip()) if value is not None else None
    except (InvalidOperation, TypeError, ValueError):
        return None
    if hours is None or not hours.is_finite() or hours <= 0 or hours != hours.quantize(CLASS_HOURS_STEP):
        return None
    return hours


# Who may do what


def _submitting_enterprise(*, learner: Learner, submitted_by, enterprise: Enterprise | None):
    """The enterprise a request is submitted for (None for a worker's own request without one), or a
    refusal. An administrator submits only for someone who works for their enterprise now."""
    is_self = learner.user_id is not None and learner.user_id == submitted_by.pk
    current = Engagement.objects.current().filter(learner=learner)
    if enterprise is not None:
        if not is_self and not can_manage_enterprise(submitted_by, enterprise):
            raise _error(
                _("You may not submit a recognition request for this person."), RecognitionError.NOT_ALLOWED
            )
        if not current.filter(enterprise=enterprise).exists():
            if not is_self:
                raise _error(
                    _("You may only submit for people who work for your enterprise now."),
                    RecognitionError.NOT_ALLOWED,
                )
            raise ValidationError(
                {
                    "enterprise": [
                        _error(
                            _("You do not work for %(enterprise)s now.") % {"enterprise": enterprise.name},
                            RecognitionError.NOT_ENGAGED,
                        )
                    ]
                }
            )
        return enterprise
    if is_self:
        return None
    scope = viewer_scope(submitted_by)
    if not scope.everything:
        current = current.filter(enterprise_id__in=scope.administered_enterprise_ids)
    enterprise_id = current.order_by("enterprise_id").values_list("enterprise_id", flat=True).first()
    if enterprise_id is None:
        raise _error(
            _("You may not submit a recognition request for this person."), RecognitionError.NOT_ALLOWED
        )
    return Enterprise.objects.get(pk=enterprise_id)


def is_reviewer(user) -> bool:
    """An authority user (of any prefecture, or the province) or a superuser."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or AuthorityUser.objects.filter(user=user).exists()


def may_review(user, recognition: Recognition) -> bool:
    """May decide or reverse this request: a superuser, a provincial authority user, or an authority user
    of a prefecture who may see the person (`learners.access`); never on a request of their own."""
    if not is_reviewer(user):
        return False
    if recognition.learner.user_id == user.pk:
        return False
    scope = viewer_scope(user)
    if scope.everything or scope.authority_prefecture == "":
        return True
    return learners_visible_to(user).filter(pk=recognition.learner_id).exists()


def _check_reviewer(user, recognition: Recognition) -> None:
    not_a_reviewer = _error(
        _("Only authority reviewers who oversee this person decide on their recognition requests."),
        RecognitionError.NOT_A_REVIEWER,
    )
    if not is_reviewer(user):
        raise not_a_reviewer
    if recognition.learner.user_id is not None and recognition.learner.user_id == user.pk:
        raise _error(_("Nobody reviews a request of their own."), RecognitionError.OWN_REQUEST)
    if not may_review(user, recognition):
        raise not_a_reviewer


def _reason(reason: str | None, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_error(message, RecognitionError.REASON_REQUIRED)]})
    if len(reason) > 500:
        raise ValidationError(
            {"reason": [_error(_("Keep the reason to 500 characters."), RecognitionError.REASON_REQUIRED)]}
        )
    return reason


# Services


@transaction.atomic
def recognition_submit(
    *,
    learner: Learner,
    submitted_by,
    enterprise: Enterprise | None = None,
    kind: str,
    title: str,
    provider: str,
    completed_on: datetime.date,
    class_hours_claimed: Decimal | str,
    evidence: UploadedFile | None,
) -> Recognition:
    """Submit outside learning for recognition, all or nothing: no row and no stored file on refusal."""
    enterprise = _submitting_enterprise(learner=learner, submitted_by=submitted_by, enterprise=enterprise)
    title, provider = (title or "").strip(), (provider or "").strip()
    errors: dict[str, list[ValidationError]] = {}
    if kind not in RecognitionKind.values:
        errors["kind"] = [_error(_("Choose what kind of learning this was."), RecognitionError.KIND_INVALID)]
    if not title:
        errors["title"] = [_error(_("Give the course or training's name."), RecognitionError.REQUIRED)]
    if not provider:
        errors["provider"] = [_error(_("Give who provided it."), RecognitionError.REQUIRED)]
    if completed_on > timezone.localdate():
        errors["completed_on"] = [
            _error(
                _("Learning cannot be recognised before it is completed."),
                RecognitionError.COMPLETED_IN_FUTURE,
            )
        ]
    hours = _class_hours(class_hours_claimed)
    if hours is None or hours > MAX_CLASS_HOURS_CLAIMED:
        errors["class_hours_claimed"] = [
            _error(
                _("Class hours must be more than 0 and at most %(max)s, to one decimal place.")
                % {"max": MAX_CLASS_HOURS_CLAIMED},
                RecognitionError.CLASS_HOURS_OUT_OF_RANGE,
            )
        ]
    if evidence is None:
        errors["evidence"] = [
            _error(
                _("Attach the evidence: a certificate, transcript or attendance record."),
                RecognitionError.EVIDENCE_REQUIRED,
            )
        ]
    else:
        try:
            check_evidence_file(evidence)
        except ValidationError as error:
            errors["evidence"] = error.error_list
    recognition = Recognition(
        learner=learner,
        enterprise=enterprise,
        kind=kind,
        title=title,
        provider=provider,
        completed_on=completed_on,
        class_hours_claimed=hours,
        submitted_by=submitted_by,
    )
    if not errors:
        try:
            recognition.clean_fields(exclude=["evidence", "learner", "enterprise", "submitted_by"])
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)

    recognition.evidence.save(evidence.name, evidence, save=False)
    try:
        recognition.save()
    except BaseException:
        # The row rolls back with the transaction; the file does not, so it goes explicitly.
        recognition.evidence.storage.delete(recognition.evidence.name)
        raise
    return recognition


@transaction.atomic
def recognition_decide(
    *,
    recognition: Recognition,
    decided_by,
    accepted: bool,
    class_hours_granted: Decimal | str | None = None,
    reason: str,
) -> RecognitionDecision:
    """Accept (with the class hours granted, at most those claimed) or reject a request, once. Accepting
    puts the granted hours in the person's credit bank."""
    # Two reviewers deciding at once: the row lock makes the second see the first's decision.
    recognition = Recognition.objects.select_for_update().select_related("learner").get(pk=recognition.pk)
    _check_reviewer(decided_by, recognition)
    if RecognitionDecision.objects.filter(recognition=recognition).exists():
        raise _error(_("This request has already been decided."), RecognitionError.ALREADY_DECIDED)
    reason = _reason(reason, _("Say why the request is accepted or rejected."))
    hours = None
    if accepted:
        if class_hours_granted in (None, ""):
            raise ValidationError(
                {
                    "class_hours_granted": [
                        _error(_("Give the class hours granted."), RecognitionError.GRANT_REQUIRED)
                    ]
                }
            )
        hours = _class_hours(class_hours_granted)
        if hours is None or hours > recognition.class_hours_claimed:
            raise ValidationError(
                {
                    "class_hours_granted": [
                        _error(
                            _("Grant more than 0 and at most the %(claimed)s class hours claimed.")
                            % {"claimed": recognition.class_hours_claimed},
                            RecognitionError.GRANT_OUT_OF_RANGE,
                        )
                    ]
                }
            )
    elif class_hours_granted not in (None, ""):
        raise ValidationError(
            {
                "class_hours_granted": [
                    _error(
                        _("A rejected request grants no class hours."), RecognitionError.GRANT_ON_REJECTION
                    )
                ]
            }
        )
    decision = RecognitionDecision(
        recognition=recognition,
        accepted=accepted,
        class_hours_granted=hours,
        reason=reason,
        decided_by=decided_by,
    )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise _error(_("This request has already been decided."), RecognitionError.ALREADY_DECIDED) from None
    if accepted:
        bank_entry_for_recognition(decision=decision)
    return decision


@transaction.atomic
def recognition_reverse(
    *, recognition: Recognition, by, reason: str, entry: BankEntry | None = None
) -> BankEntry:
    """Reverse an accepted request's bank entry (by default its original one) with a reason: the hours
    stop counting and the request stays on record. The bank refuses a reversal of a reversal and a second
    reversal, with its own codes (`credits.bank.BankError`)."""
    recognition = Recognition.objects.select_related("learner").get(pk=recognition.pk)
    _check_reviewer(by, recognition)
    reason = _reason(reason, _("Say why the recognition is reversed."))
    entries = BankEntry.objects.filter(recognition=recognition)
    if entry is None:
        entry = entries.filter(reverses__isnull=True).order_by("pk").first()
        if entry is None:
            raise _error(
                _("Only an accepted request has class hours to reverse."), RecognitionError.NOT_ACCEPTED
            )
    elif not entries.filter(pk=entry.pk).exists():
        raise _error(
            _("That bank entry is not one of this request's."), RecognitionError.ENTRY_NOT_OF_REQUEST
        )
    return bank_entry_reverse(entry=entry, by=by, reason=reason)


# Selectors


def _with_status(recognitions: QuerySet[Recognition]) -> QuerySet[Recognition]:
    reversed_ = BankEntry.objects.filter(recognition=OuterRef("pk"), reverses__isnull=False)
    return recognitions.select_related("learner", "enterprise", "decision", "submitted_by").annotate(
        status=Case(
            When(decision__isnull=True, then=Value(RecognitionStatus.PENDING.value)),
            When(decision__accepted=False, then=Value(RecognitionStatus.REJECTED.value)),
            When(Exists(reversed_), then=Value(RecognitionStatus.REVERSED.value)),
            default=Value(RecognitionStatus.ACCEPTED.value),
            output_field=models.CharField(),
        )
    )


def recognitions_visible_to(*, user) -> QuerySet[Recognition]:
    """The requests `user` may see, newest first, each with its `status`, person, enterprise and decision
    joined (one query for any number of rows):
    - their own;
    - an enterprise administrator's: those of people who work for their enterprise now, and those
      submitted for their enterprise (a former employer keeps what it submitted, nothing later);
    - an authority user's: those of people they may see (a provincial user: everyone's);
    - a superuser's: all."""
    scope = viewer_scope(user)
    if scope.everything or scope.authority_prefecture == "":
        return _with_status(Recognition.objects.all()).order_by("-submitted_at", "-pk")
    condition = Q(learner_id=scope.learner_id) if scope.learner_id else Q(pk__in=[])
    if scope.administered_enterprise_ids:
        works_there_now = Engagement.objects.current().filter(
            learner_id=OuterRef("learner_id"), enterprise_id__in=scope.administered_enterprise_ids
        )
        condition |= Q(enterprise_id__in=scope.administered_enterprise_ids) | Exists(works_there_now)
    if scope.is_authority:
        condition |= Q(learner__in=learners_visible_to(user))
    return _with_status(Recognition.objects.filter(condition)).order_by("-submitted_at", "-pk")


def recognition_review_queue(*, user) -> QuerySet[Recognition]:
    """The requests awaiting `user`'s review, oldest first (first come, first served); none for someone
    who is not a reviewer, and never their own."""
    if not is_reviewer(user):
        return Recognition.objects.none()
    return (
        recognitions_visible_to(user=user)
        .filter(decision__isnull=True)
        .exclude(learner__user=user)
        .order_by("submitted_at", "pk")
    )


def recognition_detail(*, user, pk: int) -> Recognition | None:
    """One request `user` may see, with its decision and its bank entries (`bank_entries`, oldest first,
    each with who made it); None when they may not see it. Two queries."""
    entries = BankEntry.objects.select_related("created_by").order_by("pk")
    return (
        recognitions_visible_to(user=user)
        .select_related("decision__decided_by")
        .prefetch_related(Prefetch("bank_entries", queryset=entries))
        .filter(pk=pk)
        .first()
    )


def recognition_submit_roster(
    *, enterprise: Enterprise, on: datetime.date | None = None
) -> list[tuple[int, str]]:
    """The people an administrator may submit for: those engaged with `enterprise` on `on` (today), once
    each, by name, as (learner id, name and masked identity number). One query."""
    return [
        (pk, f"{name} {masked}" + (f" · {positions}" if positions else ""))
        for pk, name, masked, positions in offline_roster(
            enterprise=enterprise, on=on or timezone.localdate()
        )
    ]


def with_status_labels(recognitions) -> list[Recognition]:
    """The rows with `status_label` set from their annotated `status`, for templates."""
    rows = list(recognitions)
    for row in rows:
        row.status_label = RecognitionStatus(row.status).label
    return rows

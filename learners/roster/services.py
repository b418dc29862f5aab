"""Step 3 of a roster import: one transaction of bulk writes, or, if any row has a problem, nothing at
all and a row-by-row report; the upload is kept with the import's record unless the file itself was
refused."""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.access import can_manage_enterprise
from learners.errors import RosterError
from learners.identity import identity_number_mask
from learners.models import (
    Engagement,
    EngagementRole,
    Enterprise,
    Learner,
    RosterImport,
    RosterImportStatus,
)
from learners.roster.checks import (
    WRITING,
    KnownEngagement,
    KnownLearner,
    RosterRow,
    RowPlan,
    roster_row_plan,
    roster_rows_clean,
)
from learners.roster.format import (
    ACTIONS,
    CHUNK_ROWS,
    MAX_LISTED_PROBLEMS,
    NOT_KEPT,
    ROLE_ORDER,
    Progress,
    RosterAction,
    RosterProblem,
    RosterRefused,
    file_problem,
)
from learners.roster.reading import roster_file_read, roster_upload_check
from learners.signals import roster_applied


def _chunks(items: Sequence, size: int = CHUNK_ROWS) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _register_plans(
    *, enterprise: Enterprise, rows: list[RosterRow], today: datetime.date
) -> tuple[list[RowPlan], list[RosterProblem]]:
    """Read what the register already holds about these people, in chunks, and plan every row."""
    known: dict[str, KnownLearner] = {}
    for chunk in _chunks([row.identity_number for row in rows]):
        for values in Learner.objects.filter(identity_number__in=chunk).values(
            "pk", "identity_number", "name", "phone", "education"
        ):
            values["phone"] = values["phone"] or ""
            known[values["identity_number"]] = KnownLearner(**values)
    phone_owner: dict[str, str] = {}
    for chunk in _chunks([row.phone for row in rows if row.phone]):
        phone_owner.update(Learner.objects.filter(phone__in=chunk).values_list("phone", "identity_number"))
    engagements: dict[int, list[KnownEngagement]] = defaultdict(list)
    for chunk in _chunks([learner.pk for learner in known.values()]):
        roles: dict[int, set[str]] = defaultdict(set)
        found = list(
            Engagement.objects.filter(enterprise=enterprise, learner_id__in=chunk).values_list(
                "pk", "learner_id", "position", "employment_type", "started_on", "ended_on", "operation_items"
            )
        )
        for engagement_chunk in _chunks([values[0] for values in found]):
            for engagement_id, role in EngagementRole.objects.filter(
                engagement_id__in=engagement_chunk
            ).values_list("engagement_id", "role"):
                roles[engagement_id].add(role)
        for pk, learner_id, position, employment_type, started_on, ended_on, operation_items in found:
            engagements[learner_id].append(
                KnownEngagement(
                    pk=pk,
                    position=position,
                    employment_type=employment_type,
                    started_on=started_on,
                    ended_on=ended_on,
                    roles=tuple(code for code in ROLE_ORDER if code in roles[pk]),
                    operation_items=tuple(operation_items or ()),
                )
            )
    plans, problems = [], []
    for row in rows:
        learner = known.get(row.identity_number)
        plan, row_problems = roster_row_plan(
            row,
            learner=learner,
            engagements=engagements[learner.pk] if learner else (),
            phone_owner=phone_owner.get(row.phone),
            today=today,
        )
        problems += row_problems
        if plan is not None:
            plans.append(plan)
    return plans, problems


def _write(*, enterprise: Enterprise, plans: list[RowPlan], progress: Progress | None) -> None:
    """Bulk writes, a chunk of rows at a time; the caller's transaction makes them all or nothing."""
    now = timezone.now()
    total = len(plans)
    done = 0
    for chunk in _chunks(plans):
        new_learners = [
            Learner(
                identity_number=plan.row.identity_number,
                name=plan.row.name,
                phone=plan.row.phone or None,
                education=plan.row.education,
            )
            for plan in chunk
            if plan.learner is None
        ]
        Learner.objects.bulk_create(new_learners)
        learner_ids = {learner.identity_number: learner.pk for learner in new_learners}
        if new_learners and any(learner.pk is None for learner in new_learners):
            # Databases that cannot return ids from a bulk insert.
            learner_ids = dict(
                Learner.objects.filter(identity_number__in=list(learner_ids)).values_list(
                    "identity_number", "pk"
                )
            )
        for plan in chunk:
            if plan.learner is not None:
                learner_ids[plan.row.identity_number] = plan.learner.pk

        Learner.objects.bulk_update(
            [
                Learner(
                    pk=plan.learner.pk,
                    phone=(plan.row.phone if "phone" in plan.fields else plan.learner.phone) or None,
                    education=plan.row.education if "education" in plan.fields else plan.learner.education,
                    updated_at=now,
                )
                for plan in chunk
                if plan.learner is not None and plan.learner_fields
            ],
            ["phone", "education", "updated_at"],
        )
        Engagement.objects.bulk_update(
            [
                Engagement(pk=plan.end_engagement, ended_on=plan.row.started_on - datetime.timedelta(days=1))
                for plan in chunk
                if plan.end_engagement
            ],
            ["ended_on"],
        )
        corrected = [plan for plan in chunk if plan.update_engagement]
        Engagement.objects.bulk_update(
            [
                Engagement(
                    pk=plan.update_engagement,
                    position=plan.row.position,
                    employment_type=plan.row.employment_type,
                    operation_items=list(plan.operation_items),
                    started_on=plan.row.started_on,
                )
                for plan in corrected
            ],
            ["position", "employment_type", "operation_items", "started_on"],
        )
        replaced = [plan for plan in corrected if plan.replace_roles]
        EngagementRole.objects.filter(
            engagement_id__in=[plan.update_engagement for plan in replaced]
        ).delete()
        roles = [
            EngagementRole(engagement_id=plan.update_engagement, role=role)
            for plan in replaced
            for role in plan.row.roles
        ]

        created_plans = [plan for plan in chunk if plan.create_engagement]
        new_engagements = [
            Engagement(
                learner_id=learner_ids[plan.row.identity_number],
                enterprise=enterprise,
                position=plan.row.position,
                employment_type=plan.row.employment_type,
                operation_items=list(plan.operation_items),
                started_on=plan.row.started_on,
            )
            for plan in created_plans
        ]
        Engagement.objects.bulk_create(new_engagements)
        if any(engagement.pk is None for engagement in new_engagements):
            # SQLite >= 3.35 and PostgreSQL return them; the roles below cannot be written without.
            raise RuntimeError("The database did not return the ids of new engagements.")
        roles += [
            EngagementRole(engagement_id=engagement.pk, role=role)
            for plan, engagement in zip(created_plans, new_engagements, strict=True)
            for role in plan.row.roles
        ]
        EngagementRole.objects.bulk_create(roles, batch_size=CHUNK_ROWS)
        done += len(chunk)
        if progress:
            progress(done, total, WRITING)


def _change(plan: RowPlan) -> dict:
    return {
        "row": plan.row.row,
        "identity_number_masked": identity_number_mask(plan.row.identity_number),
        "name": plan.row.name,
        "action": plan.action,
        "fields": list(plan.fields),
        "learner_created": plan.learner is None,
    }


def _read_upload(file) -> tuple[str, bytes]:
    name = PurePath(str(file.name or "")).name[:255]
    roster_upload_check(name=name, size=file.size)
    file.seek(0)
    data = file.read()
    file.seek(0)
    return name, data


def _record(
    *,
    enterprise: Enterprise,
    user,
    name: str,
    data: bytes | None,
    status: str,
    report: dict,
    row_count: int = 0,
    counts: dict | None = None,
) -> RosterImport:
    counts = counts or {}
    record = RosterImport(
        enterprise=enterprise,
        uploaded_by=user,
        filename=name,
        status=status,
        row_count=row_count,
        created_count=counts.get(RosterAction.CREATED, 0),
        updated_count=counts.get(RosterAction.UPDATED, 0) + counts.get(RosterAction.NEW_POSITION, 0),
        unchanged_count=counts.get(RosterAction.UNCHANGED, 0),
        report=report,
    )
    if data is not None:
        # A random stored name: the file holds identity numbers, and its own name may be guessable.
        suffix = PurePath(name).suffix.lower()
        record.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    record.save()
    return record


def roster_import_apply(
    *,
    enterprise: Enterprise,
    user,
    file,
    progress: Progress | None = None,
    today: datetime.date | None = None,
) -> RosterImport:
    """Import a roster file for `enterprise`: all of it, or — if any row has a problem — none of it.

    Returns the `RosterImport` record either way: status applied, with counts and every row's change
    in `report["changes"]`; or status refused, with `report["errors"]` (at most MAX_LISTED_PROBLEMS,
    and `report["error_count"]`). A refusal is recorded after the rolled-back transaction, so the
    history shows it. The uploaded file is kept as evidence, unless it is not a roster at all.

    `progress(done, total, phase)` is called every CHUNK_ROWS rows while checking and while writing.
    """
    if not can_manage_enterprise(user, enterprise):
        raise PermissionDenied(_("Only an administrator of this enterprise may import its roster."))
    today = today or timezone.localdate()
    name = PurePath(str(file.name or "")).name[:255]
    data = None
    report: dict = {}
    row_count = 0
    try:
        name, data = _read_upload(file)
        table = roster_file_read(name=name, data=data)
        report["source"] = table.source
        row_count = len(table.rows)
        rows, problems = roster_rows_clean(table, today=today, progress=progress)
        if problems:
            raise RosterRefused(problems)
        try:
            with transaction.atomic():
                plans, problems = _register_plans(enterprise=enterprise, rows=rows, today=today)
                if problems:
                    raise RosterRefused(problems)
                _write(enterprise=enterprise, plans=plans, progress=progress)
                roster_applied.send(
                    sender=RosterImport,
                    enterprise=enterprise,
                    identity_numbers=[plan.row.identity_number for plan in plans],
                    on=today,
                )
                counts = dict.fromkeys(ACTIONS, 0)
                for plan in plans:
                    counts[plan.action] += 1
                report.update(
                    counts=counts,
                    learners_created=sum(plan.learner is None for plan in plans),
                    changes=[_change(plan) for plan in plans],
                )
                return _record(
                    enterprise=enterprise,
                    user=user,
                    name=name,
                    data=data,
                    status=RosterImportStatus.APPLIED,
                    report=report,
                    row_count=row_count,
                    counts=counts,
                )
        except IntegrityError:
            # Someone else registered one of these people (or their phone) while we were checking.
            raise file_problem(
                RosterError.CONCURRENT_CHANGE,
                _(
                    "Some of these people were changed by someone else during the import; import the file again."
                ),
            )
    except RosterRefused as refusal:
        problems = sorted(refusal.problems, key=lambda problem: problem.row or 0)
        report.update(
            error_count=len(problems),
            errors=[problem.as_dict() for problem in problems[:MAX_LISTED_PROBLEMS]],
        )
        keep = data is not None and not any(problem.code in NOT_KEPT for problem in problems)
        return _record(
            enterprise=enterprise,
            user=user,
            name=name,
            data=data if keep else None,
            status=RosterImportStatus.REFUSED,
            report=report,
            row_count=row_count,
        )

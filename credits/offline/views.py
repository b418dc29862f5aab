"""Offline training pages: an enterprise's list (and its Excel download), recording a session with its
evidence, a session's details with its attendees, the evidence itself, and withdrawing a session.

Only an administrator of the enterprise (or a superuser) gets these pages; anyone else signed in gets a
403 page that says why. A training or enterprise that is not the viewer's is a 404, so ids reveal
nothing. The rules live in `credits.offline.services` (writes) and `credits.study.selectors` (reads).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.excel import xlsx_response
from academy.paginator import WindowCountPaginator
from credits.offline import services as offline
from credits.offline.forms import OfflineTrainingForm, WithdrawalForm
from credits.offline.models import OfflineTraining
from credits.offline.selectors import (
    offline_roster,
    offline_training_attendees,
    offline_training_list,
    offline_trainings_managed_by,
)
from learners.forms import add_service_errors
from learners.models import Enterprise
from learners.uploads import evidence_response
from learners.views.managed import chosen_enterprise, forbidden, managed_enterprises

PAGE_SIZE = 50


def _not_an_administrator(request):
    return forbidden(
        request,
        _(
            "Only administrators of an enterprise record its offline training and see its records. "
            "Ask your enterprise to add your account as one of its administrators."
        ),
    )


def _training(request, pk) -> OfflineTraining:
    return get_object_or_404(offline_trainings_managed_by(user=request.user), pk=pk)


@never_cache
@login_required
@require_GET
def offline_list(request):
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    enterprise = chosen_enterprise(request.GET.get("enterprise"), enterprises)
    trainings = offline_training_list(enterprise=enterprise)
    if request.GET.get("format") == "xlsx":
        return _offline_xlsx(enterprise, trainings)
    page = WindowCountPaginator(trainings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "credits/offline_list.html",
        {"enterprise": enterprise, "enterprises": enterprises, "page_obj": page, "paginator": page.paginator},
    )


def _offline_xlsx(enterprise: Enterprise, trainings):
    rows = (
        [
            training.held_on,
            training.topic,
            training.class_hours,
            training.trainer,
            training.location,
            training.attendee_count,
            _("Withdrawn") if training.is_withdrawn else _("Counted"),
            training.withdrawal.reason if training.is_withdrawn else "",
            timezone.localtime(training.recorded_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for training in trainings.iterator(chunk_size=2000)
    )
    return xlsx_response(
        filename=_("%(enterprise)s offline training %(date)s.xlsx")
        % {"enterprise": enterprise.name, "date": timezone.localdate().isoformat()},
        title=_("Offline training"),
        headers=[
            _("Held on"),
            _("Topic"),
            _("Class hours"),
            _("Trainer"),
            _("Location"),
            _("Attendees"),
            _("Status"),
            _("Reason for withdrawal"),
            _("Recorded at"),
        ],
        rows=rows,
    )


@never_cache
@login_required
def offline_new(request):
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    enterprise = chosen_enterprise(request.GET.get("enterprise"), enterprises)
    choices = [
        (pk, f"{name} {masked} · {positions}")
        for pk, name, masked, positions in offline_roster(enterprise=enterprise, on=timezone.localdate())
    ]
    if request.method == "POST":
        form = OfflineTrainingForm(request.POST, request.FILES, attendee_choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                training = offline.offline_training_record(
                    enterprise=enterprise,
                    recorded_by=request.user,
                    topic=data["topic"],
                    held_on=data["held_on"],
                    class_hours=data["class_hours"],
                    trainer=data["trainer"],
                    location=data["location"],
                    evidence=data["evidence"],
                    learner_ids=data["learners"],
                )
            except ValidationError as error:
                add_service_errors(form, error, file_field="evidence")
            else:
                messages.success(request, _("The training has been recorded in the files of its attendees."))
                return redirect("training:offline_detail", pk=training.pk)
    else:
        form = OfflineTrainingForm(attendee_choices=choices)
    return render(
        request,
        "credits/offline_form.html",
        {"form": form, "enterprise": enterprise, "enterprises": enterprises},
        status=400 if form.errors else 200,
    )


def _render_detail(request, training: OfflineTraining, form: WithdrawalForm | None = None, status=200):
    return render(
        request,
        "credits/offline_detail.html",
        {
            "training": training,
            "attendees": offline_training_attendees(training=training),
            "form": form or WithdrawalForm(),
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def offline_detail(request, pk):
    if not managed_enterprises(request.user):
        return _not_an_administrator(request)
    return _render_detail(request, _training(request, pk))


@never_cache
@login_required
@require_POST
def offline_withdraw(request, pk):
    if not managed_enterprises(request.user):
        return _not_an_administrator(request)
    training = _training(request, pk)
    form = WithdrawalForm(request.POST)
    if form.is_valid():
        try:
            offline.offline_training_withdraw(
                training=training, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The training has been withdrawn; its class hours no longer count."))
            return redirect("training:offline_detail", pk=training.pk)
    return _render_detail(request, _training(request, pk), form, status=400)


@never_cache
@login_required
@require_GET
def offline_evidence(request, pk):
    """The evidence, only to the enterprise's administrators; /media/ must never serve it."""
    if not managed_enterprises(request.user):
        return _not_an_administrator(request)
    training = _training(request, pk)
    return evidence_response(training.evidence, filename_stem=f"offline-training-{training.pk}")

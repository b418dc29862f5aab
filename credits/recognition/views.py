"""Recognition (认定) pages: a worker's requests and the form to submit one (an enterprise administrator
submits for one of their people), the authority reviewer's queue, a request's details with the accept,
reject and reverse forms, and its evidence.

A request the viewer may not see is a 404, so ids reveal nothing. The rules live in
`credits.recognition.services`; the forms below only turn posted text into typed values.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.api import MAX_ID
from academy.paginator import WindowCountPaginator
from credits.errors import RecognitionError
from credits.recognition import services as service
from credits.recognition.models import Recognition, RecognitionDecision, RecognitionKind
from credits.recognition.services import RecognitionStatus
from credits.rules.standard import standard_in_force
from learners.access import viewer_scope
from learners.forms import DateInput, add_service_errors
from learners.models import Learner
from learners.uploads import evidence_response
from learners.views.managed import chosen_enterprise, forbidden, managed_enterprises

PAGE_SIZE = 50
MYSELF = "me"
# Refusals that mean "not yours to decide": a page that says so, not a form error.
NOT_YOURS = frozenset({RecognitionError.NOT_A_REVIEWER, RecognitionError.OWN_REQUEST})


def _label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


class RecognitionForm(forms.Form):
    person = forms.ChoiceField(label=gettext_lazy("Person"))
    kind = forms.ChoiceField(label=_label(Recognition, "kind"), choices=RecognitionKind.choices)
    title = forms.CharField(label=_label(Recognition, "title"), max_length=200)
    provider = forms.CharField(
        label=_label(Recognition, "provider"),
        max_length=200,
        help_text=gettext_lazy("The school, training body or platform."),
    )
    completed_on = forms.DateField(label=_label(Recognition, "completed_on"), widget=DateInput())
    # The range is the service's rule; the widget only helps the browser's own number input.
    class_hours_claimed = forms.DecimalField(
        label=_label(Recognition, "class_hours_claimed"),
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(
            attrs={"min": "0.1", "max": str(service.MAX_CLASS_HOURS_CLAIMED), "step": "0.1"}
        ),
    )
    evidence = forms.FileField(
        label=_label(Recognition, "evidence"),
        help_text=gettext_lazy("A certificate, transcript or attendance record: PDF, JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
        # The service says so in its own words, with its own code.
        required=False,
    )

    def __init__(self, *args, person_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = person_choices
        if len(person_choices) == 1:
            self.fields["person"].widget = forms.HiddenInput()
            self.initial.setdefault("person", person_choices[0][0])
        self.fields["class_hours_claimed"].help_text = _(
            "One class hour is %(minutes)s minutes of teaching."
        ) % {"minutes": standard_in_force(timezone.localdate()).minutes_per_class_hour}


class AcceptForm(forms.Form):
    class_hours_granted = forms.DecimalField(
        label=_label(RecognitionDecision, "class_hours_granted"),
        max_digits=5,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"min": "0.1", "step": "0.1"}),
        help_text=gettext_lazy("At most the class hours claimed."),
    )
    reason = forms.CharField(
        label=_label(RecognitionDecision, "reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_label(RecognitionDecision, "reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


def _detail_or_404(request, pk) -> Recognition:
    if pk > MAX_ID:  # beyond any row, and beyond what the database's integers hold
        raise Http404
    recognition = service.recognition_detail(user=request.user, pk=pk)
    if recognition is None:
        raise Http404
    return recognition


@never_cache
@login_required
@require_GET
def recognition_list(request):
    status = request.GET.get("status", "")
    recognitions = service.recognitions_visible_to(user=request.user)
    if status in RecognitionStatus.values:
        recognitions = recognitions.filter(status=status)
    page = WindowCountPaginator(recognitions, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = service.with_status_labels(page.object_list)
    scope = viewer_scope(request.user)
    return render(
        request,
        "credits/recognition_list.html",
        {
            "page_obj": page,
            "paginator": page.paginator,
            "status": status,
            "statuses": RecognitionStatus.choices,
            "may_submit": bool(scope.learner_id or scope.administered_enterprise_ids or scope.everything),
            "is_reviewer": service.is_reviewer(request.user),
        },
    )


@never_cache
@login_required
def recognition_new(request):
    scope = viewer_scope(request.user)
    enterprises = (
        managed_enterprises(request.user) if (scope.administered_enterprise_ids or scope.everything) else []
    )
    if not scope.learner_id and not enterprises:
        return forbidden(
            request,
            _(
                "Recognition requests are submitted by workers for themselves, or by an administrator of the "
                "enterprise they work for."
            ),
        )
    enterprise = chosen_enterprise(request.GET.get("enterprise"), enterprises) if enterprises else None
    choices = [(MYSELF, _("Myself"))] if scope.learner_id else []
    if enterprise is not None:
        choices += [
            (str(pk), label) for pk, label in service.recognition_submit_roster(enterprise=enterprise)
        ]
    if request.method == "POST":
        form = RecognitionForm(request.POST, request.FILES, person_choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            if data["person"] == MYSELF:
                learner, for_enterprise = Learner.objects.get(pk=scope.learner_id), None
            else:
                learner, for_enterprise = Learner.objects.get(pk=int(data["person"])), enterprise
            try:
                recognition = service.recognition_submit(
                    learner=learner,
                    submitted_by=request.user,
                    enterprise=for_enterprise,
                    kind=data["kind"],
                    title=data["title"],
                    provider=data["provider"],
                    completed_on=data["completed_on"],
                    class_hours_claimed=data["class_hours_claimed"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                add_service_errors(form, error, file_field="evidence")
            else:
                messages.success(request, _("The request has been submitted for review."))
                return redirect("training:recognition_detail", pk=recognition.pk)
    else:
        form = RecognitionForm(person_choices=choices)
    return render(
        request,
        "credits/recognition_form.html",
        {"form": form, "enterprise": enterprise, "enterprises": enterprises},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def recognition_review(request):
    if not service.is_reviewer(request.user):
        return forbidden(request, _("Only authority reviewers review recognition requests."))
    queue = service.recognition_review_queue(user=request.user)
    page = WindowCountPaginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = service.with_status_labels(page.object_list)
    return render(request, "credits/recognition_review.html", {"page_obj": page, "paginator": page.paginator})


def _render_detail(request, recognition: Recognition, *, forms_: dict | None = None, status=200):
    recognition.status_label = RecognitionStatus(recognition.status).label
    entries = list(recognition.bank_entries.all())
    reviewer = service.may_review(request.user, recognition)
    context = {
        "recognition": recognition,
        "bank_entries": entries,
        "may_review": reviewer,
        "accept_form": AcceptForm(initial={"class_hours_granted": recognition.class_hours_claimed}),
        "reject_form": ReasonForm(prefix="reject"),
        "reverse_form": ReasonForm(prefix="reverse"),
    }
    context.update(forms_ or {})
    return render(request, "credits/recognition_detail.html", context, status=status)


@never_cache
@login_required
@require_GET
def recognition_detail(request, pk):
    return _render_detail(request, _detail_or_404(request, pk))


def _refused(request, recognition, error: ValidationError, form, name: str):
    if any(item.code in NOT_YOURS for item in getattr(error, "error_list", [])):
        return forbidden(request, " ".join(error.messages))
    add_service_errors(form, error)
    return _render_detail(request, _detail_or_404(request, recognition.pk), forms_={name: form}, status=400)


def _decide(request, pk, *, accepted: bool):
    recognition = _detail_or_404(request, pk)
    form = AcceptForm(request.POST) if accepted else ReasonForm(request.POST, prefix="reject")
    name = "accept_form" if accepted else "reject_form"
    if not form.is_valid():
        return _render_detail(request, recognition, forms_={name: form}, status=400)
    try:
        service.recognition_decide(
            recognition=recognition,
            decided_by=request.user,
            accepted=accepted,
            class_hours_granted=form.cleaned_data.get("class_hours_granted"),
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        return _refused(request, recognition, error, form, name)
    if accepted:
        messages.success(
            request, _("The request has been accepted; the class hours are in the person's bank.")
        )
    else:
        messages.success(request, _("The request has been rejected."))
    return redirect("training:recognition_detail", pk=recognition.pk)


@never_cache
@login_required
@require_POST
def recognition_accept(request, pk):
    return _decide(request, pk, accepted=True)


@never_cache
@login_required
@require_POST
def recognition_reject(request, pk):
    return _decide(request, pk, accepted=False)


@never_cache
@login_required
@require_POST
def recognition_reverse(request, pk):
    recognition = _detail_or_404(request, pk)
    form = ReasonForm(request.POST, prefix="reverse")
    if not form.is_valid():
        return _render_detail(request, recognition, forms_={"reverse_form": form}, status=400)
    try:
        service.recognition_reverse(
            recognition=recognition, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return _refused(request, recognition, error, form, "reverse_form")
    messages.success(request, _("The recognition has been reversed; its class hours no longer count."))
    return redirect("training:recognition_detail", pk=recognition.pk)


@never_cache
@login_required
@require_GET
def recognition_evidence(request, pk):
    """The evidence, only to those who may see the request; /media/ must never serve it."""
    recognition = _detail_or_404(request, pk)
    return evidence_response(recognition.evidence, filename_stem=f"recognition-{recognition.pk}")

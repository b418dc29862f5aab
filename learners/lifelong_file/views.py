"""The lifelong file: the page, the PDF, the scans, the public verification page, and the forms that
enter certificates, renewals, assessments and accident records.

Refusals: a person the viewer may not see is a 404, so that nobody learns who is on file; a person
they see but may not record for is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from learners import services
from learners.access import can_record_for_learner, file_window, learners_visible_to, viewer_scope
from learners.errors import CertificateError
from learners.forms import AccidentForm, AssessmentForm, CertificateForm, RenewalForm, add_service_errors
from learners.lifelong_file.pdf import learner_file_pdf
from learners.lifelong_file.selectors import (
    LearnerFile,
    learner_file,
    recording_enterprise_required,
    recording_enterprises,
)
from learners.lifelong_file.verification import verification_read, verification_url
from learners.models import Certificate, Learner
from learners.uploads import evidence_response


def _own_learner(user) -> Learner | None:
    return Learner.objects.filter(user=user).first()


def _visible_learner(user, pk) -> Learner:
    return get_object_or_404(learners_visible_to(user), pk=pk)


def _file_or_404(user, learner: Learner) -> LearnerFile:
    file = learner_file(user=user, learner=learner)
    if file is None:
        raise Http404
    return file


def _render_file(request, learner: Learner):
    file = _file_or_404(request.user, learner)
    own_learner_id = viewer_scope(request.user).learner_id
    return render(
        request,
        "learners/file.html",
        {
            "file": file,
            "learner": learner,
            "own": own_learner_id == learner.pk,
            "can_record": can_record_for_learner(request.user, learner),
        },
    )


@never_cache
@login_required
@require_GET
def my_file(request):
    learner = _own_learner(request.user)
    if learner is None:
        return render(request, "learners/file_missing.html")
    return _render_file(request, learner)


@never_cache
@login_required
@require_GET
def file_page(request, pk):
    learner = _visible_learner(request.user, pk)
    return _render_file(request, learner)


def _pdf_response(request, learner: Learner) -> HttpResponse:
    file = _file_or_404(request.user, learner)
    today = timezone.localdate()
    content = learner_file_pdf(
        file=file,
        verification_url=verification_url(request=request, learner=learner, issued_on=today),
        generated_on=today,
    )
    response = HttpResponse(content, content_type="application/pdf")
    # The file name carries the date (and the internal id), never the identity number.
    response["Content-Disposition"] = f'attachment; filename="lifelong-file-{learner.pk}-{today:%Y%m%d}.pdf"'
    return response


@never_cache
@login_required
@require_GET
def my_file_pdf(request):
    learner = _own_learner(request.user)
    if learner is None:
        raise Http404
    return _pdf_response(request, learner)


@never_cache
@login_required
@require_GET
def file_pdf(request, pk):
    return _pdf_response(request, _visible_learner(request.user, pk))


def _certificate_in_window(user, learner: Learner, certificate_pk) -> Certificate:
    """One of `learner`'s certificates that `user`'s window shows, or 404."""
    certificate = get_object_or_404(Certificate, pk=certificate_pk, learner=learner)
    window = file_window(user, learner)
    if window is None or not window.overlaps(certificate.issued_on, certificate.valid_until):
        raise Http404
    return certificate


@never_cache
@login_required
@require_GET
def certificate_scan(request, pk, certificate_pk):
    """The scan, only to those who see the certificate in the file; /media/ must never serve it."""
    learner = _visible_learner(request.user, pk)
    certificate = _certificate_in_window(request.user, learner, certificate_pk)
    if not certificate.scan:
        raise Http404
    return evidence_response(certificate.scan, filename_stem=f"certificate-{certificate.pk}")


@require_GET
def verify(request, token):
    """Public: anyone holding a printed file may check it. Masked number and counts only."""
    verified = verification_read(token=token)
    response = render(
        request, "learners/verify.html", {"verified": verified}, status=200 if verified else 404
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# Entering records


def _recordable_learner(user, pk) -> Learner:
    learner = _visible_learner(user, pk)
    if not can_record_for_learner(user, learner):
        raise PermissionDenied(_("You may see this person's file but not enter records in it."))
    return learner


def _record(request, learner: Learner, *, form_class, title: str, save, form_kwargs=None, file_field=None):
    """Show `form_class`; on a valid post call `save(data)` (a service call) and go back to the file."""
    form_kwargs = {
        "enterprises": recording_enterprises(user=request.user, learner=learner),
        "enterprise_required": recording_enterprise_required(user=request.user),
        **(form_kwargs or {}),
    }
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error, file_field=file_field)
            else:
                messages.success(request, _("The record has been added to the file."))
                return redirect("learners:file", pk=learner.pk)
    else:
        form = form_class(**form_kwargs)
    return render(
        request,
        "learners/record_form.html",
        {"form": form, "learner": learner, "title": title, **form_kwargs},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def certificate_new(request, pk):
    learner = _recordable_learner(request.user, pk)

    def save(data):
        return services.certificate_record(
            learner=learner,
            kind=data["kind"],
            operation_item=data["operation_item"],
            number=data["number"],
            issuing_authority=data["issuing_authority"],
            issued_on=data["issued_on"],
            next_review_on=data["next_review_on"],
            valid_until=data["valid_until"],
            scan=data["scan"],
            enterprise=data["enterprise"],
            recorded_by=request.user,
        )

    return _record(
        request,
        learner,
        form_class=CertificateForm,
        title=_("Add a certificate"),
        save=save,
        file_field="scan",
    )


@never_cache
@login_required
def certificate_renew(request, pk, certificate_pk):
    learner = _recordable_learner(request.user, pk)
    renews = _certificate_in_window(request.user, learner, certificate_pk)

    def save(data):
        try:
            return services.certificate_record(
                learner=learner,
                kind=renews.kind,
                number=data["number"],
                issuing_authority=data["issuing_authority"],
                issued_on=data["issued_on"],
                next_review_on=data["next_review_on"],
                valid_until=data["valid_until"],
                scan=data["scan"],
                enterprise=data["enterprise"],
                recorded_by=request.user,
                renews=renews,
            )
        except IntegrityError:
            # Two renewals of one certificate posted at once: the database keeps the first.
            raise ValidationError(
                _("This certificate has already been renewed."), code=CertificateError.ALREADY_RENEWED
            ) from None

    return _record(
        request,
        learner,
        form_class=RenewalForm,
        title=_("Renew a certificate"),
        save=save,
        form_kwargs={"renews": renews},
        file_field="scan",
    )


@never_cache
@login_required
def assessment_new(request, pk):
    learner = _recordable_learner(request.user, pk)

    def save(data):
        return services.assessment_record(
            learner=learner,
            kind=data["kind"],
            title=data["title"],
            assessed_on=data["assessed_on"],
            score=data["score"],
            passed=data["passed"],
            enterprise=data["enterprise"],
            recorded_by=request.user,
        )

    return _record(
        request, learner, form_class=AssessmentForm, title=_("Add an assessment result"), save=save
    )


@never_cache
@login_required
def accident_new(request, pk):
    learner = _recordable_learner(request.user, pk)

    def save(data):
        return services.accident_record_create(
            learner=learner,
            occurred_on=data["occurred_on"],
            accident=data["accident"],
            role=data["role"],
            with_deaths=data["with_deaths"],
            enterprise=data["enterprise"],
            recorded_by=request.user,
        )

    return _record(request, learner, form_class=AccidentForm, title=_("Add an accident record"), save=save)

"""The worker's credit bank page and the hours certificate (学时证明) PDF: thin views over
`credits.bank.selectors`, `credits.compliance.selectors` and `credits.bank.pdf`.

A worker sees only their own bank. The certificate of someone else is for an administrator of an
enterprise the person works for now, an authority user who sees the person, or a superuser (the people
who may enter records in the person's file, `learners.access.can_record_for_learner`); anyone else gets
a 404, so that ids reveal nothing.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from credits.bank.pdf import hours_certificate_pdf
from credits.bank.selectors import SOURCES, credit_bank, credit_bank_years
from credits.compliance.selectors import person_compliance
from learners.access import can_record_for_learner, learners_visible_to, viewer_scope
from learners.lifelong_file.verification import verification_url
from learners.models import Learner


def _own_learner(user) -> Learner | None:
    learner_id = viewer_scope(user).learner_id
    return Learner.objects.filter(pk=learner_id).first() if learner_id else None


@never_cache
@login_required
@require_GET
def my_bank(request):
    learner_id = viewer_scope(request.user).learner_id
    if learner_id is None:
        return render(request, "credits/my_bank_missing.html", status=404)
    bank = credit_bank(learner=learner_id)
    return render(request, "credits/my_bank.html", {"bank": bank, "sources": SOURCES})


def _certificate_response(request, learner: Learner) -> HttpResponse:
    today = timezone.localdate()
    content = hours_certificate_pdf(
        name=learner.name,
        identity_number_masked=learner.identity_number_masked,
        bank=credit_bank_years(learner=learner, on=today),
        person=person_compliance(learner=learner, on=today),
        verification_url=verification_url(request=request, learner=learner, issued_on=today),
        generated_on=today,
    )
    response = HttpResponse(content, content_type="application/pdf")
    # The file name carries the date and the internal id, never the identity number.
    response["Content-Disposition"] = (
        f'attachment; filename="hours-certificate-{learner.pk}-{today:%Y%m%d}.pdf"'
    )
    return response


@never_cache
@login_required
@require_GET
def my_hours_certificate(request):
    learner = _own_learner(request.user)
    if learner is None:
        raise Http404
    return _certificate_response(request, learner)


@never_cache
@login_required
@require_GET
def person_hours_certificate(request, pk: int):
    learner = get_object_or_404(learners_visible_to(request.user), pk=pk)
    own = viewer_scope(request.user).learner_id == learner.pk
    if not own and not can_record_for_learner(request.user, learner):
        raise Http404
    return _certificate_response(request, learner)

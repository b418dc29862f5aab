"""Accounts for workers: an enterprise administrator issues a first password, the worker changes it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_variables

from .. import services
from ..access import can_record_for_learner, learners_visible_to


@never_cache
@login_required
@sensitive_variables("password")
def issue_password(request, pk):
    learner = get_object_or_404(learners_visible_to(request.user), pk=pk)
    if not can_record_for_learner(request.user, learner):
        raise PermissionDenied(
            _("Only the person's current enterprise or an authority user can issue a password.")
        )
    password = None
    if request.method == "POST":
        password = services.learner_issue_password(learner=learner, issued_by=request.user)
    return render(request, "learners/issue_password.html", {"learner": learner, "password": password})

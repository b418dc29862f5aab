"""Ending an engagement, and setting the special operation items of its post: done by the enterprise,
on the person's file (a roster import never ends one)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from .. import services
from ..access import can_manage_enterprise, learners_visible_to
from ..forms import EngagementOperationItemsForm, add_service_errors
from ..models import Engagement


class EngagementEndForm(forms.Form):
    ended_on = forms.DateField(
        label=gettext_lazy("Last day of work"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _current_engagement(request, pk, engagement_pk):
    learner = get_object_or_404(learners_visible_to(request.user), pk=pk)
    engagement = get_object_or_404(
        Engagement.objects.select_related("enterprise"),
        pk=engagement_pk,
        learner=learner,
        ended_on__isnull=True,
    )
    return learner, engagement


@never_cache
@login_required
def engagement_end(request, pk, engagement_pk):
    learner, engagement = _current_engagement(request, pk, engagement_pk)
    if not can_manage_enterprise(request.user, engagement.enterprise):
        raise PermissionDenied(_("Only the enterprise's administrators end its engagements."))
    form = EngagementEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_end(engagement=engagement, ended_on=form.cleaned_data["ended_on"])
        except ValidationError as error:
            for field, field_errors in error.error_dict.items():
                for field_error in field_errors:
                    form.add_error(field if field in form.fields else None, field_error)
        else:
            messages.success(request, _("The engagement has been ended; it stays in the person's file."))
            return redirect("learners:file", pk=learner.pk)
    title = _("End the engagement at %(enterprise)s") % {"enterprise": engagement.enterprise.name}
    return render(
        request,
        "learners/record_form.html",
        {"form": form, "learner": learner, "title": title},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def engagement_operation_items(request, pk, engagement_pk):
    learner, engagement = _current_engagement(request, pk, engagement_pk)
    if not can_manage_enterprise(request.user, engagement.enterprise):
        raise PermissionDenied(_("Only the enterprise's administrators change its engagements."))
    form = EngagementOperationItemsForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_update(
                engagement=engagement, operation_items=form.cleaned_data["operation_items"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The special operation items of the post have been saved."))
            return redirect("learners:file", pk=learner.pk)
    title = _("Special operation items of the post %(position)s at %(enterprise)s") % {
        "position": engagement.position,
        "enterprise": engagement.enterprise.name,
    }
    return render(
        request,
        "learners/record_form.html",
        {"form": form, "learner": learner, "title": title},
        status=400 if form.errors else 200,
    )

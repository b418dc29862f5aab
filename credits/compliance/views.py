"""The compliance dashboards: an enterprise's people against the training requirements, and an
authority's enterprises per prefecture and industry, each with charts and an Excel download.

Who sees what comes from `learners.access`: an enterprise administrator sees their enterprises, an
authority user the enterprises of their prefecture (a provincial user: all), a superuser everything. An
enterprise the viewer may not see is a 404, so ids reveal nothing; anyone else signed in gets a 403 page
that says why. The figures come from `credits.compliance.reports`.
"""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from academy.api import MAX_ID
from credits.compliance import excel
from credits.compliance.charts import status_chart
from credits.compliance.reports import (
    authority_enterprises,
    authority_report,
    enterprise_report,
    paginate,
    status_by_month,
)
from credits.compliance.selectors import PersonFilter
from credits.compliance.verdicts import Status
from learners.access import enterprises_visible_to, viewer_scope
from learners.choices import Industry, Prefecture, Role
from learners.models import EmploymentType, Enterprise
from learners.views.managed import forbidden, managed_enterprises

ANY = [("", gettext_lazy("Any"))]


class ComplianceFilterForm(forms.Form):
    """The GET filters of the enterprise dashboard, its Excel download (and, as a serializer, the API)."""

    on = forms.DateField(
        label=gettext_lazy("On"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ANY + Status.choices, required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ANY + Role.choices, required=False)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=100, required=False)
    employment_type = forms.ChoiceField(
        label=gettext_lazy("Employment type"), choices=ANY + EmploymentType.choices, required=False
    )

    def person_filter(self) -> PersonFilter:
        data = self.cleaned_data
        return PersonFilter(
            status=data["status"],
            role=data["role"],
            position=data["position"],
            employment_type=data["employment_type"],
        )


class AuthorityFilterForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("On"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    prefecture = forms.ChoiceField(
        label=gettext_lazy("Prefecture"), choices=ANY + Prefecture.choices, required=False
    )
    industry = forms.ChoiceField(
        label=gettext_lazy("Industry"), choices=ANY + Industry.choices, required=False
    )


def _day(form: forms.Form) -> datetime.date:
    return form.cleaned_data.get("on") or timezone.localdate()


def _not_allowed(request):
    return forbidden(
        request,
        _(
            "Only administrators of an enterprise and authority users see compliance reports. Ask your "
            "enterprise to add your account as one of its administrators."
        ),
    )


def _enterprise(request) -> tuple[Enterprise | None, list[Enterprise]]:
    """The enterprise the page is about and the ones to switch between (an administrator's own).

    Any enterprise the viewer may see can be asked for by `?enterprise=`: an authority user drills down
    from their dashboard that way. None when nothing was asked for and the viewer administers none."""
    scope = viewer_scope(request.user)
    # A superuser "administers" every enterprise; a list of them all is no use as a switcher.
    managed = [] if scope.everything else managed_enterprises(request.user)
    requested = request.GET.get("enterprise", "")
    if requested:
        if not requested.isdigit() or int(requested) > MAX_ID:
            raise Http404
        enterprise = enterprises_visible_to(request.user).filter(pk=int(requested)).first()
        if enterprise is None:
            raise Http404
        return enterprise, managed
    return (managed[0] if managed else None), managed


def _enterprise_page(request, *, export: bool):
    scope = viewer_scope(request.user)
    if not scope.sees_enterprises:
        return _not_allowed(request)
    enterprise, enterprises = _enterprise(request)
    if enterprise is None:
        # An authority user (or a superuser) starts from the enterprises they oversee.
        return redirect("training:compliance_authority")
    form = ComplianceFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "credits/compliance_enterprise.html",
            {"enterprise": enterprise, "enterprises": enterprises, "form": form, "report": None},
            status=400,
        )
    on = _day(form)
    report = enterprise_report(enterprise=enterprise, on=on, person_filter=form.person_filter())
    months = status_by_month(enterprise=enterprise, on=on, on_day=report.summary.by_status)
    if export:
        return excel.xlsx_download(
            filename=_("%(enterprise)s compliance %(date)s.xlsx")
            % {"enterprise": enterprise.name, "date": on.isoformat()},
            content=excel.enterprise_workbook(report, months),
        )
    page = paginate(report.rows, page=request.GET.get("page"))
    charts = [
        status_chart(
            chart_id="chart-status-by-role",
            title=_("Status by role"),
            description=_(
                "For each role, how many people are in each status; the table below gives the figures."
            ),
            categories=[(Role(role).label, counts) for role, counts in report.summary.by_role.items()],
        ),
        status_chart(
            chart_id="chart-status-by-month",
            title=_("Status at the end of each month"),
            description=_(
                "For each month of the year so far, how many people were in each status at its end; the table "
                "below gives the figures."
            ),
            categories=[(month.label, month.by_status) for month in months],
        ),
    ]
    return render(
        request,
        "credits/compliance_enterprise.html",
        {
            "enterprise": enterprise,
            "enterprises": enterprises,
            "form": form,
            "report": report,
            "status_counts": [
                (Status(code).label, code, count) for code, count in report.summary.by_status.items()
            ],
            "charts": charts,
            "page_obj": page,
            "paginator": page.paginator,
            "export_query": _query_without(request, "page"),
        },
    )


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@never_cache
@login_required
@require_GET
def compliance_enterprise(request):
    return _enterprise_page(request, export=False)


@never_cache
@login_required
@require_GET
def compliance_enterprise_export(request):
    return _enterprise_page(request, export=True)


def _authority_page(request, *, export: bool):
    scope = viewer_scope(request.user)
    if not (scope.everything or scope.is_authority):
        return forbidden(
            request, _("Only authority users see the compliance of the enterprises they oversee.")
        )
    form = AuthorityFilterForm(request.GET)
    provincial = scope.everything or scope.authority_prefecture == ""
    if not provincial:
        # A prefecture user sees one prefecture: nothing to choose.
        del form.fields["prefecture"]
    if not form.is_valid():
        return render(
            request, "credits/compliance_authority.html", {"form": form, "report": None}, status=400
        )
    data = form.cleaned_data
    on = _day(form)
    enterprises = authority_enterprises(
        visible=enterprises_visible_to(request.user),
        prefecture=data.get("prefecture", ""),
        industry=data["industry"],
    )
    report = authority_report(enterprises=enterprises, on=on)
    if export:
        return excel.xlsx_download(
            filename=_("Compliance of enterprises %(date)s.xlsx") % {"date": on.isoformat()},
            content=excel.authority_workbook(report),
        )
    page = paginate(report.rows, page=request.GET.get("page"))
    charts = [
        status_chart(
            chart_id="chart-status-by-prefecture",
            title=_("Status by prefecture"),
            description=_(
                "For each prefecture, how many people are in each status; the table below gives the figures."
            ),
            categories=[(group.label, group.by_status) for group in report.by_prefecture],
        ),
        status_chart(
            chart_id="chart-status-by-industry",
            title=_("Status by industry"),
            description=_(
                "For each industry, how many people are in each status; the table below gives the figures."
            ),
            categories=[(group.label, group.by_status) for group in report.by_industry],
        ),
    ]
    return render(
        request,
        "credits/compliance_authority.html",
        {
            "form": form,
            "report": report,
            "statuses": [(code, Status(code).label) for code in Status.values],
            "charts": charts,
            "page_obj": page,
            "paginator": page.paginator,
            "export_query": _query_without(request, "page"),
            "on_query": f"&on={on.isoformat()}" if data.get("on") else "",
        },
    )


@never_cache
@login_required
@require_GET
def compliance_authority(request):
    return _authority_page(request, export=False)


@never_cache
@login_required
@require_GET
def compliance_authority_export(request):
    return _authority_page(request, export=True)

"""An enterprise's people: the list (and its Excel download), roster import with progress, an import's
result, and the roster templates.

Only an administrator of the enterprise (or a superuser) gets these pages; anyone else signed in gets a
403 page that says why. An enterprise that is not the viewer's is a 404, so that ids reveal nothing.
The rules themselves live in `learners.roster` and `learners.selectors`.
"""

import re

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from academy.excel import XLSX_CONTENT_TYPE, xlsx_response
from academy.paginator import WindowCountPaginator
from learners.access import can_manage_enterprise, enterprises_visible_to, viewer_scope
from learners.choices import Role
from learners.models import EmploymentType, Engagement, Enterprise, Learner, RosterImport, RosterImportStatus
from learners.roster.format import (
    MAX_LISTED_PROBLEMS,
    SOURCE_GB18030,
    SOURCE_UTF8,
    SOURCE_UTF16,
    SOURCE_XLSX,
    RosterAction,
)
from learners.roster.services import roster_import_apply
from learners.roster.template import roster_template_csv, roster_template_xlsx
from learners.selectors import enterprise_people_list, roster_import_list
from learners.views.managed import chosen_enterprise, forbidden, managed_enterprises

PAGE_SIZE = 50
RECENT_IMPORTS = 10
PROGRESS_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PROGRESS_SECONDS = 600


def source_labels() -> dict[str, str]:
    return {
        SOURCE_XLSX: _("Excel workbook (.xlsx)"),
        SOURCE_UTF8: _("CSV text in UTF-8"),
        SOURCE_GB18030: _("CSV text in GBK (GB18030)"),
        SOURCE_UTF16: _("Text in UTF-16"),
    }


def action_labels() -> dict[str, str]:
    return {
        RosterAction.CREATED: _("Added"),
        RosterAction.UPDATED: _("Updated"),
        RosterAction.NEW_POSITION: _("New position"),
        RosterAction.UNCHANGED: _("Unchanged"),
    }


def field_labels() -> dict[str, str]:
    return {
        "phone": str(Learner._meta.get_field("phone").verbose_name),
        "education": str(Learner._meta.get_field("education").verbose_name),
        "position": str(Engagement._meta.get_field("position").verbose_name),
        "roles": _("roles"),
        "employment_type": str(Engagement._meta.get_field("employment_type").verbose_name),
        "operation_items": str(Engagement._meta.get_field("operation_items").verbose_name),
        "started_on": str(Engagement._meta.get_field("started_on").verbose_name),
    }


def _not_an_administrator(request):
    return forbidden(
        request,
        _(
            "Only administrators of an enterprise see its people and import its roster. "
            "Ask your enterprise to add your account as one of its administrators."
        ),
    )


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


# ---------------------------------------------------------------------------------------------------------
# The people list


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name or identity number"), max_length=50, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=[("", gettext_lazy("All")), *Role.choices], required=False
    )
    employment_type = forms.ChoiceField(
        label=gettext_lazy("Employment type"),
        choices=[("", gettext_lazy("All")), *EmploymentType.choices],
        required=False,
    )
    position = forms.CharField(label=gettext_lazy("Position contains"), max_length=100, required=False)
    former = forms.BooleanField(label=gettext_lazy("Include former people and positions"), required=False)


def _people(request, enterprise: Enterprise, form: PeopleFilterForm):
    if not form.is_valid():
        return Engagement.objects.none()
    data = form.cleaned_data
    return enterprise_people_list(
        user=request.user,
        enterprise=enterprise,
        include_former=data["former"],
        role=data["role"],
        employment_type=data["employment_type"],
        position=data["position"].strip(),
        search=data["q"].strip(),
    )


def _identity_number(engagement: Engagement) -> str:
    learner = engagement.learner
    return learner.identity_number if engagement.identity_number_visible else learner.identity_number_masked


@login_required
@require_GET
def people_list(request):
    enterprises = managed_enterprises(request.user)
    requested = request.GET.get("enterprise")
    if (
        requested
        and viewer_scope(request.user).is_authority
        and not any(str(enterprise.pk) == requested for enterprise in enterprises)
    ):
        # An authority user reads the people of an enterprise of their prefecture (masked numbers, no import).
        enterprise = get_object_or_404(enterprises_visible_to(request.user), pk=requested)
        enterprises = []
    elif not enterprises:
        return _not_an_administrator(request)
    else:
        enterprise = chosen_enterprise(requested, enterprises)
    form = PeopleFilterForm(request.GET)
    engagements = _people(request, enterprise, form)
    if request.GET.get("format") == "xlsx":
        return _people_xlsx(enterprise, engagements)
    page = WindowCountPaginator(engagements, PAGE_SIZE).get_page(request.GET.get("page"))
    for engagement in page.object_list:
        engagement.identity_number_shown = _identity_number(engagement)
    return render(
        request,
        "learners/people_list.html",
        {
            "enterprise": enterprise,
            "enterprises": enterprises,
            "can_import": can_manage_enterprise(request.user, enterprise),
            "form": form,
            "page_obj": page,
            "paginator": page.paginator,
            "including_former": form.is_valid() and form.cleaned_data["former"],
        },
    )


def _people_xlsx(enterprise: Enterprise, engagements):
    list_separator = _(", ")
    rows = (
        [
            engagement.learner.name,
            _identity_number(engagement),
            engagement.learner.phone or "",
            engagement.position,
            list_separator.join(str(label) for label in engagement.role_labels),
            engagement.get_employment_type_display(),
            engagement.started_on,
            engagement.ended_on,
        ]
        for engagement in engagements.iterator(chunk_size=2000)
    )
    return xlsx_response(
        filename=_("%(enterprise)s people %(date)s.xlsx")
        % {"enterprise": enterprise.name, "date": timezone.localdate().isoformat()},
        title=_("People"),
        headers=[
            _("Name"),
            _("Identity number"),
            _("Mobile number"),
            _("Position"),
            _("Roles"),
            _("Employment type"),
            _("Started on"),
            _("Ended on"),
        ],
        rows=rows,
    )


# ---------------------------------------------------------------------------------------------------------
# Roster import


class RosterUploadForm(forms.Form):
    enterprise = forms.TypedChoiceField(label=gettext_lazy("Enterprise"), coerce=int)
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file, with the template's columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    # Chosen by the page's script, which polls the progress of this upload under it.
    progress_token = forms.RegexField(regex=PROGRESS_TOKEN_RE, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, enterprises: list[Enterprise], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        field.choices = [(enterprise.pk, enterprise.name) for enterprise in enterprises]
        self.only_enterprise = enterprises[0].pk if len(enterprises) == 1 else None
        if self.only_enterprise:
            field.initial = self.only_enterprise
            field.required = False
            field.widget = forms.HiddenInput()

    def clean_enterprise(self):
        return self.cleaned_data["enterprise"] or self.only_enterprise


def _progress_key(user_id: int, token: str) -> str:
    return f"roster-import-progress:{user_id}:{token}"


def _progress_recorder(user_id: int, token: str):
    key = _progress_key(user_id, token)

    def record(done: int, total: int, phase: str) -> None:
        cache.set(key, {"phase": phase, "done": done, "total": total}, PROGRESS_SECONDS)

    return record


@login_required
@never_cache
def roster_import(request):
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    if request.method == "POST":
        form = RosterUploadForm(request.POST, request.FILES, enterprises=enterprises)
        if form.is_valid():
            enterprise = chosen_enterprise(form.cleaned_data["enterprise"], enterprises)
            token = form.cleaned_data["progress_token"]
            progress = _progress_recorder(request.user.pk, token) if token else None
            if progress:
                progress(0, 0, "reading")
            record = roster_import_apply(
                enterprise=enterprise, user=request.user, file=form.cleaned_data["file"], progress=progress
            )
            if progress:
                progress(record.row_count, record.row_count, "done")
            url = reverse("learners:roster_import_detail", args=[record.pk])
            if _wants_json(request):
                return JsonResponse({"status": record.status, "url": url})
            return redirect(url)
        if _wants_json(request):
            return JsonResponse(
                {
                    "code": "invalid",
                    "detail": " ".join(error for errors in form.errors.values() for error in errors),
                },
                status=400,
            )
        status = 400
    else:
        initial = {"enterprise": request.GET.get("enterprise")} if request.GET.get("enterprise") else {}
        form = RosterUploadForm(initial=initial, enterprises=enterprises)
        status = 200
    recent = roster_import_list(user=request.user)[:RECENT_IMPORTS]
    return render(
        request,
        "learners/roster_import.html",
        {
            "form": form,
            "enterprises": enterprises,
            "recent_imports": recent,
            "max_upload": filesizeformat(settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES),
            "max_rows": settings.ACADEMY_ROSTER_MAX_ROWS,
        },
        status=status,
    )


@login_required
@never_cache
@require_GET
def roster_import_progress(request):
    """How far the import under `token` has got: {phase, done, total}; phase "waiting" before it starts."""
    token = request.GET.get("token", "")
    if not PROGRESS_TOKEN_RE.match(token):
        return JsonResponse({"code": "invalid", "detail": _("The progress token is not valid.")}, status=400)
    state = cache.get(_progress_key(request.user.pk, token)) or {"phase": "waiting", "done": 0, "total": 0}
    return JsonResponse(state)


@login_required
@require_GET
def roster_import_detail(request, pk: int):
    if not managed_enterprises(request.user):
        return _not_an_administrator(request)
    record = get_object_or_404(roster_import_list(user=request.user), pk=pk)
    report = record.report or {}
    applied = record.status == RosterImportStatus.APPLIED
    actions, fields = action_labels(), field_labels()
    changes = [
        {
            **change,
            "action_label": actions.get(change["action"], change["action"]),
            "field_labels": [fields.get(name, name) for name in change.get("fields", [])],
        }
        for change in report.get("changes", [])
    ]
    if request.GET.get("format") == "xlsx":
        return _report_xlsx(record, changes)
    changed = [change for change in changes if change["action"] != RosterAction.UNCHANGED]
    errors = report.get("errors", [])
    return render(
        request,
        "learners/roster_import_detail.html",
        {
            "record": record,
            "applied": applied,
            "source": source_labels().get(report.get("source", ""), ""),
            "counts": report.get("counts", {}),
            "learners_created": report.get("learners_created", 0),
            "changed": changed[:MAX_LISTED_PROBLEMS],
            "changed_count": len(changed),
            "errors": errors,
            "error_count": report.get("error_count", len(errors)),
        },
    )


def _report_xlsx(record: RosterImport, changes: list[dict]):
    filename = _("%(file)s report.xlsx") % {"file": record.filename.rsplit(".", 1)[0] or "roster"}
    if record.status == RosterImportStatus.APPLIED:
        return xlsx_response(
            filename=filename,
            title=_("Changes"),
            headers=[_("Row"), _("Identity number"), _("Name"), _("Result"), _("Changed")],
            rows=(
                [
                    change["row"],
                    change["identity_number_masked"],
                    change["name"],
                    change["action_label"],
                    _(", ").join(change["field_labels"]),
                ]
                for change in changes
            ),
        )
    return xlsx_response(
        filename=filename,
        title=_("Problems"),
        headers=[_("Row"), _("Column"), _("Problem"), _("Code")],
        rows=(
            [error["row"] or "", error["column"], error["message"], error["code"]]
            for error in record.report.get("errors", [])
        ),
    )


@require_GET
def roster_template(request, extension: str):
    """The roster template, as .xlsx (with a sheet explaining the columns) or as .csv."""
    if extension == "xlsx":
        content, content_type = roster_template_xlsx(), XLSX_CONTENT_TYPE
    else:
        content, content_type = roster_template_csv(), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_("roster template.%(extension)s") % {"extension": extension}
    )
    return response

"""Forms for entering records into a lifelong file: certificates, renewals, assessments, accidents.

The forms only turn posted text into typed values (dates, choices, the file); every rule about the
record itself is in `learners.services`, whose ValidationErrors are put back on the form's fields by
`add_service_errors`. Labels come from the models' verbose names, so one concept has one name.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from learners.roster.checks import parse_operation_items

from .choices import Role
from .models import (
    AccidentRecord,
    Assessment,
    AssessmentKind,
    Certificate,
    CertificateKind,
    Engagement,
    Enterprise,
)
from .uploads import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB

UPLOAD_ERROR_CODES = frozenset({FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB})


def _label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(model, name: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=_label(model, name), required=required, widget=DateInput())


class RecordForm(forms.Form):
    """A record entered for an enterprise (or, by authority staff, possibly for none)."""

    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.none(), label=_("Enterprise"))

    def __init__(self, *args, enterprises, enterprise_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        field.queryset = enterprises
        field.required = enterprise_required
        field.help_text = "" if enterprise_required else _("Leave empty for a record of the authority's own.")
        if enterprise_required and not self.is_bound:
            # Most administrators record for one enterprise: choose it for them.
            first_two = list(enterprises[:2])
            if len(first_two) == 1:
                self.initial.setdefault("enterprise", first_two[0].pk)


class CertificateForm(RecordForm):
    kind = forms.ChoiceField(label=_label(Certificate, "kind"), choices=CertificateKind.choices)
    operation_item = forms.CharField(
        label=_label(Certificate, "operation_item"),
        max_length=100,
        required=False,
        help_text=_("For special operation certificates."),
    )
    number = forms.CharField(label=_label(Certificate, "number"), max_length=64)
    issuing_authority = forms.CharField(label=_label(Certificate, "issuing_authority"), max_length=100)
    issued_on = _date_field(Certificate, "issued_on")
    next_review_on = _date_field(Certificate, "next_review_on", required=False)
    valid_until = _date_field(Certificate, "valid_until", required=False)
    # Entered "with an attached scan or the electronic certificate": the evidence is not optional.
    scan = forms.FileField(
        label=_label(Certificate, "scan"),
        help_text=_("PDF, JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
    )

    field_order = [
        "kind",
        "operation_item",
        "number",
        "issuing_authority",
        "issued_on",
        "next_review_on",
        "valid_until",
        "scan",
        "enterprise",
    ]


class RenewalForm(CertificateForm):
    """A renewal keeps the renewed certificate's kind and operation item; the service sets them."""

    def __init__(self, *args, renews: Certificate, **kwargs):
        kwargs.setdefault("initial", {"issuing_authority": renews.issuing_authority})
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        del self.fields["operation_item"]


class EngagementOperationItemsForm(forms.Form):
    """The special operation items of a post, typed as one list (as in the roster's column)."""

    operation_items = forms.CharField(
        label=_label(Engagement, "operation_items"),
        required=False,
        max_length=2000,
        help_text=_(
            "Named as on the certificates, e.g. 低压电工作业; separate several with ；. Empty clears them."
        ),
    )

    def __init__(self, *args, engagement: Engagement, **kwargs):
        # ； never occurs inside an item's name, whereas 、 may (高处安装、维护、拆除作业).
        kwargs.setdefault("initial", {"operation_items": "；".join(engagement.operation_items)})
        super().__init__(*args, **kwargs)

    def clean_operation_items(self) -> list[str]:
        return parse_operation_items(self.cleaned_data["operation_items"])


PASSED_CHOICES = [("1", _("Passed")), ("0", _("Failed"))]


class AssessmentForm(RecordForm):
    kind = forms.ChoiceField(label=_label(Assessment, "kind"), choices=AssessmentKind.choices)
    title = forms.CharField(label=_label(Assessment, "title"), max_length=200, required=False)
    assessed_on = _date_field(Assessment, "assessed_on")
    score = forms.DecimalField(
        label=_label(Assessment, "score"), required=False, max_digits=5, decimal_places=1, min_value=0
    )
    # A choice rather than a checkbox, so that a result is never recorded as "failed" by omission.
    passed = forms.TypedChoiceField(
        label=_("Result"), choices=PASSED_CHOICES, coerce=lambda value: value == "1", widget=forms.RadioSelect
    )

    field_order = ["kind", "title", "assessed_on", "score", "passed", "enterprise"]


class AccidentForm(RecordForm):
    occurred_on = _date_field(AccidentRecord, "occurred_on")
    accident = forms.CharField(label=_label(AccidentRecord, "accident"), max_length=300)
    role = forms.ChoiceField(label=_label(AccidentRecord, "role"), choices=Role.choices)
    with_deaths = forms.BooleanField(label=_label(AccidentRecord, "with_deaths"), required=False)

    field_order = ["occurred_on", "accident", "role", "with_deaths", "enterprise"]


def add_service_errors(form: forms.Form, error: ValidationError, *, file_field: str | None = None) -> None:
    """Show a service's refusal on the form: each message on its field, or above the form when the
    field is not on it. Upload checks raise without a field; their codes put them on `file_field`."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)
        return
    for item in error.error_list:
        on_file = file_field is not None and item.code in UPLOAD_ERROR_CODES
        form.add_error(file_field if on_file else None, item)

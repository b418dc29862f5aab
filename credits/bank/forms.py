"""Admin forms for credit bank corrections and reversals. They only parse what staff type; the rules are
in `credits.bank.services`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from credits.bank.models import BankEntry
from learners.access import learners_visible_to
from learners.errors import ErrorCode as LearnersErrorCode
from learners.identity import identity_number_clean


class BankCorrectionForm(WagtailAdminModelForm):
    """A correction not tied to one entry. The person is found by identity number among those the user
    may see (a list of every learner would not scale to a province); the rest goes to
    `credits.bank.bank_entry_correct`."""

    identity_number = forms.CharField(
        label=gettext_lazy("identity number"),
        max_length=30,
        help_text=gettext_lazy("The 18-character identity number of the person whose hours are corrected."),
    )

    class Meta:
        model = BankEntry
        fields = ["identity_number", "earned_on", "source", "class_hours", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "class_hours": gettext_lazy(
                "Class hours to add, or with a minus sign to take away; credits follow under the standard "
                "in force on that day."
            ),
            "source": gettext_lazy("A correction of online study is recorded with the source “online”."),
            "reason": gettext_lazy("Required: why the hours are corrected."),
        }

    def clean_identity_number(self):
        number = identity_number_clean(self.cleaned_data["identity_number"])
        learner = learners_visible_to(self.for_user).filter(identity_number=number).first()
        if learner is None:
            raise ValidationError(
                _("No person with this identity number is in the records you may see."),
                code=LearnersErrorCode.LEARNER_NOT_FOUND,
            )
        self.learner = learner
        return number


class BankEntryReverseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required: why the entry is reversed."),
    )

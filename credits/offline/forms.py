"""Forms for recording and withdrawing offline training. They only turn posted text into typed values;
the rules (roster on the day, hours, evidence) are in `credits.offline.services`, whose refusals are put back on
the fields by `learners.forms.add_service_errors`."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from credits.offline.models import (
    OFFLINE_TRAINING_MAX_CLASS_HOURS,
    OfflineTraining,
    OfflineTrainingWithdrawal,
)
from credits.rules.standard import standard_in_force
from learners.forms import DateInput


def _label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


class OfflineTrainingForm(forms.Form):
    topic = forms.CharField(label=_label(OfflineTraining, "topic"), max_length=200)
    held_on = forms.DateField(label=_label(OfflineTraining, "held_on"), widget=DateInput())
    # The range is the service's rule; the widget only helps the browser's own number input.
    class_hours = forms.DecimalField(
        label=_label(OfflineTraining, "class_hours"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(
            attrs={"min": "0.1", "max": str(OFFLINE_TRAINING_MAX_CLASS_HOURS), "step": "0.1"}
        ),
    )
    trainer = forms.CharField(label=_label(OfflineTraining, "trainer"), max_length=100)
    location = forms.CharField(label=_label(OfflineTraining, "location"), max_length=200, required=False)
    evidence = forms.FileField(
        label=_label(OfflineTraining, "evidence"),
        help_text=_("A scan of the stamped sign-in sheet or training log: PDF, JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
        # The service says so in its own words, with its own code.
        required=False,
    )
    learners = forms.TypedMultipleChoiceField(
        label=_("Attendees"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("People engaged with the enterprise on the day of the training."),
    )

    def __init__(self, *args, attendee_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].choices = attendee_choices
        self.fields["class_hours"].help_text = _("One class hour is %(minutes)s minutes of training.") % {
            "minutes": standard_in_force(timezone.localdate()).minutes_per_class_hour
        }


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_label(OfflineTrainingWithdrawal, "reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The training stays on record, marked withdrawn; its class hours no longer count."),
    )

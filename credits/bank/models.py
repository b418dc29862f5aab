"""The credit bank's entries (学分银行): append-only, one per offline attendance, accepted recognition or
correction; online study needs none (its ledger is the study record). Only `credits.bank.services` writes
them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credits.ledger import AppendOnlyModel
from credits.offline.models import OfflineAttendance
from credits.recognition.models import Recognition
from credits.study.models import StudySource


class BankEntry(AppendOnlyModel):
    """The credit bank's ledger for everything but online study (whose ledger is the study record):
    offline training per attendee, accepted recognitions, and corrections. Each entry holds the class
    hours and credits as converted under the standard in force on `earned_on`. A correction is a new
    entry with the opposite sign, a reason and who made it; it `reverses` the entry it corrects, if any.
    """

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    earned_on = models.DateField(_("earned on"))
    source = models.CharField(_("source"), max_length=20, choices=StudySource.choices)
    class_hours = models.DecimalField(_("class hours"), max_digits=7, decimal_places=2)
    credits = models.DecimalField(_("credits"), max_digits=8, decimal_places=4)
    offline_attendance = models.ForeignKey(
        OfflineAttendance,
        verbose_name=_("offline training attendance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_entries",
    )
    recognition = models.ForeignKey(
        Recognition,
        verbose_name=_("recognition request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bank_entries",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("credit bank entry")
        verbose_name_plural = _("credit bank entries")
        ordering = ["-earned_on", "-pk"]
        indexes = [models.Index(fields=["learner", "earned_on"], name="bank_entry_learner_day")]

    def __str__(self):
        return (
            f"learner {self.learner_id}, {self.earned_on}: {self.class_hours} ({self.get_source_display()})"
        )

"""Offline training (线下培训) declared by an enterprise, its attendees and its withdrawal: append-only
records, corrected only by new rows. Only `credits.offline.services` writes them."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credits.ledger import AppendOnlyModel
from credits.study.models import StudySource
from learners.models import private_storage

# The most class hours one offline session may declare. The plan and the domain notes are silent on
# offline sessions; this mirrors the online daily limit (8 class hours a day), since a session is held
# on one day and nobody is trained for longer than a working day.
OFFLINE_TRAINING_MAX_CLASS_HOURS = Decimal("8.0")


def offline_evidence_path(training: "OfflineTraining", filename: str) -> str:
    # A random name: a scanned sign-in sheet's file name may well carry names or identity numbers.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"offline-training/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class OfflineTraining(AppendOnlyModel):
    """An offline session an enterprise declares it held, with the scan of its stamped sign-in sheet
    or training log. Its class hours count for every attendee (source `offline`) unless it has been
    withdrawn; a mistake is corrected by withdrawing it and recording it again."""

    enterprise = models.ForeignKey(
        "learners.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="offline_trainings",
    )
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(_("held on"))
    class_hours = models.DecimalField(
        _("class hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(OFFLINE_TRAINING_MAX_CLASS_HOURS)],
    )
    trainer = models.CharField(_("trainer"), max_length=100)
    location = models.CharField(_("location"), max_length=200, blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=offline_evidence_path,
        storage=private_storage,
        max_length=255,
        help_text=_("A scan of the stamped sign-in sheet or training log."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("offline training")
        verbose_name_plural = _("offline trainings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(class_hours__gt=0, class_hours__lte=OFFLINE_TRAINING_MAX_CLASS_HOURS),
                name="offline_training_class_hours_in_range",
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "held_on"], name="offline_training_ent_day")]

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    @property
    def source(self) -> str:
        return StudySource.OFFLINE

    @property
    def is_withdrawn(self) -> bool:
        """Uses the joined withdrawal when selected with `select_related("withdrawal")`."""
        return hasattr(self, "withdrawal")

    @property
    def withdrawal_or_none(self) -> "OfflineTrainingWithdrawal | None":
        return getattr(self, "withdrawal", None)


class OfflineAttendance(AppendOnlyModel):
    """One attendee of an offline training."""

    training = models.ForeignKey(
        OfflineTraining,
        verbose_name=_("offline training"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("offline training attendance")
        verbose_name_plural = _("offline training attendances")
        constraints = [
            models.UniqueConstraint(fields=["training", "learner"], name="offline_attendance_once"),
        ]

    def __str__(self):
        return f"training {self.training_id}: learner {self.learner_id}"


class OfflineTrainingWithdrawal(AppendOnlyModel):
    """The correction of an offline training recorded by mistake: from then on it counts no hours,
    and it stays in lists and files, marked withdrawn, with the reason."""

    training = models.OneToOneField(
        OfflineTraining,
        verbose_name=_("offline training"),
        on_delete=models.PROTECT,
        related_name="withdrawal",
    )
    reason = models.CharField(_("reason"), max_length=500)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), default=timezone.now)

    class Meta:
        verbose_name = _("offline training withdrawal")
        verbose_name_plural = _("offline training withdrawals")

    def __str__(self):
        return f"training {self.training_id} withdrawn"

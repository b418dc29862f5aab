"""Recognition (认定) of learning done outside the academy: the request with its evidence and the
authority's decision, both append-only. Only `credits.recognition.services` writes them."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credits.ledger import AppendOnlyModel
from learners.models import private_storage


class RecognitionKind(models.TextChoices):
    VOCATIONAL_SCHOOL = "vocational_school", _("Vocational-school course")
    EXTERNAL_TRAINING = "external_training", _("External training")
    OTHER_PLATFORM = "other_platform", _("Another platform's certificate")


def recognition_evidence_path(recognition: "Recognition", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"recognition/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Recognition(AppendOnlyModel):
    """A request to recognise learning done outside the academy (认定), with its evidence. It enters the
    credit bank only when an authority reviewer accepts it (`RecognitionDecision`)."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    enterprise = models.ForeignKey(
        "learners.Enterprise",
        verbose_name=_("submitted for enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=RecognitionKind.choices)
    title = models.CharField(_("course or training"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    completed_on = models.DateField(_("completed on"))
    class_hours_claimed = models.DecimalField(
        _("class hours claimed"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("500"))],
    )
    evidence = models.FileField(
        _("evidence"), upload_to=recognition_evidence_path, storage=private_storage, max_length=255
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("recognition request")
        verbose_name_plural = _("recognition requests")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(class_hours_claimed__gt=0), name="recognition_claim_positive"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.class_hours_claimed})"


class RecognitionDecision(AppendOnlyModel):
    """An authority reviewer's answer to a recognition request: accepted with the class hours granted,
    or rejected; always with a reason."""

    recognition = models.OneToOneField(
        Recognition, verbose_name=_("recognition request"), on_delete=models.PROTECT, related_name="decision"
    )
    accepted = models.BooleanField(_("accepted"))
    class_hours_granted = models.DecimalField(
        _("class hours granted"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    reason = models.CharField(_("reason"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted=False, class_hours_granted__isnull=True)
                | models.Q(accepted=True, class_hours_granted__gt=0),
                name="recognition_decision_grant_when_accepted",
            ),
        ]

    def __str__(self):
        return f"recognition {self.recognition_id}: {'accepted' if self.accepted else 'rejected'}"

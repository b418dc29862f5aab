"""The versioned rules: the conversion standard (线上学习课时转换标准) and the training requirements, each
in force from its `effective_from` day. A version that has taken effect is never changed, so past figures
stay reproducible."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credits.rules.conversion import DEFAULT_STANDARD
from learners.choices import Industry, Role
from learners.models import CertificateKind, Education


class ConversionStandard(models.Model):
    """One version of the standard that turns study into class hours and credits. A version applies
    from its `effective_from` day until the next version's; a version that has taken effect is never
    changed or deleted (past figures must stay reproducible), so a change is a new, later version."""

    effective_from = models.DateField(_("effective from"), unique=True)
    minutes_per_class_hour = models.PositiveSmallIntegerField(
        _("minutes per class hour"),
        default=DEFAULT_STANDARD.minutes_per_class_hour,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Minutes of verified online study that make one class hour."),
    )
    daily_online_class_hours = models.DecimalField(
        _("daily online limit (class hours)"),
        max_digits=4,
        decimal_places=1,
        default=DEFAULT_STANDARD.daily_online_class_hours,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("24"))],
        help_text=_("The most online class hours creditable to one person on one day."),
    )
    class_hours_per_credit = models.DecimalField(
        _("class hours per credit"),
        max_digits=5,
        decimal_places=1,
        default=DEFAULT_STANDARD.class_hours_per_credit,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    offline_factor = models.DecimalField(
        _("offline class hour counts as"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_STANDARD.offline_factor,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Class hours credited per class hour of offline training declared by an enterprise."),
    )
    recognised_factor = models.DecimalField(
        _("recognised class hour counts as"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_STANDARD.recognised_factor,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Class hours credited per class hour an authority reviewer grants for external learning."
        ),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("conversion standard")
        verbose_name_plural = _("conversion standards")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    minutes_per_class_hour__gt=0, daily_online_class_hours__gt=0, class_hours_per_credit__gt=0
                ),
                name="conversion_standard_positive",
            ),
        ]

    def __str__(self):
        return str(_("Standard from %(day)s") % {"day": self.effective_from})


class RequirementKind(models.TextChoices):
    INITIAL_HOURS = "initial_hours", _("Initial training hours")
    ANNUAL_HOURS = "annual_hours", _("Annual refresher hours")
    CERTIFICATE = "certificate", _("Valid certificate")
    EDUCATION = "education", _("Minimum education")
    ASSESSMENT = "assessment", _("Passed assessment")


class Requirement(models.Model):
    """One version of a statutory training requirement for a role, for every industry (blank) or one.
    Like the standard, a version in force is never changed: a change is a later version with the same
    code and industry; `active` off withdraws the requirement from that day."""

    code = models.SlugField(_("code"), max_length=50)
    industry = models.CharField(
        _("industry"),
        max_length=32,
        choices=Industry.choices,
        blank=True,
        help_text=_("Blank: every industry without a version of its own."),
    )
    effective_from = models.DateField(_("effective from"))
    active = models.BooleanField(_("in force"), default=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=RequirementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    class_hours = models.DecimalField(
        _("class hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    period_days = models.PositiveIntegerField(
        _("days allowed"),
        default=0,
        help_text=_(
            "For initial training: days after taking up the role (or after an accident) within which the "
            "hours must be earned; 0 means before taking it up."
        ),
    )
    restarts_on_accident = models.BooleanField(
        _("restarts after an accident with deaths"),
        default=False,
        help_text=_(
            "Initial training must be done again from the date of an accident the person was responsible for."
        ),
    )
    certificate_kind = models.CharField(
        _("certificate kind"), max_length=32, choices=CertificateKind.choices, blank=True
    )
    minimum_education = models.CharField(
        _("minimum education"), max_length=16, choices=Education.choices, blank=True
    )
    basis = models.TextField(
        _("legal basis"), help_text=_("The text of the rule, shown beside every verdict.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["code", "industry", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "industry", "effective_from"], name="requirement_version_once"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_industry_display() or _('all industries')}, {self.effective_from})"

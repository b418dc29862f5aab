"""People: enterprises, learners, their engagements over time, certificates,
assessments and accident records — the lifelong file (一人一档).

Only `learners.services` writes these. Records that make up the file are never
edited in place once they carry legal weight: a renewed certificate is a new
row pointing at the one it renews.
"""

import datetime
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Industry, Prefecture, Role
from .identity import identity_number_mask, validate_credit_code, validate_identity_number, validate_phone


class EnterpriseSize(models.TextChoices):
    LARGE = "large", _("Large")
    MEDIUM = "medium", _("Medium")
    SMALL = "small", _("Small")
    MICRO = "micro", _("Micro")


class Enterprise(models.Model):
    """A high-risk enterprise that trains and uses workers."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices)
    prefecture = models.CharField(_("prefecture"), max_length=32, choices=Prefecture.choices)
    size = models.CharField(
        _("size"), max_length=16, choices=EnterpriseSize.choices, default=EnterpriseSize.SMALL
    )
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administrators"),
        related_name="administered_enterprises",
        blank=True,
        help_text=_("Accounts that act for the enterprise: import rosters, record training, see its people."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class AuthorityUser(models.Model):
    """An emergency-management bureau account, scoped to one prefecture or (blank) the province."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authority", verbose_name=_("user")
    )
    prefecture = models.CharField(
        _("prefecture"),
        max_length=32,
        choices=Prefecture.choices,
        blank=True,
        help_text=_("Leave blank for a provincial user, who sees every prefecture."),
    )

    class Meta:
        verbose_name = _("authority user")
        verbose_name_plural = _("authority users")

    def __str__(self):
        return f"{self.user} ({self.get_prefecture_display() or _('Province')})"


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    SENIOR_HIGH = "senior_high", _("Senior high or secondary vocational school")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor's degree")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class Learner(models.Model):
    """One natural person for life, keyed by the resident identity number."""

    identity_number = models.CharField(
        _("identity number"), max_length=18, unique=True, validators=[validate_identity_number]
    )
    name = models.CharField(_("name"), max_length=50)
    # NULL, not '', when unknown, so that the unique constraint allows many people without one.
    phone = models.CharField(
        _("mobile number"), max_length=11, unique=True, null=True, blank=True, validators=[validate_phone]
    )
    education = models.CharField(_("education"), max_length=16, choices=Education.choices, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learner",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.identity_number_masked})"

    @property
    def identity_number_masked(self) -> str:
        return identity_number_mask(self.identity_number)


class EmploymentType(models.TextChoices):
    OWN = "own", _("Own staff")
    DISPATCHED = "dispatched", _("Dispatched (labour dispatch)")
    OUTSOURCED = "outsourced", _("Outsourced")


class EngagementQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on), started_on__lte=on)


class Engagement(models.Model):
    """A period in which a learner works for (or is used by) an enterprise, in one position."""

    learner = models.ForeignKey(
        Learner, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("learner")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("enterprise")
    )
    position = models.CharField(_("position"), max_length=100)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices, default=EmploymentType.OWN
    )
    # A list rather than a table: the items are named as on the certificates (free text, 操作项目),
    # read only as a whole with the engagement, and a post needs few of them.
    operation_items = models.JSONField(
        _("special operation items"),
        default=list,
        blank=True,
        help_text=_(
            "The special operation items (操作项目) this post requires, named as on the special "
            "operation certificates; only for special operators."
        ),
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="engagement_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]
        indexes = [models.Index(fields=["enterprise", "learner"])]

    def __str__(self):
        return f"{self.learner.name} @ {self.enterprise.name}: {self.position}"

    @property
    def role_codes(self) -> list[str]:
        """Role codes in `Role` order; uses prefetched `roles` when present."""
        codes = {role.role for role in self.roles.all()}
        return [code for code in Role.values if code in codes]

    @property
    def role_labels(self) -> list[str]:
        return [Role(code).label for code in self.role_codes]

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


class EngagementRole(models.Model):
    """One role category held in an engagement (a person may be, say, team leader and special operator)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("engagement role")
        verbose_name_plural = _("engagement roles")
        constraints = [models.UniqueConstraint(fields=["engagement", "role"], name="engagement_role_once")]
        indexes = [models.Index(fields=["role", "engagement"])]

    def __str__(self):
        return self.get_role_display()


class CertificateKind(models.TextChoices):
    SAFETY_QUALIFICATION = "safety_qualification", _("Safety qualification certificate")
    SPECIAL_OPERATION = "special_operation", _("Special operation certificate")
    VOCATIONAL_QUALIFICATION = "vocational_qualification", _("Vocational qualification certificate")
    SKILL_LEVEL = "skill_level", _("Vocational skill level certificate")


def private_storage():
    """Evidence (scans, rosters) holds identity numbers: it is stored apart from public media and
    served only through views that check who is asking."""
    return storages["private"]


def certificate_scan_path(certificate: "Certificate", filename: str) -> str:
    # A random name: the uploaded one may well contain the person's identity number.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"certificates/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Certificate(models.Model):
    """A certificate held by a learner. A renewal (复审, 延期换证) is a new row linked to the one it renews."""

    learner = models.ForeignKey(
        Learner, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("learner")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CertificateKind.choices)
    operation_item = models.CharField(
        _("operation item"), max_length=100, blank=True, help_text=_("For special operation certificates.")
    )
    number = models.CharField(_("certificate number"), max_length=64)
    issuing_authority = models.CharField(_("issuing authority"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scan = models.FileField(
        _("scan or electronic certificate"),
        upload_to=certificate_scan_path,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    renews = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recorded_certificates",
        verbose_name=_("recorded for enterprise"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issued_on")),
                name="certificate_valid_after_issue",
                violation_error_message=_("A certificate cannot expire before it is issued."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_superseded(self) -> bool:
        return hasattr(self, "renewed_by")


class AssessmentKind(models.TextChoices):
    SAFETY_KNOWLEDGE = "safety_knowledge", _("Safety knowledge and management ability assessment")
    SPECIAL_OPERATION = "special_operation", _("Special operation examination")
    PRE_JOB = "pre_job", _("Pre-job training examination")
    IN_POST = "in_post", _("In-post training examination")
    OTHER = "other", _("Other assessment")


class RecordedEntry(models.Model):
    """Who entered a record of the file, for which enterprise, and when."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class Assessment(RecordedEntry):
    """The result of an assessment or examination (考核)."""

    learner = models.ForeignKey(
        Learner, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("learner")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AssessmentKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    assessed_on = models.DateField(_("assessed on"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"))

    class Meta(RecordedEntry.Meta):
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.assessed_on}"


class AccidentRecord(RecordedEntry):
    """Responsibility for an accident; with deaths, a principal or manager must retrain from this date."""

    learner = models.ForeignKey(
        Learner, on_delete=models.PROTECT, related_name="accident_records", verbose_name=_("learner")
    )
    occurred_on = models.DateField(_("occurred on"))
    accident = models.CharField(_("accident"), max_length=300)
    role = models.CharField(_("role held"), max_length=32, choices=Role.choices)
    with_deaths = models.BooleanField(_("accident with deaths"), default=False)

    class Meta(RecordedEntry.Meta):
        verbose_name = _("accident record")
        verbose_name_plural = _("accident records")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"{self.occurred_on} {self.accident}"


class RosterImportStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REFUSED = "refused", _("Refused")


def roster_file_path(roster_import: "RosterImport", filename: str) -> str:
    return f"rosters/{timezone.localdate():%Y/%m}/{filename}"


class RosterImport(models.Model):
    """One uploaded roster file and its outcome; the file is kept as evidence of what was imported."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="roster_imports", verbose_name=_("enterprise")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    file = models.FileField(_("file"), upload_to=roster_file_path, storage=private_storage, max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=RosterImportStatus.choices)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

"""Study time: sessions and heartbeats (the protocol's state), the append-only study record (the truth),
and the per-lesson and per-day summaries derived from it (for speed; `rebuild_study_summaries` recomputes
them from the record and reports any difference).

Only `credits.services` writes these tables.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learners.choices import Industry, Role
from learners.models import CertificateKind, Education, private_storage


class StudySession(models.Model):
    """One visit to one lesson on one device. A learner has at most one active session: starting another
    supersedes it, and its heartbeats are refused from then on. The `last_*` fields are the last
    accepted heartbeat, which the next one is measured against."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.PROTECT, related_name="+"
    )
    # The learner's running total on the lesson, joined to the session so that a heartbeat reads (and
    # locks) both in one statement.
    progress = models.ForeignKey(
        "LessonProgress", verbose_name=_("lesson progress"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    last_seq = models.PositiveIntegerField(_("last sequence number"), null=True, blank=True)
    last_beat_at = models.DateTimeField(_("last heartbeat at"), null=True, blank=True)
    last_position_seconds = models.FloatField(_("last position (seconds)"), default=0)
    last_playing = models.BooleanField(_("last playing"), default=False)
    last_visible = models.BooleanField(_("last visible"), default=False)
    last_rate = models.FloatField(_("last playback rate"), default=1)
    # When the next "still there?" check falls due (null: none on this session). Crediting stops once
    # it has been due for longer than the answer time, until the learner answers.
    presence_check_at = models.DateTimeField(_("presence check due at"), null=True, blank=True)

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_active_study_session_per_learner",
            ),
        ]

    def __str__(self):
        return f"session {self.pk}: learner {self.learner_id}, lesson {self.lesson_id}"


class Heartbeat(models.Model):
    """One accepted heartbeat, kept so that a sequence number is accepted once per session."""

    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.PROTECT, related_name="heartbeats"
    )
    seq = models.PositiveIntegerField(_("sequence number"))
    received_at = models.DateTimeField(_("received at"))
    position_seconds = models.FloatField(_("position (seconds)"))
    playing = models.BooleanField(_("playing"))
    visible = models.BooleanField(_("visible"))
    playback_rate = models.FloatField(_("playback rate"))
    credited_seconds = models.PositiveIntegerField(_("credited seconds"), default=0)
    reason = models.CharField(_("reason"), max_length=20)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="unique_heartbeat_seq"),
        ]

    def __str__(self):
        return f"session {self.session_id} #{self.seq}"


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete a row of an append-only record."""


class AppendOnlyModel(models.Model):
    """A row of legal record: written once, corrected only by a new row (never updated or deleted)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only; record a new row.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} rows are append-only; they are never deleted.")


class StudySource(models.TextChoices):
    ONLINE = "online", _("Online study")
    OFFLINE = "offline", _("Offline training (enterprise-declared)")
    RECOGNISED = "recognised", _("Recognised external learning")


class StudyRecord(AppendOnlyModel):
    """The ledger: one credited span of study. Append-only — no code path updates or deletes a row, and
    `save()` refuses to change an existing one; a correction (later) is a new row."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.PROTECT, related_name="records"
    )
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("to"))
    study_day = models.DateField(_("study day"), help_text=_("The day in Asia/Shanghai."))
    seconds = models.PositiveIntegerField(_("seconds"))
    lesson_minutes_at_time = models.PositiveIntegerField(
        _("lesson minutes at the time"),
        help_text=_("The minutes the lesson declared when this was credited."),
    )
    furthest_position_seconds = models.FloatField(
        _("furthest position (seconds)"), help_text=_("The furthest point of the lesson reached by then.")
    )
    source = models.CharField(_("source"), max_length=20, choices=StudySource.choices)
    reason = models.CharField(_("reason"), max_length=20)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("study record")
        verbose_name_plural = _("study records")
        constraints = [
            models.CheckConstraint(condition=models.Q(seconds__gt=0), name="study_record_seconds_positive"),
        ]
        indexes = [
            models.Index(fields=["learner", "study_day"], name="study_record_learner_day"),
            models.Index(fields=["learner", "lesson"], name="study_record_learner_lesson"),
        ]

    def __str__(self):
        return f"learner {self.learner_id}, lesson {self.lesson_id}: {self.seconds} s on {self.study_day}"


class QuizAttempt(AppendOnlyModel):
    """One submitted quiz, graded: append-only, like the study record. A passed attempt completes the
    quiz lesson."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.PROTECT, related_name="+"
    )
    score_percent = models.PositiveSmallIntegerField(_("score (%)"))
    pass_mark_percent = models.PositiveSmallIntegerField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["learner", "lesson"], name="quiz_attempt_learner_lesson")]

    def __str__(self):
        return f"learner {self.learner_id}, quiz {self.lesson_id}: {self.score_percent}%"


class LessonProgress(models.Model):
    """Derived: a learner's running total on one lesson; rebuildable from the study record."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", verbose_name=_("lesson"), on_delete=models.PROTECT, related_name="+"
    )
    credited_seconds = models.PositiveIntegerField(_("credited seconds"), default=0)
    furthest_position_seconds = models.FloatField(_("furthest position (seconds)"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="unique_lesson_progress"),
        ]

    def __str__(self):
        return f"learner {self.learner_id}, lesson {self.lesson_id}: {self.credited_seconds} s"


class DailyStudy(models.Model):
    """Derived: a learner's credited online study on one day (Asia/Shanghai), for the daily limit, and
    its class hours and credits under the conversion standard in force that day (written with it)."""

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="+"
    )
    study_day = models.DateField(_("study day"))
    credited_seconds = models.PositiveIntegerField(_("credited seconds"), default=0)
    class_hours = models.DecimalField(_("class hours"), max_digits=6, decimal_places=2, default=Decimal("0"))
    credits = models.DecimalField(_("credits"), max_digits=8, decimal_places=4, default=Decimal("0"))

    class Meta:
        verbose_name = _("daily study")
        verbose_name_plural = _("daily study")
        constraints = [
            models.UniqueConstraint(fields=["learner", "study_day"], name="unique_daily_study"),
        ]

    def __str__(self):
        return f"learner {self.learner_id}, {self.study_day}: {self.credited_seconds} s"


# Offline training (线下培训): class hours an enterprise declares, with its stamped evidence.

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


# The conversion standard (线上学习课时转换标准), the requirements, recognition and the credit bank.


class ConversionStandard(models.Model):
    """One version of the standard that turns study into class hours and credits. A version applies
    from its `effective_from` day until the next version's; a version that has taken effect is never
    changed or deleted (past figures must stay reproducible), so a change is a new, later version."""

    effective_from = models.DateField(_("effective from"), unique=True)
    minutes_per_class_hour = models.PositiveSmallIntegerField(
        _("minutes per class hour"),
        default=45,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Minutes of verified online study that make one class hour."),
    )
    daily_online_class_hours = models.DecimalField(
        _("daily online limit (class hours)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("8"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("24"))],
        help_text=_("The most online class hours creditable to one person on one day."),
    )
    class_hours_per_credit = models.DecimalField(
        _("class hours per credit"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("16"),
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    offline_factor = models.DecimalField(
        _("offline class hour counts as"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Class hours credited per class hour of offline training declared by an enterprise."),
    )
    recognised_factor = models.DecimalField(
        _("recognised class hour counts as"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1"),
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

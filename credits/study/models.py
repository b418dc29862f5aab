"""Study time: sessions and heartbeats (the protocol's state), the append-only study record (the truth),
and the per-lesson and per-day summaries derived from it (for speed; `rebuild_study_summaries` recomputes
them from the record and reports any difference).

Only `credits.study.services` writes these tables.
"""

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credits.ledger import AppendOnlyModel


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

"""Enrolments (a course on a learner's 我的课程, chosen or assigned) and assignments (学习任务) of courses
by an enterprise, with their members. Only `courses.enrolments.services` writes them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnrolmentSource(models.TextChoices):
    SELF_SELECTED = "self_selected", _("Self-selected")
    ASSIGNED = "assigned", _("Assigned")


class Enrolment(models.Model):
    """A course on a learner's "我的课程": chosen by the learner, or assigned by an enterprise (`assignment`).

    Dropping keeps the row (`dropped_at`), so the history stays; a learner has at most one active
    enrolment per course. Only `courses.enrolments.services` writes it.
    """

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    source = models.CharField(_("source"), max_length=20, choices=EnrolmentSource.choices)
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    dropped_at = models.DateTimeField(_("dropped at"), null=True, blank=True)
    # The assignment that put the course on the list (the one due first, when several include it).
    assignment = models.ForeignKey(
        "Assignment",
        verbose_name=_("assignment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=models.Q(dropped_at__isnull=True),
                name="unique_active_enrolment",
            ),
        ]

    def __str__(self):
        return f"{self.learner_id} → {self.course_id}"


class Assignment(models.Model):
    """学习任务: an enterprise puts one or more courses, in order, on its people's lists with a due date.

    The criteria are kept (not only the people they matched) so that people who match later — a roster
    import — can be added when `auto_assign_new` is set. An empty criterion matches everyone. Only
    `courses.enrolments.services` writes it.
    """

    enterprise = models.ForeignKey(
        "learners.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    roles = models.JSONField(_("roles"), default=list, blank=True, help_text=_("Role codes; empty: any."))
    positions = models.JSONField(
        _("positions"), default=list, blank=True, help_text=_("Positions, matched exactly; empty: any.")
    )
    employment_types = models.JSONField(
        _("employment types"), default=list, blank=True, help_text=_("Employment types; empty: any.")
    )
    auto_assign_new = models.BooleanField(
        _("assign to people who match later"),
        default=False,
        help_text=_("People a roster import adds or changes who match the criteria get it too."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The training package it was made from in one step, shown beside it; the assignment keeps its own
    # copy of the courses and criteria, so editing or deleting the package later changes nothing here.
    package = models.ForeignKey(
        "courses.TrainingPackagePage",
        verbose_name=_("vocational training package"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )
    # Withdrawing keeps the assignment and its members as history; the courses stay on people's lists.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def has_criteria(self) -> bool:
        return bool(self.roles or self.positions or self.employment_types)


class AssignmentCourse(models.Model):
    """One course of an assignment, at its place in the suggested order."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="course_links"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="assignment_links",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("assigned course")
        verbose_name_plural = _("assigned courses")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "course"], name="unique_assignment_course"),
        ]

    def __str__(self):
        return f"{self.assignment_id}: {self.course_id}"


class AssignmentMemberSource(models.TextChoices):
    CRITERIA = "criteria", _("Matched the criteria")
    BY_HAND = "by_hand", _("Chosen by hand")
    AUTO = "auto", _("Matched later (roster import)")


class AssignmentMember(models.Model):
    """A person an assignment applies to; their progress is read from the study record."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="members"
    )
    learner = models.ForeignKey(
        "learners.Learner",
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="assignment_memberships",
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    how = models.CharField(_("how added"), max_length=16, choices=AssignmentMemberSource.choices)

    class Meta:
        verbose_name = _("assignment member")
        verbose_name_plural = _("assignment members")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "learner"], name="unique_assignment_member"),
        ]

    def __str__(self):
        return f"{self.assignment_id}: {self.learner_id}"

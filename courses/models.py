"""Courses and their lessons are Wagtail pages, so editors get previews,
revisions, scheduling and workflows; each lesson has its own URL."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from academy.page_cache import CachedPageMixin
from academy.paginator import WindowCountPaginator
from learners.access import viewer_scope
from learners.choices import Role

from .quiz import Question, QuizAnswerError, answers_from_post, quiz_grade
from .registry import course_progress, study_progress
from .search import segment

ROLE_ORDER = {code: position for position, code in enumerate(Role.values)}


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")
    SPECIALIZED = "specialized", _("Specialized")


class Taxonomy(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Specialty(Taxonomy):
    """A specialty (分专业), e.g. hazardous-chemical processes or electrical work."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")


@register_snippet
class Position(Taxonomy):
    """A position (分岗位) in a plant, e.g. gas inspector or hoist operator."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")


class CoursePageForm(WagtailAdminPageForm):
    """Shows the course's audiences as checkboxes; each ticked role becomes a `CourseAudience`."""

    audiences = forms.MultipleChoiceField(
        label=_("Audiences"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["audiences"] = self.instance.audience_codes

    def save(self, commit=True):
        self.instance.audience_links = [CourseAudience(role=code) for code in self.cleaned_data["audiences"]]
        return super().save(commit=commit)


class CoursePage(CachedPageMixin, Page):
    """A course in one sub-college, with its lessons as child pages."""

    summary = models.TextField(_("summary"), max_length=500)
    body = RichTextField(_("introduction"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    class_hours = models.DecimalField(
        _("class hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("999"))],
        help_text=_("Class hours (学时) the course is worth when every lesson is completed."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    specialties = ParentalManyToManyField(
        Specialty, verbose_name=_("specialties"), blank=True, related_name="courses"
    )
    positions = ParentalManyToManyField(
        Position, verbose_name=_("positions"), blank=True, related_name="courses"
    )

    base_form_class = CoursePageForm
    parent_page_types = ["cms.SubCollegePage"]
    subpage_types = ["courses.VideoLessonPage", "courses.ReadingLessonPage", "courses.QuizLessonPage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("class_hours"),
                FieldPanel("level"),
                FieldPanel("audiences"),
                FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
                FieldPanel("positions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Catalogue"),
        ),
        InlinePanel("material_links", label=_("Teaching materials")),
        HelpPanel(_("Add lessons as child pages of this course; their order is the study order.")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("level"),
        index.FilterField("class_hours"),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def search_text(self) -> str:
        return segment(f"{self.title} {self.summary}")

    @property
    def audience_codes(self) -> list[str]:
        """The roles, in the order of `Role` whatever order they were ticked in."""
        return sorted((link.role for link in self.audience_links.all()), key=ROLE_ORDER.__getitem__)

    @property
    def audience_labels(self) -> list[str]:
        return [Role(code).label for code in self.audience_codes]

    def get_lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from .materials import course_materials
        from .selectors import enrolment_active

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.get_lessons())
        context["lessons"] = lessons
        context["materials"] = course_materials(course=self)
        learner_id = viewer_scope(request.user).learner_id
        context["learner_id"] = learner_id
        if learner_id:
            context["enrolment"] = enrolment_active(learner=learner_id, course=self)
            context["completed_lesson_ids"] = study_progress().lessons_completed(
                learner_id=learner_id, lesson_ids=[lesson.pk for lesson in lessons]
            )
            context["progress"] = course_progress(learner_ids=[learner_id], course_ids=[self.pk])[
                (learner_id, self.pk)
            ]
        return context


class CourseAudience(models.Model):
    """One role a course is meant for; a course may have several."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="audience_links")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("course audience")
        constraints = [
            models.UniqueConstraint(fields=["course", "role"], name="unique_course_audience"),
        ]

    def __str__(self):
        return self.get_role_display()


class LessonKind(models.TextChoices):
    VIDEO = "video", _("Video")
    READING = "reading", _("Reading")
    QUIZ = "quiz", _("Quiz")


class LessonPage(Page):
    """What every lesson has: its place in a course and the study minutes it declares.

    Study records (later) point here, so they do not depend on the lesson's kind.
    """

    minutes = models.PositiveIntegerField(
        _("study minutes"),
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Minutes of study the lesson declares; no more is ever credited for it."),
    )

    kind = ""
    is_creatable = False
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @property
    def lesson_kind(self) -> str:
        """The kind, read from the page type without loading the specific page."""
        return self.specific_class.kind

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner_id = viewer_scope(request.user).learner_id
        context["study"] = (
            study_progress().lesson_study(learner_id=learner_id, lesson=self) if learner_id else None
        )
        context["heartbeat_seconds"] = settings.ACADEMY_HEARTBEAT_SECONDS
        return context


class VideoLessonPage(LessonPage):
    video = models.ForeignKey(
        "wagtailmedia.Media", verbose_name=_("video"), on_delete=models.PROTECT, related_name="+"
    )
    notes = RichTextField(_("notes"), blank=True)

    kind = LessonKind.VIDEO
    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("video"), FieldPanel("notes")]

    class Meta:
        verbose_name = _("video lesson")
        verbose_name_plural = _("video lessons")


class ReadingLessonPage(LessonPage):
    body = RichTextField(_("text"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    kind = LessonKind.READING
    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("body"), FieldPanel("document")]

    class Meta:
        verbose_name = _("reading lesson")
        verbose_name_plural = _("reading lessons")

    def clean(self):
        super().clean()
        if not self.body and not self.document_id:
            raise ValidationError(_("A reading lesson needs text, a document, or both."))


class QuizOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("option"), max_length=300)
    correct = blocks.BooleanBlock(label=_("correct"), required=False)

    class Meta:
        icon = "tick"
        label = _("option")


class QuizQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("question"))
    options = blocks.ListBlock(QuizOptionBlock(), min_num=2, max_num=8, label=_("options"))

    class Meta:
        icon = "help"
        label = _("question")
        template = "blocks/quiz_question.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise ValidationError(_("Mark at least one option as correct."))
        return value


class QuizLessonPage(LessonPage):
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    questions = StreamField([("question", QuizQuestionBlock())], verbose_name=_("questions"), min_num=1)

    kind = LessonKind.QUIZ
    content_panels = Page.content_panels + [
        FieldPanel("minutes"),
        FieldPanel("pass_mark_percent"),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def get_questions(self) -> list[Question]:
        return [
            Question(
                id=block.id,
                option_count=len(block.value["options"]),
                correct_options=frozenset(
                    i for i, option in enumerate(block.value["options"]) if option["correct"]
                ),
            )
            for block in self.questions
        ]

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            questions = self.get_questions()
            try:
                result = quiz_grade(
                    questions=questions,
                    answers=answers_from_post(request.POST, questions),
                    pass_mark_percent=self.pass_mark_percent,
                )
            except QuizAnswerError as error:
                return HttpResponseBadRequest(error.message)
            context = self.get_context(request, *args, **kwargs)
            context["result"] = result
            if context["study"] is not None:
                context["result_kept"] = (
                    study_progress().quiz_attempt_record(
                        learner=request.user.learner, quiz=self, result=result
                    )
                    is not None
                )
            return TemplateResponse(request, self.get_template(request), context)
        return super().serve(request, *args, **kwargs)


class CourseSupermarketPage(CachedPageMixin, Page):
    """The course supermarket (课程超市): every live course, filtered by plain GET parameters."""

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    page_size = 12

    class Meta:
        verbose_name = _("course supermarket")

    def get_context(self, request, *args, **kwargs):
        from .filters import SupermarketFilterSet
        from .selectors import attach_card_details, course_list, with_card_data

        context = super().get_context(request, *args, **kwargs)
        filterset = SupermarketFilterSet(data=request.GET, queryset=course_list(), request=request)
        # An unknown filter value shows the reason and no courses, never every course.
        courses = with_card_data(filterset.qs if filterset.is_valid() else course_list().none())
        paginator = WindowCountPaginator(courses, self.page_size)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = attach_card_details(list(page.object_list))
        context.update(filterset=filterset, page_obj=page, paginator=paginator)
        return context


class EnrolmentSource(models.TextChoices):
    SELF_SELECTED = "self_selected", _("Self-selected")
    ASSIGNED = "assigned", _("Assigned")


class Enrolment(models.Model):
    """A course on a learner's "我的课程": chosen by the learner, or assigned by an enterprise (`assignment`).

    Dropping keeps the row (`dropped_at`), so the history stays; a learner has at most one active
    enrolment per course. Only `courses.services` writes it.
    """

    learner = models.ForeignKey(
        "learners.Learner", verbose_name=_("learner"), on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
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
    `courses.services` writes it.
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
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="assignment_links"
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


class CourseMaterial(Orderable):
    """A teaching material a course uses; a material lists the live courses that link it."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="material_links")
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="course_links",
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")


class MaterialFormat(models.TextChoices):
    STANDARD = "standard", _("Standard")
    LOOSE_LEAF = "loose_leaf", _("Loose-leaf")
    WORKBOOK = "workbook", _("Workbook")


class MaterialPageForm(WagtailAdminPageForm):
    """A new edition must say what changed in it, and an edition published before cannot come back.

    Checked when the material is submitted or published, not when a draft is saved (by hand or by
    autosave): an editor may bump the edition before writing what changed, and only a publish records it.
    """

    def clean(self):
        from .materials import edition_check

        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("edition") and not self.is_deferred_validation:
            for field, error in edition_check(
                material=self.instance,
                edition=cleaned_data["edition"],
                edition_changes=cleaned_data.get("edition_changes", ""),
            ).items():
                self.add_error(field, error)
        return cleaned_data


class MaterialPage(CachedPageMixin, RoutablePageMixin, Page):
    """A teaching material (教材) in one sub-college, by level, specialty and position.

    Its content is a file (PDF or Word), a video, rich text, or any of them. Each edition that goes
    live is kept as a `MaterialEdition` with what changed and its file, so a loose-leaf material
    updated page by page shows its history. Its files are downloaded through its own routes, which
    count each download against the edition (routes answer only while the material is live).
    """

    summary = models.TextField(_("summary"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("text"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("PDF or Word."),
    )
    video = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    specialties = ParentalManyToManyField(
        Specialty, verbose_name=_("specialties"), blank=True, related_name="materials"
    )
    positions = ParentalManyToManyField(
        Position, verbose_name=_("positions"), blank=True, related_name="materials"
    )
    format = models.CharField(
        _("format"), max_length=20, choices=MaterialFormat.choices, default=MaterialFormat.STANDARD
    )
    edition = models.CharField(_("edition"), max_length=50, help_text=_("For example 2026年第1版."))
    edition_date = models.DateField(_("edition date"), default=timezone.localdate)
    edition_changes = models.TextField(
        _("what changed in this edition"),
        blank=True,
        help_text=_("Required for every edition after the first: which pages or sections changed and how."),
    )

    base_form_class = MaterialPageForm
    parent_page_types = ["cms.SubCollegePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("document"),
        FieldPanel("video"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("format"),
                FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
                FieldPanel("positions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("edition"), FieldPanel("edition_date"), FieldPanel("edition_changes")],
            heading=_("Edition"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("level"),
        index.FilterField("format"),
    ]

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")

    @property
    def search_text(self) -> str:
        return segment(f"{self.title} {self.summary}")

    def clean(self):
        super().clean()
        if not (self.document_id or self.video_id or self.body):
            raise ValidationError(_("A teaching material needs a file, a video or text."))

    def get_context(self, request, *args, **kwargs):
        from .materials import material_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(material_detail(material=self))
        return context

    @path("download/", name="download")
    def download(self, request):
        """The current edition's file. A redirect, which the page cache never stores, so each counts."""
        from .materials import edition_download

        return redirect(edition_download(material=self).url)

    @path("download/<int:edition_id>/", name="download_edition")
    def download_edition(self, request, edition_id):
        """One edition's file, the current one or an older one kept in the history."""
        from .materials import edition_download

        return redirect(edition_download(material=self, edition_id=edition_id).url)


class MaterialEdition(models.Model):
    """One edition of a material as it went live: its label, date, what changed and its file.

    Written when a revision is published (`courses.materials.edition_record`), whoever or whatever
    published it (the admin, a reviewer's approval, the scheduler). Republishing the same edition
    updates its row; a new edition adds one, so older editions stay listed and downloadable.
    Downloads are counted here rather than on the page, whose row each publish rewrites.
    """

    material = models.ForeignKey(
        MaterialPage, verbose_name=_("material"), on_delete=models.CASCADE, related_name="editions"
    )
    edition = models.CharField(_("edition"), max_length=50)
    edition_date = models.DateField(_("edition date"))
    changes = models.TextField(_("what changed"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_published_at = models.DateTimeField(_("first published at"), default=timezone.now)
    last_published_at = models.DateTimeField(_("last published at"), default=timezone.now)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("material edition")
        verbose_name_plural = _("material editions")
        ordering = ["material", "-first_published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["material", "edition"], name="material_edition_unique"),
        ]

    def __str__(self):
        return f"{self.material_id} {self.edition}"


class MaterialLibraryPage(CachedPageMixin, Page):
    """The library (教材库) of every sub-college's live materials; each sub-college also shows its own.

    Its slug is fixed, as the supermarket's is in practice, so the main navigation links it by URL
    with no query on every page.
    """

    SLUG = "materials"

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("teaching-materials library")

    def clean(self):
        super().clean()
        if self.slug != self.SLUG:
            raise ValidationError(
                {
                    "slug": _("The library's slug must be %(slug)s: the navigation links it.")
                    % {"slug": self.SLUG}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .materials import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request=request, sub_college=None))
        return context


class TrainingPackagePage(CachedPageMixin, Page):
    """A vocational training package (职业培训包): the courses and materials for one position, which an
    enterprise assigns to its people in that position in one step."""

    summary = models.TextField(_("summary"), max_length=500)
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="training_packages"
    )

    parent_page_types = ["cms.SubCollegePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("position"),
        InlinePanel("course_links", label=_("Courses"), min_num=1),
        InlinePanel("material_links", label=_("Teaching materials")),
    ]

    class Meta:
        verbose_name = _("vocational training package")
        verbose_name_plural = _("vocational training packages")

    def get_context(self, request, *args, **kwargs):
        from .packages import package_context

        context = super().get_context(request, *args, **kwargs)
        context.update(package_context(request=request, package=self))
        return context


class TrainingPackageCourse(Orderable):
    page = ParentalKey(TrainingPackagePage, on_delete=models.CASCADE, related_name="course_links")
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="package_links"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course")


class TrainingPackageMaterial(Orderable):
    page = ParentalKey(TrainingPackagePage, on_delete=models.CASCADE, related_name="material_links")
    material = models.ForeignKey(
        MaterialPage, verbose_name=_("material"), on_delete=models.CASCADE, related_name="package_links"
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("teaching material")

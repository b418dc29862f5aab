"""The catalogue's pages: courses and their lessons (video, reading, quiz) are Wagtail pages, so editors
get previews, revisions, scheduling and workflows, and each lesson has its own URL; the course
supermarket lists them.

Django finds an app's models here, so the models of the sub-packages (enrolments, materials, packages)
and the vocabularies (`courses.taxonomy`) are imported at the end."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from academy.page_cache import CachedPageMixin
from academy.paginator import WindowCountPaginator

# Django finds an app's models in its `models` module: those of the sub-packages are imported here,
# after the catalogue's own, which they refer to.
from courses.enrolments.models import (  # noqa: E402
    Assignment,
    AssignmentCourse,
    AssignmentMember,
    AssignmentMemberSource,
    Enrolment,
    EnrolmentSource,
)
from courses.materials.models import (  # noqa: E402
    CourseMaterial,
    MaterialEdition,
    MaterialFormat,
    MaterialLibraryPage,
    MaterialPage,
    MaterialPageForm,
)
from courses.packages.models import (  # noqa: E402
    TrainingPackageCourse,
    TrainingPackageMaterial,
    TrainingPackagePage,
)
from courses.quiz import Question, QuizAnswerError, answers_from_post, quiz_grade
from courses.registry import course_progress, study_progress
from courses.search import segment
from courses.taxonomy import Level, Position, Specialty, Taxonomy
from learners.access import viewer_scope
from learners.choices import Role

ROLE_ORDER = {code: position for position, code in enumerate(Role.values)}


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
        from courses.enrolments.selectors import enrolment_active
        from courses.materials.selectors import course_materials

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
        from courses.filters import SupermarketFilterSet
        from courses.selectors import attach_card_details, course_list, with_card_data

        context = super().get_context(request, *args, **kwargs)
        filterset = SupermarketFilterSet(data=request.GET, queryset=course_list(), request=request)
        # An unknown filter value shows the reason and no courses, never every course.
        courses = with_card_data(filterset.qs if filterset.is_valid() else course_list().none())
        paginator = WindowCountPaginator(courses, self.page_size)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = attach_card_details(list(page.object_list))
        context.update(filterset=filterset, page_obj=page, paginator=paginator)
        return context


__all__ = [
    "Level",
    "Position",
    "Specialty",
    "Taxonomy",
    "Assignment",
    "AssignmentCourse",
    "AssignmentMember",
    "AssignmentMemberSource",
    "CourseMaterial",
    "Enrolment",
    "EnrolmentSource",
    "MaterialEdition",
    "MaterialFormat",
    "MaterialLibraryPage",
    "MaterialPage",
    "MaterialPageForm",
    "TrainingPackageCourse",
    "TrainingPackageMaterial",
    "TrainingPackagePage",
]

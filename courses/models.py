"""Courses and their lessons are Wagtail pages, so editors get previews,
revisions, scheduling and workflows; each lesson has its own URL."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from academy.paginator import WindowCountPaginator
from cms.page_cache import CachedPageMixin
from learners.choices import Role

from .quiz import Question, QuizAnswerError, answers_from_post, quiz_grade
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
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.get_lessons()
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
    """A course on a learner's "我的课程": chosen by the learner, or (later) assigned by an enterprise.

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

"""Reads of the catalogue, in a constant number of queries whatever its size."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page

from academy.page_cache import cached_until_content_changes
from learners.models import Engagement
from learners.selectors import enterprises_managed_by

from .models import (
    Assignment,
    AssignmentCourse,
    AssignmentMember,
    CourseAudience,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    Position,
    Specialty,
)
from .registry import CourseProgress, course_progress, study_progress, sub_college_page
from .search import segment_query

CARD_IMAGE_FILTERS = ("fill-480x270", "fill-960x540")
# More matches than anyone pages through; bounds the work of one search.
SEARCH_RESULT_LIMIT = 1000


def course_list() -> QuerySet[CoursePage]:
    """Every live course of the academy, newest first."""
    return CoursePage.objects.live().order_by("-first_published_at", "-pk")


def course_list_in_industries(*, industries: Iterable[str]) -> QuerySet[CoursePage]:
    """Every live course in the sub-colleges of these industries, newest first."""
    sub_college_paths = sub_college_page().objects.filter(industry__in=list(industries)).values("path")
    return (
        course_list()
        .annotate(sub_college_path=parent_path("path"))
        .filter(sub_college_path__in=sub_college_paths)
    )


def parent_path(path_field: str):
    """A page's parent in the tree, as an expression over its `path` field: the path less one step. A
    lesson's parent is its course; a course's or a material's is its sub-college."""
    return Substr(path_field, 1, Length(path_field) - Page.steplen)


def course_lessons(*, course_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """The live lessons of each course as (lesson id, declared seconds), in study order; two queries."""
    course_ids = list(course_ids)
    course_by_path = dict(CoursePage.objects.filter(pk__in=course_ids).values_list("path", "pk"))
    lessons: dict[int, list[tuple[int, int]]] = {pk: [] for pk in course_ids}
    rows = (
        LessonPage.objects.live()
        .annotate(course_path=parent_path("path"))
        .filter(course_path__in=list(course_by_path))
        .order_by("path")
        .values_list("course_path", "pk", "minutes")
    )
    for course_path, pk, minutes in rows:
        lessons[course_by_path[course_path]].append((pk, minutes * 60))
    return lessons


@dataclass(frozen=True)
class CatalogueVocabulary:
    """The small lists every catalogue page needs; they change only when editors change content."""

    specialties: list[tuple[str, str]]
    positions: list[tuple[str, str]]
    # sub-college tree path -> (title, industry)
    sub_colleges: dict[str, tuple[str, str]]

    def sub_college_path(self, industry: str) -> str | None:
        return next((path for path, (_, code) in self.sub_colleges.items() if code == industry), None)


def catalogue_vocabulary() -> CatalogueVocabulary:
    """Cached until the next publish or vocabulary change, so lists pay no queries for it."""
    SubCollegePage = sub_college_page()

    def load() -> CatalogueVocabulary:
        return CatalogueVocabulary(
            specialties=list(Specialty.objects.values_list("slug", "name")),
            positions=list(Position.objects.values_list("slug", "name")),
            sub_colleges={
                path: (title, industry)
                for path, title, industry in SubCollegePage.objects.values_list("path", "title", "industry")
            },
        )

    return cached_until_content_changes("catalogue-vocabulary", load)


def attach_card_details(pages: list[Page]) -> list[Page]:
    """Set what a course or material card shows but the page row lacks.

    - `sub_college_title` and `industry`, from the parent page: a course's or a material's parent
      is its sub-college, so the parent's tree path is the page's path less one step;
    - `card_images`, the cover's renditions by filter spec, taken from those
      `cover_renditions()` prefetched (made once, on the first view, if missing).
    """
    sub_colleges = catalogue_vocabulary().sub_colleges
    for page in pages:
        page.sub_college_title, page.industry = sub_colleges.get(page.path[: -Page.steplen], (None, None))
        page.card_images = _card_renditions(page.cover_image) if page.cover_image_id else {}
    return pages


def _card_renditions(image) -> dict[str, object]:
    """The card's renditions keyed for templates (`fill_480x270`), from the prefetched ones."""
    renditions = {
        rendition.filter_spec: rendition for rendition in getattr(image, "prefetched_renditions", ())
    }
    for spec in CARD_IMAGE_FILTERS:
        if spec not in renditions:
            renditions[spec] = image.get_rendition(spec)
    return {spec.replace("-", "_"): rendition for spec, rendition in renditions.items()}


def page_search(*, queryset: QuerySet[Page], text: str) -> QuerySet[Page]:
    """Narrow `queryset` (courses or materials) to the live pages matching `text`, most relevant first.

    The query is segmented by jieba as the indexed `search_text` is, so a word inside a longer
    run of Chinese characters is found.
    """
    words = segment_query(text)
    if not words:
        return queryset
    results = queryset.model.objects.live().search(words, operator="and")[:SEARCH_RESULT_LIMIT]
    ids = [page.pk for page in results]
    relevance = Case(
        *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
        default=Value(len(ids)),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(relevance, "-pk")


def with_card_data(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """What a course card shows, fetched in a fixed number of queries: audiences and cover renditions."""
    return queryset.select_related("cover_image").prefetch_related(
        Prefetch("audience_links", queryset=CourseAudience.objects.order_by("pk")), cover_renditions()
    )


def cover_renditions() -> Prefetch:
    """The card renditions of a page's `cover_image`, for `attach_card_details` (one query per list)."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        "cover_image__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=CARD_IMAGE_FILTERS),
        to_attr="prefetched_renditions",
    )


def course_cards(*, courses: QuerySet[CoursePage]) -> list[CoursePage]:
    return attach_card_details(list(with_card_data(courses)))


def course_detail_lessons(*, course: CoursePage) -> list[LessonPage]:
    """A course's live lessons in study order, each with its kind."""
    return list(course.get_lessons().select_related("content_type"))


def enrolment_list(*, learner) -> QuerySet[Enrolment]:
    """The learner's active enrolments ("我的课程"), newest first, with their courses and assignments."""
    return (
        Enrolment.objects.filter(learner=learner, dropped_at__isnull=True)
        .select_related("course", "assignment")
        .order_by("-created_at", "-pk")
    )


def enrolment_active(*, learner, course) -> Enrolment | None:
    return Enrolment.objects.filter(learner=learner, course=course, dropped_at__isnull=True).first()


# ---------------------------------------------------------------------------------------------------------
# 我的课程 and assignments. Progress always comes from `registry.course_progress` (credits owns study time).


@dataclass(frozen=True)
class MyCourse:
    """One course on a learner's list, as "我的课程" shows it."""

    enrolment: Enrolment
    progress: CourseProgress
    next_lesson: LessonPage | None  # the first live lesson not yet complete
    due_on: datetime.date | None
    overdue: bool

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course

    @property
    def assigned(self) -> bool:
        return self.enrolment.source == EnrolmentSource.ASSIGNED


def my_courses(*, learner, today: datetime.date | None = None) -> list[MyCourse]:
    """The learner's active enrolments: assigned ones first, the one due soonest first; then self-selected
    ones, newest first. Seven queries, whatever the number of courses and lessons."""
    today = today or timezone.localdate()
    learner_id = getattr(learner, "pk", learner)
    enrolments = list(enrolment_list(learner=learner_id))
    course_ids = [enrolment.course_id for enrolment in enrolments]
    progress = course_progress(learner_ids=[learner_id], course_ids=course_ids)
    lessons = course_lessons(course_ids=course_ids)
    completed = study_progress().lessons_completed(
        learner_id=learner_id, lesson_ids=[pk for rows in lessons.values() for pk, _seconds in rows]
    )
    next_ids = {
        course_id: next((pk for pk, _seconds in rows if pk not in completed), None)
        for course_id, rows in lessons.items()
    }
    next_lessons = LessonPage.objects.in_bulk([pk for pk in next_ids.values() if pk is not None])
    rows = []
    for enrolment in enrolments:
        due_on = enrolment.assignment.due_on if enrolment.assignment_id else None
        course_progress_row = progress[(learner_id, enrolment.course_id)]
        rows.append(
            MyCourse(
                enrolment=enrolment,
                progress=course_progress_row,
                next_lesson=next_lessons.get(next_ids.get(enrolment.course_id)),
                due_on=due_on,
                overdue=due_on is not None and due_on < today and not course_progress_row.complete,
            )
        )
    assigned = sorted(
        (row for row in rows if row.assigned),
        key=lambda row: (row.due_on or datetime.date.max, row.enrolment.created_at, row.enrolment.pk),
    )
    return assigned + [row for row in rows if not row.assigned]


def assignment_list(*, enterprise) -> QuerySet[Assignment]:
    """An enterprise's assignments, newest first, each with `member_count` and its courses in order."""
    return _with_counts(Assignment.objects.filter(enterprise=enterprise))


def assignments_managed_by(*, user) -> QuerySet[Assignment]:
    """The assignments of every enterprise `user` manages (`learners.access.can_manage_enterprise`)."""
    return _with_counts(
        Assignment.objects.filter(enterprise__in=enterprises_managed_by(user=user)).select_related(
            "enterprise"
        )
    )


def _with_counts(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return (
        assignments.annotate(member_count=Count("members", distinct=True))
        .prefetch_related(_ordered_course_links())
        .order_by("-created_at", "-pk")
    )


def _ordered_course_links() -> Prefetch:
    return Prefetch(
        "course_links", queryset=AssignmentCourse.objects.select_related("course").order_by("order", "pk")
    )


def assignment_completion(*, assignments: list[Assignment]) -> list[Assignment]:
    """Set `completed_count` on each (members who completed every course); four queries for any page of
    assignments. The assignments must come from `assignment_list` (courses prefetched)."""
    members = list(
        AssignmentMember.objects.filter(assignment__in=assignments).values_list("assignment_id", "learner_id")
    )
    course_ids = {link.course_id for assignment in assignments for link in assignment.course_links.all()}
    progress = course_progress(learner_ids={learner for _a, learner in members}, course_ids=course_ids)
    by_assignment: dict[int, list[int]] = {}
    for assignment_id, learner_id in members:
        by_assignment.setdefault(assignment_id, []).append(learner_id)
    for assignment in assignments:
        links = assignment.course_links.all()
        assignment.completed_count = sum(
            all(progress[(learner_id, link.course_id)].complete for link in links)
            for learner_id in by_assignment.get(assignment.pk, [])
        )
    return assignments


class ProgressStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Not complete")
    OVERDUE = "overdue", _("Overdue")


@dataclass(frozen=True)
class MemberProgress:
    """One person's progress on an assignment: one `CourseProgress` per course, in the assignment's order."""

    member: AssignmentMember
    position: str  # in their latest engagement with the enterprise
    engaged_now: bool
    courses: list[CourseProgress]
    complete: bool
    overdue: bool

    @property
    def learner(self):
        return self.member.learner


def assignment_progress(
    *, assignment: Assignment, status: str = "", today: datetime.date | None = None
) -> list[MemberProgress]:
    """One row per member, by name, optionally only those complete / not complete / overdue (a
    `ProgressStatus`). Six queries whatever the number of people and courses."""
    today = today or timezone.localdate()
    links = list(assignment.course_links.order_by("order", "pk"))
    members = list(assignment.members.select_related("learner").order_by("learner__name", "learner_id"))
    learner_ids = [member.learner_id for member in members]
    latest: dict[int, tuple[str, bool]] = {}
    engagements = (
        Engagement.objects.filter(enterprise_id=assignment.enterprise_id, learner_id__in=learner_ids)
        .order_by("learner_id", "-started_on", "-pk")
        .values_list("learner_id", "position", "started_on", "ended_on")
    )
    for learner_id, position, started_on, ended_on in engagements:
        if learner_id not in latest:
            latest[learner_id] = (position, started_on <= today and (ended_on is None or ended_on >= today))
    progress = course_progress(learner_ids=learner_ids, course_ids=[link.course_id for link in links])
    rows = []
    for member in members:
        courses = [progress[(member.learner_id, link.course_id)] for link in links]
        complete = all(course.complete for course in courses)
        position, engaged_now = latest.get(member.learner_id, ("", False))
        rows.append(
            MemberProgress(
                member=member,
                position=position,
                engaged_now=engaged_now,
                courses=courses,
                complete=complete,
                overdue=not complete and assignment.due_on < today,
            )
        )
    if status == ProgressStatus.COMPLETE:
        return [row for row in rows if row.complete]
    if status == ProgressStatus.INCOMPLETE:
        return [row for row in rows if not row.complete]
    if status == ProgressStatus.OVERDUE:
        return [row for row in rows if row.overdue]
    return rows


@dataclass(frozen=True)
class RosterChoices:
    """What the new-assignment form offers: the enterprise's current people (one engagement each) and the
    distinct positions they hold."""

    people: list
    positions: list[str]


def assignment_roster_choices(*, enterprise, today: datetime.date | None = None) -> RosterChoices:
    """One query: the current engagements of `enterprise`, by name."""
    engagements = (
        Engagement.objects.current(today or timezone.localdate())
        .filter(enterprise=enterprise)
        .select_related("learner")
        .order_by("learner__name", "learner_id", "-started_on", "-pk")
    )
    people, seen, positions = [], set(), set()
    for engagement in engagements:
        positions.add(engagement.position)
        if engagement.learner_id not in seen:
            seen.add(engagement.learner_id)
            people.append(engagement)
    return RosterChoices(people=people, positions=sorted(positions))

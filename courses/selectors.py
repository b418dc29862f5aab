"""Reads of the catalogue, in a constant number of queries whatever its size."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.page_cache import cached_until_content_changes

from .models import CourseAudience, CoursePage, Enrolment, LessonPage, Position, Specialty
from .search import segment_query

CARD_IMAGE_FILTERS = ("fill-480x270", "fill-960x540")
# More matches than anyone pages through; bounds the work of one search.
SEARCH_RESULT_LIMIT = 1000


def course_list() -> QuerySet[CoursePage]:
    """Every live course of the academy, newest first."""
    return CoursePage.objects.live().order_by("-first_published_at", "-pk")


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
    from cms.models import SubCollegePage

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


def attach_card_details(courses: list[CoursePage]) -> list[CoursePage]:
    """Set what a course card shows but the course row lacks.

    - `sub_college_title` and `industry`, from the parent page: a course's parent
      is its sub-college, so the parent's tree path is the course's path less one step;
    - `card_images`, the cover's renditions by filter spec, taken from those
      `with_card_data()` prefetched (made once, on the first view, if missing).
    """
    sub_colleges = catalogue_vocabulary().sub_colleges
    for course in courses:
        course.sub_college_title, course.industry = sub_colleges.get(
            course.path[: -Page.steplen], (None, None)
        )
        course.card_images = _card_renditions(course.cover_image) if course.cover_image_id else {}
    return courses


def _card_renditions(image) -> dict[str, object]:
    """The card's renditions keyed for templates (`fill_480x270`), from the prefetched ones."""
    renditions = {
        rendition.filter_spec: rendition for rendition in getattr(image, "prefetched_renditions", ())
    }
    for spec in CARD_IMAGE_FILTERS:
        if spec not in renditions:
            renditions[spec] = image.get_rendition(spec)
    return {spec.replace("-", "_"): rendition for spec, rendition in renditions.items()}


def course_search(*, queryset: QuerySet[CoursePage], text: str) -> QuerySet[CoursePage]:
    """Narrow `queryset` to the courses matching `text`, most relevant first."""
    words = segment_query(text)
    if not words:
        return queryset
    results = CoursePage.objects.live().search(words, operator="and")[:SEARCH_RESULT_LIMIT]
    ids = [course.pk for course in results]
    relevance = Case(
        *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)],
        default=Value(len(ids)),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(relevance, "-pk")


def with_card_data(queryset: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """What a course card shows, fetched in a fixed number of queries: audiences and cover renditions."""
    rendition_model = get_image_model().get_rendition_model()
    return queryset.select_related("cover_image").prefetch_related(
        Prefetch("audience_links", queryset=CourseAudience.objects.order_by("pk")),
        Prefetch(
            "cover_image__renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=CARD_IMAGE_FILTERS),
            to_attr="prefetched_renditions",
        ),
    )


def course_cards(*, courses: QuerySet[CoursePage]) -> list[CoursePage]:
    return attach_card_details(list(with_card_data(courses)))


def course_detail_lessons(*, course: CoursePage) -> list[LessonPage]:
    """A course's live lessons in study order, each with its kind."""
    return list(course.get_lessons().select_related("content_type"))


def enrolment_list(*, learner) -> QuerySet[Enrolment]:
    """The learner's active enrolments ("我的课程"), newest first, with their courses."""
    return (
        Enrolment.objects.filter(learner=learner, dropped_at__isnull=True)
        .select_related("course")
        .order_by("-created_at", "-pk")
    )


def enrolment_active(*, learner, course) -> Enrolment | None:
    return Enrolment.objects.filter(learner=learner, course=course, dropped_at__isnull=True).first()

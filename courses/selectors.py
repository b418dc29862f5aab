"""Reads of the catalogue, in a constant number of queries whatever its size."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from academy.page_cache import cached_until_content_changes
from courses.models import CourseAudience, CoursePage, LessonPage, Position, Specialty
from courses.registry import sub_college_page
from courses.search import segment_query

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

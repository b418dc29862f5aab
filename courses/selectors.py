"""Reads of the catalogue, in a constant number of queries whatever its size."""

from django.db.models import (
    Case,
    CharField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length, Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import CourseAudience, CoursePage, LessonPage, Position, Specialty
from .search import segment

CARD_IMAGE_FILTERS = ("fill-480x270", "fill-960x540")
# More matches than anyone pages through; bounds the work of one search.
SEARCH_RESULT_LIMIT = 1000


def course_list() -> QuerySet[CoursePage]:
    """Every live course of the academy, newest first, with its sub-college's title and industry.

    A course's parent is its sub-college, so the parent's tree path is the course's
    path less one step; reading it in a subquery keeps lists to one query.
    """
    from cms.models import SubCollegePage

    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    sub_college = SubCollegePage.objects.filter(path=parent_path)
    return (
        CoursePage.objects.live()
        .annotate(
            sub_college_title=Subquery(sub_college.values("title")[:1]),
            industry=Subquery(sub_college.values("industry")[:1]),
        )
        .order_by("-first_published_at", "-pk")
    )


def taxonomy_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Specialty and position choices for the filters, read in one query."""

    def rows(model, kind: str):
        return (
            model.objects.order_by()
            .annotate(kind=Value(kind, output_field=CharField()))
            .values_list("kind", "slug", "name")
        )

    union = rows(Specialty, "specialty").union(rows(Position, "position"), all=True)
    specialties, positions = [], []
    for row_kind, slug, name in sorted(union, key=lambda row: row[2]):
        (specialties if row_kind == "specialty" else positions).append((slug, name))
    return specialties, positions


def course_search(*, queryset: QuerySet[CoursePage], text: str) -> QuerySet[CoursePage]:
    """Narrow `queryset` to the courses matching `text`, most relevant first."""
    words = segment(text)
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
    return list(with_card_data(courses))


def course_detail_lessons(*, course: CoursePage) -> list[LessonPage]:
    """A course's live lessons in study order, each with its kind."""
    return list(course.get_lessons().select_related("content_type"))

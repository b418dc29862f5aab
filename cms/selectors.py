"""Reads for the site pages."""

from courses.models import CoursePage, CourseSupermarketPage
from courses.selectors import course_cards, course_list

from .models import HomePage, PolicyColumnPage, PolicyPostPage


def featured_courses(*, home: HomePage) -> list[CoursePage]:
    """The live courses the editors chose for the home page, in their order."""
    ids = list(home.featured_courses.order_by("sort_order").values_list("course_id", flat=True))
    by_id = {course.pk: course for course in course_cards(courses=course_list().filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def supermarket_page() -> CourseSupermarketPage | None:
    return CourseSupermarketPage.objects.live().first()


def latest_column_posts(*, limit: int) -> list[PolicyPostPage]:
    """The newest live posts of the policy column, for the home page."""
    return list(PolicyPostPage.objects.live().newest_first()[:limit])


def policy_column_page() -> PolicyColumnPage | None:
    return PolicyColumnPage.objects.live().first()

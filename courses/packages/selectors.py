"""Vocational training packages (职业培训包): reads for their page and the one-step assignment.

A package links courses and materials in the editors' order. Only the live ones count, so a course or
material unpublished later drops out of the page and of new assignments without anyone editing the
package.
"""

from django.db.models import OuterRef, QuerySet, Subquery

from courses.enrolments.forms import PackageAssignForm
from courses.materials.models import MaterialPage
from courses.models import CoursePage
from courses.packages.models import TrainingPackageCourse, TrainingPackageMaterial, TrainingPackagePage
from courses.selectors import course_cards
from learners.access import viewer_scope
from learners.selectors import enterprises_managed_by


def _in_package_order(queryset: QuerySet, links: QuerySet, field: str) -> QuerySet:
    """The live pages of `queryset` that `links` point to (by `field`), each once, in the links' order."""
    first_place = links.filter(**{field: OuterRef("pk")}).order_by("sort_order", "pk").values("sort_order")
    return (
        queryset.live()
        .filter(pk__in=links.values(field))
        .annotate(package_order=Subquery(first_place[:1]))
        .order_by("package_order", "pk")
    )


def package_courses(*, package: TrainingPackagePage) -> QuerySet[CoursePage]:
    """The package's live courses, in the package's order. One query."""
    return _in_package_order(
        CoursePage.objects.all(), TrainingPackageCourse.objects.filter(page=package), "course"
    )


def package_materials(*, package: TrainingPackagePage) -> QuerySet[MaterialPage]:
    """The package's live teaching materials, in the package's order. One query."""
    return _in_package_order(
        MaterialPage.objects.all(), TrainingPackageMaterial.objects.filter(page=package), "material"
    )


def package_context(*, request, package: TrainingPackagePage, assign_form=None) -> dict:
    """What the package page shows: its live courses as cards, its live materials and, for an enterprise
    administrator, the form that assigns the package (`assign_form` when re-shown with its errors).

    The form carries a CSRF token, so the page cache never stores a page that shows it; and it is only
    built for a signed-in user, whose session cookie keeps the cache from answering them anyway.
    """
    context = {
        "courses": course_cards(courses=package_courses(package=package)),
        "materials": list(package_materials(package=package)),
        "assign_form": None,
    }
    scope = viewer_scope(request.user)
    if scope.everything or scope.administered_enterprise_ids:
        enterprises = list(
            enterprises_managed_by(user=request.user).only("pk", "name").order_by("name", "pk")
        )
        if enterprises:
            context["assign_form"] = assign_form or PackageAssignForm(enterprises=enterprises)
    return context

"""Reads of the teaching-materials library: materials with their card data, the library's pages, a
material's history and links, a course's materials."""

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from academy.paginator import WindowCountPaginator
from courses.filters import MaterialFilterSet
from courses.materials.models import CourseMaterial, MaterialEdition, MaterialPage
from courses.models import CoursePage
from courses.packages.models import TrainingPackageMaterial, TrainingPackagePage
from courses.registry import sub_college_page
from courses.selectors import attach_card_details, course_list, cover_renditions

LIBRARY_PAGE_SIZE = 12


NEWEST_EDITION_FIRST = ("-edition_date", "-first_published_at", "-pk")


def material_list(*, sub_college=None) -> QuerySet[MaterialPage]:
    """Every live material, or one sub-college's, newest edition first."""
    materials = MaterialPage.objects.live()
    if sub_college is not None:
        materials = materials.child_of(sub_college)
    return materials.order_by(*NEWEST_EDITION_FIRST)


def with_material_card_data(queryset: QuerySet[MaterialPage]) -> QuerySet[MaterialPage]:
    """What a material card shows, in the list's own query and one for the cover renditions:
    `total_downloads` summed over the material's editions by a subquery, so a filter's join
    cannot multiply it."""
    totals = (
        MaterialEdition.objects.filter(material=OuterRef("pk"))
        .order_by()
        .values("material")
        .annotate(total=Sum("downloads"))
        .values("total")
    )
    return (
        queryset.select_related("cover_image")
        .prefetch_related(cover_renditions())
        .annotate(total_downloads=Coalesce(Subquery(totals, output_field=IntegerField()), Value(0)))
    )


def library_context(*, request, sub_college) -> dict:
    """The library page: live materials across all sub-colleges (`sub_college` None) or of one,
    filtered by the GET parameters, a page of cards at a time, in a constant number of queries."""
    materials = material_list(sub_college=sub_college)
    filterset = MaterialFilterSet(
        data=request.GET, queryset=materials, request=request, sub_college=sub_college
    )
    # An unknown filter value shows the reason and no materials, never every material.
    found = filterset.qs.order_by(*NEWEST_EDITION_FIRST) if filterset.is_valid() else materials.none()
    paginator = WindowCountPaginator(with_material_card_data(found), LIBRARY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = attach_card_details(list(page.object_list))
    return {"filterset": filterset, "page_obj": page, "paginator": paginator, "sub_college": sub_college}


def material_detail(*, material: MaterialPage) -> dict:
    """The material page's history and links: every edition newest first (each downloadable if it
    kept its file), the live courses that use it, the live training packages that include it."""
    # A material's parent is its sub-college: one query for it as that page type, for its routes.
    sub_college = sub_college_page().objects.filter(path=material.path[: -Page.steplen]).first()
    if material.pk is None:  # the preview of a material not saved yet has no history or links
        editions, courses, packages = [], CoursePage.objects.none(), TrainingPackagePage.objects.none()
    else:
        editions = list(material.editions.order_by("-first_published_at", "-pk"))
        courses = course_list().filter(
            pk__in=CourseMaterial.objects.filter(material=material).values("page_id")
        )
        packages = (
            TrainingPackagePage.objects.live()
            .filter(pk__in=TrainingPackageMaterial.objects.filter(material=material).values("page_id"))
            .select_related("position")
            .order_by("title", "pk")
        )
    return {
        "sub_college": sub_college,
        "editions": editions,
        "courses": list(courses),
        "packages": list(packages),
        "total_downloads": sum(edition.downloads for edition in editions),
    }


def course_materials(*, course: CoursePage) -> list[MaterialPage]:
    """The live materials `course` links, in the editor's order, each once; one query."""
    if course.pk is None:  # a preview of a course not saved yet
        return []
    links = (
        CourseMaterial.objects.filter(page=course, material__live=True)
        .select_related("material")
        .order_by("sort_order", "pk")
    )
    materials: dict[int, MaterialPage] = {}
    for link in links:
        materials.setdefault(link.material_id, link.material)
    return list(materials.values())

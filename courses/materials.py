"""The teaching-materials library: editions as they go live, downloads, and the library's reads."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from academy.paginator import WindowCountPaginator

from .errors import MaterialError
from .filters import MaterialFilterSet
from .models import (
    CourseMaterial,
    CoursePage,
    MaterialEdition,
    MaterialPage,
    TrainingPackageMaterial,
    TrainingPackagePage,
)
from .registry import sub_college_page
from .selectors import attach_card_details, course_list, cover_renditions

LIBRARY_PAGE_SIZE = 12
NEWEST_EDITION_FIRST = ("-edition_date", "-first_published_at", "-pk")


def edition_check(
    *, material: MaterialPage, edition: str, edition_changes: str
) -> dict[str, ValidationError]:
    """What is wrong with publishing `material` as `edition`: errors by form field, empty if nothing.

    A new edition after the first must say what changed, in its own words (the text the previous
    edition carried does not describe the new one); an edition published before and since replaced
    cannot become current again, or the history would read backwards.
    """
    editions = list(material.editions.order_by("-first_published_at", "-pk").values("edition", "changes"))
    if not editions:
        return {}
    edition = edition.strip()
    latest = editions[0]
    if edition == latest["edition"]:
        return {}
    if any(earlier["edition"] == edition for earlier in editions[1:]):
        return {
            "edition": ValidationError(
                _("Edition “%(edition)s” was published before and has been replaced; name the new edition."),
                code=MaterialError.EDITION_REPLACED,
                params={"edition": edition},
            )
        }
    changes = (edition_changes or "").strip()
    if not changes or changes == (latest["changes"] or "").strip():
        return {
            "edition_changes": ValidationError(
                _("Say what changed in edition “%(edition)s” since “%(previous)s”."),
                code=MaterialError.EDITION_CHANGES_MISSING,
                params={"edition": edition, "previous": latest["edition"]},
            )
        }
    return {}


def edition_record(*, material: MaterialPage, revision=None) -> MaterialEdition:
    """Keep the edition `material` went live as (called on every publish, by any route)."""
    now = timezone.now()
    values = {
        "edition_date": material.edition_date,
        "changes": material.edition_changes,
        "document_id": material.document_id,
        "revision": revision,
        "last_published_at": now,
    }
    with transaction.atomic():
        updated = MaterialEdition.objects.filter(material=material, edition=material.edition).update(**values)
        if updated:
            return MaterialEdition.objects.get(material=material, edition=material.edition)
        try:
            with transaction.atomic():
                return MaterialEdition.objects.create(
                    material=material, edition=material.edition, first_published_at=now, **values
                )
        except IntegrityError:
            # Published twice at once: the other publish created the row; this one updates it.
            MaterialEdition.objects.filter(material=material, edition=material.edition).update(**values)
            return MaterialEdition.objects.get(material=material, edition=material.edition)


def record_published_edition(sender, instance, revision=None, **kwargs) -> None:
    """`page_published` receiver (connected in `CoursesConfig.ready`)."""
    if isinstance(instance, MaterialPage):
        edition_record(material=instance, revision=revision)


def download_count(*, edition: MaterialEdition) -> None:
    """Count one download of `edition`'s file (an UPDATE, so concurrent downloads all count)."""
    MaterialEdition.objects.filter(pk=edition.pk).update(downloads=F("downloads") + 1)


def edition_current(*, material: MaterialPage) -> MaterialEdition:
    """The edition row of what `material` is live as.

    Publishing records it; a material put live by code without publishing has none yet, and gets it
    now rather than a failed download.
    """
    edition = MaterialEdition.objects.filter(material=material, edition=material.edition).first()
    return edition or edition_record(material=material)


def edition_download(*, material: MaterialPage, edition_id: int | None = None) -> AbstractDocument:
    """The file to send for one download of `material`, counted against its edition.

    Without `edition_id`, the current edition's file; with it, that edition's, which must be one of
    this material's and still have its file. Raises Http404 otherwise.
    """
    if edition_id is None:
        if not material.document_id:
            raise Http404
        edition, document = edition_current(material=material), material.document
    else:
        edition = (
            MaterialEdition.objects.filter(material=material, pk=edition_id, document__isnull=False)
            .select_related("document")
            .first()
        )
        if edition is None:
            raise Http404
        document = edition.document
    download_count(edition=edition)
    return document


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

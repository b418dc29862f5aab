"""Writes of teaching materials: the edition recorded as it goes live (and the checks a new edition must
pass), and counted downloads."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument

from courses.errors import MaterialError
from courses.materials.models import MaterialEdition, MaterialPage


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

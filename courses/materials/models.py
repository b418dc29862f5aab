"""Teaching materials (教材): the material page, its editions, the library page, and the link from a
course to the materials it uses."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from academy.page_cache import CachedPageMixin
from courses.search import segment
from courses.taxonomy import Level, Position, Specialty


class CourseMaterial(Orderable):
    """A teaching material a course uses; a material lists the live courses that link it."""

    page = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="material_links")
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="course_links",
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")


class MaterialFormat(models.TextChoices):
    STANDARD = "standard", _("Standard")
    LOOSE_LEAF = "loose_leaf", _("Loose-leaf")
    WORKBOOK = "workbook", _("Workbook")


class MaterialPageForm(WagtailAdminPageForm):
    """A new edition must say what changed in it, and an edition published before cannot come back.

    Checked when the material is submitted or published, not when a draft is saved (by hand or by
    autosave): an editor may bump the edition before writing what changed, and only a publish records it.
    """

    def clean(self):
        from courses.materials.services import edition_check

        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("edition") and not self.is_deferred_validation:
            for field, error in edition_check(
                material=self.instance,
                edition=cleaned_data["edition"],
                edition_changes=cleaned_data.get("edition_changes", ""),
            ).items():
                self.add_error(field, error)
        return cleaned_data


class MaterialPage(CachedPageMixin, RoutablePageMixin, Page):
    """A teaching material (教材) in one sub-college, by level, specialty and position.

    Its content is a file (PDF or Word), a video, rich text, or any of them. Each edition that goes
    live is kept as a `MaterialEdition` with what changed and its file, so a loose-leaf material
    updated page by page shows its history. Its files are downloaded through its own routes, which
    count each download against the edition (routes answer only while the material is live).
    """

    summary = models.TextField(_("summary"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("text"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("PDF or Word."),
    )
    video = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    specialties = ParentalManyToManyField(
        Specialty, verbose_name=_("specialties"), blank=True, related_name="materials"
    )
    positions = ParentalManyToManyField(
        Position, verbose_name=_("positions"), blank=True, related_name="materials"
    )
    format = models.CharField(
        _("format"), max_length=20, choices=MaterialFormat.choices, default=MaterialFormat.STANDARD
    )
    edition = models.CharField(_("edition"), max_length=50, help_text=_("For example 2026年第1版."))
    edition_date = models.DateField(_("edition date"), default=timezone.localdate)
    edition_changes = models.TextField(
        _("what changed in this edition"),
        blank=True,
        help_text=_("Required for every edition after the first: which pages or sections changed and how."),
    )

    base_form_class = MaterialPageForm
    parent_page_types = ["cms.SubCollegePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("document"),
        FieldPanel("video"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("format"),
                FieldPanel("specialties", widget=forms.CheckboxSelectMultiple),
                FieldPanel("positions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("edition"), FieldPanel("edition_date"), FieldPanel("edition_changes")],
            heading=_("Edition"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("level"),
        index.FilterField("format"),
    ]

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")

    @property
    def search_text(self) -> str:
        return segment(f"{self.title} {self.summary}")

    def clean(self):
        super().clean()
        if not (self.document_id or self.video_id or self.body):
            raise ValidationError(_("A teaching material needs a file, a video or text."))

    def get_context(self, request, *args, **kwargs):
        from courses.materials.selectors import material_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(material_detail(material=self))
        return context

    @path("download/", name="download")
    def download(self, request):
        """The current edition's file. A redirect, which the page cache never stores, so each counts."""
        from courses.materials.services import edition_download

        return redirect(edition_download(material=self).url)

    @path("download/<int:edition_id>/", name="download_edition")
    def download_edition(self, request, edition_id):
        """One edition's file, the current one or an older one kept in the history."""
        from courses.materials.services import edition_download

        return redirect(edition_download(material=self, edition_id=edition_id).url)


class MaterialEdition(models.Model):
    """One edition of a material as it went live: its label, date, what changed and its file.

    Written when a revision is published (`courses.materials.services.edition_record`), whoever or whatever
    published it (the admin, a reviewer's approval, the scheduler). Republishing the same edition
    updates its row; a new edition adds one, so older editions stay listed and downloadable.
    Downloads are counted here rather than on the page, whose row each publish rewrites.
    """

    material = models.ForeignKey(
        MaterialPage, verbose_name=_("material"), on_delete=models.CASCADE, related_name="editions"
    )
    edition = models.CharField(_("edition"), max_length=50)
    edition_date = models.DateField(_("edition date"))
    changes = models.TextField(_("what changed"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_published_at = models.DateTimeField(_("first published at"), default=timezone.now)
    last_published_at = models.DateTimeField(_("last published at"), default=timezone.now)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("material edition")
        verbose_name_plural = _("material editions")
        ordering = ["material", "-first_published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["material", "edition"], name="material_edition_unique"),
        ]

    def __str__(self):
        return f"{self.material_id} {self.edition}"


class MaterialLibraryPage(CachedPageMixin, Page):
    """The library (教材库) of every sub-college's live materials; each sub-college also shows its own.

    Its slug is fixed, as the supermarket's is in practice, so the main navigation links it by URL
    with no query on every page.
    """

    SLUG = "materials"

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("teaching-materials library")

    def clean(self):
        super().clean()
        if self.slug != self.SLUG:
            raise ValidationError(
                {
                    "slug": _("The library's slug must be %(slug)s: the navigation links it.")
                    % {"slug": self.SLUG}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from courses.materials.selectors import library_context

        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request=request, sub_college=None))
        return context

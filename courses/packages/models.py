"""Vocational training packages (职业培训包): a position and its courses and materials in the editors'
order."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from academy.page_cache import CachedPageMixin


class TrainingPackagePage(CachedPageMixin, Page):
    """A vocational training package (职业培训包): the courses and materials for one position, which an
    enterprise assigns to its people in that position in one step."""

    summary = models.TextField(_("summary"), max_length=500)
    position = models.ForeignKey(
        "courses.Position",
        verbose_name=_("position"),
        on_delete=models.PROTECT,
        related_name="training_packages",
    )

    parent_page_types = ["cms.SubCollegePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("position"),
        InlinePanel("course_links", label=_("Courses"), min_num=1),
        InlinePanel("material_links", label=_("Teaching materials")),
    ]

    class Meta:
        verbose_name = _("vocational training package")
        verbose_name_plural = _("vocational training packages")

    def get_context(self, request, *args, **kwargs):
        from courses.packages.selectors import package_context

        context = super().get_context(request, *args, **kwargs)
        context.update(package_context(request=request, package=self))
        return context


class TrainingPackageCourse(Orderable):
    page = ParentalKey(TrainingPackagePage, on_delete=models.CASCADE, related_name="course_links")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="package_links"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course")


class TrainingPackageMaterial(Orderable):
    page = ParentalKey(TrainingPackagePage, on_delete=models.CASCADE, related_name="material_links")
    material = models.ForeignKey(
        "courses.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="package_links",
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("teaching material")

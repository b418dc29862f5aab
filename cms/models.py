"""Site pages: the academy home and one sub-college per high-risk industry."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from learners.choices import Industry

from .page_cache import CachedPageMixin


class HomePage(CachedPageMixin, Page):
    """The academy home (网络学院): sub-colleges, featured courses, the latest column posts."""

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.SubCollegePage", "courses.CourseSupermarketPage"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_courses", label=_("Featured courses"), max_num=12),
    ]

    class Meta:
        verbose_name = _("academy home")

    def get_sub_colleges(self):
        return SubCollegePage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["sub_colleges"] = self.get_sub_colleges()
        context["featured_courses"] = selectors.featured_courses(home=self)
        context["supermarket"] = selectors.supermarket_page()
        return context


class HomePageFeaturedCourse(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")


class SubCollegePage(CachedPageMixin, Page):
    """A sub-college (分院) for one high-risk industry; its slug is the industry code."""

    industry = models.CharField(_("industry"), max_length=30, choices=Industry.choices, unique=True)
    intro = RichTextField(_("introduction"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]

    content_panels = Page.content_panels + [
        FieldPanel("industry"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
    ]

    class Meta:
        verbose_name = _("sub-college")
        verbose_name_plural = _("sub-colleges")

    def clean(self):
        super().clean()
        if self.industry and self.slug != self.industry:
            raise ValidationError(
                {
                    "slug": _("A sub-college's slug must be its industry code, %(code)s.")
                    % {"code": self.industry}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_cards(courses=self.get_courses())
        return context

    def get_courses(self):
        from courses.selectors import course_list

        return course_list().child_of(self)

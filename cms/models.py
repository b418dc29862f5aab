"""Site pages: the academy home and one sub-college per high-risk industry."""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.rich_text import expand_db_html
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, attribute_rule, check_url

from academy.page_cache import CachedPageMixin
from academy.paginator import WindowCountPaginator
from courses.materials.selectors import library_context
from courses.packages.models import TrainingPackagePage
from courses.selectors import course_cards, course_list
from learners.choices import Industry

from .feeds import PolicyColumnFeed


class HomePage(CachedPageMixin, Page):
    """The academy home (网络学院): sub-colleges, featured courses, the latest column posts."""

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.SubCollegePage",
        "courses.CourseSupermarketPage",
        "courses.MaterialLibraryPage",
        "cms.PolicyColumnPage",
    ]

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
        context["column_posts"] = selectors.latest_column_posts(limit=5)
        context["column"] = selectors.policy_column_page()
        return context


class HomePageFeaturedCourse(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured course")


class SubCollegePage(CachedPageMixin, RoutablePageMixin, Page):
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
    subpage_types = ["courses.CoursePage", "courses.MaterialPage", "courses.TrainingPackagePage"]

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

    def get_training_packages(self):
        """Its live vocational training packages in the editors' order, each with `course_count` (live)."""
        return (
            TrainingPackagePage.objects.live()
            .child_of(self)
            .select_related("position")
            .annotate(
                course_count=models.Count(
                    "course_links", filter=models.Q(course_links__course__live=True), distinct=True
                )
            )
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_cards(courses=self.get_courses())
        return context

    def get_courses(self):
        return course_list().child_of(self)

    @path("materials/", name="materials")
    def materials(self, request):
        """This sub-college's part of the teaching-materials library."""
        # Page's context, not this class's: the library has no use for the sub-college's course list.
        context = super().get_context(request)
        context.update(library_context(request=request, sub_college=self))
        return TemplateResponse(request, "courses/material_library_page.html", context)


class PolicyKind(models.TextChoices):
    POLICY_DOCUMENT = "policy_document", _("Policy document")
    INTERPRETATION = "interpretation", _("Policy interpretation")
    NOTICE = "notice", _("Notice")
    SUBSIDY_RESULT = "subsidy_result", _("Subsidy result announcement")
    NEWS = "news", _("News")


class PolicyPostPageForm(WagtailAdminPageForm):
    """Refuses a go-live time already past: Wagtail would publish such a post at once, silently."""

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        # Only a newly set time: a post that went live on schedule keeps its (now past) go-live time.
        if go_live_at and "go_live_at" in self.changed_data and go_live_at <= timezone.now():
            self.add_error(
                "go_live_at",
                ValidationError(
                    _("The go-live time must be in the future; to publish now, leave it empty."),
                    code="go_live_in_past",
                ),
            )
        return cleaned_data


class PolicyColumnPage(CachedPageMixin, RoutablePageMixin, Page):
    """The 「安全技能提升行动」 publicity column: its posts newest first, by kind and tag, and a feed."""

    intro = RichTextField(_("introduction"), blank=True)

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPostPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    page_size = 10

    class Meta:
        verbose_name = _("policy column")

    def get_posts(self):
        return PolicyPostPage.objects.child_of(self).live().newest_first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = self.get_posts()
        kind = request.GET.get("kind", "")
        tag = request.GET.get("tag", "")
        kind_error = ""
        if kind:
            if kind in PolicyKind.values:
                posts = posts.filter(kind=kind)
            else:
                # An unknown kind lists nothing rather than everything, and says why.
                kind_error = _("There is no kind of post called “%(kind)s”.") % {"kind": kind}
                posts = posts.none()
        if tag:
            posts = posts.filter(tags__name=tag)
        paginator = WindowCountPaginator(posts, self.page_size)
        context.update(
            page_obj=paginator.get_page(request.GET.get("page")),
            paginator=paginator,
            kinds=PolicyKind.choices,
            current_kind=kind,
            current_tag=tag,
            kind_error=kind_error,
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        return PolicyColumnFeed()(request, column=self)


class PolicyPostTag(TaggedItemBase):
    content_object = ParentalKey("cms.PolicyPostPage", on_delete=models.CASCADE, related_name="tagged_items")


class PolicyPostQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-publish_date", "-first_published_at", "-pk")


class _RenderedRichTextWhitelister(Whitelister):
    # Expanded rich text places images with a class naming their alignment.
    element_rules = DEFAULT_ELEMENT_RULES | {
        "img": attribute_rule({"src": check_url, "width": True, "height": True, "alt": True, "class": True})
    }


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text cleaned again when rendered, not only when an editor saves it in the admin.

    The admin's editor can only produce whitelisted HTML, but posts also arrive by code (the demo
    seed, imports); a public notice board must not run whatever markup they carry.
    """

    def render_basic(self, value, context=None):
        return mark_safe(_RenderedRichTextWhitelister().clean(expand_db_html(value.source)))


class PolicyPostBody(blocks.StreamBlock):
    paragraph = CleanRichTextBlock(label=_("Paragraph"))
    table = TableBlock(label=_("Table"))


class PolicyPostPage(CachedPageMixin, Page):
    """One post in the policy column; a subsidy result announcement carries its results as a table."""

    kind = models.CharField(_("kind"), max_length=20, choices=PolicyKind.choices, default=PolicyKind.NEWS)
    publish_date = models.DateField(
        _("publish date"), default=timezone.localdate, help_text=_("The date shown on the post.")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(PolicyPostBody(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=PolicyPostTag, blank=True, verbose_name=_("tags"))
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("attachment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(PolicyPostQuerySet)()

    parent_page_types = ["cms.PolicyColumnPage"]
    subpage_types = []
    base_form_class = PolicyPostPageForm

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("publish_date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("attachment"),
        InlinePanel("related_links", label=_("Related posts")),
    ]

    class Meta:
        verbose_name = _("policy column post")
        verbose_name_plural = _("policy column posts")

    def get_related_posts(self) -> list["PolicyPostPage"]:
        ids = list(self.related_links.order_by("sort_order").values_list("post_id", flat=True))
        by_id = PolicyPostPage.objects.live().filter(pk__in=ids).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_posts"] = self.get_related_posts()
        context["print_view"] = request.GET.get("print") == "1"
        return context


class PolicyPostRelatedLink(Orderable):
    page = ParentalKey(PolicyPostPage, on_delete=models.CASCADE, related_name="related_links")
    post = models.ForeignKey(
        PolicyPostPage, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("post")]

    class Meta(Orderable.Meta):
        verbose_name = _("related post")

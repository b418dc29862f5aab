"""The catalogue's vocabularies: levels (fixed), specialties and positions (snippets editors keep; a
position's name is the roster's wording). Courses, materials and training packages are classified by them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

# Django finds an app's models in its `models` module: those of the sub-packages are imported here,
# after the catalogue's own, which they refer to.


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")
    SPECIALIZED = "specialized", _("Specialized")


class Taxonomy(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Specialty(Taxonomy):
    """A specialty (分专业), e.g. hazardous-chemical processes or electrical work."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")


@register_snippet
class Position(Taxonomy):
    """A position (分岗位) in a plant, e.g. gas inspector or hoist operator."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("position")
        verbose_name_plural = _("positions")

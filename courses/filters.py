"""The catalogue's filters, shared by the supermarket page and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from courses.materials.models import MaterialFormat, MaterialPage
from courses.models import CoursePage, Level
from courses.selectors import catalogue_vocabulary, page_search
from learners.choices import Industry, Role


def in_sub_college_of(*, queryset, industry: str):
    """The pages of `queryset` in the sub-college of `industry` (none if it has no sub-college)."""
    # Courses and materials live directly under their sub-college, so the sub-college's
    # tree path is a prefix of theirs.
    path = catalogue_vocabulary().sub_college_path(industry)
    return queryset.filter(path__startswith=path) if path else queryset.none()


SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "class_hours": ("class_hours", "-first_published_at", "-pk"),
    "-class_hours": ("-class_hours", "-first_published_at", "-pk"),
}


class CatalogueFilterMixin:
    """What the course and the material filters share: the specialty and position choices from the
    cached catalogue vocabulary, the industry as a sub-college, and the Chinese text search."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocabulary = catalogue_vocabulary()
        self.filters["specialty"].extra["choices"] = vocabulary.specialties
        self.filters["position"].extra["choices"] = vocabulary.positions

    def filter_industry(self, queryset, name, value):
        return in_sub_college_of(queryset=queryset, industry=value)

    def filter_text(self, queryset, name, value):
        return page_search(queryset=queryset, text=value)


class CourseFilterSet(CatalogueFilterMixin, django_filters.FilterSet):
    """Every parameter is a plain GET value, so a result page can be bookmarked.

    An unknown value makes the form invalid: the API answers 400 with the reason,
    the page shows the reason and no courses.
    """

    industry = django_filters.ChoiceFilter(
        label=_("Industry"), choices=Industry.choices, method="filter_industry", empty_label=_("All")
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=Role.choices, field_name="audience_links__role", empty_label=_("All")
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices, empty_label=_("All"))
    # Choices are filled in __init__ from the cached catalogue vocabulary.
    specialty = django_filters.ChoiceFilter(
        label=_("Specialty"), field_name="specialties__slug", empty_label=_("All")
    )
    position = django_filters.ChoiceFilter(
        label=_("Position"), field_name="positions__slug", empty_label=_("All")
    )
    hours_min = django_filters.NumberFilter(
        label=_("At least (class hours)"), field_name="class_hours", lookup_expr="gte", min_value=0
    )
    hours_max = django_filters.NumberFilter(
        label=_("At most (class hours)"), field_name="class_hours", lookup_expr="lte", min_value=0
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[
            ("newest", _("Newest")),
            ("class_hours", _("Fewest class hours")),
            ("-class_hours", _("Most class hours")),
        ],
        method="sort_last",
        empty_label=None,
    )

    class Meta:
        model = CoursePage
        fields = []

    def sort_last(self, queryset, name, value):
        # Applied in filter_queryset() instead, after a text search has ordered by relevance.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if sort := self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORTS[sort])
        return queryset


class SupermarketFilterSet(CourseFilterSet):
    """The supermarket page's parameters: the text is `q`."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)


class CourseApiFilterSet(CourseFilterSet):
    """The API's parameters: the text is `search`, as usual for DRF."""

    search = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)


class MaterialFilterSet(CatalogueFilterMixin, django_filters.FilterSet):
    """The teaching-materials library's parameters, plain GET values as in the supermarket.

    An unknown value makes the form invalid: the page shows the reason and no materials. In one
    sub-college's library (`sub_college` given) the industry is that sub-college's, not a choice.
    """

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)
    industry = django_filters.ChoiceFilter(
        label=_("Industry"), choices=Industry.choices, method="filter_industry", empty_label=_("All")
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices, empty_label=_("All"))
    # Choices are filled in __init__ from the cached catalogue vocabulary.
    specialty = django_filters.ChoiceFilter(
        label=_("Specialty"), field_name="specialties__slug", empty_label=_("All")
    )
    position = django_filters.ChoiceFilter(
        label=_("Position"), field_name="positions__slug", empty_label=_("All")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=MaterialFormat.choices, empty_label=_("All")
    )

    class Meta:
        model = MaterialPage
        fields = []

    def __init__(self, *args, sub_college=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sub_college is not None:
            del self.filters["industry"]

"""The people API's filters (django-filter). Every filter narrows a list that already starts from
`learners.access`, so a filter can only ever hide rows, never reveal one.

An unknown value (a role that does not exist, an id that is not a number) is a 400 with the reason.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from academy.api import MAX_ID

from .choices import Industry, Prefecture, Role
from .models import Certificate, CertificateKind, EmploymentType, Engagement, Enterprise, Learner
from .selectors import people_engaged


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A primary key: a whole number in the range a path id may take."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class EnterpriseFilterSet(filters.FilterSet):
    industry = filters.ChoiceFilter(label=_("Industry"), choices=Industry.choices)
    prefecture = filters.ChoiceFilter(label=_("Prefecture"), choices=Prefecture.choices)
    name = filters.CharFilter(label=_("Name contains"), lookup_expr="icontains", max_length=200)

    class Meta:
        model = Enterprise
        fields = []


class LearnerFilterSet(filters.FilterSet):
    """The engagement filters apply together to one engagement: `enterprise=3&role=team_leader` means
    a team leader at enterprise 3, not a team leader somewhere who also worked at enterprise 3."""

    name = filters.CharFilter(label=_("Name contains"), lookup_expr="icontains", max_length=50)
    enterprise = IdFilter(label=_("Engaged with enterprise (id)"), method="engagement_criterion")
    role = filters.ChoiceFilter(label=_("Role"), choices=Role.choices, method="engagement_criterion")
    employment_type = filters.ChoiceFilter(
        label=_("Employment type"), choices=EmploymentType.choices, method="engagement_criterion"
    )
    position = filters.CharFilter(label=_("Position contains"), max_length=100, method="engagement_criterion")
    current = filters.BooleanFilter(
        label=_("Currently engaged (true) or only formerly (false)"), method="engagement_criterion"
    )

    class Meta:
        model = Learner
        fields = []

    def engagement_criterion(self, queryset, name, value):
        # Applied together in filter_queryset(), which sees all of them at once.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        return people_engaged(
            queryset,
            user=self.request.user,
            enterprise_id=data.get("enterprise"),
            role=data.get("role") or "",
            employment_type=data.get("employment_type") or "",
            position=data.get("position") or "",
            current=data.get("current"),
        )


class EngagementFilterSet(filters.FilterSet):
    learner = IdFilter(label=_("Learner (id)"), field_name="learner_id")
    enterprise = IdFilter(label=_("Enterprise (id)"), field_name="enterprise_id")
    role = filters.ChoiceFilter(label=_("Role"), choices=Role.choices, field_name="roles__role")
    employment_type = filters.ChoiceFilter(label=_("Employment type"), choices=EmploymentType.choices)
    current = filters.BooleanFilter(
        label=_("Current (true) or ended or not yet begun (false)"), method="by_current"
    )

    class Meta:
        model = Engagement
        fields = []

    def by_current(self, queryset, name, value):
        current = queryset.current(timezone.localdate())
        return current if value else queryset.exclude(pk__in=current.values("pk"))


class CertificateFilterSet(filters.FilterSet):
    learner = IdFilter(label=_("Learner (id)"), field_name="learner_id")
    kind = filters.ChoiceFilter(label=_("Kind"), choices=CertificateKind.choices)

    class Meta:
        model = Certificate
        fields = []

"""The enterprises an authority user (or an administrator of several) may see, with their head counts."""

import django_filters
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.excel import xlsx_response
from academy.paginator import WindowCountPaginator

from ..access import viewer_scope
from ..choices import Industry, Prefecture
from ..models import Enterprise
from ..selectors import enterprise_list

PAGE_SIZE = 50


class EnterpriseFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=gettext_lazy("Enterprise name"), lookup_expr="icontains")
    industry = django_filters.ChoiceFilter(label=gettext_lazy("Industry"), choices=Industry.choices)
    prefecture = django_filters.ChoiceFilter(label=gettext_lazy("Prefecture"), choices=Prefecture.choices)

    class Meta:
        model = Enterprise
        fields = ["name", "industry", "prefecture"]


@login_required
def enterprise_index(request):
    if not viewer_scope(request.user).sees_enterprises:
        raise PermissionDenied(_("Only authority users and enterprise administrators see enterprises."))
    filterset = EnterpriseFilterSet(request.GET, queryset=enterprise_list(user=request.user))
    enterprises = filterset.qs if filterset.is_valid() else Enterprise.objects.none()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename=_("enterprises.xlsx"),
            title=_("Enterprises"),
            headers=[
                _("Enterprise name"),
                _("Unified social credit code"),
                _("Industry"),
                _("Prefecture"),
                _("Size"),
                _("People"),
            ],
            rows=(
                [
                    e.name,
                    e.credit_code,
                    e.get_industry_display(),
                    e.get_prefecture_display(),
                    e.get_size_display(),
                    e.people_count,
                ]
                for e in enterprises
            ),
        )
    page = WindowCountPaginator(enterprises, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learners/enterprise_index.html",
        {"filterset": filterset, "page_obj": page, "paginator": page.paginator},
    )

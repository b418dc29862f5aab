"""The Wagtail admin's "Class hours and credits" menu: the conversion standard and the training
requirements (`credits.rules.admin`) and the credit bank's entries (`credits.bank.admin`)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from credits.bank.admin import BankEntryViewSet
from credits.rules.admin import ConversionStandardViewSet, RequirementViewSet


class ClassHoursViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Class hours and credits")
    menu_icon = "time"
    menu_order = 260
    items = (ConversionStandardViewSet, RequirementViewSet, BankEntryViewSet)


@hooks.register("register_admin_viewset")
def register_class_hours_viewsets():
    return ClassHoursViewSetGroup()

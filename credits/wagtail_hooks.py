"""The Wagtail admin's "Class hours and credits" menu: the conversion standard and the training
requirements, both versioned by the day they take effect, and the credit bank's entries.

Wagtail's model permissions decide who may open these screens (`credits.view_/add_/change_/
delete_conversionstandard` and `..._requirement`; superusers have them all). What may be saved is the
services' decision (`credits.standard`, `credits.requirements`): the views call them, so a version that
has taken effect is never changed or deleted here either, and their refusals show as form errors. Such a
version can only be inspected; a change to it is a later version (the "Copy" action starts one).

The credit bank's entries are listed here too, append-only: no edit and no delete. "Add" records a
correction (`credits.bank.bank_entry_correct`) and "Reverse" reverses one entry in full
(`bank_entry_reverse`); both need `credits.add_bankentry`, listing and inspecting `view_bankentry`. Rows
are those of the people the user may see (`learners.access`); any other entry is a 404.
"""

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
